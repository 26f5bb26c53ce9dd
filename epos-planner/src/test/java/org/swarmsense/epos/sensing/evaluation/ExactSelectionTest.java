package org.swarmsense.epos.sensing.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.core.EposProgress;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.mission.Mission.Planner;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/** The exact optimum within a budget: a case worked by hand, the cap, brute force on seeded runs, I-EPOS above it. */
class ExactSelectionTest {

  /** The slot length: only COVER reads it, and these tests plan with SQR and L1. */
  private static final double NO_SLOT = Double.NaN;

  private static CandidatePlan plan(int drone, int index, int[] cells, double[] hoverS, double energyJ) {
    return new CandidatePlan(drone, index, 0, cells, hoverS, energyJ, energyJ / 1000, List.of());
  }

  /**
   * Goal 10 s over each of two cells, SQR, G(0) = 200. Drone 0: cell 0 (5 J), cell 1 (5 J), both (12 J);
   * drone 1: cell 0 (5 J), nothing (0 J). By hand: drone 0 on cell 1 with drone 1 on cell 0 gives G = 0 at
   * 10 J (drone 0 on both with drone 1 idle also gives 0, at 12 J); within 9 J the best is 0.5 (one cell
   * covered) at 5 J, first in plan order drone 0 on cell 0.
   */
  private static List<List<CandidatePlan>> handCase() {
    return List.of(
        List.of(plan(0, 0, new int[] {0}, new double[] {10}, 5), plan(0, 1, new int[] {1}, new double[] {10}, 5),
            plan(0, 2, new int[] {0, 1}, new double[] {10, 10}, 12)),
        List.of(plan(1, 0, new int[] {0}, new double[] {10}, 5), plan(1, 1, new int[] {}, new double[] {}, 0)));
  }

  private static final Objective HAND = new Objective(new double[] {10, 10}, CostFunction.SQR, 0, 0);

  @Test
  void theOptimumWithinABudgetWorkedByHand() {
    ExactSelection free = ExactSelection.search(handCase(), HAND, 0, Double.POSITIVE_INFINITY, 1_000);
    assertArrayEquals(new int[] {1, 0}, free.selection(), "G = 0 at 10 J beats G = 0 at 12 J");
    assertEquals(0.0, free.objective(), 0);
    assertEquals(10.0, free.energyJ(), 0);
    assertTrue(free.exact());

    ExactSelection tight = ExactSelection.search(handCase(), HAND, 0, 9, 1_000);
    assertArrayEquals(new int[] {0, 1}, tight.selection());
    assertEquals(0.5, tight.objective(), 1e-15);
    assertEquals(5.0, tight.energyJ(), 0);
  }

