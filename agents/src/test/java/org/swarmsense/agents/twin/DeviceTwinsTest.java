package org.swarmsense.agents.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.alarm.Alarm;
import org.swarmsense.agents.alarm.AlarmKind;
import org.swarmsense.agents.settings.AgentsSettings;

class DeviceTwinsTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString(
                  "swarmsense.agents { battery-alarm-percent = 20, link-timeout = 1s, link-check-interval = 100ms }")
              .withFallback(ConfigFactory.load()));

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static DeviceTwins.Observe report(String id, double battery) {
    return new DeviceTwins.Observe(id, System.nanoTime() / 1e9, 43.73, 7.42, 50, 6.9, battery, "flying");
  }

  @Test
  void lowBatteryIsRaisedOnceAndClearedWhenRecharged() {
    TestProbe<Alarm> alarms = testKit.createTestProbe();
    ActorRef<DeviceTwins.Command> twins =
        testKit.spawn(DeviceTwins.create(AgentsSettings.create(testKit.system()), alarms.getRef()));
    twins.tell(report("d1", 60));
    twins.tell(report("d1", 19.5));
    Alarm low = alarms.receiveMessage();
    assertEquals(AlarmKind.LOW_BATTERY, low.kind());
    assertTrue(low.raised());
    assertEquals("d1", low.deviceId());
    twins.tell(report("d1", 18));
    twins.tell(report("d1", 100));
    Alarm cleared = alarms.receiveMessage();
    assertEquals(AlarmKind.LOW_BATTERY, cleared.kind());
    assertFalse(cleared.raised());

    TestProbe<DeviceTwins.TwinState> state = testKit.createTestProbe();
    twins.tell(new DeviceTwins.GetTwin("d1", state.getRef()));
    DeviceTwins.TwinState s = state.receiveMessage();
    assertEquals(100, s.last().orElseThrow().batteryPercent());
    assertEquals(Set.of(), s.active());
  }

  @Test
  void aSilentDeviceLosesItsLinkAndGetsItBackWithTheNextMessage() {
    TestProbe<Alarm> alarms = testKit.createTestProbe();
    ActorRef<DeviceTwins.Command> twins =
        testKit.spawn(DeviceTwins.create(AgentsSettings.create(testKit.system()), alarms.getRef()));
    twins.tell(report("s7", 80));
    Alarm lost = alarms.receiveMessage(Duration.ofSeconds(5));
    assertEquals(AlarmKind.LINK_LOST, lost.kind());
    assertTrue(lost.raised());
    twins.tell(report("s7", 80));
    Alarm back = alarms.receiveMessage(Duration.ofSeconds(5));
    assertEquals(AlarmKind.LINK_LOST, back.kind());
    assertFalse(back.raised());
  }
}
