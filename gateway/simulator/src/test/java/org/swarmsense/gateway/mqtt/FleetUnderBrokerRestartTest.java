package org.swarmsense.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.testing.MqttBrokers;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;

/**
 * End to end under broker crashes: a gateway link and 10 simulated devices (each its own
 * connection) on a Mosquitto that is killed and restarted three times. After each restart every
 * device is online again, telemetry flows again and a command is answered. Prints the figures.
 */
class FleetUnderBrokerRestartTest {

  @Test
  void gatewayAndDevicesComeBackAfterEveryRestart() throws Exception {
    try (MosquittoBroker broker = MqttBrokers.mosquitto()) {
      RecordingIngest ingest = new RecordingIngest();
      try (FleetLink gateway = FleetLink.start(
              MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-restart")), ingest, Set.of("f1")::contains, "gw");
          DeviceSimulator sim = DeviceSimulator.start(SimulatorSettings.of(broker.url(), "f1", 10).withRateHz(5))) {
        assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(10)));
        assertTrue(sim.awaitConnected(Duration.ofSeconds(20)));
        List<DeviceId> devices = sim.devices();
        FleetLinkTest.await(() -> ingest.registered().size() == 10, "10 registered");
        Thread.sleep(1200); // let mosquitto save its sessions (autosave every second)
        for (int round = 1; round <= 3; round++) {
          broker.kill();
          Thread.sleep(500);
          long restarted = System.nanoTime();
          broker.restart();
          assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(5)), "gateway back within 5 s");
          assertTrue(sim.awaitConnected(Duration.ofSeconds(5)), "devices back within 5 s");
          double upS = (System.nanoTime() - restarted) / 1e9;
          long before = ingest.telemetryCount();
          FleetLinkTest.await(() -> ingest.telemetryCount() > before + 50, "telemetry flows again");
          CommandReply r = gateway.sendCommand("f1", devices.get(0), Command.rate(System.currentTimeMillis(), 5),
              Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
          assertTrue(r.ok());
          double flowingS = (System.nanoTime() - restarted) / 1e9;
          System.out.printf("restart %d: all 11 links up %.3f s after restart, telemetry and a command answered after %.3f s;"
              + " gateway outage %s%n", round, upS, flowingS, gateway.mqtt().stats().lastOutage());
          Thread.sleep(1200);
        }
        FleetLinkTest.await(() -> devices.stream().allMatch(d -> ingest.online(d).orElse(false)), "all online at the end");
      }
    }
  }
}
