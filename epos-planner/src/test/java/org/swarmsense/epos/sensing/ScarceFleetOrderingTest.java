package org.swarmsense.epos.sensing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.epos.sensing.evaluation.SensingMetrics;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.epos.sensing.mission.SharedData;

/**
 * On the real pNEUMA grid (422 cells of central Athens) with a scarce fleet (coverageTarget 2: the
 * fleet can hover for at most half of what is asked), I-EPOS must beat random and uncoordinated
 * greedy selection on the same plans. Prints the seed and the table.
 */
class ScarceFleetOrderingTest {

  static final long SEED = 20181024;

  @Test
  void eposBeatsRandomAndGreedyOnAScarceFleet(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("scarce.yaml");
    Files.writeString(f, "name: pneuma-scarce\n"
        + "cells: " + SharedData.file("missions/pneuma_grid.csv") + "\n"
        + "window: {startS: 0, endS: 3600, slotS: 300}\n"
        + "drones: {count: 30, plansPerDrone: 16}\n"
        + "coverageTarget: 2\n"
        + "planner: {iterations: 40, seed: " + SEED + "}\n");
    Mission mission = MissionReader.read(f);
    MissionPlanner.Result result = MissionPlanner.plan(mission, s -> { });
    MissionPlanner.Run run = result.runs().get(0);
    System.out.println("seed " + SEED + "\n" + table(run));
    SensingMetrics epos = run.results().get("I-EPOS").metrics();
    SensingMetrics random = run.results().get("random").metrics();
    SensingMetrics greedy = run.results().get("greedy").metrics();
    assertTrue(epos.mismatchPercent() < random.mismatchPercent(), table(run));
    assertTrue(epos.mismatchPercent() < greedy.mismatchPercent(), table(run));
    assertTrue(run.fleetHoverCapacityS() * 2 <= sum(run.problem().goal()) + 1e-6);
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s;
  }

  static String table(MissionPlanner.Run run) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "%-13s %10s %10s %10s %12s %10s %10s%n", "strategy", "mismatch%", "under%", "observed%",
        "energy kJ", "obs/kJ", "coverage"));
    run.results().forEach((name, r) -> {
      SensingMetrics m = r.metrics();
      b.append(String.format(Locale.ROOT, "%-13s %10.2f %10.2f %10.2f %12.0f %10.4f %10.3f%n",
          name, m.mismatchPercent(), m.underSensingPercent(), 100 * m.vehicleObservationShare(),
          m.energyKj(), m.observationsPerKj(), m.coverage()));
    });
    return b.toString();
  }
}
