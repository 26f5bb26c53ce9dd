package org.swarmsense.gateway.cli;

import org.swarmsense.edge.offload.PatchDefencePolicy;
import picocli.CommandLine;

/** Reads an edge node's patch defence policy on the command line: {@code off}, {@code on-request} or {@code always}. */
final class PatchDefenceOption implements CommandLine.ITypeConverter<PatchDefencePolicy> {
  @Override
  public PatchDefencePolicy convert(String value) {
    try {
      return PatchDefencePolicy.parse("the patch defence", value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
