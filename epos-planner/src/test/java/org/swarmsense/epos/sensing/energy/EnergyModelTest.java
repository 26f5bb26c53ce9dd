package org.swarmsense.epos.sensing.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnergyModelTest {

  @Test
  void defaultQuadcopterMatchesTheSanityFiguresOfTheSpec() {
    EnergyModel m = EnergyModel.of(DroneModel.defaults());
    // spec: about 95 W hovering, 106 W flying, roughly 48 min of hover per battery
    assertEquals(95.47, m.hoverPowerW(), 0.05);
    assertEquals(106.48, m.flightPowerW(), 0.05);
    assertEquals(48.0, m.hoverEnduranceS() / 60, 0.1);
  }

  @Test
  void energyScalesWithTimeAndDistance() {
    EnergyModel m = EnergyModel.of(DroneModel.defaults());
    assertEquals(m.hoverPowerW() * 60, m.hoverEnergyJ(60), 1e-9);
    assertEquals(m.flightPowerW() * 100, m.flightEnergyJ(694), 1e-6);
    assertEquals(100, m.flightTimeS(694), 1e-9);
  }

  @Test
  void heavierDroneNeedsMorePower() {
    DroneModel d = DroneModel.defaults();
    DroneModel heavy = new DroneModel(2.0, d.batteryMassKg(), d.batteryCapacityJ(), d.rotors(),
        d.rotorDiameterM(), d.bodyFrontalAreaM2(), d.batteryFrontalAreaM2(), d.efficiency(),
        d.groundSpeedMps(), d.airSpeedMps());
    assertTrue(EnergyModel.of(heavy).hoverPowerW() > EnergyModel.of(d).hoverPowerW());
  }

  @Test
  void tinyDroneWithBigRotorPowerIsRejectedAsAbsurd() {
    // a 32 g drone with tiny rotors: thousands of W/kg
    DroneModel absurd = new DroneModel(0.025, 0.007, 4000, 4, 0.005, 0.01, 0.001, 0.8, 6.94, 8.5);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EnergyModel.of(absurd));
    assertTrue(e.getMessage().contains("physically absurd"), e.getMessage());
  }

  @Test
  void invalidParametersNameTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DroneModel(1, 0.3, 1000, 4, -0.3, 0.06, 0.004, 0.8, 7, 8));
    assertTrue(e.getMessage().contains("rotorDiameterM"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new DroneModel(1, 0.3, 1000, 4, 0.3, 0.06, 0.004, 1.3, 7, 8));
    assertTrue(e.getMessage().contains("efficiency"), e.getMessage());
  }
}
