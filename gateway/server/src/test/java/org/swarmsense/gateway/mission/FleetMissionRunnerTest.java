package org.swarmsense.gateway.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.mqtt.RecordingIngest;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.maps.SharedData;

/**
 * Flying a planned Monaco mission with simulated drones over a real broker, with a selection in
 * which one drone has no plan ({@code -1}: what the decentralized {@code MissionCoordinator} reports
 * for a drone that did not propose). That drone gets no command and is reported left out; the others
 * fly. A selection index outside the drone's plans is refused, naming the drone and the index.
 */
class FleetMissionRunnerTest {
  private static final String FLEET = "monaco";
  private static final int DRONES = 3;
  private static Result result;
  private static EmbeddedBroker broker;
  private static FleetLink link;
  private static DeviceSimulator drones;
  private static FleetMissionRunner runner;

  @BeforeAll
  static void planAndConnect() throws Exception {
    ObjectNode body =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    "{\"name\":\"runner\",\"area\":{\"bbox\":[7.415,43.728,7.432,43.742]},\"cellSizeM\":250,"
                        + "\"window\":{\"startS\":0,\"endS\":300,\"slotS\":60},"
                        + "\"drones\":{\"count\":" + DRONES + ",\"plansPerDrone\":4},\"planner\":{\"iterations\":5}}");
    ObjectNode completed =
        new DeploymentDefaults(SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz")).apply(body);
    result =
        new SensingMissionPlanner()
            .plan(MissionReader.parse(completed.toString(), false, Path.of("."), "runner"), line -> {})
            .result();
    broker = EmbeddedBroker.start();
    RecordingIngest registry = new RecordingIngest();
    link =
        FleetLink.start(
            MqttLink.create(MqttLinkSettings.defaults(broker.url(), "runner-gw-" + System.nanoTime())),
            registry,
            Set.of(FLEET)::contains,
            "gw");
    List<double[]> homes = new ArrayList<>();
    for (int d = 0; d < DRONES; d++) {
      homes.add(new double[] {7.42, 43.735});
    }
    drones =
        DeviceSimulator.start(
            SimulatorSettings.of(broker.url(), FLEET, DRONES)
                .withLayout(new SimulatorSettings.Layout(homes, true, true, 100)));
    assertTrue(link.mqtt().awaitConnected(Duration.ofSeconds(30)));
    assertTrue(drones.awaitConnected(Duration.ofSeconds(30)));
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!registry.registered().containsAll(drones.devices()) && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertTrue(registry.registered().containsAll(drones.devices()), "drones registered");
    runner = new FleetMissionRunner(link::sendCommand, fleet -> List.copyOf(registry.registered()), Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    drones.close();
    link.close();
    broker.close();
  }

  @Test
  void aDroneThatDidNotProposeIsLeftOutAndTheOthersFly() {
    assertEquals(DRONES, result.runs().get(0).plans().size());
    int[] selection = {0, -1, 0};
    JsonNode out = runner.dispatch(FLEET, "m-left-out", result, selection);
    List<DeviceId> sorted = new ArrayList<>(drones.devices());
    sorted.sort(java.util.Comparator.comparing(DeviceId::id));
    assertEquals(DRONES, out.path("drones").asInt(), out.toString());
    assertEquals(2, out.path("accepted").asInt(), out.toString());
    assertEquals(0, out.path("refused").size(), out.toString());
    assertEquals(1, out.path("left_out").size(), out.toString());
    assertEquals(sorted.get(1).id(), out.path("left_out").get(0).asText(), out.toString());
  }

  @Test
  void aSelectionOutsideTheDronesPlansIsRefusedNamingIt() {
    int plans = result.runs().get(0).plans().get(2).size();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> runner.dispatch(FLEET, "m-bad", result, new int[] {0, 0, plans}));
    assertEquals(
        "selection[2] must be -1 (no plan) or 0.." + (plans - 1) + ", was " + plans, e.getMessage());
    IllegalArgumentException length =
        assertThrows(
            IllegalArgumentException.class, () -> runner.dispatch(FLEET, "m-short", result, new int[] {0}));
    assertEquals("selection must have one entry per drone (3), had 1", length.getMessage());
  }
}
