package org.swarmsense.agents.drone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.epos.sensing.plans.HandMadePlans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.alarm.Alarm;
import org.swarmsense.agents.alarm.AlarmKind;
import org.swarmsense.agents.alarm.Geofence;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.agents.testing.TestConfig;

class DroneTest {
  static final ActorTestKit testKit = ActorTestKit.create(TestConfig.fast());
  static final AgentsSettings SETTINGS = AgentsSettings.create(testKit.system());

  @AfterAll
  static void cleanup() {
    testKit.shutdownTestKit();
  }

  @Test
  void fliesTheAcceptedPlanAndReportsTelemetry() {
    ActorRef<Drone.Command> drone = testKit.spawn(Drone.create("d-fly", DroneSetup.at(0, 0), SETTINGS));
    TestProbe<Drone.Telemetry> telemetry = testKit.createTestProbe();
    TestProbe<Drone.PlanReply> reply = testKit.createTestProbe();
    drone.tell(new Drone.Subscribe(telemetry.getRef(), null));
    drone.tell(new Drone.FlyPlan(7, HandMadePlans.twoStops(0, 120), 0, reply.getRef()));
    Drone.PlanAccepted ok = assertInstanceOf(Drone.PlanAccepted.class, reply.receiveMessage());
    assertEquals(7, ok.requestId());
    assertEquals(1, ok.sorties());
    // the simulated clock runs at 1.2 s per tick: the drone must leave the base and hover at cell 3
    Drone.Telemetry hovering = telemetry.fishForMessage(Duration.ofSeconds(10),
        t -> t.state().phase() == FlightPhase.HOVERING
            ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
            : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore())
        .get(0);
    assertEquals(3, hovering.state().cell());
    assertEquals("d-fly", hovering.droneId());
    assertTrue(hovering.state().batteryPercent() < 100);
  }

  @Test
  void lowBatteryAndGeofenceAlarms() {
    AgentsSettings fast = SETTINGS.withSimulationSpeed(6000); // 120 simulated s per tick
    DroneSetup setup = DroneSetup.at(0, 0).withGeofence(new Geofence(-10, -10, 700, 100));
    ActorRef<Drone.Command> drone = testKit.spawn(Drone.create("d-alarm", setup, fast));
    TestProbe<Alarm> alarms = testKit.createTestProbe();
    TestProbe<Drone.PlanReply> reply = testKit.createTestProbe();
    drone.tell(new Drone.Subscribe(null, alarms.getRef()));
    // 2 x 1250 s hovering plus the legs drains a 48-minute battery below 20 %
    drone.tell(new Drone.FlyPlan(1, HandMadePlans.twoStops(0, 1250), 0, reply.getRef()));
    reply.expectMessageClass(Drone.PlanAccepted.class);
    Alarm breach = alarms.receiveMessage(Duration.ofSeconds(10));
    assertEquals(AlarmKind.GEOFENCE_BREACH, breach.kind());
    assertTrue(breach.raised());
    Alarm low = alarms.receiveMessage(Duration.ofSeconds(10));
    assertEquals(AlarmKind.LOW_BATTERY, low.kind());
    assertTrue(low.raised());
  }

  @Test
  void aCrashedDroneRestartsWithItsPlanAndClock() {
    ActorRef<Drone.Command> drone = testKit.spawn(Drone.create("d-crash", DroneSetup.at(0, 0), SETTINGS));
    TestProbe<Drone.PlanReply> reply = testKit.createTestProbe();
    TestProbe<Drone.Status> status = testKit.createTestProbe();
    drone.tell(new Drone.FlyPlan(1, HandMadePlans.twoStops(10_000, 60), 0, reply.getRef()));
    reply.expectMessageClass(Drone.PlanAccepted.class);
    drone.tell(new Drone.GetStatus(status.getRef()));
    double before = status.receiveMessage().state().tS();
    drone.tell(new Drone.InjectFault(Drone.Fault.CRASH));
    drone.tell(new Drone.GetStatus(status.getRef()));
    Drone.Status after = status.receiveMessage();
    assertEquals(1, after.restarts());
    assertTrue(after.hasPlan());
    assertTrue(after.state().tS() >= before, "clock kept: " + before + " -> " + after.state().tS());
  }

  @Test
  void aFreshDroneJoinsTheMissionClock() {
    ActorRef<Drone.Command> drone = testKit.spawn(Drone.create("d-late", DroneSetup.at(0, 0), SETTINGS));
    TestProbe<Drone.PlanReply> reply = testKit.createTestProbe();
    TestProbe<Drone.Status> status = testKit.createTestProbe();
    drone.tell(new Drone.FlyPlan(1, HandMadePlans.twoStops(6000, 60), 5000, reply.getRef()));
    Drone.PlanAccepted ok = assertInstanceOf(Drone.PlanAccepted.class, reply.receiveMessage());
    assertTrue(ok.endS() > 6000, "the sortie still leaves at 6000 s: " + ok.endS());
    drone.tell(new Drone.GetStatus(status.getRef()));
    Drone.Status s = status.receiveMessage();
    assertTrue(s.state().tS() >= 5000, "clock moved forward: " + s.state().tS());
    assertTrue(s.hasPlan());
  }

  @Test
  void refusesANewPlanWhileAirborne() {
    ActorRef<Drone.Command> drone = testKit.spawn(Drone.create("d-air", DroneSetup.at(0, 0),
        SETTINGS.withSimulationSpeed(600)));
    TestProbe<Drone.PlanReply> reply = testKit.createTestProbe();
    TestProbe<Drone.Telemetry> telemetry = testKit.createTestProbe();
    drone.tell(new Drone.Subscribe(telemetry.getRef(), null));
    drone.tell(new Drone.FlyPlan(1, HandMadePlans.twoStops(0, 3000), 0, reply.getRef()));
    reply.expectMessageClass(Drone.PlanAccepted.class);
    telemetry.fishForMessage(Duration.ofSeconds(10), t -> t.state().phase() == FlightPhase.HOVERING
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    drone.tell(new Drone.FlyPlan(2, HandMadePlans.twoStops(0, 10), 0, reply.getRef()));
    Drone.PlanRejected no = assertInstanceOf(Drone.PlanRejected.class, reply.receiveMessage());
    assertTrue(no.reason().startsWith("airborne"), no.reason());
  }
}
