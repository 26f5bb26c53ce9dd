package org.swarmsense.epos.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.epos.sensing.report.ReportWriter;

/** The shipped example missions (in the repository's examples/ folder) plan and report. */
class ExampleMissionsTest {

  static Path example(String name) {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path f = p.resolve("examples").resolve(name);
      if (Files.isRegularFile(f)) {
        return f;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("examples/" + name + " not found above "
        + Path.of("").toAbsolutePath());
  }

  @Test
  void monacoExamplePlansEveryFleetSize(@TempDir Path out) {
    Mission m = MissionReader.read(example("monaco-sumo.yaml"));
    MissionPlanner.Result r = MissionPlanner.plan(m, s -> { });
    assertEquals(3, r.runs().size());
    ReportWriter.write(r, out);
    assertTrue(Files.exists(out.resolve("report.html")));
  }

  @Test
  void athensExamplePlansEveryFleetSize(@TempDir Path out) {
    Mission m = MissionReader.read(example("pneuma-athens-scarce.yaml"));
    MissionPlanner.Result r = MissionPlanner.plan(m, s -> { });
    assertEquals(3, r.runs().size());
    for (MissionPlanner.Run run : r.runs()) {
      double epos = run.results().get(Strategy.I_EPOS).metrics().mismatchPercent();
      assertTrue(epos < run.results().get(Strategy.RANDOM).metrics().mismatchPercent());
      assertTrue(epos < run.results().get(Strategy.GREEDY).metrics().mismatchPercent());
    }
    ReportWriter.write(r, out);
    assertTrue(Files.exists(out.resolve("plans.geojson")));
  }
}
