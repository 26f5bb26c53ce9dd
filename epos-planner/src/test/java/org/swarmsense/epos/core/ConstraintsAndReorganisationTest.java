package org.swarmsense.epos.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintsAndReorganisationTest {

  /** Each agent can sense cell 0 (1 unit) or cell 1 (1 unit) or nothing; the goal wants 5 in each. */
  private static List<AgentPlans> sensingAgents(int n) {
    List<AgentPlans> out = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      out.add(AgentPlans.ofFlat(a, 2, new double[3], new double[] {1, 0, 0, 1, 0, 0}));
    }
    return out;
  }

  @Test
  void aCapPerCellIsRespectedWhenFeasible() {
    // goal 10 in cell 0, 0 in cell 1: unconstrained, everyone senses cell 0
    double[] goal = {10, 0};
    EposConfig c = EposConfig.defaults().withIterations(10)
        .withGlobalCost(GlobalCosts.byName("L1", goal, null));
    double[] free = Epos.run(sensingAgents(10), c).finalGlobalResponse(0);
    assertEquals(10, free[0], 1e-12);
    EposResult capped = Epos.run(sensingAgents(10), c.withConstraints(Constraint.parse("0<=4", 2)));
    // iteration 0 approves every child (greedy pass); from then on the violation never grows
    for (int t = 1; t < 10; t++) {
      double before = Math.max(0, capped.globalResponse(0, t - 1)[0] - 4);
      double after = Math.max(0, capped.globalResponse(0, t)[0] - 4);
      assertTrue(after <= before, "iteration " + t + ": violation " + before + " -> " + after);
    }
    assertEquals(4, capped.finalGlobalResponse(0)[0], 1e-12, "the cap binds, everything else still optimised");
  }

  @Test
  void atLeastAndEqualConstraintsSteerTheAggregate() {
    double[] goal = {0, 0};
    EposConfig c = EposConfig.defaults().withIterations(10)
        .withGlobalCost(GlobalCosts.byName("L1", goal, null))
        .withConstraints(List.of(Constraint.atLeast(1, 3), Constraint.equalTo(0, 2)));
    double[] g = Epos.run(sensingAgents(9), c).finalGlobalResponse(0);
    assertEquals(2, g[0], 1e-12);
    assertTrue(g[1] >= 3 - 1e-12, "g[1] = " + g[1]);
  }

  @Test
  void constraintsOutsideThePlansAreRefused() {
    EposConfig c = EposConfig.defaults().withConstraints(List.of(Constraint.atMost(5, 1)));
    String e = assertThrows(IllegalArgumentException.class, () -> Epos.run(sensingAgents(3), c)).getMessage();
    assertTrue(e.contains("dimension 5"), e);
    e = assertThrows(IllegalArgumentException.class, () -> Constraint.parse("a<3", 2)).getMessage();
    assertTrue(e.contains("a<3"), e);
    assertEquals(4, Constraint.parse("*>=1.5", 4).size());
  }

  @Test
  void periodicReorganisationHappensEveryPIterationsAndKeepsGNonIncreasing() {
    List<AgentPlans> agents = TestData.randomAgents(42, 50, 6, 8);
    EposConfig c = EposConfig.defaults().withIterations(10).withReorg(ReorganisationStrategy.of("periodically", 3));
    EposResult r = Epos.run(agents, c);
    for (int t = 0; t < 10; t++) {
      assertEquals(t == 2 || t == 5 || t == 8, r.reorganisedAfter(0, t), "after iteration " + t);
      if (t > 0) {
        assertTrue(r.globalCost(0, t) <= r.globalCost(0, t - 1) * (1 + 1e-12), "t " + t);
      }
    }
    EposResult never = Epos.run(agents, c.withReorg(ReorganisationStrategy.never()));
    for (int t = 0; t < 3; t++) {
      assertEquals(never.globalCost(0, t), r.globalCost(0, t), 0.0, "same until the first reorganisation");
    }
  }

  @Test
  void convergenceAndCostReductionRules() {
    ReorganisationStrategy conv = ReorganisationStrategy.of("convergence", 2);
    assertFalse(conv.shouldReorganise(new double[] {5, 4, 4}, 3));
    assertTrue(conv.shouldReorganise(new double[] {5, 4, 4, 4}, 4));
    ReorganisationStrategy red = ReorganisationStrategy.of("globalCostReduction", 1);
    assertFalse(red.shouldReorganise(new double[] {5}, 1));
    assertFalse(red.shouldReorganise(new double[] {5, 4}, 2));
    assertTrue(red.shouldReorganise(new double[] {5, 5}, 2));
    // on the gaussian data repetition 0 converges at iteration 2: convergence with P = 2 reorganises after 4
    EposResult r = Epos.run(Dataset.read(TestData.gaussian(), 10).agents(),
        EposConfig.defaults().withIterations(8).withReorg(conv));
    assertTrue(r.reorganisedAfter(0, 4));
    assertFalse(r.reorganisedAfter(0, 3));
    String e = assertThrows(IllegalArgumentException.class, () -> ReorganisationStrategy.of("sometimes", 1)).getMessage();
    assertTrue(e.contains("sometimes"), e);
  }
}
