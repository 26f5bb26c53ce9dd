package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mission plan MISSION --detect --quick} on a small piece of Monaco (the shipped map and
 * traffic, two drones, two minutes) with the project's vehicle detector (the default): report.json
 * carries, for every strategy of every run, {@code detectedVehiclesPercent} in [0, 100], {@code
 * detectionsPerKj} and the frame counts; a mission without {@code demand.map} is refused naming it.
 */
class MissionDetectCommandTest {

  private static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("NOTICE"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("no repository root (examples/ + NOTICE) above " + Path.of("").toAbsolutePath());
  }

  private static Path mission(Path dir, boolean withMap) throws Exception {
    Path data = repositoryRoot().resolve("examples/data");
    String yaml = """
        name: monaco-port-small
        area: {bbox: [7.4200, 43.7320, 7.4270, 43.7370]}
        cellSizeM: 200
        window: {startS: 0, endS: 120, slotS: 60}
        bases:
          - [7.4236, 43.7347]
        drones: {count: [2], plansPerDrone: 4, batterySwapS: 60}
        demand:
          source: sumo
          path: %s
        %s
        coverageTarget: 2
        planner: {iterations: 5, seed: 1}
        """.formatted(data.resolve("monaco-sumo-mix-fcd-300s.xml.gz"),
        withMap ? "  map: " + data.resolve("monaco.osm.gz") : "");
    Path f = dir.resolve(withMap ? "small.yaml" : "small-no-map.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void detectWritesTheMeasuredFieldsForEveryStrategy(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    SwarmsenseCliTest.Run r = SwarmsenseCliTest.run("mission", "plan", mission(dir, true).toString(), "--detect",
        "--quick", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("detect: frames"), "progress: " + r.err());
    assertTrue(r.out().contains("I-EPOS / best uncoordinated"), r.out());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(2, report.get("version").asInt());
    assertEquals("vehicle-plain", report.get("detection").get("detector").asText());
    JsonNode runs = report.get("runs");
    assertEquals(1, runs.size());
    List<String> strategies = List.of("I-EPOS", "random", "greedy", "even-coverage", "local-search");
    int frames = 0;
    for (String s : strategies) {
      JsonNode st = runs.get(0).get("strategies").get(s);
      assertTrue(st != null && st.has("detectedVehiclesPercent"), s + " lacks detectedVehiclesPercent: " + st);
      double pct = st.get("detectedVehiclesPercent").asDouble(Double.NaN);
      assertTrue(pct >= 0 && pct <= 100, s + ": detectedVehiclesPercent " + pct);
      double perKj = st.get("detectionsPerKj").asDouble(Double.NaN);
      assertTrue(perKj >= 0, s + ": detectionsPerKj " + perKj);
      JsonNode d = st.get("detection");
      assertTrue(d.get("demandVehicleSeconds").asDouble() > 0, s + ": " + d);
      frames += d.get("frames").asInt();
    }
    assertTrue(frames > 0, "some strategy captured frames");
    assertTrue(runs.get(0).get("iEposRatios").get("greedy").has("detectedVehiclesPercent"));
    assertTrue(Files.readString(out.resolve("report.html")).contains("Measured detection"), "report.html shows it");
  }

