package org.swarmsense.epos.sensing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.epos.sensing.evaluation.SensingMetrics;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.maps.SharedData;

/** planner.capFactor hands I-EPOS the core's hard cap sensing(c, t) <= capFactor x r(c, t). */
class SensingCapTest {

  static double excess(MissionPlanner.Run run, double cap) {
    int[] sel = run.results().get(Strategy.I_EPOS).selection();
    double[] m = SensingMetrics.aggregate(run.plans(), sel, run.problem().dimension());
    double e = 0;
    for (int j = 0; j < m.length; j++) {
      e += Math.max(0, m[j] - cap * run.problem().goalAt(j));
    }
    return e;
  }

  @Test
  void capReducesSensingAboveTheCap(@TempDir Path dir) throws Exception {
    double[] ex = new double[2];
    for (int i = 0; i < 2; i++) {
      Path f = dir.resolve("cap" + i + ".yaml");
      Files.writeString(f, "cells: " + SharedData.file("missions/pneuma_grid.csv") + "\n"
          + "window: {endS: 3600, slotS: 300}\n"
          + "drones: {count: 20, plansPerDrone: 16}\n"
          + "coverageTarget: 2\n"
          + "planner: {iterations: 20, seed: 3, capFactor: " + (i == 0 ? 0 : 1.5) + "}\n");
      MissionPlanner.Run run = MissionPlanner.plan(MissionReader.read(f), s -> { }).runs().get(0);
      ex[i] = excess(run, 1.5);
    }
    System.out.println("seed 3: sensing above 1.5 r without cap " + ex[0] + " s, with cap " + ex[1]);
    assertTrue(ex[1] < ex[0], "cap lowers sensing above it: " + ex[1] + " vs " + ex[0]);
  }
}
