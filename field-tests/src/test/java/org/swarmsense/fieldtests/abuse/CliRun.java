package org.swarmsense.fieldtests.abuse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.swarmsense.gateway.cli.SwarmsenseCli;
import picocli.CommandLine;

/**
 * One run of the {@code swarmsense} command line inside the test's JVM: its exit code and what it
 * printed on standard output and standard error. The field tests that drive a command through its
 * real parser share it.
 *
 * @param exitCode the command's exit code (2: refused input)
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
public record CliRun(int exitCode, String out, String err) {

  /** Runs {@code swarmsense args...} and captures both streams. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new CliRun(cli.execute(args), out.toString(), err.toString());
  }

  /** As {@link #of(String...)}. */
  public static CliRun of(List<String> args) {
    return of(args.toArray(String[]::new));
  }
}
