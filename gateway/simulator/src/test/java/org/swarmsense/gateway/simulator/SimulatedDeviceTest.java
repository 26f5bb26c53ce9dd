package org.swarmsense.gateway.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.gateway.wire.Waypoint;

class SimulatedDeviceTest {
  static final DeviceId DRONE = new DeviceId("f", DeviceKind.DRONE, "d1");
  static final DeviceId SENSOR = new DeviceId("f", DeviceKind.SENSOR, "s1");

  /** Distance in metres on a small scale (flat earth). */
  static double metres(double lat1, double lon1, double lat2, double lon2) {
    double n = Math.toRadians(lat2 - lat1) * 6_371_000;
    double e = Math.toRadians(lon2 - lon1) * 6_371_000 * Math.cos(Math.toRadians(lat1));
    return Math.hypot(n, e);
  }

  @Test
  void aDroneCirclesItsHomeAt10MpsAndDrainsItsBattery() {
    SimulatedDevice d = new SimulatedDevice(DRONE, 47.0, 8.0, 1, 0);
    d.sample(0);
    Telemetry t = null;
    for (long ms = 1000; ms <= 100_000; ms += 1000) {
      t = d.sample(ms);
      assertEquals(100, metres(47.0, 8.0, t.latDeg(), t.lonDeg()), 0.5, "radius at " + ms);
    }
    assertEquals(10, t.speedMps());
    assertEquals(50, t.altM());
    assertEquals(100 - 0.02 * 100, t.batteryPercent(), 1e-9);
    assertEquals("flying", t.state());
  }

  @Test
  void holdStopsWhereTheDroneIsAndRtlFliesHomeAndLands() {
    SimulatedDevice d = new SimulatedDevice(DRONE, 47.0, 8.0, 1, 0, true, 1);
    d.sample(0);
    double targetLat = 47.0 + Math.toDegrees(600.0 / 6_371_000); // 600 m north of home
    assertTrue(d.apply(Command.goTo(0, new Waypoint(targetLat, 8.0, 40)), 0).ok());
    Telemetry before = d.sample(10_000); // 120 m out
    assertTrue(d.apply(Command.hold(10_000), 10_000).ok());
    Telemetry held = d.sample(20_000);
    assertEquals("hovering", held.state());
    assertEquals(0, held.speedMps());
    assertEquals(before.latDeg(), held.latDeg(), 1e-12, "hold: not a metre further");
    assertTrue(d.apply(Command.returnToLaunch(20_000), 20_000).ok());
    Telemetry back = d.sample(25_000); // 60 m of the 120 m home
    assertEquals("transit", back.state());
    assertEquals(60, metres(47.0, 8.0, back.latDeg(), back.lonDeg()), 0.5);
    assertEquals(180, back.headingDeg(), 0.01);
    Telemetry home = d.sample(40_000);
    assertEquals("landed", home.state());
    assertEquals(47.0, home.latDeg(), 1e-9);
    assertEquals(0, home.altM());
    assertTrue(d.apply(Command.returnToLaunch(41_000), 41_000).ok(), "rtl on the ground at home changes nothing");
    assertEquals("landed", d.sample(50_000).state());
  }

  @Test
  void gotoFliesStraightAt12MpsAndHovers() {
    SimulatedDevice d = new SimulatedDevice(DRONE, 47.0, 8.0, 1, 0);
    Telemetry start = d.sample(0);
    double targetLat = start.latDeg() + Math.toDegrees(600.0 / 6_371_000); // 600 m north
    CommandReply r = d.apply(Command.goTo(0, new Waypoint(targetLat, start.lonDeg(), 80)), 0);
    assertTrue(r.ok());
    Telemetry mid = d.sample(10_000);
    assertEquals(120, metres(start.latDeg(), start.lonDeg(), mid.latDeg(), mid.lonDeg()), 0.5);
    assertEquals(0, mid.headingDeg(), 0.01);
    assertEquals("transit", mid.state());
    Telemetry end = d.sample(60_000);
    assertEquals(targetLat, end.latDeg(), 1e-9);
    assertEquals(80, end.altM());
    assertEquals("hovering", end.state());
  }

