package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.edge.EdgeNodeLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.offload.FrameSource;
import org.swarmsense.gateway.offload.LegCheckSettings;
import org.swarmsense.gateway.offload.LegChecks;
import org.swarmsense.gateway.offload.OffloadSettings;
import org.swarmsense.gateway.offload.OffloadingDrone;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.tenancy.FleetRegistry;
import org.swarmsense.gateway.testing.MqttBrokers.SecuredBrokerFactory;
import org.swarmsense.gateway.testing.TestClients;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.gateway.wire.OccupancyPayloads;
import org.swarmsense.gateway.wire.OccupancyResult;
import org.swarmsense.gateway.wire.OccupancyTask;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Rejection;
import org.swarmsense.gateway.wire.Topic;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.camera.StereoPair;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * Issue 19 part 4's new input paths, on both brokers with fleet accounts. The occupancy request topic
 * of a real edge node of fleet A: a message over 2 MiB, non-JSON, a missing image, an image without the
 * PNG signature, a principal point outside the image, a truncated PNG and a PNG of another size than
 * declared, and a request from fleet B: each is refused (counted by reason, {@code evt} or an error
 * result naming the field) and afterwards the node still answers a good request. Then the occupancy
 * result topic a leg-checking drone listens on (node e2 played by a fleet-A client): an answer from
 * fleet B, from another node, over 64 KiB, non-JSON, for another task id, with a bit count that does
 * not match its grid, and a replay of the real answer: only the real answer counts, once.
 */
class OccupancyAbuseTest {
  static final DeviceId NODE = new DeviceId("fleet-a", DeviceKind.EDGE, "e1");
  static final DeviceId FAKE = new DeviceId("fleet-a", DeviceKind.EDGE, "e2");
  static final DeviceId DRONE = new DeviceId("fleet-a", DeviceKind.DRONE, "d0001");
  static final String TASKS = NODE.topic(Channel.OCCUPANCY).toString();
  static final FleetRegistry FLEETS = FleetRegistry.of(List.of(
      Account.withPassword("user-a", "fleet-a", "secret-of-a-123"),
      Account.withPassword("user-b", "fleet-b", "secret-of-b-456")));
  static final int W = 128;
  static final int H = 96;
  static ActorSystem<SpawnProtocol.Command> system;
  static CocoDetector coco;
  static byte[] left;
  static byte[] right;

