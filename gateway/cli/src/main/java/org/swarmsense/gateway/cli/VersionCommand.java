package org.swarmsense.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code swarmsense version}: the product version and the runtime it runs on. */
@Command(name = "version", description = "Print the swarmsense version and the Java runtime.")
final class VersionCommand implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getOut()
        .printf(
            "swarmsense %s%njava %s (%s)%n",
            SwarmsenseCli.version(),
            System.getProperty("java.version"),
            System.getProperty("java.vm.name"));
    return 0;
  }
}