  @Test
  void detectWithoutAMapIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
    SwarmsenseCliTest.Run r = SwarmsenseCliTest.run("mission", "plan", mission(dir, false).toString(), "--detect",
        "--quick", "--out", dir.resolve("out").toString());
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().contains("demand.map"), r.err());
  }

  @Test
  void quickOrDetectorWithoutDetectIsRefusedByPlanAndBenchAlike(@TempDir Path dir) throws Exception {
    // one DetectOptions mixin: the same check in both commands, before any planning or detecting
    SwarmsenseCliTest.Run plan = SwarmsenseCliTest.run("mission", "plan", mission(dir, true).toString(), "--quick",
        "--out", dir.resolve("out").toString());
    SwarmsenseCliTest.Run bench = SwarmsenseCliTest.run("bench", "sensing", "--detector",
        dir.resolve("none.onnx").toString());
    for (SwarmsenseCliTest.Run r : List.of(plan, bench)) {
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains("--quick and --detector need --detect"), r.err());
    }
    assertFalse(Files.exists(dir.resolve("out")), "nothing written");
  }

  @Test
  void benchDetectHoldsIEposToTheEnergyOfTheBestBaselineByDetectionOrTheRuleAskedFor(@TempDir Path dir)
      throws Exception {
    Path m = mission(dir, true);
    // the default: the budget is the energy of the baseline the verdict compares with
    SwarmsenseCliTest.Run r = SwarmsenseCliTest.run("bench", "sensing", "--detect", "--quick", "--missions",
        m.toString());
    assertEquals(0, r.exitCode(), r.err());
    java.util.regex.Matcher budget = java.util.regex.Pattern.compile("I-EPOS energy budget: ([0-9.]+) kJ, the energy of"
        + " the best uncoordinated baseline by detected vehicles \\(([a-z-]+), ([0-9.]+) %\\); I-EPOS used ([0-9.]+) kJ")
        .matcher(r.out());
    assertTrue(budget.find(), r.out());
    assertTrue(Double.parseDouble(budget.group(4)) <= Double.parseDouble(budget.group(1)), budget.group());
    assertTrue(r.out().contains("I-EPOS / best uncoordinated (" + budget.group(2) + ")"), r.out());
    java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^" + budget.group(2) + " +([0-9.]+) ")
        .matcher(r.out());
    assertTrue(row.find(), r.out());
    assertEquals(row.group(1), budget.group(3), "the budget line names the baseline's detected % of the table");
    assertTrue(r.out().contains("smallest beta at which one drone"), r.out());
    assertTrue(r.out().contains("candidate plans' energy per drone"), r.out());
    assertFalse(r.out().contains("diagnosis,"), "the diagnosis only when asked: " + r.out());

    SwarmsenseCliTest.Run diagnosed = SwarmsenseCliTest.run("bench", "sensing", "--detect", "--quick", "--diagnose",
        "--missions", m.toString());
    assertEquals(0, diagnosed.exitCode(), diagnosed.err());
    assertTrue(diagnosed.out().contains("diagnosis, "), diagnosed.out());
    assertTrue(diagnosed.out().contains("noise on I-EPOS / " + budget.group(2) + ": "), diagnosed.out());

    // the ceiling: within the same budget, so never below the baseline it came from nor below I-EPOS (within it)
    SwarmsenseCliTest.Run ceiling = SwarmsenseCliTest.run("bench", "sensing", "--detect", "--quick", "--ceiling",
        "--missions", m.toString());
    assertEquals(0, ceiling.exitCode(), ceiling.err());
    java.util.regex.Matcher c = java.util.regex.Pattern.compile("detection ceiling within ([0-9.]+) kJ \\(the energy"
        + " of ([a-z-]+); all ([0-9]+) candidate plans flown.*, exact\\): ([0-9]+) vehicle-seconds = [0-9.]+ % at"
        + " ([0-9.]+) kJ, selection \\[.*\\]; x([0-9.]+|NaN) the best uncoordinated, I-EPOS reaches ([0-9.]+|NaN) %"
        + " of it").matcher(ceiling.out());
    assertTrue(c.find(), ceiling.out());
    assertEquals(budget.group(1), c.group(1), "the ceiling's budget is I-EPOS's: " + c.group());
    assertEquals(budget.group(2), c.group(2), c.group());
    assertTrue(Double.parseDouble(c.group(5)) <= Double.parseDouble(c.group(1)) + 1e-3, c.group());
    // the quick mission may detect nothing at all (NaN ratios); where it does, the ceiling bounds both
    assertFalse(Double.parseDouble(c.group(6)) < 1.0, "the baseline is one of the selections searched: " + c.group());
    assertFalse(Double.parseDouble(c.group(7)) > 100.0, "I-EPOS, within the budget, is one of them: " + c.group());
    // and the search: I-EPOS's objective against the exact optimum within its own budget, never below it
    java.util.regex.Matcher o = java.util.regex.Pattern.compile("I-EPOS's objective ([0-9.]+) at ([0-9.]+) kJ; the"
        + " optimum of every selection within ([0-9.]+) kJ: ([0-9.]+) at ([0-9.]+) kJ, selection \\[.*\\] \\(exact, [0-9]+ nodes in [0-9.]+ s\\), detecting x([0-9.]+|NaN) the best uncoordinated;")
        .matcher(ceiling.out());
    assertTrue(o.find(), ceiling.out());
    assertEquals(budget.group(1), o.group(3), o.group());
    assertEquals(budget.group(4), o.group(2), "I-EPOS's energy as the budget line prints it: " + o.group());
    assertFalse(Double.parseDouble(o.group(1)) < Double.parseDouble(o.group(4)), o.group());
    assertFalse(Double.parseDouble(o.group(5)) > Double.parseDouble(o.group(3)) + 1e-3, o.group());

    SwarmsenseCliTest.Run least = SwarmsenseCliTest.run("bench", "sensing", "--detect", "--quick", "--energy-budget",
        "least-uncoordinated", "--missions", m.toString());
    assertEquals(0, least.exitCode(), least.err());
    java.util.regex.Matcher strict = java.util.regex.Pattern.compile("I-EPOS energy budget: ([0-9.]+) kJ, the least"
        + " energy of the uncoordinated baselines \\(([a-z-]+)\\); I-EPOS used ([0-9.]+) kJ").matcher(least.out());
    assertTrue(strict.find(), least.out());
    assertTrue(Double.parseDouble(strict.group(3)) <= Double.parseDouble(strict.group(1)), strict.group());
    assertTrue(Double.parseDouble(strict.group(1)) <= Double.parseDouble(budget.group(1)),
        "the least energy is never above the best baseline's: " + strict.group() + " / " + budget.group());

    SwarmsenseCliTest.Run none = SwarmsenseCliTest.run("bench", "sensing", "--detect", "--quick", "--energy-budget",
        "none", "--missions", m.toString());
    assertEquals(0, none.exitCode(), none.err());
    assertTrue(none.out().contains("I-EPOS planned without an energy budget"), none.out());
  }

  @Test
  void aBadEnergyBudgetIsRefusedNamingTheOptionAndTheValue(@TempDir Path dir) throws Exception {
    Path m = mission(dir, true);
    String[][] probes = {
        {"--detect", "--energy-budget", "most", "--missions", m.toString()},
        {"--energy-budget", "none", "--missions", m.toString()},
        {"--detect", "--no-energy-budget", "--missions", m.toString()},
        {"--diagnose", "--missions", m.toString()},
        {"--ceiling", "--missions", m.toString()},
    };
    String[] messages = {
        "--energy-budget must be least-uncoordinated, best-by-detection or none, not 'most'",
        "--energy-budget needs --detect",
        "Unknown option: '--no-energy-budget'",
        "--diagnose needs --detect",
        "--ceiling needs --detect",
    };
    for (int i = 0; i < probes.length; i++) {
      List<String> args = new java.util.ArrayList<>(List.of("bench", "sensing"));
      args.addAll(List.of(probes[i]));
      SwarmsenseCliTest.Run r = SwarmsenseCliTest.run(args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), args + ": " + r.err());
      assertTrue(r.err().contains(messages[i]), args + ": " + r.err());
      assertFalse(r.err().contains("detect: frames"), "refused before flying: " + r.err());
    }
  }
}
