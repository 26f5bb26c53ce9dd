package org.swarmsense.agents.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.agents.testing.TestConfig;

class SensorTest {
  static final ActorTestKit testKit = ActorTestKit.create(TestConfig.fast());
  static final AgentsSettings SETTINGS = AgentsSettings.create(testKit.system());

  @AfterAll
  static void cleanup() {
    testKit.shutdownTestKit();
  }

  @Test
  void reportsCountsAtItsSamplingRateAndAcceptsANewRate() {
    // slot of 300 s with 1500 vehicle-seconds: 5 vehicles; default sampling every 10 s
    SlotTrafficSource src = new SlotTrafficSource(new double[] {1500, 3000}, 300, 1);
    ActorRef<Sensor.Command> sensor = testKit.spawn(Sensor.create("s1", 4, src, SETTINGS));
    TestProbe<Sensor.Reading> readings = testKit.createTestProbe();
    TestProbe<Sensor.SamplingReply> reply = testKit.createTestProbe();
    sensor.tell(new Sensor.Subscribe(readings.getRef()));
    Sensor.Reading r0 = readings.receiveMessage();
    assertEquals(0.0, r0.tS() % 10, "samples on multiples of 10 s: " + r0.tS());
    assertEquals(r0.tS() < 300 ? 5.0 : 10.0, r0.vehicleCount());
    assertEquals(4, r0.cell());
    assertEquals(r0.tS() + 10, readings.receiveMessage().tS());
    sensor.tell(new Sensor.SetSamplingInterval(100, reply.getRef()));
    assertInstanceOf(Sensor.SamplingChanged.class, reply.receiveMessage());
    // drain readings until the new interval shows: two successive readings 100 s apart
    double prev = readings.receiveMessage().tS();
    double next = readings.receiveMessage().tS();
    while (next - prev != 100) {
      prev = next;
      next = readings.receiveMessage().tS();
    }
    assertEquals(100, next - prev);
    sensor.tell(new Sensor.SetSamplingInterval(-1, reply.getRef()));
    Sensor.SamplingRejected no = assertInstanceOf(Sensor.SamplingRejected.class, reply.receiveMessage());
    assertEquals("intervalS must be finite and > 0, got: -1.0", no.reason());
  }
}
