package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.epos.sensing.AreaTraffic;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.evaluation.DetectedVehicles;
import org.swarmsense.epos.sensing.evaluation.DetectionReport;
import org.swarmsense.epos.sensing.mission.Mission;

/**
 * {@code bench sensing --detect --diagnose}: its counts on {@link MissionDetectionTest}'s scripted
 * mission (two cars under one drone the whole window, so every count is known), and its two noise
 * intervals against textbook values.
 */
class DetectDiagnosisTest {

  @Test
  void theScriptedMissionsCountsAddUp(@TempDir Path dir) throws Exception {
    MissionDetectionTest.Scripted m = MissionDetectionTest.Scripted.in(dir);
    MissionPlanner.Result result = m.result();
    Mission mission = result.mission();
    AreaTraffic traffic = m.traffic();
    MissionDetection.Flights flights = new MissionDetection.Flights(mission, result.energy(), traffic, m.camera(),
        MissionDetectionTest.finds(Set.of("a", "b"), false), m.settings(), false, line -> { });
    DetectionReport report = flights.finish(result);
    MissionPlanner.Run run = result.runs().get(0);
    Map<Strategy, DetectedVehicles> figures = report.perRun().get(0);

    List<MissionDetection.FlownFrame> frames = flights.frames(0, Strategy.I_EPOS);
    double hoverS = Arrays.stream(DetectDiagnosis.flownHover(frames, run.problem())).sum();
    assertTrue(hoverS > 0, "the drone hovers: " + hoverS + " s");
    // both cars found in every frame: each frame's first-detected vehicle-seconds add up to the figure
    double[] c = DetectDiagnosis.contributions(frames, DemandVehicleSeconds.of(traffic), traffic.startS());
    assertEquals(figures.get(Strategy.I_EPOS).detectedVehicleSeconds(), Arrays.stream(c).sum(), 0.0);
    assertEquals(2 * hoverS, Arrays.stream(c).sum(), 0.0);

    StringWriter out = new StringWriter();
    DetectDiagnosis.print(run, 0, flights, figures, Strategy.RANDOM, mission.planner().cost(),
        new PrintWriter(out, true));
    String text = out.toString();
    assertTrue(text.contains("camera footprint 69.3 x 69.3 m at 60 m altitude, 12.0 % of a 200 m cell's area"),
        text);
    String row = text.lines().filter(l -> l.startsWith("I-EPOS ")).findFirst().orElseThrow();
    String[] f = row.trim().split("\\s+");
    // strategy, plan s, flown, cells, c-s, same, lag, fc plan, forecast, in cell, in view, tunnel, camera,
    // frames, GT, TP
    assertEquals(hoverS, Double.parseDouble(f[2]), 0.0, row);
    assertEquals("1", f[3], row);
    assertEquals(2 * hoverS, Double.parseDouble(f[9]), 0.0, "both cars are in the cell every second: " + row);
    assertEquals(2 * hoverS, Double.parseDouble(f[10]), 0.0, "and in view: " + row);
    assertEquals(0, Double.parseDouble(f[11]), 0.0, "no tunnel on an empty map: " + row);
    assertEquals(2 * hoverS, Double.parseDouble(f[12]), 0.0, "two truth boxes x the seconds: " + row);
    assertEquals(frames.size(), Integer.parseInt(f[13]), row);
    assertEquals(2 * frames.size(), Integer.parseInt(f[14]), row);
    assertEquals(2 * frames.size(), Integer.parseInt(f[15]), row);
    long twice = (long) (2 * hoverS);
    assertTrue(text.contains("credited while the vehicle is in the hovered cell (a frame's matches count for the seconds it"
        + " stands for): I-EPOS " + twice + " of " + twice), "both cars stay in the one cell: " + text);
    assertTrue(text.contains("bootstrap over frames (" + DetectDiagnosis.BOOTSTRAP_RESAMPLES + " resamples, seed "
        + DetectDiagnosis.BOOTSTRAP_SEED + ")"), "the seed is printed: " + text);
  }

  @Test
  void poissonRatioIntervalIsTheClopperPearsonIntervalMapped() {
    // n = 20, x = 10: the Clopper-Pearson 95 % interval of pi is 0.2720 .. 0.7280 (tables), so the
    // ratio's is 0.2720 / 0.7280 .. 0.7280 / 0.2720
    double[] even = DetectDiagnosis.poissonRatioInterval(10, 10, 0.05);
    assertEquals(0.3736, even[0], 5e-4);
    assertEquals(2.677, even[1], 5e-3);
    // x = 0 of n = 5: lower 0, upper pi = 1 - 0.025^(1/5) = 0.52182
    double[] none = DetectDiagnosis.poissonRatioInterval(0, 5, 0.05);
    assertEquals(0, none[0], 0.0);
    double pi = 1 - Math.pow(0.025, 1.0 / 5);
    assertEquals(pi / (1 - pi), none[1], 1e-6);
    // x = n: the upper end is unbounded
    assertEquals(Double.POSITIVE_INFINITY, DetectDiagnosis.poissonRatioInterval(4, 0, 0.05)[1]);
  }

  @Test
  void bootstrapRatioOfConstantFramesIsExactAndOfOneLuckyFrameIsWide() {
    assertArrayEquals(new double[] {2, 2, 1}, DetectDiagnosis.bootstrapRatio(new double[] {2, 2, 2},
        new double[] {1, 1, 1}, 500, 7), 0.0);
    // a's total rests on one frame of three: a resample's ratio is k, the times it draws that frame
    // (binomial(3, 1/3)): P(k = 0) = 8/27 and P(k = 3) = 1/27 both exceed 2.5 %, so the interval is 0 .. 3,
    // and the goal ratio 1.46 is reached iff k >= 2, probability 7/27
    long seed = 20261202L;
    double[] r = DetectDiagnosis.bootstrapRatio(new double[] {0, 0, 6}, new double[] {2, 2, 2}, 20_000, seed);
    System.out.println("bootstrap seed " + seed + ": " + Arrays.toString(r));
    assertEquals(0, r[0], 0.0);
    assertEquals(3, r[1], 0.0);
    assertEquals(7.0 / 27, r[2], 0.02, "seed " + seed);
  }
}
