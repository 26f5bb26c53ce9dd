package org.swarmsense.gateway.cli;

import org.swarmsense.maps.SharedData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swarmsense epos} and {@code swarmsense bench epos} end to end, on the shared gaussian data. */
class EposCommandTest {
  @TempDir Path tmp;

  static Path eposData() {
    return SharedData.folder("epos");
  }

  /** The Run-* columns of a metric CSV equal the reference's to 1e-9 relative (Mean and Stdev are not compared). */
  private static void assertRunColumns(Path expected, Path actual) throws IOException {
    List<String> e = Files.readAllLines(expected);
    List<String> a = Files.readAllLines(actual);
    assertEquals(e.size(), a.size(), actual.toString());
    assertEquals(e.get(0), a.get(0));
    for (int i = 1; i < e.size(); i++) {
      String[] x = e.get(i).split(",");
      String[] y = a.get(i).split(",");
      assertEquals(x.length, y.length, actual + " line " + (i + 1));
      assertEquals(x[0], y[0]);
      for (int c = 3; c < x.length; c++) {
        double v = Double.parseDouble(x[c]);
        assertEquals(v, Double.parseDouble(y[c]), 1e-9 * Math.abs(v), actual + " line " + (i + 1) + " column " + (c + 1));
      }
    }
  }

  /** As {@code main} runs it: the epos-only command line, then the same checks. */
  @Test
  void eposFastPathReproducesTheGoldenFilesAndPrintsTheTimeSplit() throws IOException {
    Path out = tmp.resolve("fast");
    String[] args = {"epos", "--dataset", eposData().resolve("gaussian").toString(), "--plans", "10",
        "--repetitions", "5", "--out", out.toString(), "--verbose"};
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = SwarmsenseCli.commandLineFor(args);
    cli.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true));
    cli.setErr(new java.io.PrintWriter(err, true));
    assertEquals(0, cli.execute(SwarmsenseCli.argumentsFor(args)), err.toString());
    Path ref = eposData().resolve("reference-output");
    assertEquals(Files.readAllLines(ref.resolve("selected-plans.csv")), Files.readAllLines(out.resolve("selected-plans.csv")));
    assertTrue(err.toString().matches("(?s).*time split: start-up .* s, settings .* s, reading .* s,"
        + " other checks .* s, planning .* s, writing .* s, total .* s.*"), err.toString());
    String[] bad = {"epos", "--dataset", tmp.resolve("missing").toString(), "--out", out.toString()};
    java.io.StringWriter err2 = new java.io.StringWriter();
    picocli.CommandLine cli2 = SwarmsenseCli.commandLineFor(bad);
    cli2.setErr(new java.io.PrintWriter(err2, true));
    assertEquals(2, cli2.execute(SwarmsenseCli.argumentsFor(bad)));
    assertTrue(err2.toString().contains("dataset folder does not exist"), err2.toString());
  }

  @Test
  void referenceRunReproducesTheGoldenFiles() throws IOException {
    Path out = tmp.resolve("out");
    var r = SwarmsenseCliTest.run("epos", "--dataset", eposData().resolve("gaussian").toString(),
        "--plans", "10", "--repetitions", "5", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    Path ref = eposData().resolve("reference-output");
    assertEquals(Files.readAllLines(ref.resolve("selected-plans.csv")), Files.readAllLines(out.resolve("selected-plans.csv")));
    assertEquals(Files.readAllLines(ref.resolve("global-response.csv")), Files.readAllLines(out.resolve("global-response.csv")));
    assertRunColumns(ref.resolve("global-cost.csv"), out.resolve("global-cost.csv"));
    assertRunColumns(ref.resolve("local-cost.csv"), out.resolve("local-cost.csv"));
    assertRunColumns(ref.resolve("unfairness.csv"), out.resolve("unfairness.csv"));
    assertTrue(Files.exists(out.resolve("unfairness.csv")) && Files.exists(out.resolve("global-complex-cost.csv")));
    assertTrue(r.out().matches("(?s)run 0: global cost 6\\.7575801128276\\d* -> 4\\.30442545958088\\d*,.*"), r.out());
    assertTrue(r.err().contains("repetition 5/5 iteration 40/40"), r.err());
  }

  @Test
  void configFileWithReferenceKeysGivesTheSameRun() throws IOException {
    Path conf = tmp.resolve("epos.properties");
    Files.writeString(conf, "numSimulations=2\nnumPlans=10\nnumIterations=40\nnumChildren=2\nnumAgents=11\n"
        + "planDim=100\nglobalCostFunction=VAR\nlocalCostFunction=INDEX\nalpha=0\nbeta=0\n"
        + "dataset=" + eposData().resolve("gaussian").toString().replace("\\", "/") + "\n");
    Path out = tmp.resolve("out");
    var r = SwarmsenseCliTest.run("epos", "--config", conf.toString(), "--out", out.toString(), "--engine", "messages");
    assertEquals(0, r.exitCode(), r.err());
    List<String> ref = Files.readAllLines(eposData().resolve("reference-output/selected-plans.csv"));
    assertEquals(ref.subList(0, 1 + 2 * 40), Files.readAllLines(out.resolve("selected-plans.csv")));
  }

  @Test
  void badInputIsOneClearLineAndExitCode2() throws IOException {
    String gaussian = eposData().resolve("gaussian").toString();
    String out = tmp.resolve("o").toString();
    var r = SwarmsenseCliTest.run("epos", "--dataset", gaussian, "--cost", "SQR", "--out", out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("needs a goal") && r.err().contains("zero.target"), r.err());
    r = SwarmsenseCliTest.run("epos", "--dataset", gaussian, "--cost", "MSE", "--out", out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("MSE"), r.err());
    r = SwarmsenseCliTest.run("epos", "--dataset", tmp.resolve("missing").toString(), "--out", out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("does not exist"), r.err());
    Path conf = tmp.resolve("c.properties");
    Files.writeString(conf, "convergenceTolerance=0.5\n");
    r = SwarmsenseCliTest.run("epos", "--dataset", gaussian, "--config", conf.toString(), "--out", out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("c.properties:1") && r.err().contains("convergenceTolerance"), r.err());
  }

  @Test
  void goalCostWithConstraintRuns() throws IOException {
    Path out = tmp.resolve("out");
    var r = SwarmsenseCliTest.run("epos", "--dataset", eposData().resolve("gaussian").toString(),
        "--goal", eposData().resolve("gaussian/linear increase.target").toString(), "--cost", "L1",
        "--constraint", "0<=0", "--iterations", "10", "--reorg", "periodically", "--reorg-period", "4",
        "--alpha", "0.1", "--beta", "0.1", "--local-cost", "INDEX", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> g = Files.readAllLines(out.resolve("global-response.csv"));
    assertEquals(11, g.size());
    double last = Double.parseDouble(g.get(10).split(",")[2]);
    assertTrue(last <= 0, "dimension 0 is capped at 0, got " + last);
  }

  @Test
  void benchPrintsATableRowPerSize() {
    var r = SwarmsenseCliTest.run("bench", "epos", "--sizes", "100,300", "--iterations", "5", "--dim", "10");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("agent-it/s") && r.out().contains("speed-up"), r.out());
    assertEquals(4, r.out().lines().count(), r.out());
    assertTrue(r.out().lines().skip(2).allMatch(l -> l.trim().matches("(100|300)\\s.*")), r.out());
  }
}
