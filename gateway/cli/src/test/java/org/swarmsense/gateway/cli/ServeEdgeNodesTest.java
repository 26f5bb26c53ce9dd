package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.offload.FrameSource;
import org.swarmsense.gateway.offload.OffloadSettings;
import org.swarmsense.gateway.offload.OffloadingDrone;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.PixelImages;
import picocli.CommandLine;

/** {@code serve --edge-nodes 2}: two edge nodes of the fleet come up, and a drone's frame is served by one of them. */
class ServeEdgeNodesTest {

  @Test
  void serveStartsEdgeNodesThatADroneOffloadsTo() throws Exception {
    int port = FreePorts.pick();
    StringWriter out = new StringWriter();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(
        ServeAndSimulateCommandTest.withFreshDataDir("serve", "--mqtt-port",
        String.valueOf(port), "--no-http", "--duration", "25s", "--edge-nodes", "2", "--edge-fleet", "f1",
        "--edge-model", SharedData.file("models/mb3_centernet_coco.onnx").toString())));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!out.toString().contains("edge node f1/edge/edge-2 started") && !exit.isDone() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertTrue(out.toString().contains("edge node f1/edge/edge-1 started"), out.toString());
    LinkedBlockingQueue<OffloadingDrone.Result> results = new LinkedBlockingQueue<>();
    try (OffloadingDrone drone = OffloadingDrone.start(MqttLinkSettings.defaults("tcp://127.0.0.1:" + port, "unused"),
        new DeviceId("f1", DeviceKind.DRONE, "d0001"),
        FrameSource.cycling(List.of(PixelImages.read(SharedData.file("images/dog.jpg")))), BandOrder.zigZag(),
        OffloadSettings.load(), results::add)) {
      assertTrue(drone.awaitConnected(Duration.ofSeconds(20)));
      while ((drone.edges().size() < 2 || drone.edges().nearestReachable(43.7384, 7.4246).isEmpty())
          && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertEquals(2, drone.edges().size(), "both nodes heard");
      drone.captureAndSend(43.7384, 7.4246).orElseThrow();
      OffloadingDrone.Result r = results.poll(60, TimeUnit.SECONDS);
      assertTrue(r != null && r.result().ok(), String.valueOf(r));
      assertTrue(r.edge().id().equals("edge-1") || r.edge().id().equals("edge-2"), r.edge().toString());
      assertTrue(r.result().detections().size() >= 4, "dog.jpg: car, bicycle, dog, truck: " + r.result());
    }
    assertEquals(0, exit.get(60, TimeUnit.SECONDS), out.toString());
    assertTrue(out.toString().contains("gateway: stopping"), out.toString());
  }
}
