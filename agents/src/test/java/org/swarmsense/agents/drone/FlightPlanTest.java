package org.swarmsense.agents.drone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;

class FlightPlanTest {
  private static final EnergyModel ENERGY = EnergyModel.of(DroneModel.defaults());
  private static final double V = DroneModel.defaults().groundSpeedMps();

  @Test
  void waitsFliesHoversAndLandsInOrder() {
    FlightPlan p = FlightPlan.of(TestPlans.twoStops(60, 120), 0, 0, 50, 100, 0, ENERGY);
    FlightState before = p.stateAt(30);
    assertEquals(FlightPhase.IDLE, before.phase());
    assertEquals(100.0, before.batteryPercent(), 1e-12);

    double leg = 694 / V; // 100 s at 6.94 m/s
    FlightState half = p.stateAt(60 + leg / 2);
    assertEquals(FlightPhase.FLYING, half.phase());
    assertEquals(347, half.xM(), 1e-9);
    assertEquals(0, half.yM(), 1e-9);
    assertEquals(50, half.altitudeM());
    assertEquals(V, half.speedMps());

    FlightState hover = p.stateAt(60 + leg + 60);
    assertEquals(FlightPhase.HOVERING, hover.phase());
    assertEquals(3, hover.cell());
    assertEquals(694, hover.xM(), 1e-9);
    double expectUsed = ENERGY.flightPowerW() * leg + ENERGY.hoverPowerW() * 60;
    assertEquals(expectUsed, hover.energyUsedJ(), 1e-6);
    assertEquals(100 * (275_000 - expectUsed) / 275_000, hover.batteryPercent(), 1e-9);

    FlightState second = p.stateAt(60 + leg + 120 + leg + 1);
    assertEquals(5, second.cell());
    assertEquals(694, second.yM(), 1e-9);
  }

  @Test
  void swapRestoresTheBatteryAndCountsTheFlight() {
    FlightPlan p = FlightPlan.of(TestPlans.twoStops(0, 120), 0, 0, 50, 100, 0, ENERGY);
    double leg = 694 / V;
    double back = Math.hypot(694, 694) / V;
    double land = 2 * leg + 240 + back;
    double total = ENERGY.flightPowerW() * (2 * leg + back) + ENERGY.hoverPowerW() * 240;
    assertEquals(land + 100, p.endS(), 1e-9);
    assertEquals(1, p.sorties());
    FlightState swapping = p.stateAt(land + 50);
    assertEquals(FlightPhase.SWAPPING, swapping.phase());
    assertEquals(0, swapping.flightsDone());
    FlightState done = p.stateAt(land + 101);
    assertEquals(FlightPhase.IDLE, done.phase());
    assertEquals(1, done.flightsDone());
    assertEquals(100.0, done.batteryPercent(), 1e-12);
    assertEquals(total, done.energyUsedJ(), 1e-6);
    assertEquals(total, p.totalEnergyJ(), 1e-6);
  }

  @Test
  void aLateStartDelaysTheSortie() {
    FlightPlan p = FlightPlan.of(TestPlans.twoStops(0, 120), 0, 0, 50, 100, 1000, ENERGY);
    assertEquals(FlightPhase.IDLE, p.stateAt(999).phase());
    assertEquals(FlightPhase.FLYING, p.stateAt(1001).phase());
  }

  @Test
  void rejectsBadArguments() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlightPlan.of(TestPlans.twoStops(0, 1), 0, 0, 50, -1, 0, ENERGY));
    assertEquals("swapS must be >= 0, got: -1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FlightPlan.idleAt(0, 0, ENERGY).stateAt(Double.NaN));
  }
}
