package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SwarmsenseCliTest {

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsTheVersionCommand() {
    Run r = run("--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("Usage: swarmsense"), r.out());
    assertTrue(r.out().contains("version"), r.out());
  }

  @Test
  void versionNamesProductAndRuntime() {
    Run r = run("version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("swarmsense "), r.out());
    assertTrue(r.out().contains("java " + System.getProperty("java.version")), r.out());
  }

  @Test
  void anUnknownCommandIsAUsageErrorThatNamesIt() {
    Run r = run("fly-to-the-moon");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("fly-to-the-moon"), r.err());
  }

  @Test
  void everyBenchAnswersHelpWithItsUsage() {
    CommandLine bench = SwarmsenseCli.commandLine().getSubcommands().get("bench");
    int checked = 0;
    for (String name : bench.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      Run r = run("bench", name, "--help");
      assertEquals(0, r.exitCode(), "bench " + name + " --help: " + r.err());
      assertTrue(r.out().startsWith("Usage: swarmsense bench " + name), "bench " + name + ": " + r.out());
      checked++;
    }
    assertTrue(checked >= 9, "benches found: " + bench.getSubcommands().keySet());
  }
}
