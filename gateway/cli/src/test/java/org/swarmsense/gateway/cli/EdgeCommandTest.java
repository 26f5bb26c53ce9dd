package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.testing.TestClients;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.maps.SharedData;

/** {@code swarmsense edge} runs one node: retained online, telemetry with its queue, offline at the end. */
class EdgeCommandTest {

  @Test
  void anEdgeNodeProcessRegistersReportsItsQueueAndSaysGoodbye() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      List<String> statuses = new CopyOnWriteArrayList<>();
      List<EdgeTelemetry> telemetry = new CopyOnWriteArrayList<>();
      MqttClient watcher = TestClients.listening(broker.url(), "watcher", (t, m) -> {
        if (t.endsWith("/status")) {
          statuses.add(TestClients.text(m));
        } else {
          telemetry.add(EdgePayloads.readTelemetry(m.getPayload()));
        }
      }, () -> { });
      watcher.connect(new MqttConnectionOptions());
      watcher.subscribe(new String[] {"swarmsense/f1/edge/box-7/status", "swarmsense/f1/edge/box-7/telemetry"},
          new int[] {1, 0});
      int exit = SwarmsenseCli.commandLine().execute("edge", "--mqtt-url", broker.url(), "--fleet", "f1", "--id",
          "box-7", "--model", SharedData.file("models/mb3_centernet_coco.onnx").toString(), "--lat", "47.37",
          "--lon", "8.54", "--duration", "3s");
      assertEquals(0, exit);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!statuses.contains("offline") && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertEquals(List.of("online", "offline"), statuses);
      assertTrue(telemetry.size() >= 2, "a telemetry sample a second: " + telemetry);
      EdgeTelemetry t = telemetry.get(0);
      assertEquals(47.37, t.latDeg());
      assertEquals(8, t.queueCapacity());
      assertEquals(0, t.queueLength());
      watcher.disconnect();
    }
  }

  @Test
  void withoutAModelTheNodeRunsTheShippedVehicleDetectorAndItsBandOrder() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      java.io.PrintStream old = System.out;
      int exit;
      System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
      try {
        exit = SwarmsenseCli.commandLine().execute("edge", "--mqtt-url", broker.url(), "--fleet", "f1",
            "--duration", "1s");
      } finally {
        System.setOut(old);
      }
      String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(0, exit, out);
      assertTrue(out.contains("detector the shipped vehicle detector (plain, band order id 3)"), out);
    }
  }
}
