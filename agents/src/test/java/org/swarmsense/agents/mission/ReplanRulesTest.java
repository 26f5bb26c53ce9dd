package org.swarmsense.agents.mission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

class ReplanRulesTest {
  @Test
  void firesOncePerSlotWhenObservedTrafficDrifts() {
    // 2 cells x 3 slots of 100 s; forecast: cell 0 slot 0 = 10 vehicles, cell 1 slot 0 = 5
    double[] vs = {1000, 1000, 1000, 500, 500, 500};
    ReplanTrigger t = new ReplanTrigger(vs, 3, 100, 0.3, 2);
    assertEquals(Optional.empty(), t.observe(0, 5, 12));
    assertEquals(Optional.empty(), t.observe(1, 5, 6), "within 30 %: (12+6)/(10+5) = 1.2");
    ReplanTrigger.Replan r = t.observe(1, 15, 15).orElseThrow();
    assertEquals(0, r.slot());
    assertEquals(1, r.fromSlot());
    assertEquals(33.0 / 20.0, r.driftRatio(), 1e-12);
    assertEquals(Optional.empty(), t.observe(1, 20, 50), "fires once per slot");
    assertEquals(Optional.empty(), t.observe(0, 250, 100), "never in the last slot");
    assertEquals(Optional.empty(), t.observe(0, 250, 100));
    assertArrayEquals(new double[] {0, 2, 4, 0, 6, 8}, ReplanTrigger.driftedGoal(new double[] {9, 1, 2, 9, 3, 4}, 3, 1, 2));
  }

  @Test
  void remainingPlansKeepOnlyWhatIsAhead() {
    CandidatePlan.Sortie early = new CandidatePlan.Sortie(List.of(new double[] {0, 0}), List.of(), 50, 100);
    CandidatePlan.Sortie late = new CandidatePlan.Sortie(List.of(new double[] {0, 0}), List.of(), 150, 300);
    // 2 cells x 2 slots: entries (cell 0, slot 0), (cell 0, slot 1), (cell 1, slot 1)
    CandidatePlan p = new CandidatePlan(0, 0, 0, new int[] {0, 1, 3}, new double[] {10, 20, 30}, 400, 0.8,
        List.of(early, late));
    CandidatePlan r = RemainingPlans.fromSlot(p, 1, 2, 100);
    assertArrayEquals(new int[] {1, 3}, r.indices());
    assertArrayEquals(new double[] {20, 30}, r.hoverS());
    assertEquals(300, r.energyJ());
    assertEquals(0.6, r.cost(), 1e-12);
    assertEquals(1, r.flights());
    assertTrue(RemainingPlans.fromSlot(p, 2, 2, 100).indices().length == 0);
  }
}
