package org.swarmsense.epos.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.epos.sensing.report.ReportWriter;
import org.swarmsense.maps.SharedData;

/**
 * Every mission in the repository's {@code examples/} folder plans and reports on the data the
 * repository ships (nothing outside the clone: each file it names must lie inside the repository),
 * exactly as {@code swarmsense mission plan examples/X.yaml --out DIR} runs it. The examples are
 * small enough to run as written. The pNEUMA mission is an opt-in ({@code docs/opt-in/}: pNEUMA
 * data is non-commercial and does not ship); it is run here against the shared data folder.
 */
class ExampleMissionsTest {

  static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("NOTICE"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("no repository root (examples/ + NOTICE) above "
        + Path.of("").toAbsolutePath());
  }

  static List<Path> examples() throws IOException {
    try (Stream<Path> s = Files.list(repositoryRoot().resolve("examples"))) {
      return s.filter(f -> f.toString().matches(".*\\.(yaml|yml|json)$")).sorted().toList();
    }
  }

  @Test
  void everyExampleRunsOnShippedData(@TempDir Path out) throws IOException {
    Path root = repositoryRoot().toRealPath();
    List<Path> files = examples();
    assertFalse(files.isEmpty(), "examples/ holds no mission");
    for (Path f : files) {
      Mission m = MissionReader.read(f);
      m.cellsFile().ifPresent(c -> assertInside(root, c, f));
      m.demand().path().ifPresent(c -> assertInside(root, c, f));
      MissionPlanner.Result r = MissionPlanner.plan(m, s -> { });
      assertEquals(m.droneCounts().size() * m.coverageTargets().size(), r.runs().size(), f + "");
      Path dir = out.resolve(f.getFileName().toString());
      ReportWriter.write(r, dir);
      assertTrue(Files.size(dir.resolve("report.html")) > 0, f + "");
      for (MissionPlanner.Run run : r.runs()) {
        // I-EPOS beats random on what it minimises (the mission's objective: SQR of the demand match
        // here), not necessarily on the L1 mismatch %: krems-detect with 3 drones has I-EPOS at
        // objective 0.8737 against random's 0.8739 and mismatch 94.48 % against 93.75 %
        double eposObjective = run.results().get(Strategy.I_EPOS).metrics().objective();
        double randomObjective = run.results().get(Strategy.RANDOM).metrics().objective();
        assertTrue(eposObjective < randomObjective, f + ", " + run.drones() + " drones: I-EPOS objective "
            + eposObjective + ", random " + randomObjective);
        double epos = run.results().get(Strategy.I_EPOS).metrics().mismatchPercent();
        assertTrue(epos < 100, f + ": I-EPOS senses something with " + run.drones() + " drones");
        assertNoStrategyBeatsTheBound(run, f + "");
      }
      System.out.println(f.getFileName() + ": " + r.runs().size() + " runs planned");
    }
  }

  /** The capacity bound is a bound on real missions too: no strategy's selection is below it. */
  private static void assertNoStrategyBeatsTheBound(MissionPlanner.Run run, String what) {
    double bound = run.capacityBound().mismatchPercent();
    for (var e : run.results().entrySet()) {
      double m = e.getValue().metrics().mismatchPercent();
      assertTrue(m >= bound - 1e-9, what + ", " + run.drones() + " drones: " + e.getKey()
          + " reaches " + m + " % below the capacity bound " + bound + " %");
    }
  }

  private static void assertInside(Path root, Path file, Path example) {
    try {
      assertTrue(file.toRealPath().startsWith(root),
          example + " names " + file + ", outside the repository " + root);
    } catch (IOException e) {
      throw new AssertionError(example + " names " + file + ", which cannot be read", e);
    }
  }

  @Test
  void optInPneumaMissionRunsAgainstALocalCopyOfTheGrid(@TempDir Path out) throws IOException {
    Path f = repositoryRoot().resolve("docs/opt-in/pneuma-athens-scarce.yaml");
    // The opt-in names 'pneuma_grid.csv' next to itself; here "next to itself" is the shared folder.
    Path shared = SharedData.file("missions/pneuma_grid.csv").getParent();
    Mission m = MissionReader.parse(Files.readString(f), true, shared, "pneuma");
    MissionPlanner.Result r = MissionPlanner.plan(m, s -> { });
    assertEquals(3, r.runs().size());
    for (MissionPlanner.Run run : r.runs()) {
      double epos = run.results().get(Strategy.I_EPOS).metrics().mismatchPercent();
      assertTrue(epos < run.results().get(Strategy.RANDOM).metrics().mismatchPercent());
      assertTrue(epos < run.results().get(Strategy.GREEDY).metrics().mismatchPercent());
      assertNoStrategyBeatsTheBound(run, "pneuma");
    }
    ReportWriter.write(r, out);
    assertTrue(Files.exists(out.resolve("plans.geojson")));
  }

  @Test
  void optInMissionWithoutTheGridSaysWhichFileIsMissing(@TempDir Path fresh) throws IOException {
    // As on a fresh clone: the opt-in mission alone, no pneuma_grid.csv beside it.
    Path f = Files.copy(repositoryRoot().resolve("docs/opt-in/pneuma-athens-scarce.yaml"),
        fresh.resolve("pneuma-athens-scarce.yaml"));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> MissionReader.read(f));
    assertTrue(e.getMessage().contains("field 'cells'")
        && e.getMessage().contains("pneuma_grid.csv"), e.getMessage());
  }
}
