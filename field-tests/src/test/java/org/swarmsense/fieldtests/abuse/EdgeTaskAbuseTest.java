package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.agents.edge.EdgeNode;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.edge.offload.TaskFailure;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.testing.MqttBrokers.SecuredBrokerFactory;
import org.swarmsense.gateway.edge.EdgeNodeLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.tenancy.FleetRegistry;
import org.swarmsense.gateway.testing.TestClients;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeResult;
import org.swarmsense.gateway.wire.EdgeTaskPacket;
import org.swarmsense.gateway.wire.Rejection;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.PixelImages;
import org.swarmsense.semantic.codec.SemanticEncoder;

/**
 * Issue 14's probes of the edge task topic, on both brokers with fleet accounts (the broker ACL) and
 * an edge node of fleet A connected with fleet A's account: oversized and non-JSON payloads,
 * malformed codec packets, a task from fleet B, and a flood of tasks. Each is refused and counted
 * by reason, nothing crashes, and afterwards the node still serves a good task.
 */
class EdgeTaskAbuseTest {
  static final DeviceId NODE = new DeviceId("fleet-a", DeviceKind.EDGE, "e1");
  static final String TASK_TOPIC = NODE.topic(org.swarmsense.gateway.wire.Channel.TASK).toString();
  static final FleetRegistry FLEETS = FleetRegistry.of(List.of(
      Account.withPassword("user-a", "fleet-a", "secret-of-a-123"),
      Account.withPassword("user-b", "fleet-b", "secret-of-b-456")));
  static ActorSystem<SpawnProtocol.Command> system;
  static CocoDetector coco;
  static EncodedFrame frame;

  @BeforeAll
  static void open() throws Exception {
    system = ActorSystem.create(SpawnProtocol.create(), "edge-abuse");
    coco = new CocoDetector(SharedData.file("models/mb3_centernet_coco.onnx"), 2);
    frame = SemanticEncoder.encode(PixelImages.read(SharedData.file("images/person.jpg")), 50, BandOrder.zigZag(), 5);
  }

  @AfterAll
  static void close() throws Exception {
    system.terminate(); // and wait: a node may still be detecting with the session closed next
    system.getWhenTerminated().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    coco.close();
  }

  static byte[] task(String id, int count, byte[] packet) {
    return EdgePayloads.toJson(new EdgeTaskPacket(1, System.currentTimeMillis(), id, 5, 0, frame.layout().width(),
        frame.layout().height(), count, 2000, packet));
  }

