package org.swarmsense.agents.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.alarm.Alarm;
import org.swarmsense.agents.alarm.AlarmKind;
import org.swarmsense.agents.cluster.ClusterConfig;
import org.swarmsense.agents.cluster.FleetSharding;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.agents.settings.AgentsSettings;

/** Device entities through real Cluster Sharding on a single-node cluster that joins itself. */
class DeviceEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create("devices",
      ClusterConfig.singleNode("127.0.0.1", ConfigFactory.parseString(
              "swarmsense.agents { battery-alarm-percent = 20, link-timeout = 1s, link-check-interval = 100ms }")
          .withFallback(ConfigFactory.load())));
  private static final DeviceView view = new DeviceView();
  private static final List<String> sent = new CopyOnWriteArrayList<>();
  private static final ActorRef<ShardingEnvelope<DeviceEntity.Command>> region;

  static {
    ClusterConfig.joinSelf(testKit.system());
    region = FleetSharding.initDevices(testKit.system(), AgentsSettings.create(testKit.system()), view,
        (device, command, timeout) -> {
          String text = new String(command, StandardCharsets.UTF_8);
          sent.add(device + " " + text);
          if (text.contains("silent")) {
            return CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("no answer within 1s"));
          }
          return CompletableFuture.completedFuture(text.contains("refuse")
              ? new DeviceEntity.CommandOutcome(device, false, "busy")
              : new DeviceEntity.CommandOutcome(device, true, null));
        });
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static void tell(DeviceKey k, DeviceEntity.Command c) {
    region.tell(new ShardingEnvelope<>(k.entityId(), c));
  }

  private static DeviceEntity.Observe report(double battery) {
    long now = System.currentTimeMillis();
    return new DeviceEntity.Observe(new Observation(now - 3, now, 43.73, 7.42, 50, 6.9, 90, battery, "flying"));
  }

  private static void alarmsOf(DeviceKey k, TestProbe<Alarm> probe) {
    view.listen(new DeviceView.Listener() {
      @Override
      public void alarm(DeviceKey device, Alarm a) {
        if (device.equals(k)) {
          probe.getRef().tell(a);
        }
      }
    });
  }

  @Test
  void reportsReachTheViewAndLowBatteryIsRaisedOnceAndCleared() {
    DeviceKey k = new DeviceKey("f1", DeviceKey.Kind.DRONE, "d1");
    TestProbe<Alarm> alarms = testKit.createTestProbe();
    alarmsOf(k, alarms);
    tell(k, new DeviceEntity.Register());
    tell(k, new DeviceEntity.StatusChanged(true));
    tell(k, report(60));
    tell(k, report(19.5));
    Alarm low = alarms.receiveMessage(Duration.ofSeconds(10));
    assertEquals(AlarmKind.LOW_BATTERY, low.kind());
    assertTrue(low.raised());
    tell(k, report(18));
    tell(k, report(100));
    Alarm cleared = alarms.receiveMessage(Duration.ofSeconds(5));
    assertEquals(AlarmKind.LOW_BATTERY, cleared.kind());
    assertFalse(cleared.raised());
    DeviceSnapshot s = view.device(k).orElseThrow();
    assertEquals(100, s.last().orElseThrow().batteryPercent());
    assertEquals(Optional.of(true), s.online());
    assertTrue(view.registered("f1").contains(k));
    assertEquals(List.of(k), view.reporting("f1").stream().map(DeviceSnapshot::key).filter(k::equals).toList());
  }

  @Test
  void aSilentDeviceLosesItsLinkAndGetsItBackWithTheNextMessage() {
    DeviceKey k = new DeviceKey("f2", DeviceKey.Kind.SENSOR, "s7");
    TestProbe<Alarm> alarms = testKit.createTestProbe();
    alarmsOf(k, alarms);
    tell(k, report(80));
    Alarm lost = alarms.receiveMessage(Duration.ofSeconds(10));
    assertEquals(AlarmKind.LINK_LOST, lost.kind());
    assertTrue(lost.raised());
    tell(k, report(80));
    Alarm back = alarms.receiveMessage(Duration.ofSeconds(5));
    assertEquals(AlarmKind.LINK_LOST, back.kind());
    assertFalse(back.raised());
  }

  @Test
  void commandsGoThroughThePortAndTheDevicesAnswerComesBack() {
    DeviceKey k = new DeviceKey("f3", DeviceKey.Kind.DRONE, "d9");
    TestProbe<DeviceEntity.CommandOutcome> out = testKit.createTestProbe();
    tell(k, new DeviceEntity.SendCommand("{\"cmd\":\"hold\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1),
        out.getRef()));
    assertEquals(new DeviceEntity.CommandOutcome(k, true, null), out.receiveMessage(Duration.ofSeconds(10)));
    tell(k, new DeviceEntity.SendCommand("{\"cmd\":\"refuse\"}".getBytes(StandardCharsets.UTF_8),
        Duration.ofSeconds(1), out.getRef()));
    DeviceEntity.CommandOutcome refused = out.receiveMessage(Duration.ofSeconds(5));
    assertEquals(new DeviceEntity.CommandOutcome(k, false, "busy"), refused);
    assertTrue(refused.answered(), "a refusal is the device's answer");
    // no answer at all is not a refusal: the flag says so, whatever the reason's text
    tell(k, new DeviceEntity.SendCommand("{\"cmd\":\"silent\"}".getBytes(StandardCharsets.UTF_8),
        Duration.ofSeconds(1), out.getRef()));
    DeviceEntity.CommandOutcome silent = out.receiveMessage(Duration.ofSeconds(5));
    assertFalse(silent.answered(), silent.toString());
    assertFalse(silent.ok(), silent.toString());
    assertTrue(silent.reason().contains("no answer within 1s"), silent.reason());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new DeviceEntity.CommandOutcome(k, true, null, false), "accepted without an answer");
    // the reason says "no reply" once, whether or not the cause already says it
    assertEquals("no reply: link down", DeviceEntity.CommandOutcome.noReply(k, "link down").reason());
    assertEquals("no reply from f3/drone/d9 within PT30S",
        DeviceEntity.CommandOutcome.noReply(k, "no reply from f3/drone/d9 within PT30S").reason());
    assertTrue(sent.contains("f3/drone/d9 {\"cmd\":\"hold\"}"), sent.toString());
  }

  /**
   * Issue 18: what the journal kept goes to the view, except what the device has said anew since the
   * restart (its telemetry here).
   */
  @Test
  void aRestoredDeviceIsInTheViewButWhatTheDeviceSaysSinceWins() throws Exception {
    DeviceKey kept = new DeviceKey("f5", DeviceKey.Kind.DRONE, "offline");
    Observation last = new Observation(1_000, 1_005, 43.7, 7.4, 0, 0, 0, 42, "landed");
    tell(kept, new DeviceEntity.Restore(false, last));
    DeviceKey spoke = new DeviceKey("f5", DeviceKey.Kind.DRONE, "spoke");
    tell(spoke, report(77));
    tell(spoke, new DeviceEntity.Restore(false, last));
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while ((view.device(kept).flatMap(DeviceSnapshot::last).isEmpty()
        || view.device(spoke).flatMap(DeviceSnapshot::last).isEmpty()) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertEquals(Optional.of(false), view.device(kept).orElseThrow().online());
    assertEquals(last, view.device(kept).orElseThrow().last().orElseThrow());
    Thread.sleep(300); // the restore after the report had time to arrive: it must not have replaced it
    assertEquals(77, view.device(spoke).orElseThrow().last().orElseThrow().batteryPercent());
    // no status was heard since the restart: the kept one fills it in
    assertEquals(Optional.of(false), view.device(spoke).orElseThrow().online());
  }

  @Test
  void aDronesEntityOwnsItsDroneAgentAndOtherKindsRefuse() {
    DeviceKey drone = new DeviceKey("f4", DeviceKey.Kind.DRONE, "d1");
    TestProbe<DeviceEntity.DroneReply> reply = testKit.createTestProbe();
    tell(drone, new DeviceEntity.AdoptDrone(DroneSetup.at(10, 20), reply.getRef()));
    DeviceEntity.DroneReady ready =
        assertInstanceOf(DeviceEntity.DroneReady.class, reply.receiveMessage(Duration.ofSeconds(10)));
    TestProbe<Drone.Status> status = testKit.createTestProbe();
    ready.drone().tell(new Drone.GetStatus(status.getRef()));
    Drone.Status st = status.receiveMessage(Duration.ofSeconds(5));
    assertEquals("d1", st.droneId());
    assertEquals(10, st.state().xM(), 1e-9);

    DeviceKey sensor = new DeviceKey("f4", DeviceKey.Kind.SENSOR, "d1");
    tell(sensor, new DeviceEntity.AdoptDrone(DroneSetup.at(0, 0), reply.getRef()));
    DeviceEntity.DroneRefused refused =
        assertInstanceOf(DeviceEntity.DroneRefused.class, reply.receiveMessage(Duration.ofSeconds(10)));
    assertTrue(refused.reason().contains("is a sensor, not a drone"), refused.reason());
  }
}
