package org.swarmsense.agents.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.alarm.Alarm;
import org.swarmsense.agents.alarm.AlarmKind;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.agents.sensor.Sensor;
import org.swarmsense.agents.sensor.SlotTrafficSource;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.agents.testing.TestConfig;

class DeviceRegistryTest {
  static final ActorTestKit testKit = ActorTestKit.create(TestConfig.fast());
  static final AgentsSettings SETTINGS = AgentsSettings.create(testKit.system());

  @AfterAll
  static void cleanup() {
    testKit.shutdownTestKit();
  }

  @Test
  void knowsItsDevicesAndTheirLatestState() {
    ActorRef<DeviceRegistry.Command> registry = testKit.spawn(DeviceRegistry.create(SETTINGS));
    ActorRef<Drone.Command> d = testKit.spawn(Drone.create("d1", DroneSetup.at(5, 6), SETTINGS));
    ActorRef<Sensor.Command> s = testKit.spawn(Sensor.create("s1", 0,
        new SlotTrafficSource(new double[] {600}, 300, 1), SETTINGS));
    TestProbe<DeviceRegistry.RegistrationReply> reg = testKit.createTestProbe();
    registry.tell(new DeviceRegistry.RegisterDrone("d1", d, reg.getRef()));
    registry.tell(new DeviceRegistry.RegisterSensor("s1", s, reg.getRef()));
    registry.tell(new DeviceRegistry.RegisterSensor("d1", s, reg.getRef()));
    assertEquals(new DeviceRegistry.Registered("d1"), reg.receiveMessage());
    assertEquals(new DeviceRegistry.Registered("s1"), reg.receiveMessage());
    assertInstanceOf(DeviceRegistry.RegistrationRejected.class, reg.receiveMessage());
    TestProbe<DeviceRegistry.Devices> list = testKit.createTestProbe();
    List<DeviceRegistry.DeviceInfo> devices = List.of();
    for (int i = 0; i < 100; i++) {
      registry.tell(new DeviceRegistry.ListDevices(list.getRef()));
      devices = list.receiveMessage().devices();
      if (devices.get(0).lastTelemetry().isPresent() && !Double.isNaN(devices.get(1).lastReading())) {
        break;
      }
      list.expectNoMessage(Duration.ofMillis(20));
    }
    assertEquals("d1", devices.get(0).id());
    assertEquals(5.0, devices.get(0).lastTelemetry().orElseThrow().xM());
    assertEquals("s1", devices.get(1).id());
    assertEquals(2.0, devices.get(1).lastReading());
  }

  @Test
  void aSilentDroneRaisesLinkLostAndAStoppedOneIsMarked() {
    ActorRef<DeviceRegistry.Command> registry = testKit.spawn(DeviceRegistry.create(SETTINGS));
    ActorRef<Drone.Command> d = testKit.spawn(Drone.create("d2", DroneSetup.at(0, 0), SETTINGS));
    TestProbe<DeviceRegistry.RegistrationReply> reg = testKit.createTestProbe();
    TestProbe<Alarm> alarms = testKit.createTestProbe();
    registry.tell(new DeviceRegistry.SubscribeAlarms(alarms.getRef()));
    registry.tell(new DeviceRegistry.RegisterDrone("d2", d, reg.getRef()));
    reg.receiveMessage();
    d.tell(new Drone.InjectFault(Drone.Fault.MUTE));
    Alarm lost = alarms.receiveMessage(Duration.ofSeconds(5));
    assertEquals(AlarmKind.LINK_LOST, lost.kind());
    assertTrue(lost.raised());
    d.tell(new Drone.InjectFault(Drone.Fault.UNMUTE));
    Alarm back = alarms.receiveMessage(Duration.ofSeconds(5));
    assertEquals(AlarmKind.LINK_LOST, back.kind());
    assertFalse(back.raised());
    testKit.stop(d);
    TestProbe<DeviceRegistry.Devices> list = testKit.createTestProbe();
    boolean stopped = false;
    for (int i = 0; i < 100 && !stopped; i++) {
      registry.tell(new DeviceRegistry.ListDevices(list.getRef()));
      stopped = list.receiveMessage().devices().get(0).stopped();
      if (!stopped) {
        list.expectNoMessage(Duration.ofMillis(20));
      }
    }
    assertTrue(stopped);
  }
}
