package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.testing.MqttBrokers.SecuredBrokerFactory;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.offload.FrameSource;
import org.swarmsense.gateway.offload.OffloadSettings;
import org.swarmsense.gateway.offload.OffloadingDrone;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.tenancy.FleetRegistry;
import org.swarmsense.gateway.testing.TestClients;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgeBox;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeResult;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Topic;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * Leftover probes of issue 14: the result topic a simulated drone listens on, on both brokers with
 * fleet accounts. The drone of fleet A sends a task to node e1 of fleet A (played by a fleet-A
 * client that announces itself and reads the task); then come a fake answer from fleet B (the
 * broker's ACL stops it), a fake answer from another fleet-A "node" for the same task, an answer of
 * 70 kB, non-JSON, an answer whose task_id is not the topic's, the real answer and a replay of it.
 * Only the real answer counts; everything else is counted as bad and nothing crashes.
 */
class OffloadResultAbuseTest {
  static final FleetRegistry FLEETS = FleetRegistry.of(List.of(
      Account.withPassword("user-a", "fleet-a", "secret-of-a-123"),
      Account.withPassword("user-b", "fleet-b", "secret-of-b-456")));
  static final DeviceId NODE = new DeviceId("fleet-a", DeviceKind.EDGE, "e1");
  static final DeviceId DRONE = new DeviceId("fleet-a", DeviceKind.DRONE, "d0001");

  static void await(BooleanSupplier c, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!c.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  static String resultTopic(DeviceId edge, String task) {
    return new Topic(edge.fleet(), DeviceKind.EDGE, edge.id(), Channel.RESULT, task).toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#secured")
  void onlyTheNodeTheTaskWentToMayAnswerItOnce(SecuredBrokerFactory brokers)
      throws Exception {
    List<OffloadingDrone.Result> answers = new CopyOnWriteArrayList<>();
    List<String> tasks = new CopyOnWriteArrayList<>();
    try (MqttBroker broker = brokers.start(FLEETS);
        OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults(broker.url(), "unused")
            .withCredentials("user-a", "secret-of-a-123"), DRONE,
            FrameSource.cycling(List.of(PixelImages.read(SharedData.file("images/person.jpg")))), BandOrder.zigZag(),
            OffloadSettings.load(), answers::add)) {
      assertTrue(drone.awaitConnected(Duration.ofSeconds(20)));
      // node e1 of fleet A, played by a fleet-A client: online, room in its queue, reads its tasks
      MqttClient node = TestClients.listening(broker.url(), "fleet-a:e1", (t, m) -> {
        String task = EdgePayloads.readTask(m.getPayload()).taskId();
        if (!tasks.contains(task)) {
          tasks.add(task);
        }
      }, () -> { });
      node.connect(TestClients.credentials("user-a", "secret-of-a-123"));
      node.subscribe(NODE.topic(Channel.TASK).toString(), 1);
      MqttMessage online = new MqttMessage(Payloads.status(true));
      online.setRetained(true);
      node.publish(NODE.topic(Channel.STATUS).toString(), online);
      node.publish(NODE.topic(Channel.TELEMETRY).toString(), new MqttMessage(EdgePayloads.toJson(
          new EdgeTelemetry(1, System.currentTimeMillis(), 43.7384, 7.4246, 10, "online", 0, 8, 0, 0, 0))));
      await(() -> drone.edges().nearestReachable(43.7384, 7.4246).isPresent(), "the drone hears e1");
      String task = drone.captureAndSend(43.7384, 7.4246).orElseThrow();
      await(() -> tasks.contains(task), "the task at e1");
      byte[] real = EdgePayloads.toJson(EdgeResult.served(System.currentTimeMillis(), task, 0,
          List.of(new EdgeBox(0, 0.9, 10, 10, 50, 50)), 1, 1, 1, 12, 8, "coco-centernet"));
      long bad0 = drone.badMessages();

      // 1. fleet B answers fleet A's task: the broker refuses (HiveMQ disconnects B, Mosquitto drops it)
      MqttClient b = TestClients.listening(broker.url(), "fleet-b:spoofer", (t, m) -> { }, () -> { });
      b.connect(TestClients.credentials("user-b", "secret-of-b-456"));
      try {
        b.publish(resultTopic(NODE, task), new MqttMessage(real));
      } catch (MqttException refused) {
        System.out.println(brokers.kind() + ": fleet B's fake result refused: " + refused.getReasonCode());
      }
      // 2. another fleet-A device answers as node "rogue": not the node the task went to
      MqttClient rogue = TestClients.listening(broker.url(), "fleet-a:rogue", (t, m) -> { }, () -> { });
      rogue.connect(TestClients.credentials("user-a", "secret-of-a-123"));
      rogue.publish(resultTopic(new DeviceId("fleet-a", DeviceKind.EDGE, "rogue"), task), new MqttMessage(real));
      // 3. a 70 kB answer, 4. not JSON, 5. an answer naming another task, all on e1's topic
      byte[] huge = new byte[70_000];
      java.util.Arrays.fill(huge, (byte) ' ');
      huge[0] = '{';
      huge[huge.length - 1] = '}';
      node.publish(resultTopic(NODE, task), new MqttMessage(huge));
      node.publish(resultTopic(NODE, task), new MqttMessage("{not json".getBytes(StandardCharsets.UTF_8)));
      node.publish(resultTopic(NODE, task), new MqttMessage(EdgePayloads.toJson(EdgeResult.served(
          System.currentTimeMillis(), "d0001-999", 0, List.of(), 1, 1, 1, 12, 8, "coco-centernet"))));
      // 5b. masked regions without the defence having run, and nine masked regions (at most 8): refused unread
      String served = new String(real, StandardCharsets.UTF_8);
      node.publish(resultTopic(NODE, task), new MqttMessage(served.replaceFirst("}$",
          ",\"masked\":[{\"x0_px\":0,\"y0_px\":0,\"x1_px\":5,\"y1_px\":5}]}").getBytes(StandardCharsets.UTF_8)));
      String nine = ",{\"x0_px\":0,\"y0_px\":0,\"x1_px\":5,\"y1_px\":5}".repeat(9).substring(1);
      node.publish(resultTopic(NODE, task), new MqttMessage(served.replaceFirst("}$",
          ",\"defended\":true,\"masked\":[" + nine + "]}").getBytes(StandardCharsets.UTF_8)));
      await(() -> drone.badMessages() - bad0 >= 6, "six bad answers counted");
      assertEquals(0, answers.size(), "no fake answer was taken: " + answers);

      // 6. the real answer from e1 counts, once; its replay does not
      node.publish(resultTopic(NODE, task), new MqttMessage(real));
      await(() -> answers.size() == 1, "the real answer");
      node.publish(resultTopic(NODE, task), new MqttMessage(real));
      await(() -> drone.badMessages() - bad0 >= 7, "the replay counted as bad");
      Thread.sleep(300);
      assertEquals(1, answers.size());
      assertEquals(1, drone.answered());
      assertEquals("e1", answers.get(0).edge().id());
      assertEquals(1, answers.get(0).result().detections().size());
      System.out.println(brokers.kind() + ": bad answers counted " + (drone.badMessages() - bad0) + ", answered "
          + drone.answered() + ", fleet B still connected: " + b.isConnected());
      assertEquals(7, drone.badMessages() - bad0,
          "rogue node, too large, not JSON, wrong task_id, masked undefended, nine masked, replay");
      // the drone still works: a second task goes out
      assertTrue(drone.captureAndSend(43.7384, 7.4246).isPresent());
      await(() -> tasks.size() == 2, "the second task at e1");
      node.disconnect();
      rogue.disconnect();
      if (b.isConnected()) {
        b.disconnect();
      }
    }
  }
}
