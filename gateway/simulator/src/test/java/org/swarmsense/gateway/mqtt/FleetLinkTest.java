package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeResult;
import org.swarmsense.gateway.wire.EdgeTaskPacket;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandKind;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Rejection;
import org.swarmsense.gateway.wire.Waypoint;

/**
 * The gateway link against simulated devices on every broker kind: self-provisioning, status with
 * the last will, telemetry, commands answered through MQTT 5 response topic and correlation data,
 * and a flood of malformed payloads that is refused, answered on {@code evt} and counted per fleet
 * and reason without disturbing anything.
 */
class FleetLinkTest {
  static final String FLEET = "f1";
  static final Set<String> FLEETS = Set.of(FLEET, "f2");

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void registersDevicesFollowsStatusAndAnswersCommands(BrokerFactory factory) throws Exception {
    try (MqttBroker broker = factory.start()) {
      RecordingIngest ingest = new RecordingIngest();
      try (FleetLink gateway = FleetLink.start(
              MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-" + System.nanoTime())),
              ingest, FLEETS::contains, "gw1");
          DeviceSimulator sim = DeviceSimulator.start(
              SimulatorSettings.of(broker.url(), FLEET, 4).withRateHz(5))) {
        assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(10)));
        assertTrue(sim.awaitConnected(Duration.ofSeconds(20)));
        List<DeviceId> devices = sim.devices();
        await(() -> ingest.registered().containsAll(devices), "all devices registered");
        await(() -> devices.stream().allMatch(d -> ingest.online(d).orElse(false)), "all online");
        await(() -> devices.stream().allMatch(d -> ingest.lastTelemetry(d).isPresent()), "telemetry of all");

        DeviceId drone = devices.get(0);
        DeviceId sensor = devices.get(3);
        CommandReply ok = gateway.sendCommand(FLEET, drone,
            Command.goTo(System.currentTimeMillis(), new Waypoint(47.38, 8.55, 60)), Duration.ofSeconds(10))
            .get(15, TimeUnit.SECONDS);
        assertEquals(CommandReply.accepted(ok.tMs(), CommandKind.GOTO), ok);
        CommandReply no = gateway.sendCommand(FLEET, sensor, Command.land(System.currentTimeMillis()),
            Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
        assertFalse(no.ok());
        assertEquals("a sensor cannot land", no.reason());
        assertEquals(2, ingest.replies().size());
        await(() -> ingest.lastTelemetry(drone).map(t -> t.state().equals("transit")).orElse(false),
            "the drone flies to its goto target");

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
            () -> gateway.sendCommand("f2", drone, Command.land(1), Duration.ofSeconds(1)));
        assertTrue(other.getMessage().contains("fleet 'f2' may not command device f1/drone/d0000"), other.getMessage());

        // The radio link of one drone drops: its will marks it offline, then it comes back online.
        DeviceId flaky = devices.get(1);
        sim.dropConnection(flaky);
        await(() -> ingest.online(flaky).equals(java.util.Optional.of(false)), "last will: offline");
        await(() -> ingest.online(flaky).equals(java.util.Optional.of(true)), "back online after reconnect");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void malformedPayloadsAreRefusedAnsweredAndCounted(BrokerFactory factory) throws Exception {
    long seed = System.nanoTime();
    System.out.println("FleetLinkTest malformed payloads seed " + seed);
    Random random = new Random(seed);
    try (MqttBroker broker = factory.start()) {
      RecordingIngest ingest = new RecordingIngest();
      try (FleetLink gateway = FleetLink.start(
              MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-" + System.nanoTime())),
              ingest, FLEETS::contains, "gw1");
          MqttLink device = MqttLink.start(MqttLinkSettings.defaults(broker.url(), "bad-device"))) {
        Set<String> answers = ConcurrentHashMap.newKeySet();
        device.subscribe("swarmsense/f1/drone/+/evt", 1,
            (topic, msg) -> answers.add(topic + " " + Payloads.readEvent(msg.getPayload()).reason()));
        assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(10)));
        assertTrue(device.awaitConnected(Duration.ofSeconds(10)));

        String good = "{\"v\":1,\"t_ms\":%d,\"lat_deg\":47.4,\"lon_deg\":8.5,\"alt_m\":30,"
            + "\"speed_m_s\":3,\"heading_deg\":10,\"battery_percent\":90,\"state\":\"flying\"}";
        List<Map.Entry<Rejection, byte[]>> kinds = List.of(
            Map.entry(Rejection.NOT_JSON, bytes("{\"v\":1,")),
            Map.entry(Rejection.NOT_JSON, bytes("\"just a string\"")),
            Map.entry(Rejection.UNSUPPORTED_VERSION, bytes(good.formatted(1).replace("\"v\":1", "\"v\":9"))),
            Map.entry(Rejection.MISSING_FIELD, bytes(good.formatted(1).replace(",\"state\":\"flying\"", ""))),
            Map.entry(Rejection.BAD_VALUE, bytes(good.formatted(1).replace("47.4", "147.4"))),
            Map.entry(Rejection.BAD_VALUE, bytes(good.formatted(1).replace("90,", "\"full\","))),
            Map.entry(Rejection.UNKNOWN_FIELD, bytes(good.formatted(1).replace("speed_m_s", "speed_kmh"))),
            Map.entry(Rejection.TOO_LARGE, new byte[Payloads.MAX_BYTES + 10]));
        Map<Rejection, Integer> expected = new EnumMap<>(Rejection.class);
        int n = 400;
        for (int i = 0; i < n; i++) {
          Map.Entry<Rejection, byte[]> k = kinds.get(random.nextInt(kinds.size()));
          byte[] payload = k.getValue();
          if (random.nextInt(5) == 0) { // sometimes plain random bytes
            payload = new byte[1 + random.nextInt(200)];
            random.nextBytes(payload);
            payload[0] = '#'; // never valid JSON
            k = Map.entry(Rejection.NOT_JSON, payload);
          }
          String channel = random.nextBoolean() ? "telemetry" : "evt";
          if (channel.equals("evt") && k.getKey() != Rejection.NOT_JSON && k.getKey() != Rejection.TOO_LARGE
              && k.getKey() != Rejection.UNSUPPORTED_VERSION) {
            channel = "telemetry"; // the field-level cases are telemetry payloads
          }
          expected.merge(k.getKey(), 1, Integer::sum);
          device.publish("swarmsense/f1/drone/bad" + (i % 7) + "/" + channel, payload, 1, false)
              .get(10, TimeUnit.SECONDS);
        }
        // bad topics and unknown fleets
        device.publish("swarmsense/f1/robot/r1/telemetry", bytes(good.formatted(5)), 1, false).get(10, TimeUnit.SECONDS);
        device.publish("swarmsense/zz/drone/d1/telemetry", bytes(good.formatted(5)), 1, false).get(10, TimeUnit.SECONDS);
        device.publish("swarmsense/f1/drone/bad0/status", bytes("maybe"), 1, false).get(10, TimeUnit.SECONDS);
        expected.merge(Rejection.BAD_VALUE, 1, Integer::sum);
        // and then a good one: the link still works
        device.publish("swarmsense/f1/drone/good1/telemetry", bytes(good.formatted(System.currentTimeMillis())), 1, false)
            .get(10, TimeUnit.SECONDS);
        DeviceId good1 = new DeviceId("f1", org.swarmsense.gateway.wire.DeviceKind.DRONE, "good1");
        await(() -> ingest.lastTelemetry(good1).isPresent(), "a valid sample after the flood");

        LinkMetrics m = gateway.metrics();
        await(() -> m.totalRejected() == n + 3, "every bad message counted");
        System.out.println(factory.kind() + ": rejections " + m.rejections());
        for (Map.Entry<Rejection, Integer> e : expected.entrySet()) {
          assertEquals(e.getValue().longValue(), m.rejected("f1", e.getKey()), "count of " + e.getKey());
        }
        assertEquals(1, m.rejected("f1", Rejection.BAD_TOPIC));
        assertEquals(1, m.rejected(LinkMetrics.UNKNOWN_FLEET, Rejection.UNKNOWN_FLEET));
        assertEquals(Set.of(good1), ingest.registered(), "bad payloads never register a device");
        assertEquals(1, m.accepted("f1", Channel.TELEMETRY));
        await(() -> answers.stream().anyMatch(a -> a.endsWith("bad_value"))
            && answers.stream().anyMatch(a -> a.endsWith("not_json")), "rejections answered on evt");
        assertTrue(answers.stream().allMatch(a -> a.startsWith("swarmsense/f1/drone/bad")), answers.toString());
        assertTrue(ingest.events().isEmpty(), "the gateway's own rejections are not device events");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void edgeTasksGoOutAndResultsComeBack(BrokerFactory factory) throws Exception {
    try (MqttBroker broker = factory.start()) {
      RecordingIngest ingest = new RecordingIngest();
      DeviceId edge = new DeviceId(FLEET, org.swarmsense.gateway.wire.DeviceKind.EDGE, "e1");
      try (FleetLink gateway = FleetLink.start(
              MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-" + System.nanoTime())),
              ingest, FLEETS::contains, "gw1");
          MqttLink edgeNode = MqttLink.create(MqttLinkSettings.defaults(broker.url(), "edge-e1"))) {
        // the edge node answers each task with a result on .../result/{task}; a result whose task_id is
        // not the topic's, or that is not a result at all, is refused
        edgeNode.subscribe(edge.topic(Channel.TASK).toString(), 1, (topic, msg) -> {
          EdgeTaskPacket p = EdgePayloads.readTask(msg.getPayload());
          edgeNode.publish("swarmsense/f1/edge/e1/result/" + p.taskId(), EdgePayloads.toJson(
              EdgeResult.error(1, p.taskId(), "queue_full", "test answer")), 1, false);
        });
        edgeNode.connect();
        assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(10)));
        assertTrue(edgeNode.awaitConnected(Duration.ofSeconds(10)));
        for (byte i = 0; i < 3; i++) {
          gateway.sendTask(FLEET, edge, task("t-" + i)).get(10, TimeUnit.SECONDS);
        }
        edgeNode.publish("swarmsense/f1/edge/e1/result/t-9", EdgePayloads.toJson(
            EdgeResult.error(1, "t-8", "queue_full", "wrong task")), 1, false);
        edgeNode.publish("swarmsense/f1/edge/e1/result/t-9", new byte[] {42}, 1, false);
        await(() -> gateway.metrics().rejected(FLEET, Rejection.BAD_VALUE) == 1
            && gateway.metrics().rejected(FLEET, Rejection.NOT_JSON) == 1, "two bad results refused");
        await(() -> ingest.edgeResultCount() == 3, "three results");
        assertEquals(Set.of(edge), ingest.registered());
        assertEquals(3, gateway.metrics().accepted(FLEET, Channel.RESULT));
        // issue 19 part 4: occupancy answers are validated and counted the same way (nothing is ingested)
        edgeNode.publish("swarmsense/f1/edge/e1/occupancy_result/d1-leg-0", org.swarmsense.gateway.wire.OccupancyPayloads
            .toJson(org.swarmsense.gateway.wire.OccupancyResult.answer(1, "d1-leg-0", 8, false, new byte[64], 5, false)),
            1, false);
        edgeNode.publish("swarmsense/f1/edge/e1/occupancy_result/d1-leg-1", org.swarmsense.gateway.wire.OccupancyPayloads
            .toJson(org.swarmsense.gateway.wire.OccupancyResult.error(1, "d1-leg-9", "expired", "wrong task")), 1, false);
        edgeNode.publish("swarmsense/f1/edge/e1/occupancy_result/d1-leg-2", new byte[] {42}, 1, false);
        await(() -> gateway.metrics().accepted(FLEET, Channel.OCCUPANCY_RESULT) == 1
            && gateway.metrics().rejected(FLEET, Rejection.BAD_VALUE) == 2
            && gateway.metrics().rejected(FLEET, Rejection.NOT_JSON) == 2, "one occupancy answer taken, two refused");
        assertEquals(3, ingest.edgeResultCount(), "occupancy answers are not detection results");
        assertThrows(IllegalArgumentException.class, () -> gateway.sendTask("f2", edge, task("t-x")));
        assertThrows(IllegalArgumentException.class,
            () -> gateway.sendTask(FLEET, new DeviceId(FLEET, org.swarmsense.gateway.wire.DeviceKind.DRONE, "d1"), task("t-y")));
      }
    }
  }

  static EdgeTaskPacket task(String id) {
    return new EdgeTaskPacket(1, 1, id, 7, 0, 8, 8, 1, 100, new byte[] {1, 2, 3});
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

}
