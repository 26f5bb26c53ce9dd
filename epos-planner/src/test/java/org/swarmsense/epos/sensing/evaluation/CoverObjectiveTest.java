package org.swarmsense.epos.sensing.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.core.EposProgress;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.mission.Mission.Planner;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * COVER (cover33): the demand-weighted shortfall of each (cell, slot)'s hover below one full slot. Its
 * value on hand-made data, I-EPOS's view of it (scaled entries and the core's UNDER) against {@link
 * Objective}'s, and I-EPOS planning with it against planning with SQR, judged by COVER.
 */
class CoverObjectiveTest {

  private static final double SLOT_S = 60;

  @Test
  void hoverBeyondTheSlotGainsNothingAndQuietCellsWeighLittle() {
    // r / S = 1, 0.5, 0, 0.2 vehicles in view per second; hover 30, 90, 10, 60 s
    Objective cover = new Objective(new double[] {60, 30, 0, 12}, CostFunction.COVER, SLOT_S, 0, 0);
    double[] m = {30, 90, 10, 60};
    assertEquals(1 * 30 + 0.5 * 0 + 0 + 0.2 * 0, cover.global(m), 1e-12);
    assertEquals(60 + 30 + 0 + 12, cover.zeroCost(), 1e-12);
    // 30 more seconds over the first cell cover it fully; 30 more over the second gain nothing
    CandidatePlan first = RandomFleets.plan(0, 0, new int[] {0}, new double[] {30}, 1000);
    CandidatePlan second = RandomFleets.plan(0, 1, new int[] {1}, new double[] {30}, 1000);
    assertEquals(-30, cover.delta(m, first, 1), 1e-12);
    assertEquals(0, cover.delta(m, second, 1), 1e-12);
    // SQR on the same data: the first plan gains (60 - 60)^2 - (30 - 60)^2, the second costs (120 - 30)^2 - (90 - 30)^2
    Objective sqr = new Objective(new double[] {60, 30, 0, 12}, CostFunction.SQR, 0, 0);
    assertEquals(-900, sqr.delta(m, first, 1), 1e-9);
    assertEquals(4500, sqr.delta(m, second, 1), 1e-9);
  }

  @Test
  void coverNeedsItsSlotAndRefusesACap() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Objective(new double[] {1}, CostFunction.COVER, 0, 0));
    assertTrue(e.getMessage().contains("COVER") && e.getMessage().contains("NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Planner(40, 1, 2, 0, 0, CostFunction.COVER, 1, 1.5));
    assertTrue(e.getMessage().contains("planner.capFactor") && e.getMessage().contains("1.5"), e.getMessage());
  }

  @Test
  void iEposSeesTheObjectivesNormalisedG() {
    long seed = 2026120533L;
    System.out.println("CoverObjectiveTest seed " + seed);
    Random rng = new Random(seed);
    for (int trial = 0; trial < 50; trial++) {
      List<List<CandidatePlan>> plans = randomFleet(rng);
      double[] goal = randomGoal(rng, 12);
      Planner planner = new Planner(10, 1, 2, 0, 0, CostFunction.COVER, trial, 0);
      Objective objective = new Objective(goal, CostFunction.COVER, SLOT_S, 0, 0);
      EposConfig config = EposCoordination.config(goal, SLOT_S, planner, 0, Double.POSITIVE_INFINITY);
      int[] sel = Baselines.random(plans, trial);
      double[] scaled = new double[goal.length];
      for (int i = 0; i < plans.size(); i++) {
        AgentPlans a = EposCoordination.agentPlans(i, plans.get(i), goal, SLOT_S, CostFunction.COVER, false);
        for (int j = 0; j < goal.length; j++) {
          scaled[j] += a.value(sel[i], j);
        }
      }
      double[] m = SensingMetrics.aggregate(plans, sel, goal.length);
      assertEquals(objective.global(m) / objective.zeroCost(), config.globalCost().cost(scaled), 1e-12,
          "trial " + trial + " (seed " + seed + ")");
    }
  }

  @Test
  void iEposPlanningWithCoverDoesBetterByCoverThanPlanningWithSqr() {
    long seed = 2026120534L;
    System.out.println("CoverObjectiveTest seed " + seed);
    Random rng = new Random(seed);
    int better = 0;
    int worse = 0;
    int atOptimum = 0;
    int trials = 60;
    for (int trial = 0; trial < trials; trial++) {
      List<List<CandidatePlan>> plans = randomFleet(rng);
      double[] goal = randomGoal(rng, 12);
      Objective cover = new Objective(goal, CostFunction.COVER, SLOT_S, 0, 0);
      int[] withCover = EposCoordination.select(plans, goal, SLOT_S,
          new Planner(40, 1, 2, 0, 0, CostFunction.COVER, trial, 0), EposProgress.none(), 1);
      int[] withSqr = EposCoordination.select(plans, goal, SLOT_S,
          new Planner(40, 1, 2, 0, 0, CostFunction.SQR, trial, 0), EposProgress.none(), 1);
      double c = cover.of(plans, withCover);
      double s = cover.of(plans, withSqr);
      better += c < s - 1e-12 ? 1 : 0;
      worse += c > s + 1e-12 ? 1 : 0;
      ExactSelection best = ExactSelection.search(plans, cover, 0, Double.POSITIVE_INFINITY, 50_000_000);
      assertTrue(best.exact());
      assertFalse(c < best.objective() - 1e-12, "trial " + trial + ": nothing beats the exact optimum");
      atOptimum += c <= best.objective() + 1e-12 ? 1 : 0;
    }
    System.out.printf("COVER by COVER better than SQR by COVER in %d, worse in %d of %d; at the optimum in %d%n",
        better, worse, trials, atOptimum);
    assertTrue(better > worse, better + " better, " + worse + " worse");
    assertTrue(atOptimum > trials / 2, atOptimum + " of " + trials + " at the exact optimum");
  }

  /** 3-6 drones, 4-8 plans each over 1-3 of 12 (cell, slot)s ({@link RandomFleets}). */
  private static List<List<CandidatePlan>> randomFleet(Random rng) {
    int drones = 3 + rng.nextInt(4);
    return RandomFleets.fleet(rng, drones, 12, 4 + rng.nextInt(5));
  }

  /** A goal like the missions': zero in a third of the entries, up to two slots elsewhere. */
  private static double[] randomGoal(Random rng, int d) {
    double[] goal = new double[d];
    for (int j = 0; j < d; j++) {
      goal[j] = rng.nextInt(3) == 0 ? 0 : rng.nextInt(121);
    }
    return goal;
  }
}
