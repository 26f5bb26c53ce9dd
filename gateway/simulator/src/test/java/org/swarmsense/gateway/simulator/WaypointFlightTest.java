package org.swarmsense.gateway.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;

class WaypointFlightTest {
  private static final EnergyModel ENERGY = EnergyModel.of(DroneModel.defaults());
  private static final long T_MS = 1_795_000_000_000L;

  @Test
  void climbsFliesHoversAndSwapsTheBatteryOnTheGround() {
    double v = ENERGY.drone().groundSpeedMps();
    Waypoint base = new Waypoint(43.73, 7.42, 0, 0);
    // 50 m up over the base, then 100 s worth of flight due north, hover 60 s, back down at base
    double northDeg = LocalProjection.centredOn(7.42, 43.73).toWgs84(0, 100 * v).y - 43.73;
    Waypoint up = new Waypoint(43.73, 7.42, 50, 0);
    Waypoint cell = new Waypoint(43.73 + northDeg, 7.42, 50, 60);
    Waypoint home = new Waypoint(43.73, 7.42, 0, 30);
    WaypointFlight f = new WaypointFlight(base, List.of(up, cell, home), ENERGY);

    // the leg north as the flight measures it: in maps' local frame around the start (about 100 v)
    double legM = LocalProjection.centredOn(7.42, 43.73).toLocal(7.42, 43.73 + northDeg).y;
    assertEquals(100 * v, legM, 0.01);
    double legS = legM / v;
    double climbS = 50 / v;
    double backS = Math.hypot(legM, 50) / v;
    assertEquals(climbS + legS + 60 + backS + 30, f.durationS(), 1e-6);

    Telemetry mid = f.stateAt(climbS + legS / 2, T_MS);
    assertEquals("flying", mid.state());
    // legs are straight in the local frame (the one flight model, epos-planner's FlightTimeline), so
    // half way is the frame's point (0, legM / 2); the old model interpolated latitude linearly,
    // 43.73 + northDeg / 2, which is 1.6e-9 degrees (0.2 mm) further north on this 694 m leg
    assertEquals(LocalProjection.centredOn(7.42, 43.73).toWgs84(0, legM / 2).y, mid.latDeg(), 1e-9);
    assertEquals(43.73 + northDeg / 2, mid.latDeg(), 1e-8);
    assertEquals(0, mid.headingDeg(), 1e-6);
    double usedJ = ENERGY.flightPowerW() * (climbS + legS / 2);
    assertEquals(100 * (1 - usedJ / ENERGY.drone().batteryCapacityJ()), mid.batteryPercent(), 1e-9);

    Telemetry hover = f.stateAt(climbS + legS + 30, T_MS);
    assertEquals("hovering", hover.state());
    assertEquals(50, hover.altM(), 1e-9);
    double usedHoverJ = ENERGY.flightPowerW() * (climbS + legS) + ENERGY.hoverPowerW() * 30;
    assertEquals(100 * (1 - usedHoverJ / ENERGY.drone().batteryCapacityJ()), hover.batteryPercent(), 1e-9);

    Telemetry ground = f.stateAt(f.durationS() - 1, T_MS);
    assertEquals("charging", ground.state());
    assertEquals(100, ground.batteryPercent(), 1e-9);
    assertTrue(f.doneAt(f.durationS() + 5));
    assertEquals("landed", f.stateAt(f.durationS() + 5, T_MS).state());
  }

  @Test
  void aPointReachedLateIsHeldUntilItsTimeOnly() {
    // from 50 m over the start, 100 s of flight north to a point held until 150 s after the plan's start (50 s
    // left when it gets there), then 10 s north again held until 140 s (past: not held), then held 20 s
    double v = ENERGY.drone().groundSpeedMps();
    LocalProjection frame = LocalProjection.centredOn(7.42, 43.73);
    double north1 = frame.toWgs84(0, 100 * v).y;
    double north2 = frame.toWgs84(0, 110 * v).y;
    WaypointFlight f = new WaypointFlight(new Waypoint(43.73, 7.42, 50, 0),
        List.of(new Waypoint(north1, 7.42, 50, 0, 150), new Waypoint(north2, 7.42, 50, 0, 140),
            new Waypoint(north2, 7.42, 50, 20, 0)), ENERGY, 70);
    assertEquals(100 + 50 + 10 + 20, f.durationS(), 0.01);
    assertEquals("hovering", f.stateAt(149, T_MS).state());
    assertEquals("flying", f.stateAt(151, T_MS).state());
    double usedJ = ENERGY.flightPowerW() * 100 + ENERGY.hoverPowerW() * 40;
    assertEquals(70 - 100 * usedJ / ENERGY.drone().batteryCapacityJ(), f.stateAt(140, T_MS).batteryPercent(), 1e-3,
        "from the 70 % it started with");
  }

  @Test
  void refusesNegativeHoldsNamingTheField() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Waypoint(43.7, 7.4, 10, -1));
    assertTrue(e.getMessage().contains("hold_s"), e.getMessage());
  }
}
