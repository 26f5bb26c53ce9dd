package org.swarmsense.epos.sensing.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.HandMadePlans;

/**
 * The flight timeline of a hand-made plan, times and energies derived by hand. Was agents'
 * {@code FlightPlanTest}, whose model had no climb: every time after take-off now also counts the
 * climb of 50 m over the base (50 / V s at flight power), and the landing the descent of 50 m.
 */
class FlightTimelineTest {
  private static final EnergyModel ENERGY = EnergyModel.of(DroneModel.defaults());
  private static final double V = DroneModel.defaults().groundSpeedMps();
  /** Climb (and descent) of 50 m at the cruise speed, s. */
  private static final double CLIMB_S = 50 / V;

  @Test
  void waitsFliesHoversAndLandsInOrder() {
    FlightTimeline p = FlightTimeline.of(HandMadePlans.twoStops(60, 120), 0, 0, 50, 100, 0, ENERGY);
    FlightState before = p.stateAt(30);
    assertEquals(FlightPhase.IDLE, before.phase());
    assertEquals(100.0, before.batteryPercent(), 1e-12);

    FlightState climbing = p.stateAt(60 + CLIMB_S / 2);
    assertEquals(FlightPhase.FLYING, climbing.phase());
    assertEquals(25, climbing.altitudeM(), 1e-9);
    assertEquals(0, climbing.xM(), 1e-9);

    double leg = 694 / V; // 100 s at 6.94 m/s
    FlightState half = p.stateAt(60 + CLIMB_S + leg / 2);
    assertEquals(FlightPhase.FLYING, half.phase());
    assertEquals(347, half.xM(), 1e-9);
    assertEquals(0, half.yM(), 1e-9);
    assertEquals(50, half.altitudeM(), 1e-9);
    assertEquals(V, half.speedMps());
    assertEquals(90, p.headingDegAt(60 + CLIMB_S + leg / 2), 1e-9);

    FlightState hover = p.stateAt(60 + CLIMB_S + leg + 60);
    assertEquals(FlightPhase.HOVERING, hover.phase());
    assertEquals(3, hover.cell());
    assertEquals(694, hover.xM(), 1e-9);
    double expectUsed = ENERGY.flightPowerW() * (CLIMB_S + leg) + ENERGY.hoverPowerW() * 60;
    assertEquals(expectUsed, hover.energyUsedJ(), 1e-6);
    assertEquals(100 * (275_000 - expectUsed) / 275_000, hover.batteryPercent(), 1e-9);

    FlightState second = p.stateAt(60 + CLIMB_S + leg + 120 + leg + 1);
    assertEquals(5, second.cell());
    assertEquals(694, second.yM(), 1e-9);
  }

  @Test
  void swapRestoresTheBatteryAndCountsTheFlight() {
    // cell 3 is planned 100-220 s and reached after the climb, at 100 + CLIMB_S: held until 220; cell 5 is
    // reached at 320 and planned 420-540: held until 540 (220 s); then home and down
    FlightTimeline p = FlightTimeline.of(HandMadePlans.twoStops(0, 120), 0, 0, 50, 100, 0, ENERGY);
    double leg = 694 / V;
    double back = Math.hypot(694, 694) / V;
    double land = 540 + back + CLIMB_S;
    double total = ENERGY.flightPowerW() * (2 * CLIMB_S + 2 * leg + back)
        + ENERGY.hoverPowerW() * (120 - CLIMB_S + 220);
    assertEquals(land + 100, p.endS(), 1e-9);
    assertEquals(1, p.sorties());
    FlightState swapping = p.stateAt(land + 50);
    assertEquals(FlightPhase.SWAPPING, swapping.phase());
    assertEquals(0, swapping.flightsDone());
    assertEquals(100.0, swapping.batteryPercent(), 1e-12);
    FlightState done = p.stateAt(land + 101);
    assertEquals(FlightPhase.IDLE, done.phase());
    assertEquals(1, done.flightsDone());
    assertEquals(100.0, done.batteryPercent(), 1e-12);
    assertEquals(total, done.energyUsedJ(), 1e-6);
    assertEquals(total, p.totalEnergyJ(), 1e-6);
  }

  @Test
  void aLateStartDelaysTheSortie() {
    FlightTimeline p = FlightTimeline.of(HandMadePlans.twoStops(0, 120), 0, 0, 50, 100, 1000, ENERGY);
    assertEquals(FlightPhase.IDLE, p.stateAt(999).phase());
    assertEquals(FlightPhase.FLYING, p.stateAt(1001).phase());
  }