  static void await(BooleanSupplier c, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!c.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  /**
   * Publishes at QoS 1, waiting while Paho's own window of unacknowledged publishes is full (it
   * refuses with "too many publishes in progress" when the broker's acknowledgements lag on a busy
   * machine): the flood must reach the node whole, so the client side may not drop any of it.
   */
  private static void publishWaitingForWindow(MqttClient client, byte[] payload) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        client.publish(TASK_TOPIC, new MqttMessage(payload));
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT
            || System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#secured")
  void theTaskTopicRefusesAndCountsAbuseAndKeepsServing(SecuredBrokerFactory brokers)
      throws Exception {
    EdgeNodeSettings settings = org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode();
    int capacity = settings.queueCapacity();
    Map<String, EdgeResult> results = new ConcurrentHashMap<>();
    List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> seenByB = java.util.Collections.synchronizedList(new ArrayList<>());
    try (MqttBroker broker = brokers.start(FLEETS);
        EdgeNodeLink node = EdgeNodeLink.start(system, MqttLinkSettings.defaults(broker.url(), "unused")
            .withCredentials("user-a", "secret-of-a-123"), NODE, new EdgeNodeLink.Position(43.7384, 7.4246, 10),
            settings, FrameDetector.coco(coco, 0.3), List.of(BandOrder.zigZag()))) {
      assertTrue(node.awaitConnected(Duration.ofSeconds(20)), "the node connects with fleet A's account");
      MqttClient a = TestClients.listening(broker.url(), "fleet-a:prober", (t, m) -> {
        if (t.contains("/result/")) {
          results.put(t.substring(t.lastIndexOf('/') + 1), EdgePayloads.readResult(m.getPayload()));
        } else {
          events.add(TestClients.text(m));
        }
      }, () -> { });
      a.connect(TestClients.credentials("user-a", "secret-of-a-123"));
      a.subscribe(new String[] {"swarmsense/fleet-a/edge/e1/result/+", "swarmsense/fleet-a/edge/e1/evt"}, new int[] {1, 1});
      MqttClient b = TestClients.listening(broker.url(), "fleet-b:intruder", (t, m) -> seenByB.add(t), () -> { });
      b.connect(TestClients.credentials("user-b", "secret-of-b-456"));
      try {
        b.subscribe(new String[] {"swarmsense/fleet-a/#"}, new int[] {1});
      } catch (MqttException refused) {
        System.out.println(brokers.kind() + ": fleet B's subscription to fleet A refused: " + refused.getReasonCode());
      }

      // 1. oversized and non-JSON payloads: refused before the node, counted, answered on evt
      a.publish(TASK_TOPIC, new MqttMessage(new byte[3000]));
      a.publish(TASK_TOPIC, new MqttMessage("garbage".getBytes(StandardCharsets.UTF_8)));
      await(() -> node.rejectedMessages().get(Rejection.TOO_LARGE) == 1
          && node.rejectedMessages().get(Rejection.NOT_JSON) == 1, "two refused payloads");
      await(() -> events.size() == 2, "two rejected events");
      System.out.println(brokers.kind() + ": events " + events);
      assertTrue(events.stream().anyMatch(e -> e.contains("\"reason\":\"too_large\"")), events.toString());

      // 1b. the patch defence flag as anything but a JSON boolean: refused naming the field (issue 20 part 5)
      String asText = new String(task("defend-text", 1, frame.packets().get(0)), StandardCharsets.UTF_8)
          .replaceFirst("}$", ",\"defend\":\"yes\"}");
      a.publish(TASK_TOPIC, new MqttMessage(asText.getBytes(StandardCharsets.UTF_8)));
      await(() -> node.rejectedMessages().get(Rejection.BAD_VALUE) == 1, "the bad defend flag refused");
      await(() -> events.size() == 3, "its rejected event");
      assertTrue(events.get(2).contains("defend must be true or false"), events.get(2));

      // 2. malformed codec packets in a well-formed task: CRC broken, truncated, random bytes
      byte[] crc = frame.packets().get(0).clone();
      crc[40] ^= 0x5A;
      byte[] header = frame.packets().get(1).clone(); // a bad magic byte under a correct CRC
      header[0] = 0;
      java.util.zip.CRC32 c = new java.util.zip.CRC32();
      c.update(header, 0, header.length - 4);
      java.nio.ByteBuffer.wrap(header, header.length - 4, 4).putInt((int) c.getValue());
      for (byte[] p : List.of(crc, new byte[] {0x53, 1, 2, 3, 4}, header)) {
        a.publish(TASK_TOPIC, new MqttMessage(task("malformed", 3, p)));
      }
      await(() -> results.containsKey("malformed"), "the malformed task's answer");
      assertEquals("nothing_decoded", results.get("malformed").reason(), results.get("malformed").toString());

      // 3. a task from fleet B on fleet A's node: the broker's ACL stops it
      try {
        b.publish(TASK_TOPIC, new MqttMessage(task("intruder", 1, frame.packets().get(0))));
      } catch (MqttException refused) {
        System.out.println(brokers.kind() + ": fleet B's publish refused: " + refused.getReasonCode());
      }

      // 4. a flood of tasks: one packet each of a 30-packet frame, so each stays open to its deadline
      int flood = 100;
      for (int i = 0; i < flood; i++) {
        publishWaitingForWindow(a, task("flood-" + i, frame.packets().size(), frame.packets().get(0)));
      }
      await(() -> results.keySet().stream().filter(k -> k.startsWith("flood-")).count() == flood, "every flood task answered");
      long full = results.values().stream().filter(r -> "queue_full".equals(r.reason())).count();
      long served = results.values().stream().filter(r -> r.ok() && r.taskId().startsWith("flood-")).count();
      assertEquals(flood - capacity, full, "all beyond the queue's " + capacity + " refused at once");
      assertEquals(capacity, served, "the queued ones answered at their deadline from the one packet");

      // 5. still serving: a good task, every packet
      for (byte[] p : frame.packets()) {
        publishWaitingForWindow(a, task("good", frame.packets().size(), p));
      }
      await(() -> results.containsKey("good"), "the good task's answer");
      EdgeResult good = results.get("good");
      assertTrue(good.ok() && good.packetsAccepted() == frame.packets().size() && !good.detections().isEmpty(),
          good.toString());

      EdgeNode.Load load = node.load(Duration.ofSeconds(10));
      System.out.println(brokers.kind() + ": node load " + load + ", refused messages " + node.rejectedMessages()
          + ", fleet B saw " + seenByB.size() + " messages of fleet A");
      assertEquals(flood - capacity, load.rejectedByReason().get(TaskFailure.QUEUE_FULL));
      assertEquals(1L, load.rejectedByReason().get(TaskFailure.NOTHING_DECODED));
      assertEquals(1L, load.packetDrops().get("bad_crc"));
      assertEquals(1L, load.packetDrops().get("too_short"));
      assertEquals(1L, load.packetDrops().get("malformed_header"));
      assertEquals(capacity + 1, load.served());
      assertTrue(!results.containsKey("intruder"), "fleet B's task never reached the node");
      assertEquals(0, seenByB.size(), "fleet B hears nothing of fleet A");
      // HiveMQ disconnects a client that publishes where its account may not; Mosquitto drops the message
      System.out.println(brokers.kind() + ": fleet B still connected after its refused publish: " + b.isConnected());
      a.disconnect();
      if (b.isConnected()) {
        b.disconnect();
      }
    }
  }
}