  @BeforeAll
  static void open() throws Exception {
    system = ActorSystem.create(SpawnProtocol.create(), "occupancy-abuse");
    coco = new CocoDetector(SharedData.file("models/mb3_centernet_coco.onnx"), 2);
    // a textured plane 8 px of disparity away (seed 42): 3.75 m with the calibration below
    SplittableRandom r = new SplittableRandom(42);
    byte[] scene = new byte[(W + 8) * H];
    for (int i = 0; i < scene.length; i++) {
      scene[i] = (byte) r.nextInt(256);
    }
    byte[] l = new byte[W * H];
    byte[] rr = new byte[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        l[y * W + x] = scene[y * (W + 8) + x];
        rr[y * W + x] = scene[y * (W + 8) + x + 8];
      }
    }
    left = png(l, W, H);
    right = png(rr, W, H);
  }

  @AfterAll
  static void close() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    coco.close();
  }

  static byte[] png(byte[] grey, int w, int h) throws Exception {
    BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    b.getRaster().setDataElements(0, 0, w, h, grey);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(b, "png", out);
    return out.toByteArray();
  }

  static OccupancyTask task(String id, byte[] l, byte[] r) {
    return new OccupancyTask(1, System.currentTimeMillis(), id, 10_000, W, H, 100, 63.5, 47.5, 0, 0.3, -2, -2, 1.5, 4, l, r);
  }

  static byte[] json(OccupancyTask t) {
    return OccupancyPayloads.toJson(t);
  }

  static String edit(OccupancyTask t, String from, String to) {
    String s = new String(json(t), StandardCharsets.UTF_8);
    assertTrue(s.contains(from), from);
    return s.replace(from, to);
  }

  static void await(BooleanSupplier c, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!c.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#secured")
  void theOccupancyTopicsRefuseAndCountAbuse(SecuredBrokerFactory brokers) throws Exception {
    EdgeNodeSettings settings = org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode();
    Map<String, OccupancyResult> results = new ConcurrentHashMap<>();
    List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> seenByB = java.util.Collections.synchronizedList(new ArrayList<>());
    try (MqttBroker broker = brokers.start(FLEETS);
        EdgeNodeLink node = EdgeNodeLink.start(system, MqttLinkSettings.defaults(broker.url(), "unused")
            .withCredentials("user-a", "secret-of-a-123"), NODE, new EdgeNodeLink.Position(43.7384, 7.4246, 10),
            settings, FrameDetector.coco(coco, 0.3), List.of(BandOrder.zigZag()))) {
      assertTrue(node.awaitConnected(Duration.ofSeconds(20)), "the node connects with fleet A's account");
      MqttClient a = TestClients.listening(broker.url(), "fleet-a:prober", (t, m) -> {
        if (t.contains("/occupancy_result/")) {
          results.put(t.substring(t.lastIndexOf('/') + 1), OccupancyPayloads.readResult(m.getPayload()));
        } else {
          events.add(TestClients.text(m));
        }
      }, () -> { });
      a.connect(TestClients.credentials("user-a", "secret-of-a-123"));
      a.subscribe(new String[] {"swarmsense/fleet-a/edge/e1/occupancy_result/+", "swarmsense/fleet-a/edge/e1/evt"},
          new int[] {1, 1});
      MqttClient b = TestClients.listening(broker.url(), "fleet-b:intruder", (t, m) -> seenByB.add(t), () -> { });
      b.connect(TestClients.credentials("user-b", "secret-of-b-456"));
      try {
        b.subscribe(new String[] {"swarmsense/fleet-a/#"}, new int[] {1});
      } catch (MqttException refused) {
        System.out.println(brokers.kind() + ": fleet B's subscription to fleet A refused: " + refused.getReasonCode());
      }

      // 1. over 2 MiB and not JSON: refused before the node, counted, answered on evt
      a.publish(TASKS, new MqttMessage(new byte[OccupancyTask.MAX_MESSAGE_BYTES + 1]));
      a.publish(TASKS, new MqttMessage("garbage".getBytes(StandardCharsets.UTF_8)));
      await(() -> node.rejectedMessages().get(Rejection.TOO_LARGE) == 1
          && node.rejectedMessages().get(Rejection.NOT_JSON) == 1, "two refused payloads");
      await(() -> events.size() == 2, "two rejected events");
      assertTrue(events.stream().allMatch(e -> e.contains("occupancy: ")), events.toString());
      assertTrue(events.stream().anyMatch(e -> e.contains("\"reason\":\"too_large\"")), events.toString());

      // 2. malformed requests: a missing image, no PNG signature, a principal point outside the image
      OccupancyTask good = task("good", left, right);
      a.publish(TASKS, new MqttMessage(new String(json(good), StandardCharsets.UTF_8)
          .replaceFirst(",\"right_png_b64\":\"[^\"]*\"", "").getBytes(StandardCharsets.UTF_8)));
      a.publish(TASKS, new MqttMessage(edit(good, "\"left_png_b64\":\"iVBORw0K", "\"left_png_b64\":\"AAAAAAAA")
          .getBytes(StandardCharsets.UTF_8)));
      a.publish(TASKS, new MqttMessage(edit(good, "\"cx_px\":63.5", "\"cx_px\":500.0").getBytes(StandardCharsets.UTF_8)));
      await(() -> node.rejectedMessages().get(Rejection.MISSING_FIELD) == 1
          && node.rejectedMessages().get(Rejection.BAD_VALUE) == 2, "three malformed requests refused");
      await(() -> events.size() == 5, "their rejected events");
      System.out.println(brokers.kind() + ": events " + events.subList(2, 5));
      assertTrue(events.get(2).contains("right_png_b64 is missing"), events.get(2));
      assertTrue(events.get(3).contains("left_png_b64 must be a PNG image"), events.get(3));
      assertTrue(events.get(4).contains("cx_px"), events.get(4));

      // 3. well-formed requests with bad images: a truncated PNG, a PNG of another size -> error results
      a.publish(TASKS, new MqttMessage(json(task("truncated", left, java.util.Arrays.copyOf(right, right.length / 2)))));
      a.publish(TASKS, new MqttMessage(json(task("small", png(new byte[64 * 48], 64, 48), right))));
      await(() -> results.containsKey("truncated") && results.containsKey("small"), "the two bad-image answers");
      assertEquals("bad_image", results.get("truncated").reason());
      assertTrue(results.get("truncated").detail().startsWith("right_png_b64 is not a readable PNG"),
          results.get("truncated").detail());
      assertEquals("bad_image", results.get("small").reason());
      assertTrue(results.get("small").detail().startsWith("left_png_b64 is 64x48 px, the request says 128x96"),
          results.get("small").detail());

      // 4. a request from fleet B on fleet A's node: the broker's ACL stops it
      try {
        b.publish(TASKS, new MqttMessage(json(task("intruder", left, right))));
      } catch (MqttException refused) {
        System.out.println(brokers.kind() + ": fleet B's request refused: " + refused.getReasonCode());
      }

      // 5. still serving: a good request
      a.publish(TASKS, new MqttMessage(json(good)));
      await(() -> results.containsKey("good"), "the good request's answer");
      OccupancyResult g = results.get("good");
      assertTrue(g.ok() && g.occupiedCount() > 0, g.toString());
      assertTrue(!results.containsKey("intruder"), "fleet B's request never reached the node");
      assertEquals(0, seenByB.size(), "fleet B hears nothing of fleet A");
      assertEquals(1, node.occupancy().answered());
      assertEquals(2L, node.occupancy().refused().get("bad_image"));
      System.out.println(brokers.kind() + ": node refused " + node.rejectedMessages() + ", occupancy " +
          node.occupancy().refused() + ", answered " + node.occupancy().answered());

      // 6. the result topic of a leg-checking drone, node e2 played by a fleet-A client far from e1
      List<OffloadingDrone.LegCheck> answers = new CopyOnWriteArrayList<>();
      List<String> asked = new CopyOnWriteArrayList<>();
      BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
      float[] disparity = new float[64 * 64];
      java.util.Arrays.fill(disparity, 2f);
      LegChecks checks = new LegChecks((tS, lat, lon, heading, alt, seed) -> new StereoPair(img, img, disparity, 50, 2, alt),
          LegCheckSettings.load().withInterval(Duration.ZERO));
      try (OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused")
          .withCredentials("user-a", "secret-of-a-123"), DRONE,
          FrameSource.cycling(List.of(PixelImages.read(SharedData.file("images/person.jpg")))), BandOrder.zigZag(),
          OffloadSettings.load(), r -> { })) {
        assertTrue(drone.awaitConnected(Duration.ofSeconds(20)));
        drone.startLegChecks(checks, answers::add, () -> null);
        MqttClient e2 = TestClients.listening(broker.url(), "fleet-a:e2", (t, m) -> asked.add(
            OccupancyPayloads.readTask(m.getPayload()).taskId()), () -> { });
        e2.connect(TestClients.credentials("user-a", "secret-of-a-123"));
        e2.subscribe(FAKE.topic(Channel.OCCUPANCY).toString(), 1);
        MqttMessage online = new MqttMessage(Payloads.status(true));
        online.setRetained(true);
        e2.publish(FAKE.topic(Channel.STATUS).toString(), online);
        e2.publish(FAKE.topic(Channel.TELEMETRY).toString(), new MqttMessage(EdgePayloads.toJson(
            new EdgeTelemetry(1, System.currentTimeMillis(), 43.70, 7.40, 10, "online", 0, 8, 0, 0, 0))));
        await(() -> drone.edges().nearestReachable(43.70, 7.40).map(FAKE::equals).orElse(false), "the drone hears e2");
        String task = drone.checkLeg(43.70, 7.40, 0, 50).orElseThrow();
        await(() -> asked.contains(task), "the request at e2");
        OccupancyResult real = OccupancyResult.answer(System.currentTimeMillis(), task, 16, false, new byte[512], 20, false);
        byte[] realJson = OccupancyPayloads.toJson(real);
        String resultTopic = new Topic("fleet-a", DeviceKind.EDGE, "e2", Channel.OCCUPANCY_RESULT, task).toString();
        long bad0 = drone.badMessages();
        // fleet B answers: the broker refuses
        MqttClient b2 = TestClients.listening(broker.url(), "fleet-b:spoofer", (t, m) -> { }, () -> { });
        b2.connect(TestClients.credentials("user-b", "secret-of-b-456"));
        try {
          b2.publish(resultTopic, new MqttMessage(realJson));
        } catch (MqttException refused) {
          System.out.println(brokers.kind() + ": fleet B's fake occupancy answer refused: " + refused.getReasonCode());
        }
        // another fleet-A "node" answers; then, as e2: over 64 KiB, not JSON, another task id, a wrong bit count
        e2.publish(new Topic("fleet-a", DeviceKind.EDGE, "rogue", Channel.OCCUPANCY_RESULT, task).toString(),
            new MqttMessage(realJson));
        byte[] huge = new byte[OccupancyResult.MAX_MESSAGE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        e2.publish(resultTopic, new MqttMessage(huge));
        e2.publish(resultTopic, new MqttMessage("{not json".getBytes(StandardCharsets.UTF_8)));
        e2.publish(resultTopic, new MqttMessage(OccupancyPayloads.toJson(OccupancyResult.answer(
            System.currentTimeMillis(), "d0001-leg-99", 16, false, new byte[512], 20, false))));
        e2.publish(resultTopic, new MqttMessage(new String(realJson, StandardCharsets.UTF_8)
            .replace("\"occupied_count\":0", "\"occupied_count\":3").getBytes(StandardCharsets.UTF_8)));
        await(() -> drone.badMessages() - bad0 >= 5, "five bad answers counted");
        assertEquals(0, answers.size(), "no fake answer was taken: " + answers);
        e2.publish(resultTopic, new MqttMessage(realJson));
        await(() -> answers.size() == 1, "the real answer");
        e2.publish(resultTopic, new MqttMessage(realJson));
        await(() -> drone.badMessages() - bad0 >= 6, "the replay counted as bad");
        Thread.sleep(300);
        assertEquals(1, answers.size());
        assertEquals(FAKE, answers.get(0).edge());
        assertEquals(0, answers.get(0).corridorVoxels());
        assertEquals(6, drone.badMessages() - bad0, "rogue node, too large, not JSON, wrong task_id, bit count, replay");
        System.out.println(brokers.kind() + ": leg-check answers taken " + answers.size() + ", bad "
            + (drone.badMessages() - bad0));
        e2.disconnect();
        if (b2.isConnected()) {
          b2.disconnect();
        }
      }
      a.disconnect();
      if (b.isConnected()) {
        b.disconnect();
      }
    }
  }
}
