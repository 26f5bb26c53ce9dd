package org.swarmsense.semantic.control.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.semantic.control.EdgeSplit;

class ControlBenchTest {

  @Test
  void spreadIsMeanSampleStdDevAndRange() {
    // 1, 2, 3: mean 2, sample variance (1 + 0 + 1) / 2 = 1; scaled by 100.
    assertEquals("200.000 +- 100.000 (100.000..300.000)", ControlBench.spread(new double[] {1, 2, 3}, 100));
    assertEquals("0.500 +- 0.000 (0.500..0.500)", ControlBench.spread(new double[] {0.5}, 1));
    assertThrows(IllegalArgumentException.class, () -> ControlBench.runSeeds(ControlBench.Options.quick(
        Path.of("unused")), 0, System.out));
  }

  @Test
  void quickRunTrainsSavesEvaluatesAndPrintsThePaperFigures(@TempDir Path dir) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ControlBench.Report report = ControlBench.run(ControlBench.Options.quick(dir),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(out);
    assertEquals(3, report.rows().size());
    for (ControlBench.Row row : report.rows()) {
      assertEquals(List.of("ddpg", "td3+nbr", "ddpg+anc", "myopic", "static", "all-edge"), List.copyOf(row.results().keySet()));
      for (String learner : List.of("ddpg", "td3+nbr", "ddpg+anc")) {
        Path policy = dir.resolve("control-" + learner + "-" + (long) row.bandwidthMhz() + "MHz.policy");
        assertTrue(Files.isRegularFile(policy), policy.toString());
      }
      assertEquals(0, row.results().get("static").runningViolation(), "static meets its targets");
    }
    // the paper's ratios appear next to ours: 1.200 and 1.420 at 5 MHz, 1/(1-0.19) = 1.235 at 20 MHz, 1.980 split
    for (String figure : List.of("1.200", "1.420", "1.235", "1.333", "1.150", "1.310", "1.980")) {
      assertTrue(out.contains(figure), "missing paper figure " + figure);
    }
    // the closed form never loses to the other splits on the same decisions
    double closed = report.splitDelayS().get(EdgeSplit.CLOSED_FORM);
    assertTrue(closed <= report.splitDelayS().get(EdgeSplit.EQUAL), report.splitDelayS().toString());
    assertTrue(closed <= report.splitDelayS().get(EdgeSplit.PROPORTIONAL), report.splitDelayS().toString());
  }

  @Test
  void badOptionsNameTheField(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ControlBench.Options(0, 200, 10, List.of(20.0), false, false, dir));
    assertTrue(e.getMessage().contains("episodes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ControlBench.Options(1, 200, 10, List.of(-20.0), false, false, dir));
    assertTrue(e.getMessage().contains("bandwidthsMhz") && e.getMessage().contains("-20"), e.getMessage());
  }
}
