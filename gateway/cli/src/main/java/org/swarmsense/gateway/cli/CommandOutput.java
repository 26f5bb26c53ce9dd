package org.swarmsense.gateway.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The command line's output writer as a UTF-8 {@link PrintStream}, for library entries that print
 * to a stream (picocli prints through a {@link PrintWriter}, which tests capture). Not thread-safe
 * beyond what {@link PrintStream} gives.
 */
final class CommandOutput {
  private CommandOutput() {}

  /** A stream onto {@code spec}'s output writer, flushed at every line. */
  static PrintStream of(CommandLine.Model.CommandSpec spec) {
    PrintWriter writer = spec.commandLine().getOut();
    return new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        writer.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        writer.write(new String(b, off, len, StandardCharsets.UTF_8));
      }

      @Override
      public void flush() {
        writer.flush();
      }
    }, true, StandardCharsets.UTF_8);
  }
}
