package org.swarmsense.gateway.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.gateway.simulator.WaypointFlight.Point;

class WaypointFlightTest {
  private static final EnergyModel ENERGY = EnergyModel.of(DroneModel.defaults());
  private static final double M_PER_DEG_LAT = Math.toRadians(1) * 6_371_000;

  @Test
  void climbsFliesHoversAndSwapsTheBatteryOnTheGround() {
    double v = ENERGY.drone().groundSpeedMps();
    Point base = new Point(43.73, 7.42, 0, 0);
    // 50 m up over the base, then 100 s worth of flight due north, hover 60 s, back down at base
    double northDeg = 100 * v / M_PER_DEG_LAT;
    Point up = new Point(43.73, 7.42, 50, 0);
    Point cell = new Point(43.73 + northDeg, 7.42, 50, 60);
    Point home = new Point(43.73, 7.42, 0, 30);
    WaypointFlight f = new WaypointFlight(base, List.of(up, cell, home), ENERGY);

    double climbS = 50 / v;
    double backS = Math.hypot(100 * v, 50) / v;
    assertEquals(climbS + 100 + 60 + backS + 30, f.durationS(), 1e-6);

    WaypointFlight.State mid = f.stateAt(climbS + 50);
    assertEquals("flying", mid.state());
    assertEquals(43.73 + northDeg / 2, mid.latDeg(), 1e-9);
    assertEquals(0, mid.headingDeg(), 1e-6);
    double usedJ = ENERGY.flightPowerW() * (climbS + 50);
    assertEquals(100 * (1 - usedJ / ENERGY.drone().batteryCapacityJ()), mid.batteryPercent(), 1e-9);

    WaypointFlight.State hover = f.stateAt(climbS + 100 + 30);
    assertEquals("hovering", hover.state());
    assertEquals(50, hover.altM(), 1e-9);
    double usedHoverJ = ENERGY.flightPowerW() * (climbS + 100) + ENERGY.hoverPowerW() * 30;
    assertEquals(100 * (1 - usedHoverJ / ENERGY.drone().batteryCapacityJ()), hover.batteryPercent(), 1e-9);

    WaypointFlight.State ground = f.stateAt(f.durationS() - 1);
    assertEquals("charging", ground.state());
    assertEquals(100, ground.batteryPercent(), 1e-9);
    assertTrue(f.stateAt(f.durationS() + 5).done());
  }

  @Test
  void refusesNegativeHoldsNamingTheField() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Point(43.7, 7.4, 10, -1));
    assertTrue(e.getMessage().contains("hold_s"), e.getMessage());
  }
}
