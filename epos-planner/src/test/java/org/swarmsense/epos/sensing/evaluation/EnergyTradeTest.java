package org.swarmsense.epos.sensing.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.mission.Mission.Planner;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * How I-EPOS trades sensing for energy (issue 14): beta reaches the selection at the weight the
 * hand-derived trade-off predicts, and a fleet energy budget holds without changing what is
 * minimised.
 */
class EnergyTradeTest {

  /** The slot length: only COVER reads it, and these tests plan with SQR and L1. */
  private static final double NO_SLOT = Double.NaN;

  /** Drone {@code drone}'s plan hovering {@code hoverS} s over its own cell, at 10 J a second. */
  private static CandidatePlan plan(int drone, int index, double hoverS) {
    double energyJ = 10 * hoverS;
    return new CandidatePlan(drone, index, 0, new int[] {drone}, new double[] {hoverS}, energyJ, energyJ / 1000,
        List.of());
  }

  /** Two drones, goal 10 s over each one's cell; plan 0 hovers 10 s (100 J), plan 1 hovers 5 s (50 J). */
  private static List<List<CandidatePlan>> twoDrones() {
    return List.of(List.of(plan(0, 0, 10), plan(0, 1, 5)), List.of(plan(1, 0, 10), plan(1, 1, 5)));
  }

  private static final double[] GOAL = {10, 10};

  private static Planner planner(double beta) {
    return new Planner(10, 1, 2, 0, beta, CostFunction.SQR, 1, 0);
  }

  @Test
  void theSmallestSwitchingBetaIsTheHandDerivedOneAndIEposSwitchesAcrossIt() {
    // G(0) = 10^2 + 10^2 = 200. One drone taking its 5 s plan: dG = 5^2 / 200 = 0.125; the mean local
    // cost over N = 2 drones falls by (0.1 - 0.05) / 2 = 0.025; it switches once
    // (1 - beta) 0.125 < beta 0.025, i.e. beta > 0.125 / 0.15.
    double expected = 0.125 / 0.15;
    double[] s = new Objective(GOAL, CostFunction.SQR, 0, 0).smallestSwitchingBeta(twoDrones(), new int[] {0, 0});
    assertEquals(expected, s[0], 1e-12);
    assertEquals(0, (int) s[1]);
    assertEquals(0, (int) s[2]);
    assertEquals(1, (int) s[3]);
    // beta reaches I-EPOS's selection: below the threshold the full plans, above it the cheap ones
    assertArrayEquals(new int[] {0, 0},
        EposCoordination.select(twoDrones(), GOAL, NO_SLOT, planner(0.80), (r, t, g) -> { }));
    assertArrayEquals(new int[] {1, 1},
        EposCoordination.select(twoDrones(), GOAL, NO_SLOT, planner(0.86), (r, t, g) -> { }));
    // no cheaper plan: nothing to switch to
    double[] none = new Objective(GOAL, CostFunction.SQR, 0, 0).smallestSwitchingBeta(twoDrones(), new int[] {1, 1});
    assertEquals(Double.POSITIVE_INFINITY, none[0]);
  }

  @Test
  void aFleetEnergyBudgetIsHeldAndOtherwiseChangesNothing() {
    List<List<CandidatePlan>> plans = twoDrones();
    int[] free = EposCoordination.select(plans, GOAL, NO_SLOT, planner(0), (r, t, g) -> { }, 1);
    assertArrayEquals(new int[] {0, 0}, free);
    assertEquals(200, EposCoordination.energyJ(plans, free), 1e-9);
    // 150 J: one drone must take its 50 J plan; 100 J: both
    int[] one = EposCoordination.select(plans, GOAL, NO_SLOT, planner(0), (r, t, g) -> { }, 1, 150);
    assertEquals(150, EposCoordination.energyJ(plans, one), 1e-9);
    int[] both = EposCoordination.select(plans, GOAL, NO_SLOT, planner(0), (r, t, g) -> { }, 1, 100);
    assertArrayEquals(new int[] {1, 1}, both);
    // a budget no selection fits: the least violating one, both cheap plans
    assertArrayEquals(new int[] {1, 1},
        EposCoordination.select(plans, GOAL, NO_SLOT, planner(0), (r, t, g) -> { }, 1, 0));
    for (double bad : new double[] {-1, Double.NaN}) {
      assertThrows(IllegalArgumentException.class,
          () -> EposCoordination.select(plans, GOAL, NO_SLOT, planner(0), (r, t, g) -> { }, 1, bad));
    }
  }

  @Test
  void onRandomPlansABudgetThatDoesNotBindSelectsExactlyAsNoBudgetAndABindingOneIsHeld() {
    long seed = new Random().nextLong();
    System.out.println("EnergyTradeTest seed " + seed);
    Random rng = new Random(seed);
    int drones = 12;
    int d = 20;
    double[] goal = new double[d];
    for (int j = 0; j < d; j++) {
      goal[j] = 20 * rng.nextDouble();
    }
    List<List<CandidatePlan>> plans = new ArrayList<>();
    double cheapest = 0;
    double dearest = 0;
    for (int i = 0; i < drones; i++) {
      List<CandidatePlan> ps = new ArrayList<>();
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (int k = 0; k < 8; k++) {
        int a = rng.nextInt(d - 1);
        double h1 = 1 + 10 * rng.nextDouble();
        double h2 = 1 + 10 * rng.nextDouble();
        double e = 10 * (h1 + h2) + 100 * rng.nextDouble();
        ps.add(new CandidatePlan(i, k, 0, new int[] {a, a + 1}, new double[] {h1, h2}, e, e / 1000, List.of()));
        lo = Math.min(lo, e);
        hi = Math.max(hi, e);
      }
      cheapest += lo;
      dearest += hi;
      plans.add(ps);
    }
    Planner pl = new Planner(30, 3, 2, 0, 0, CostFunction.SQR, 7, 0);
    int[] free = EposCoordination.select(plans, goal, NO_SLOT, pl, (r, t, g) -> { }, 1);
    // a budget above every selection's energy: the energy entry is not costed, so the same plans
    assertArrayEquals(free, EposCoordination.select(plans, goal, NO_SLOT, pl, (r, t, g) -> { }, 1, 2 * dearest));
    double used = EposCoordination.energyJ(plans, free);
    double budget = cheapest + 0.5 * (Math.min(used, dearest) - cheapest);
    int[] held = EposCoordination.select(plans, goal, NO_SLOT, pl, (r, t, g) -> { }, 1, budget);
    assertTrue(EposCoordination.energyJ(plans, held) <= budget,
        "seed " + seed + ": " + EposCoordination.energyJ(plans, held) + " J over the budget " + budget);
  }
}