  @Test
  void landAndRateAndWhatSensorsRefuse() {
    SimulatedDevice d = new SimulatedDevice(DRONE, 47.0, 8.0, 1, 0);
    assertTrue(d.apply(Command.land(1), 1).ok());
    assertEquals("landed", d.sample(1000).state());
    assertEquals(0, d.sample(2000).altM());
    assertTrue(d.apply(Command.rate(1, 20), 1).ok());
    assertEquals(20, d.rateHz());
    SimulatedDevice s = new SimulatedDevice(SENSOR, 47.0, 8.0, 1, 0);
    CommandReply no = s.apply(Command.plan(1, "p", List.of(new Waypoint(47, 8, 10))), 1);
    assertFalse(no.ok());
    assertEquals("a sensor cannot plan", no.reason());
    assertTrue(s.apply(Command.rate(1, 2), 1).ok());
    assertEquals(0, s.sample(5000).speedMps());
  }

  @Test
  void badSettingsNameTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SimulatedDevice(DRONE, 47, 8, 0, 0));
    assertEquals("rate_hz must be in (0, 100], was 0.0", e.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> SimulatorSettings.of("tcp://127.0.0.1:1883", "f", 10).withConnections(11));
    assertTrue(c.getMessage().contains("connections must be 0 (one per device) or 1..10, was 11"), c.getMessage());
  }

  @Test
  void aDroneOnTheGroundFliesAPlanWithHoldsAtItsTimeFactor() {
    DeviceId id = new DeviceId("f", DeviceKind.DRONE, "d0000");
    SimulatedDevice d = new SimulatedDevice(id, 43.73, 7.42, 1, 0, true, 10);
    Telemetry before = d.sample(1_000);
    assertEquals("landed", before.state());
    assertEquals(0, before.altM());
    assertEquals(0, before.speedMps());

    List<Waypoint> plan =
        List.of(new Waypoint(43.73, 7.42, 50), new Waypoint(43.735, 7.42, 50, 120), new Waypoint(43.73, 7.42, 0, 60));
    assertTrue(d.apply(Command.plan(1_000, "p1", plan), 1_000).ok());
    WaypointFlight same =
        new WaypointFlight(
            new Waypoint(43.73, 7.42, 0, 0),
            List.of(
                new Waypoint(43.73, 7.42, 50, 0),
                new Waypoint(43.735, 7.42, 50, 120),
                new Waypoint(43.73, 7.42, 0, 60)),
            org.swarmsense.epos.sensing.energy.EnergyModel.of(
                org.swarmsense.epos.sensing.energy.DroneModel.defaults()));
    // 8 wall seconds at 10x are 80 flight seconds: climbing done, on the leg north
    Telemetry t = d.sample(9_000);
    Telemetry expected = same.stateAt(80, 9_000);
    assertEquals(expected.latDeg(), t.latDeg(), 1e-12);
    assertEquals("flying", t.state());
    assertEquals(expected.batteryPercent(), t.batteryPercent(), 1e-9);
    assertTrue(d.flyingPlan(9_000));
    // long after the end it is landed at home with a swapped battery
    long endMs = 1_000 + (long) (same.durationS() / 10 * 1000) + 1_000;
    Telemetry end = d.sample(endMs);
    assertEquals("landed", end.state());
    assertEquals(43.73, end.latDeg(), 1e-12);
    assertEquals(100, end.batteryPercent(), 1e-9);
    assertFalse(d.flyingPlan(endMs));
  }

  @Test
  void returningHomeTakesItsTimeAtTheTimeFactorAsAPlanDoes() {
    // circling 100 m from home, 50 m up: rtl flies 100 m at 12 m/s and lands, 8.3 s of the drone's time
    for (double factor : new double[] {1, 10}) {
      SimulatedDevice d = new SimulatedDevice(DRONE, 47.0, 8.0, 1, 0, false, factor);
      d.sample(1_000);
      assertTrue(d.apply(org.swarmsense.gateway.wire.Command.returnToLaunch(1_000), 1_000).ok());
      // 1 wall second: 1 s of its time at 1x (12 m on the way), 10 s at 10x (home)
      Telemetry t = d.sample(2_000);
      assertEquals(factor == 1 ? "transit" : "landed", t.state(), "time factor " + factor);
      assertEquals(100 - 0.02 * factor, t.batteryPercent(), 1e-9, "the battery drains in its time too");
    }
  }

  @Test
  void aPlanTakenInTheAirGoesOnWithTheChargeLeft() {
    // circling for 1,000 s at 0.02 %/s drains the battery to 80 %; a plan to hover where it is for 100 s
    // then starts from 80 %, not from a fresh battery
    SimulatedDevice d = new SimulatedDevice(DRONE, 43.73, 7.42, 1, 0, false, 1);
    d.sample(0);
    Telemetry circling = d.sample(1_000_000);
    assertEquals(80, circling.batteryPercent(), 1e-9);
    assertTrue(d.apply(Command.plan(1_000_000, "p1",
        List.of(new Waypoint(circling.latDeg(), circling.lonDeg(), circling.altM(), 100))), 1_000_000).ok());
    org.swarmsense.epos.sensing.energy.EnergyModel energy =
        org.swarmsense.epos.sensing.energy.EnergyModel.of(org.swarmsense.epos.sensing.energy.DroneModel.defaults());
    double expected = 80 - 100 * 50 * energy.hoverPowerW() / energy.drone().batteryCapacityJ();
    assertEquals(expected, d.sample(1_050_000).batteryPercent(), 1e-9, "50 s of hover on the 80 % left");
  }

  /** Issue 18: a command re-sent with the same id (a restarted gateway) is applied once. */
  @Test
  void aCommandWithAnIdIsAppliedOnceAndEveryCopyGetsTheFirstAnswer() {
    SimulatedDevice d = new SimulatedDevice(DRONE, 47.0, 8.0, 1, 0);
    d.sample(1_000);
    SimulatedDevice.Applied first = d.apply(org.swarmsense.gateway.wire.Command.rate(1_000, 5), "c1", 1_000);
    assertTrue(first.reply().ok() && !first.repeat());
    assertEquals(5, d.rateHz(), 1e-9);
    d.apply(org.swarmsense.gateway.wire.Command.rate(1_100, 2), "c2", 1_100);
    assertEquals(2, d.rateHz(), 1e-9);
    // the first command again (same id): not applied again, so the rate stays 2; answered as before
    SimulatedDevice.Applied again = d.apply(org.swarmsense.gateway.wire.Command.rate(1_000, 5), "c1", 1_200);
    assertTrue(again.repeat());
    assertEquals(first.reply(), again.reply());
    assertEquals(2, d.rateHz(), 1e-9);
    // without an id every copy is applied
    d.apply(org.swarmsense.gateway.wire.Command.rate(1_300, 5), null, 1_300);
    assertEquals(5, d.rateHz(), 1e-9);
    // ids are remembered for the newest REMEMBERED_COMMANDS commands only
    for (int i = 0; i < SimulatedDevice.REMEMBERED_COMMANDS; i++) {
      d.apply(org.swarmsense.gateway.wire.Command.rate(2_000 + i, 1), "x" + i, 2_000 + i);
    }
    assertEquals(1, d.rateHz(), 1e-9);
    assertTrue(!d.apply(org.swarmsense.gateway.wire.Command.rate(9_000, 5), "c1", 9_000).repeat(), "c1 was forgotten");
    assertEquals(5, d.rateHz(), 1e-9);
  }
}
