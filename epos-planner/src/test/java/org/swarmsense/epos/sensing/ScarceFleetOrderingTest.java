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
import org.swarmsense.maps.SharedData;

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
        + "drones: {count: 30, plansPerDrone: 32}\n"
        + "coverageTarget: 2\n"
        + "planner: {iterations: 40, seed: " + SEED + "}\n");
    Mission mission = MissionReader.read(f);
    MissionPlanner.Result result = MissionPlanner.plan(mission, s -> { });
    MissionPlanner.Run run = result.runs().get(0);
    System.out.println("seed " + SEED + "\n" + table(run));
    SensingMetrics epos = run.results().get(Strategy.I_EPOS).metrics();
    SensingMetrics random = run.results().get(Strategy.RANDOM).metrics();
    SensingMetrics greedy = run.results().get(Strategy.GREEDY).metrics();
    SensingMetrics local = run.results().get(Strategy.LOCAL_SEARCH).metrics();
    System.out.printf(Locale.ROOT, "I-EPOS mismatch / random %.3f, / greedy %.3f, / local search"
        + " %.3f; observation share / random %.2f, / greedy %.2f%n",
        epos.mismatchPercent() / random.mismatchPercent(),
        epos.mismatchPercent() / greedy.mismatchPercent(),
        epos.mismatchPercent() / local.mismatchPercent(),
        epos.vehicleObservationShare() / random.vehicleObservationShare(),
        epos.vehicleObservationShare() / greedy.vehicleObservationShare());
    assertTrue(epos.mismatchPercent() < random.mismatchPercent(), table(run));
    assertTrue(epos.mismatchPercent() < greedy.mismatchPercent(), table(run));
    assertTrue(epos.mismatchPercent() < 1.05 * local.mismatchPercent(),
        "I-EPOS within 5% of the centralised local search\n" + table(run));
    assertTrue(epos.vehicleObservationShare() > random.vehicleObservationShare(), table(run));
    assertTrue(run.fleetHoverCapacityS() * 2 <= sum(run.problem().goal()) + 1e-6);
  }

  @Test
  void betaTradesSensingQualityForEnergy(@TempDir Path dir) throws Exception {
    double[] energy = new double[2];
    double[] mismatch = new double[2];
    double[] betas = {0, 0.6};
    for (int i = 0; i < 2; i++) {
      Path f = dir.resolve("beta" + i + ".yaml");
      Files.writeString(f, "cells: " + SharedData.file("missions/pneuma_grid.csv") + "\n"
          + "window: {endS: 3600, slotS: 300}\n"
          + "drones: {count: 20, plansPerDrone: 16}\n"
          + "coverageTarget: 2\n"
          + "planner: {iterations: 20, seed: " + SEED + ", beta: " + betas[i] + "}\n");
      MissionPlanner.Run run = MissionPlanner.plan(MissionReader.read(f), s -> { }).runs().get(0);
      energy[i] = run.results().get(Strategy.I_EPOS).metrics().energyKj();
      mismatch[i] = run.results().get(Strategy.I_EPOS).metrics().mismatchPercent();
    }
    System.out.printf(Locale.ROOT, "seed %d beta 0: %.0f kJ, %.2f %%; beta 0.6: %.0f kJ, %.2f %%%n",
        SEED, energy[0], mismatch[0], energy[1], mismatch[1]);
    assertTrue(energy[1] < energy[0], "beta 0.6 uses less energy");
    assertTrue(mismatch[1] >= mismatch[0] - 1e-9, "and senses no better");
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
