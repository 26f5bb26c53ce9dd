package org.swarmsense.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.epos.sensing.report.OffloadFigures;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.offload.FleetOffload;
import org.swarmsense.gateway.offload.OffloadSettings;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.testing.TestClients;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeResult;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Topic;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.camera.MapScene;

/**
 * The simulated fleet offloads (issue 14, leftover 2) to an edge node with no model configured (the
 * shipped vehicle detector, leftover 1): a circling drone captures nothing; told to hold, it hovers
 * and its frames of Monaco's traffic reach the node and come back answered, counted with bytes and
 * delay. What the node detected is what the drone observed: its telemetry carries the detection count
 * of an answered frame as {@code observed.vehicles} (only after answers, never more often than answers).
 */
class FleetOffloadTest {
  static final String FLEET = "fleet-o";
  // over Monaco's harbour road, where the shipped trace has traffic
  static final double LAT = 43.7355;
  static final double LON = 7.4220;

  @Test
  void aHoveringSimulatedDroneOffloadsToTheDefaultEdgeNodeAndACirclingOneDoesNot() throws Exception {
    EdgeNodeSettings edge = org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode().withCount(1);
    assertTrue(edge.detectorModel().isEmpty(), "reference.conf configures no model");
    assertEquals("vehicle-plain", EdgeNodes.openDetector(edge).variant());
    assertEquals(List.of(0, 3), EdgeNodes.ordersFor(edge).stream().map(o -> o.id()).toList());

    MapScene scene = MapScene.load(SharedData.file("maps/monaco.osm.gz"));
    OffloadSettings os = OffloadSettings.load();
    // 2 Hz, and a 2 s deadline: the test machine is shared and loaded
    os = new OffloadSettings(2, os.quality(), Duration.ofSeconds(2), os.uplinkRateBytesPerS(), 0, os.seed());
    FleetOffload offload = FleetOffload.nadir(scene, Optional.of(SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz")),
        MapsSettings.load().camera().withAltitudeM(60), 1, EdgeNodes.DEFAULT_VARIANT.bandOrder(), os);
    ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "fleet-offload");
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        EdgeNodes nodes = EdgeNodes.start(system, MqttLinkSettings.defaults(broker.url(), "unused"), FLEET, LAT, LON,
            EdgeNodes.open(edge));
        DeviceSimulator sim = DeviceSimulator.start(SimulatorSettings.of(broker.url(), FLEET, 1)
            .withLayout(new SimulatorSettings.Layout(List.of(new double[] {LON, LAT}), true, false, 1)), offload)) {
      assertTrue(sim.awaitConnected(Duration.ofSeconds(30)));
      assertTrue(nodes.nodes().get(0).awaitConnected(Duration.ofSeconds(30)));
      Thread.sleep(2500); // five sampling ticks while circling
      OffloadFigures circling = sim.offloadFigures();
      assertEquals(0, circling.tasksSent() + circling.capturesWithoutEdge(), "a circling drone captures nothing");

      List<Integer> observed = new CopyOnWriteArrayList<>();
      List<Integer> detected = new CopyOnWriteArrayList<>();
      MqttClient operator = TestClients.listening(broker.url(), FLEET + ":operator", (t, m) -> {
        if (t.endsWith("/" + Channel.TELEMETRY.level())) {
          Payloads.readTelemetry(m.getPayload()).observed().ifPresent(o -> observed.add(o.vehicles()));
        } else {
          EdgeResult r = EdgePayloads.readResult(m.getPayload());
          if (r.ok()) {
            detected.add(r.detections().size());
          }
        }
      }, () -> { });
      operator.connect(new MqttConnectionOptions());
      DeviceId drone = DeviceSimulator.deviceId(FLEET, 0, true);
      operator.subscribe(drone.topic(Channel.TELEMETRY).toString(), 0);
      operator.subscribe(Topic.ROOT + "/" + FLEET + "/edge/+/" + Channel.RESULT.level() + "/+", 1);
      assertTrue(observed.isEmpty(), "no observation before any answer: " + observed);
      operator.publish(drone.topic(Channel.CMD).toString(),
          new MqttMessage(Payloads.toJson(Command.hold(System.currentTimeMillis()))));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (sim.offloadFigures().results() < 2 && System.nanoTime() < end) {
        Thread.sleep(100);
      }
      assertTrue(sim.finishOffloading(Duration.ofSeconds(60)), "the last capture sent and every task answered");
      OffloadFigures f = sim.offloadFigures();
      System.out.println("fleet offload, one hovering drone: " + f);
      assertEquals(f.tasksSent(), f.results(), "after finishing, every task sent is answered: " + f);
      assertTrue(f.results() >= 2, "two answers within 90 s: " + f);
      assertTrue(f.tasksSent() >= f.results(), f.toString());
      assertTrue(f.served() >= 1, "at least one frame served by the vehicle detector: " + f);
      assertTrue(f.bytesSent() >= 1_000L * f.tasksSent(), "a 512x512 frame is kilobytes: " + f);
      assertTrue(f.delayP50Ms() > 0 && f.delayP99Ms() >= f.delayP50Ms(), f.toString());
      assertTrue(nodes.nodes().get(0).load(Duration.ofSeconds(10)).served() >= f.served(), "the node served them");
      long seenBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (observed.isEmpty() && System.nanoTime() < seenBy) {
        Thread.sleep(100);
      }
      System.out.println("observed in telemetry " + observed + ", detections answered " + detected);
      assertTrue(!observed.isEmpty(), "the drone reported what its frames showed");
      assertTrue(observed.size() <= f.results(), "each answer reported at most once: " + observed + " for "
          + f.results() + " answers");
      assertTrue(detected.containsAll(observed), "every observed count is an answered frame's detection count: "
          + observed + " vs " + detected);
      operator.disconnect();
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }
}
