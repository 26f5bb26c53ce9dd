package org.swarmsense.agents.mission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    ReplanTrigger t = new ReplanTrigger(vs, 3, 100, 0.3, 2, 2.58);
    assertEquals(Optional.empty(), t.observe(0, 5, 12));
    assertEquals(Optional.empty(), t.observe(1, 5, 6), "within 30 %: (12+6)/(10+5) = 1.2");
    ReplanTrigger.Replan r = t.observe(1, 15, 15).orElseThrow();
    assertEquals(0, r.slot());
    assertEquals(1, r.fromSlot());
    assertEquals(33.0 / 20.0, r.driftRatio(), 1e-12); // |33 - 20| = 13 > 2.58 x sqrt(20) = 11.5
    assertEquals(Optional.empty(), t.observe(1, 20, 50), "fires once per slot");
    assertEquals(Optional.empty(), t.observe(0, 250, 100), "never in the last slot");
    assertEquals(Optional.empty(), t.observe(0, 250, 100));
    assertArrayEquals(new double[] {0, 2, 4, 0, 6, 8}, ReplanTrigger.driftedGoal(new double[] {9, 1, 2, 9, 3, 4}, 3, 1, 2));
  }

  // 1 cell x 2 slots of 100 s; the forecast holds 9 vehicles in the whole cell in slot 0
  private static final double[] NINE = {900, 900};

  @Test
  void aFootprintReadingIsComparedWithTheForecastForItsShareOfTheCell() {
    // a camera footprint of a third of the cell sees 3 of the 9 forecast vehicles: exactly the forecast
    ReplanTrigger t = new ReplanTrigger(NINE, 2, 100, 0.3, 3, 2.58);
    for (int i = 0; i < 10; i++) {
      assertEquals(Optional.empty(), t.observe(0, 10 + i, 3, 1.0 / 3), "forecast-exact footprint counts, reading " + i);
    }
    // the same counts against the whole cell's forecast (the old comparison) read 3/9 = 0.33 x: it fires
    ReplanTrigger whole = new ReplanTrigger(NINE, 2, 100, 0.3, 3, 2.58);
    whole.observe(0, 10, 3, 1);
    whole.observe(0, 11, 3, 1);
    ReplanTrigger.Replan r = whole.observe(0, 12, 3, 1).orElseThrow(); // |9 - 27| = 18 > 2.58 x sqrt(27) = 13.4
    assertEquals(1.0 / 3, r.driftRatio(), 1e-12);
  }

  @Test
  void aTrueFourfoldChangeWithEnoughCountsStillFires() {
    // footprint share 1/3: 3 vehicles expected per reading; 4x = 12 seen
    ReplanTrigger t = new ReplanTrigger(NINE, 2, 100, 0.3, 3, 2.58);
    assertEquals(Optional.empty(), t.observe(0, 10, 12, 1.0 / 3));
    assertEquals(Optional.empty(), t.observe(0, 11, 12, 1.0 / 3));
    // 3 readings: observed 36, expected 9; |36 - 9| = 27 > 2.58 x 3 = 7.74 and 36 / 9 = 4 > 1.3
    ReplanTrigger.Replan r = t.observe(0, 12, 12, 1.0 / 3).orElseThrow();
    assertEquals(4.0, r.driftRatio(), 1e-12);
    assertEquals(3, r.readings());
  }

  @Test
  void noVehicleWhereOneAndAHalfWereExpectedIsCountingNoise() {
    // 3 readings of a footprint 1/18 of the cell: 0.5 expected each, 1.5 in all; 0 seen.
    // 0 / 1.5 = 0 is far past the 30 % threshold, but |0 - 1.5| = 1.5 < 2.58 x sqrt(1.5) = 3.16:
    // P(Poisson(1.5) = 0) = 0.22, ordinary noise
    ReplanTrigger t = new ReplanTrigger(NINE, 2, 100, 0.3, 3, 2.58);
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.empty(), t.observe(0, 10 + i, 0, 1.0 / 18), "reading " + i);
    }
    // with the noise rule off (z = 0) the same readings fire: the rule is what holds it back
    ReplanTrigger off = new ReplanTrigger(NINE, 2, 100, 0.3, 3, 0);
    off.observe(0, 10, 0, 1.0 / 18);
    off.observe(0, 11, 0, 1.0 / 18);
    assertEquals(0.0, off.observe(0, 12, 0, 1.0 / 18).orElseThrow().driftRatio());
    // enough readings of nothing do fire: 12 readings, 6 expected, |0 - 6| = 6 > 2.58 x sqrt(6) = 6.32? no;
    // 13 readings, 6.5 expected: 6.5 > 2.58 x sqrt(6.5) = 6.58? no; 14: 7 > 6.83 yes
    for (int i = 3; i < 13; i++) {
      assertEquals(Optional.empty(), t.observe(0, 10 + i, 0, 1.0 / 18), "reading " + i);
    }
    assertEquals(14, t.observe(0, 23, 0, 1.0 / 18).orElseThrow().readings());
  }

  @Test
  void badSharesAndZAreRefusedNamingTheValue() {
    ReplanTrigger t = new ReplanTrigger(NINE, 2, 100, 0.3, 3, 2.58);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.observe(0, 1, 1, 0));
    assertTrue(e.getMessage().contains("cellShare") && e.getMessage().contains("0.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.observe(0, 1, 1, -0.5));
    assertThrows(IllegalArgumentException.class, () -> t.observe(0, 1, 1, Double.NaN));
    e = assertThrows(IllegalArgumentException.class, () -> t.observe(0, 1, 1, Double.POSITIVE_INFINITY));
    assertTrue(e.getMessage().contains("cellShare") && e.getMessage().contains("Infinity"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new ReplanTrigger(NINE, 2, 100, 0.3, 3, -1));
    assertTrue(e.getMessage().contains("noiseZ") && e.getMessage().contains("-1"), e.getMessage());
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

  @Test
  void aReplanOffersTheRestOfTheDronesOwnFlightOrRestsThatStartOnTheGround() {
    // 2 cells x 2 slots of 100 s; each candidate one sortie from base (0, 0)
    // 0 and 1: in the air at 100 s (a stop from 50 s to 150 s); 2: takes off at 120 s; 3: landed by 100 s
    CandidatePlan inAir0 = plan(0, new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {200, 0},
        new double[] {0, 0}), List.of(new CandidatePlan.Stop(0, 200, 0, 50, 100)), 30, 20_000), new int[] {0, 1},
        new double[] {50, 50});
    CandidatePlan inAir1 = plan(1, new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {0, 300},
        new double[] {0, 0}), List.of(new CandidatePlan.Stop(1, 0, 300, 50, 100)), 20, 25_000), new int[] {2, 3},
        new double[] {50, 50});
    CandidatePlan later = plan(2, new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {0, 300},
        new double[] {0, 0}), List.of(new CandidatePlan.Stop(1, 0, 300, 150, 40)), 120, 15_000), new int[] {3},
        new double[] {40});
    CandidatePlan done = plan(3, new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {200, 0},
        new double[] {0, 0}), List.of(new CandidatePlan.Stop(0, 200, 0, 20, 40)), 0, 10_000), new int[] {0},
        new double[] {40});
    List<CandidatePlan> candidates = List.of(inAir0, inAir1, later, done);

    // flying candidate 1: its own rest in the air, 2 and 3 from the ground; never 0's flight in the air
    List<CandidatePlan> flying1 = RemainingPlans.optionsFromSlot(candidates, 1, 1, 2, 100, ENERGY);
    assertEquals(List.of(1, 2, 3), flying1.stream().map(CandidatePlan::index).toList());
    assertTrue(flying1.get(0).sorties().get(0).airborne(), "its own flight goes on from where it is");
    assertArrayEquals(new int[] {3}, flying1.get(0).indices(), "cut to slot 1 on");
    assertEquals(0, flying1.get(2).flights(), "3 has nothing left: the option to end the flight");
    // flying candidate 0: the mirror; flying none (left out, on the ground): only the rests on the ground
    assertEquals(List.of(0, 2, 3),
        RemainingPlans.optionsFromSlot(candidates, 0, 1, 2, 100, ENERGY).stream().map(CandidatePlan::index).toList());
    assertEquals(List.of(2, 3),
        RemainingPlans.optionsFromSlot(candidates, -1, 1, 2, 100, ENERGY).stream().map(CandidatePlan::index).toList());
    // from slot 0 nothing is in the air yet: every candidate is an option
    assertEquals(4, RemainingPlans.optionsFromSlot(candidates, 1, 0, 2, 100, ENERGY).size());

    List<List<CandidatePlan>> all = RemainingPlans.allOptionsFromSlot(List.of(candidates, candidates), new int[] {0, -1},
        1, 2, 100, ENERGY);
    assertEquals(List.of(3, 2), all.stream().map(List::size).toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RemainingPlans.allOptionsFromSlot(List.of(candidates), new int[] {0, 1}, 1, 2, 100, ENERGY));
    assertTrue(e.getMessage().contains("flying names 2 drones, plans 1"), e.getMessage());
  }

  @Test
  void aDroneInTheAirIsOfferedAnotherFlightInTheAirOnlyWhereItGetsInTimeOnItsBattery() {
    // 2 slots of 100 s, re-plan from slot 1 (100 s). The drone flies candidate 0: taken off at 30 s, hovering at
    // (200, 0) from 50 s to 150 s, home at (0, 0).
    double capacityJ = DroneModel.defaults().batteryCapacityJ();
    CandidatePlan own = plan(0, new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {200, 0},
        new double[] {0, 0}), List.of(new CandidatePlan.Stop(0, 200, 0, 50, 100)), 30, 20_000), new int[] {0, 1},
        new double[] {50, 50});
    // 1: in the air, its next stop 100 m from the drone's and starting at 160 s: in time (100 m take 100 / v s)
    CandidatePlan near = plan(1, new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {0, 300},
        new double[] {200, 100}, new double[] {0, 0}), List.of(new CandidatePlan.Stop(0, 0, 300, 20, 40),
        new CandidatePlan.Stop(1, 200, 100, 160, 30)), 0, 30_000), new int[] {0, 3}, new double[] {40, 30});
    // 2: in the air, its next stop 5 km away at 110 s: not reachable in time
    CandidatePlan far = plan(2, new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {200, 5_000},
        new double[] {0, 0}), List.of(new CandidatePlan.Stop(1, 200, 5_000, 110, 30)), 0, 90_000), new int[] {3},
        new double[] {30});
    // 3: in the air at another point, its stop cut at the slot's start: reachable only from the same point
    CandidatePlan cut = plan(3, new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {0, 100},
        new double[] {0, 0}), List.of(new CandidatePlan.Stop(1, 0, 100, 60, 80)), 40, 15_000), new int[] {2, 3},
        new double[] {40, 40});
    List<CandidatePlan> candidates = List.of(own, near, far, cut);
    double speed = DroneModel.defaults().groundSpeedMps();
    assertTrue(100 + 100 / speed <= 160 && 100 + 5_000 / speed > 110, "the workload's times hold at " + speed + " m/s");

    List<CandidatePlan> options = RemainingPlans.optionsFromSlot(candidates, 0, 1, 2, 100, ENERGY);

    assertEquals(List.of(0, 1), options.stream().map(CandidatePlan::index).toList());
    CandidatePlan plain = RemainingPlans.fromSlot(near, 1, 2, 100, ENERGY);
    double transferJ = ENERGY.flightPowerW() * 100 / speed;
    CandidatePlan priced = options.get(1);
    assertArrayEquals(plain.indices(), priced.indices(), "the same hover: it gets there in time");
    assertEquals(plain.energyJ() + transferJ, priced.energyJ(), 1e-9, "priced with the 100 m there");
    assertEquals(plain.sorties().get(0).energyJ() + transferJ, priced.sorties().get(0).energyJ(), 1e-9);
    assertEquals(plain.cost() * priced.energyJ() / plain.energyJ(), priced.cost(), 1e-12);
    assertEquals(plain.sorties().get(0).path(), priced.sorties().get(0).path(), "its route is the rest's own");

    // a drone whose sortie leaves 1 kJ beyond its own rest (5 s of hover left, then home): the flight to 1 and
    // 1's rest (30 s of hover) need more than that
    CandidatePlan drained = plan(0, new CandidatePlan.Sortie(own.sorties().get(0).path(),
        List.of(new CandidatePlan.Stop(0, 200, 0, 50, 55)), 30, capacityJ - 1_000), new int[] {0, 1},
        new double[] {50, 5});
    double leftJ = 1_000 + ENERGY.flightEnergyJ(200) + ENERGY.hoverEnergyJ(5);
    assertTrue(transferJ + plain.energyJ() > leftJ, "the workload's energies hold: " + leftJ + " J left");
    assertEquals(List.of(0),
        RemainingPlans.optionsFromSlot(List.of(drained, near, far, cut), 0, 1, 2, 100, ENERGY).stream()
            .map(CandidatePlan::index).toList());
    // a drone not in the air at the slot's start (none flown yet) is offered no flight in the air
    assertEquals(List.of(),
        RemainingPlans.optionsFromSlot(List.of(near, far, cut), -1, 1, 2, 100, ENERGY).stream()
            .map(CandidatePlan::index).toList());
  }

  private static CandidatePlan plan(int index, CandidatePlan.Sortie sortie, int[] entries, double[] hoverS) {
    return new CandidatePlan(0, index, 0, entries, hoverS, sortie.energyJ(), sortie.energyJ() / 100_000,
        List.of(sortie));
  }
}