  @Test
  void theCapExcludesSelectionsAndAnImpossibleOneIsRefused() {
    // cap 1.5 x 10 = 15 s: drone 0 and drone 1 both on cell 0 (20 s) is out; the optimum stays
    assertArrayEquals(new int[] {1, 0}, ExactSelection.search(handCase(), HAND, 1.5, 100, 1_000).selection());
    // cap 0.5 x 10 = 5 s: every plan of drone 0 hovers 10 s somewhere
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ExactSelection.search(handCase(), HAND, 0.5, 100, 1_000));
    assertTrue(none.getMessage().contains("no selection is within 100.000 J and the sensing cap"), none.getMessage());
    IllegalArgumentException poor = assertThrows(IllegalArgumentException.class,
        () -> ExactSelection.search(handCase(), HAND, 0, 4, 1_000));
    assertTrue(poor.getMessage().contains("no selection is within 4.000 J"), poor.getMessage());
  }

  /** Every selection of seeded random runs scored by {@link Objective#of}; I-EPOS within the budget never beats it. */
  @Test
  void matchesEverySelectionOfRandomRunsAndIEposNeverBeatsIt() {
    long seed = 202612051L;
    System.out.println("ExactSelectionTest seed " + seed);
    Random rng = new Random(seed);
    for (int trial = 0; trial < 150; trial++) {
      int drones = 1 + rng.nextInt(4);
      int cells = 2 + rng.nextInt(5);
      List<List<CandidatePlan>> plans = new ArrayList<>();
      for (int i = 0; i < drones; i++) {
        List<CandidatePlan> ps = new ArrayList<>();
        int n = 1 + rng.nextInt(5);
        for (int k = 0; k < n; k++) {
          List<Integer> at = new ArrayList<>();
          for (int c = 0; c < cells; c++) {
            if (rng.nextInt(3) == 0) {
              at.add(c);
            }
          }
          double[] h = new double[at.size()];
          for (int j = 0; j < h.length; j++) {
            h[j] = 1 + rng.nextInt(20);
          }
          double e = rng.nextInt(4) == 0 ? 50 : 10 + rng.nextInt(90); // repeated energies: ties happen
          CandidatePlan p = plan(i, k, at.stream().mapToInt(Integer::intValue).toArray(), h, e);
          ps.add(p);
          if (rng.nextInt(5) == 0) {
            ps.add(plan(i, k + 1, p.indices(), p.hoverS(), e)); // an exact duplicate
          }
        }
        plans.add(ps);
      }
      double[] goal = new double[cells];
      for (int c = 0; c < cells; c++) {
        goal[c] = rng.nextInt(30);
      }
      CostFunction cost = rng.nextBoolean() ? CostFunction.SQR : CostFunction.L1;
      double alpha = rng.nextInt(3) == 0 ? 0.2 * rng.nextDouble() : 0;
      double beta = rng.nextInt(3) == 0 ? 0.5 * rng.nextDouble() : 0;
      Objective objective = new Objective(goal, cost, alpha, beta);
      double capFactor = rng.nextInt(4) == 0 ? 1.5 : 0;
      double budget = rng.nextInt(4) == 0 ? Double.POSITIVE_INFINITY : 60.0 * drones + rng.nextInt(60);

      double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
      enumerate(plans, objective, capFactor, budget, new int[drones], 0, best);
      String what = "trial " + trial + " (seed " + seed + ")";
      if (best[0] == Double.POSITIVE_INFINITY) {
        assertThrows(IllegalArgumentException.class,
            () -> ExactSelection.search(plans, objective, capFactor, budget, 10_000_000), what);
        continue;
      }
      ExactSelection x = ExactSelection.search(plans, objective, capFactor, budget, 10_000_000);
      assertTrue(x.exact(), what);
      assertEquals(best[0], x.objective(), 1e-12, what);
      assertEquals(best[1], x.energyJ(), 1e-9, what);
      assertEquals(x.objective(), objective.of(plans, x.selection()), 0, what + ": the selection's own objective");

      if (capFactor == 0 && alpha == 0) {
        Planner planner = new Planner(20, 1, 2, 0, beta, cost, trial, 0);
        int[] iEpos = EposCoordination.select(plans, goal, NO_SLOT, planner, EposProgress.none(), 1, budget);
        if (EposCoordination.energyJ(plans, iEpos) <= budget + ExactSelection.BUDGET_SLACK_J) {
          assertFalse(objective.of(plans, iEpos) < x.objective() - 1e-12,
              what + ": I-EPOS within the budget cannot beat the optimum within it");
        }
      }
    }
  }

  /** The brute force: the least objective, then the least energy, over every selection within budget and cap. */
  private static void enumerate(List<List<CandidatePlan>> plans, Objective objective, double capFactor, double budget,
      int[] sel, int i, double[] best) {
    if (i == sel.length) {
      double e = EposCoordination.energyJ(plans, sel);
      if (e > budget) {
        return;
      }
      if (capFactor > 0) {
        double[] m = SensingMetrics.aggregate(plans, sel, objective.goal().length);
        for (int j = 0; j < m.length; j++) {
          if (m[j] > capFactor * objective.goal()[j]) {
            return;
          }
        }
      }
      double o = objective.of(plans, sel);
      if (o < best[0] - 1e-12 || (Math.abs(o - best[0]) <= 1e-12 && e < best[1])) {
        best[0] = o;
        best[1] = e;
      }
      return;
    }
    for (int k = 0; k < plans.get(i).size(); k++) {
      sel[i] = k;
      enumerate(plans, objective, capFactor, budget, sel, i + 1, best);
    }
  }

  @Test
  void aSearchStoppedAtItsNodeLimitIsNotExact() {
    ExactSelection cut = ExactSelection.search(handCase(), HAND, 0, Double.POSITIVE_INFINITY, 4);
    assertFalse(cut.exact());
    assertEquals(4, cut.nodes());
  }
}