  @Test
  void theRouteWaitsClimbsHoldsAtEachStopAndLands() {
    List<LocalWaypoint> r = FlightTimeline.route(HandMadePlans.twoStops(60, 120), 0, 0, 50, 100, 0, ENERGY);
    // take-off at 60 s, cell 3 planned 160-280 s, cell 5 480-600 s: held until those times
    assertEquals(List.of(
        new LocalWaypoint(0, 0, 0, 0, -1, 60),
        new LocalWaypoint(0, 0, 50, 0, -1),
        new LocalWaypoint(694, 0, 50, 0, 3, 280),
        new LocalWaypoint(694, 694, 50, 0, 5, 600),
        new LocalWaypoint(0, 0, 50, 0, -1),
        new LocalWaypoint(0, 0, 0, 100, -1)), r);
  }

  @Test
  void anAirborneSortieGoesOnFromItsFirstStopWithoutATakeOff() {
    // the rest of a flight in the air: hover on cell 1 at (300, 0) from 100 s for 20 s, on cell 2 at (300, 400)
    // from 160 s for 60 s, then home to (0, 0); the plan arrives at 70 s: there, hold until the first stop's
    // start (30 s after the plan's start), then until each stop's end (50 s, 150 s after it)
    CandidatePlan.Sortie rest = new CandidatePlan.Sortie(
        List.of(new double[] {300, 0}, new double[] {300, 400}, new double[] {0, 0}),
        List.of(new CandidatePlan.Stop(1, 300, 0, 100, 20), new CandidatePlan.Stop(2, 300, 400, 160, 60)), 10, 1000,
        true);
    CandidatePlan p = new CandidatePlan(0, 0, 0, new int[] {3, 5}, new double[] {20, 60}, 1000, 0.01, List.of(rest));
    assertEquals(List.of(
        new LocalWaypoint(300, 0, 50, 0, -1, 30),
        new LocalWaypoint(300, 0, 50, 0, 1, 50),
        new LocalWaypoint(300, 400, 50, 0, 2, 150),
        new LocalWaypoint(0, 0, 50, 0, -1),
        new LocalWaypoint(0, 0, 0, 100, -1)), FlightTimeline.route(p, 0, 0, 50, 100, 70, ENERGY));
    CandidatePlan.Sortie later = new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {300, 0}),
        List.of(new CandidatePlan.Stop(1, 300, 0, 250, 10)), 240, 1000, true);
    CandidatePlan second = new CandidatePlan(0, 0, 0, new int[] {3}, new double[] {20}, 2000, 0.02,
        List.of(HandMadePlans.twoStops(0, 1).sorties().get(0), later));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlightTimeline.route(second, 0, 0, 50, 100, 0, ENERGY));
    assertEquals("plan 0 of drone 0: airborne sortie 1 must be the plan's first and have a path and a stop",
        e.getMessage());
  }

  @Test
  void aReplannedDroneThatArrivesLateHoversUntilItsStopsPlannedEnd() {
    // a re-plan sent at 70 s keeps the rest of a sortie: cell 1 at (300, 0) planned 100-120 s, then 400 m north
    // to cell 2 at (300, 400), planned from 120 + 400 / V for 60 s, then home. The drone is 250 m west of the
    // first stop at 50 m when it takes the plan (flight there 250 / V = 36.0 s: it arrives at 106.0 s, late).
    double secondS = 120 + 400 / V;
    CandidatePlan.Sortie rest = new CandidatePlan.Sortie(
        List.of(new double[] {300, 0}, new double[] {300, 400}, new double[] {0, 0}),
        List.of(new CandidatePlan.Stop(1, 300, 0, 100, 20), new CandidatePlan.Stop(2, 300, 400, secondS, 60)), 10,
        1000, true);
    CandidatePlan p = new CandidatePlan(0, 0, 0, new int[] {3, 5}, new double[] {20, 60}, 1000, 0.01, List.of(rest));
    FlightTimeline f = FlightTimeline.of(new LocalWaypoint(50, 0, 50, 0, -1), 70,
        FlightTimeline.route(p, 0, 0, 50, 100, 70, ENERGY), ENERGY);
    double arriveS = 70 + 250 / V;
    System.out.printf("late first stop: planned cell 1 %.1f-%.1f s, cell 2 %.1f-%.1f s; flown: cell 1 from %.1f s,"
        + " at 120.5 s %s cell %d, at %.1f s %s cell %d, at %.1f s %s%n", 100.0, 120.0, secondS, secondS + 60,
        arriveS, f.stateAt(120.5).phase(), f.stateAt(120.5).cell(), secondS + 1, f.stateAt(secondS + 1).phase(),
        f.stateAt(secondS + 1).cell(), secondS + 60.5, f.stateAt(secondS + 60.5).phase());
    assertEquals(FlightPhase.FLYING, f.stateAt(arriveS - 0.5).phase(), "still on its way to the first stop");
    assertEquals(1, f.stateAt(arriveS + 0.5).cell(), "hovers over cell 1 as soon as it is there");
    assertEquals(1, f.stateAt(119.5).cell());
    assertEquals(FlightPhase.FLYING, f.stateAt(120.5).phase(), "leaves cell 1 at its planned end, 120 s");
    assertEquals(2, f.stateAt(secondS + 0.5).cell(), "cell 2 from its planned start");
    assertEquals(2, f.stateAt(secondS + 59.5).cell());
    assertEquals(FlightPhase.FLYING, f.stateAt(secondS + 60.5).phase(), "leaves cell 2 at its planned end");
  }

  @Test
  void aFlightTakenInTheAirStartsFromTheBatteryLeft() {
    // 60 % of 275 kJ at the start, 100 s of hover: 165 kJ - 100 s x hover power; a swap fills it again
    FlightTimeline f = FlightTimeline.of(new LocalWaypoint(0, 0, 50, 0, -1), 0,
        List.of(new LocalWaypoint(0, 0, 50, 100, -1), new LocalWaypoint(0, 0, 0, 10, -1)), ENERGY, 165_000);
    assertEquals(60.0, f.stateAt(0).batteryPercent(), 1e-12);
    double leftJ = 165_000 - 100 * ENERGY.hoverPowerW();
    assertEquals(100 * leftJ / 275_000, f.stateAt(100).batteryPercent(), 1e-9);
    assertEquals(100.0, f.stateAt(100 + 50 / V + 1).batteryPercent(), 1e-12, "swapped");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlightTimeline.of(LocalWaypoint.ground(0, 0), 0, List.of(), ENERGY, 275_001));
    assertEquals("batteryJ must be in 0..275000.0, got: 275001.0", e.getMessage());
  }

  @Test
  void aWaypointHoldsUntilTheLaterOfItsHoldAndItsTime() {
    // 100 m east at V, then hold 10 s but at least until 50 s after the start (a flight starting at 20 s)
    FlightTimeline early = FlightTimeline.of(new LocalWaypoint(0, 0, 50, 0, -1), 20,
        List.of(new LocalWaypoint(100, 0, 50, 10, 4, 50)), ENERGY);
    assertEquals(70, early.endS(), 1e-9);
    FlightTimeline late = FlightTimeline.of(new LocalWaypoint(0, 0, 50, 0, -1), 20,
        List.of(new LocalWaypoint(100, 0, 50, 10, 4, 5)), ENERGY);
    assertEquals(20 + 100 / V + 10, late.endS(), 1e-9);
    assertEquals("untilS must be finite and >= 0, got: -1.0",
        assertThrows(IllegalArgumentException.class, () -> new LocalWaypoint(0, 0, 0, 0, -1, -1)).getMessage());
  }

  @Test
  void aStopOffThePathIsRefusedNamingIt() {
    CandidatePlan.Sortie s = new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {100, 0}),
        List.of(new CandidatePlan.Stop(4, 50, 50, 10, 30)), 0, 100);
    CandidatePlan off = new CandidatePlan(2, 1, 0, new int[] {4}, new double[] {30}, 100, 0.01, List.of(s));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlightTimeline.of(off, 0, 0, 50, 100, 0, ENERGY));
    assertEquals("plan 1 of drone 2: hover stop 0 (cell 4 at 50.0, 50.0) is not on its sortie's path",
        e.getMessage());
  }

  @Test
  void aPlanThatEndsInTheAirHoversThere() {
    FlightTimeline f = FlightTimeline.of(LocalWaypoint.ground(0, 0), 0,
        List.of(new LocalWaypoint(0, 0, 30, 10, -1)), ENERGY);
    assertEquals(30 / V + 10, f.endS(), 1e-9);
    FlightState after = f.stateAt(f.endS() + 5);
    assertEquals(FlightPhase.HOVERING, after.phase());
    assertEquals(30, after.altitudeM(), 1e-9);
    assertEquals(0, f.sorties());
    assertTrue(after.energyUsedJ() > 0);
  }

  @Test
  void rejectsBadArguments() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlightTimeline.of(HandMadePlans.twoStops(0, 1), 0, 0, 50, -1, 0, ENERGY));
    assertEquals("swapS must be >= 0, got: -1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FlightTimeline.idleAt(0, 0, ENERGY).stateAt(Double.NaN));
    IllegalArgumentException hold = assertThrows(IllegalArgumentException.class,
        () -> new LocalWaypoint(0, 0, 10, -2, -1));
    assertEquals("holdS must be finite and >= 0, got: -2.0", hold.getMessage());
  }
}
