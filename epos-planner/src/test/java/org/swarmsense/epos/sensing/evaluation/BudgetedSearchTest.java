package org.swarmsense.epos.sensing.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.core.EposProgress;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.mission.Mission.Planner;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * I-EPOS under a fleet energy budget that binds (search32): the price on energy beside the hard budget.
 * On seeded random fleets shaped like the detect missions (a few drones, plans that hover where the goal
 * is, energy growing with hover), the budgeted selection stays within the budget, is never worse than the
 * hard budget alone, and ends at the exact optimum ({@link ExactSelection}) more often.
 */
class BudgetedSearchTest {

  /** The slot length COVER saturates at; SQR and L1 do not read it. */
  private static final double SLOT_S = 60;

  /** What one series of binding-budget trials found. */
  private record Counts(int binding, int hardAt, int pricedAt, int better) {}

  @Test
  void aBindingBudgetIsHeldNeverWorseThanTheHardBudgetAloneAndMoreOftenAtTheOptimum() {
    Counts c = trials(2026120532L, drawn -> drawn);
    assertTrue(c.binding() >= 60, "too few binding budgets: " + c.binding());
    assertTrue(c.pricedAt() > c.hardAt(), "the price must reach the optimum more often: " + c);
  }

  /**
   * The same trials planned with COVER (cover33), whose flat regions (no gain beyond a slot, none where r = 0)
   * give I-EPOS's choices ties: held, never worse than the hard budget alone, at the optimum at least as often.
   */
  @Test
  void coverUnderABindingBudgetIsHeldAndNeverWorseThanTheHardBudgetAlone() {
    Counts c = trials(2026120535L, drawn -> CostFunction.COVER);
    assertTrue(c.binding() >= 60, "too few binding budgets: " + c.binding());
    assertTrue(c.pricedAt() >= c.hardAt(), "the price must reach the optimum at least as often: " + c);
  }

  /**
   * 120 seeded trials: a random fleet and goal, a budget drawn between the cheapest selection's energy and the
   * unbudgeted I-EPOS selection's; on every binding one the budgeted search is checked against the hard budget
   * alone and the exact optimum. {@code costOf} maps the drawn cost (SQR, or L1 one time in three) to the one
   * planned with.
   */
  private static Counts trials(long seed, java.util.function.UnaryOperator<CostFunction> costOf) {
    System.out.println("BudgetedSearchTest seed " + seed);
    Random rng = new Random(seed);
    int binding = 0;
    int hardAt = 0;
    int pricedAt = 0;
    int better = 0;
    for (int trial = 0; trial < 120; trial++) {
      int drones = 3 + rng.nextInt(4);
      int cells = 6 + rng.nextInt(7);
      int perDrone = 4 + rng.nextInt(5);
      List<List<CandidatePlan>> plans = RandomFleets.fleet(rng, drones, cells, perDrone);
      double[] goal = new double[cells];
      for (int c = 0; c < cells; c++) {
        goal[c] = rng.nextInt(4) == 0 ? 0 : rng.nextInt(80);
      }
      CostFunction cost = costOf.apply(rng.nextInt(3) == 0 ? CostFunction.L1 : CostFunction.SQR);
      Planner planner = new Planner(40, 1, 2, 0, 0, cost, trial, 0);
      Objective objective = new Objective(goal, cost, SLOT_S, 0, 0);
      double free = EposCoordination.energyJ(plans,
          EposCoordination.select(plans, goal, SLOT_S, planner, EposProgress.none(), 1));
      double cheapest = RandomFleets.cheapestJ(plans);
      double budget = cheapest + (free - cheapest) * (0.3 + 0.6 * rng.nextDouble());
      if (!(budget < free)) {
        continue;
      }
      assertEquals(EposCoordination.Found.UNBOUND, EposCoordination.selectWithin(plans, goal, SLOT_S, planner,
              EposProgress.none(), 1, free).found(),
          "trial " + trial + ": a budget at the free run's energy does not bind");
      binding++;
      String what = "trial " + trial + " (seed " + seed + ")";
      int[] hard = EposCoordination.hardBudgetOnly(plans, goal, SLOT_S, planner, 1, budget);
      EposCoordination.Budgeted how =
          EposCoordination.selectWithin(plans, goal, SLOT_S, planner, EposProgress.none(), 1, budget);
      int[] priced = how.selection();
      assertArrayEquals(priced,
          EposCoordination.select(plans, goal, SLOT_S, planner, EposProgress.none(), 1, budget), what);
      ExactSelection best = ExactSelection.search(plans, objective, 0, budget, 50_000_000);
      assertTrue(best.exact(), what);
      assertTrue(EposCoordination.energyJ(plans, priced) <= budget + ExactSelection.BUDGET_SLACK_J, what + ": held");
      double h = objective.of(plans, hard);
      double p = objective.of(plans, priced);
      assertFalse(p > h, what + ": " + p + " worse than the hard budget's " + h);
      assertFalse(p < best.objective() - 1e-12, what + ": below the exact optimum");
      // how it was found: the hard budget's run unless a priced one (beta' inside [0, 1)) beat its objective
      assertEquals(h, how.hardBudgetObjective(), 0, what);
      assertEquals(p, how.objective(), 0, what);
      assertEquals(p < h ? EposCoordination.Found.PRICED : EposCoordination.Found.HARD_BUDGET, how.found(), what);
      if (how.found() == EposCoordination.Found.PRICED) {
        assertTrue(how.priceBeta() > 0 && how.priceBeta() < 1, what + ": beta' " + how.priceBeta());
        assertTrue(how.describe().startsWith("energy priced at beta' "), how.describe());
      }
      hardAt += h <= best.objective() + 1e-12 ? 1 : 0;
      pricedAt += p <= best.objective() + 1e-12 ? 1 : 0;
      better += p < h ? 1 : 0;
    }
    System.out.printf("binding budgets %d: at the exact optimum, hard budget alone %d, with the price %d;"
        + " the price better in %d%n", binding, hardAt, pricedAt, better);
    return new Counts(binding, hardAt, pricedAt, better);
  }
}
