package org.swarmsense.epos.sensing.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * Seeded random fleets shaped like the detect missions, for the planner tests: each plan hovers 5-60 s over 1-3
 * distinct (cell, slot)s, and its energy grows with its hover (20 J per hover second plus up to 800 J of flight).
 */
final class RandomFleets {

  private RandomFleets() {}

  /** A plan with cost energy / 100 kJ. */
  static CandidatePlan plan(int drone, int index, int[] cells, double[] hoverS, double energyJ) {
    return new CandidatePlan(drone, index, 0, cells, hoverS, energyJ, energyJ / 100_000, List.of());
  }

  /** {@code drones} drones of {@code perDrone} plans each over {@code cells} (cell, slot)s, drawn from {@code rng}. */
  static List<List<CandidatePlan>> fleet(Random rng, int drones, int cells, int perDrone) {
    List<List<CandidatePlan>> plans = new ArrayList<>();
    for (int i = 0; i < drones; i++) {
      List<CandidatePlan> ps = new ArrayList<>();
      for (int k = 0; k < perDrone; k++) {
        int n = 1 + rng.nextInt(3);
        int[] at = rng.ints(0, cells).distinct().limit(n).sorted().toArray();
        double[] h = new double[at.length];
        double hover = 0;
        for (int j = 0; j < h.length; j++) {
          h[j] = 5 + rng.nextInt(56);
          hover += h[j];
        }
        ps.add(plan(i, k, at, h, 20 * hover + rng.nextInt(800)));
      }
      plans.add(ps);
    }
    return plans;
  }

  /** The least fleet energy any selection can have: every drone's cheapest plan, J. */
  static double cheapestJ(List<List<CandidatePlan>> plans) {
    double cheapest = 0;
    for (List<CandidatePlan> ps : plans) {
      cheapest += ps.stream().mapToDouble(CandidatePlan::energyJ).min().orElseThrow();
    }
    return cheapest;
  }
}
