package org.swarmsense.agents.mission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

class ReplanRulesTest {
  static final EnergyModel ENERGY = EnergyModel.of(DroneModel.defaults());

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
    CandidatePlan r = RemainingPlans.fromSlot(p, 1, 2, 100, ENERGY);
    assertArrayEquals(new int[] {1, 3}, r.indices());
    assertArrayEquals(new double[] {20, 30}, r.hoverS());
    assertEquals(300, r.energyJ());
    assertEquals(0.6, r.cost(), 1e-12);
    assertEquals(1, r.flights());
    assertTrue(RemainingPlans.fromSlot(p, 2, 2, 100, ENERGY).indices().length == 0);
  }

  @Test
  void aSortieInTheAirAtTheSlotKeepsTheRestOfItsFlight() {
    // 3 cells x 2 slots of 100 s. One sortie from base (0, 0), taken off at 10 s: hover on cell 1 at (300, 0)
    // from 30 s to 120 s (70 s in slot 0, 20 s in slot 1), fly 400 m north (58 s), hover on cell 2 at (300, 400)
    // from 180 s for 15 s, fly 500 m home. A second sortie took off at 0 s and landed: its stop ended at 50 s.
    CandidatePlan.Sortie flying = new CandidatePlan.Sortie(
        List.of(new double[] {0, 0}, new double[] {300, 0}, new double[] {300, 400}, new double[] {0, 0}),
        List.of(new CandidatePlan.Stop(1, 300, 0, 30, 90), new CandidatePlan.Stop(2, 300, 400, 180, 15)), 10, 40_000);
    CandidatePlan.Sortie landed = new CandidatePlan.Sortie(
        List.of(new double[] {0, 0}, new double[] {100, 0}, new double[] {0, 0}),
        List.of(new CandidatePlan.Stop(0, 100, 0, 20, 30)), 0, 5_000);
    // entries (cell 0, slot 0) = 30, (cell 1, slot 0) = 70, (cell 1, slot 1) = 20, (cell 2, slot 1) = 15
    CandidatePlan p = new CandidatePlan(0, 0, 0, new int[] {0, 2, 3, 5}, new double[] {30, 70, 20, 15}, 45_000, 0.9,
        List.of(landed, flying));

    CandidatePlan r = RemainingPlans.fromSlot(p, 1, 2, 100, ENERGY);

    assertArrayEquals(new int[] {3, 5}, r.indices());
    assertArrayEquals(new double[] {20, 15}, r.hoverS());
    assertEquals(1, r.flights(), "the landed sortie is dropped, the flying one kept");
    CandidatePlan.Sortie rest = r.sorties().get(0);
    assertTrue(rest.airborne());
    assertEquals(10, rest.takeOffS());
    assertEquals(3, rest.path().size());
    assertArrayEquals(new double[] {300, 0}, rest.path().get(0), "the path goes on from the first kept stop");
    assertArrayEquals(new double[] {0, 0}, rest.path().get(2));
    assertEquals(List.of(new CandidatePlan.Stop(1, 300, 0, 100, 20), new CandidatePlan.Stop(2, 300, 400, 180, 15)),
        rest.stops(), "the stop across the slot's start is cut at it");
    // still to fly: 400 m + 500 m at flight power, 20 s + 15 s at hover power
    double expectedJ = ENERGY.flightPowerW() * 900 / DroneModel.defaults().groundSpeedMps()
        + ENERGY.hoverPowerW() * 35;
    assertEquals(expectedJ, rest.energyJ(), 1e-9);
    assertEquals(expectedJ, r.energyJ(), 1e-9);
    assertEquals(0.9 * expectedJ / 45_000, r.cost(), 1e-12);

    // from slot 2 nothing is ahead; a sortie only flying home at the slot's start keeps nothing
    assertEquals(0, RemainingPlans.fromSlot(p, 2, 2, 100, ENERGY).flights());
    CandidatePlan homeward = new CandidatePlan(0, 0, 0, new int[] {0}, new double[] {30}, 5_000, 0.1,
        List.of(landed));
    assertEquals(0, RemainingPlans.fromSlot(homeward, 1, 2, 60, ENERGY).flights(), "its stop ended at 50 s");
  }
}
