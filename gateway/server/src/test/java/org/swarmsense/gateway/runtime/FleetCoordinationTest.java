package org.swarmsense.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.mission.DroneProgress;
import org.swarmsense.agents.mission.FlightStage;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.plans.PlanGenerator;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.mission.MissionLimits;
import org.swarmsense.gateway.mission.PlanWaypoints;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.simulator.WaypointFlight;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.SharedData;

/**
 * A planned Monaco mission flown through the mission coordinator with three simulated drones over
 * a real (embedded) broker: the run's answer counts the drones' replies (the data the removed
 * FleetMissionRunner gave: drones, accepted, refused, left out), and the mission turns {@code done}
 * from the drones' own telemetry once each landed after flying its plan. The dispatch section is
 * also checked for a drone left out and one refused.
 */
class FleetCoordinationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FLEET = "monaco";
  private static final int DRONES = 3;

  @Test
  void aMissionFliesThroughTheCoordinatorAndIsDoneWhenEveryDroneLanded() throws Exception {
    java.nio.file.Path trace = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
            MqttLinkSettings.defaults(broker.url(), "gw-coord"), Set.of(FLEET)::contains, null, "127.0.0.1", 0,
            null, trace, line -> {}, MissionLimits.defaults().withDatasetDir(trace.getParent()), null))) {
      JsonNode status = node.desk(FLEET).submit(FLEET, "{\"name\":\"coordinated\",\"area\":{\"bbox\":[7.415,43.728,7.432,"
          + "43.742]},\"cellSizeM\":250,\"window\":{\"startS\":0,\"endS\":300,\"slotS\":60},\"drones\":{\"count\":"
          + DRONES + ",\"plansPerDrone\":4},\"coverageTarget\":2,\"planner\":{\"iterations\":5,\"seed\":1}}");
      String id = status.path("id").asText();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (status.path("state").asText().equals("planning") && System.nanoTime() < deadline) {
        Thread.sleep(100);
        status = node.desk(FLEET).status(FLEET, id);
      }
      assertEquals("planned", status.path("state").asText(), status.toString());
      Result result = node.desk(FLEET).planned(FLEET, id).result();
      Run run = result.runs().get(0);
      SensingProblem p = run.problem();
      int[] selection = run.results().get(Strategy.I_EPOS).selection();
      List<double[]> homes = new ArrayList<>();
      double longestS = 0;
      for (int d = 0; d < DRONES; d++) {
        var home = result.projection().orElseThrow().toWgs84(p.bx(PlanGenerator.baseOf(d, p.bases())),
            p.by(PlanGenerator.baseOf(d, p.bases())));
        homes.add(new double[] {home.x, home.y});
        List<Waypoint> w = PlanWaypoints.of(run.plans().get(d).get(selection[d]), result.projection().orElseThrow(),
            result.mission().fleet().altitudeM(), result.mission().fleet().batterySwapS(), result.energy());
        longestS = Math.max(longestS, new WaypointFlight(new Waypoint(home.y, home.x, 0, 0), w, result.energy())
            .durationS());
      }
      double timeFactor = Math.max(1, Math.min(1000, longestS / 6)); // every flight within about 6 s
      try (DeviceSimulator drones = DeviceSimulator.start(SimulatorSettings.of(broker.url(), FLEET, DRONES)
          .withRateHz(5).withLayout(new SimulatorSettings.Layout(homes, true, true, timeFactor)))) {
        assertTrue(drones.awaitConnected(Duration.ofSeconds(30)));
        List<DeviceId> ids = drones.devices();
        long registeredBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!node.devices().devicesOf(FLEET).containsAll(ids) && System.nanoTime() < registeredBy) {
          Thread.sleep(50);
        }
        JsonNode running = node.desk(FLEET).run(FLEET, id);
        assertEquals("running", running.path("state").asText(), running.toString());
        JsonNode dispatch = running.path("dispatch");
        assertEquals(DRONES, dispatch.path("drones").asInt(), running.toString());
        assertEquals(DRONES, dispatch.path("accepted").asInt(), running.toString());
        assertEquals(0, dispatch.path("refused").size(), running.toString());
        assertEquals(0, dispatch.path("left_out").size(), running.toString());
        assertTrue(running.path("planning").path("sameAsInProcess").asBoolean(false), running.toString());
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!status.path("state").asText().equals("done") && System.nanoTime() < end) {
          Thread.sleep(200);
          status = node.desk(FLEET).status(FLEET, id);
        }
        assertEquals("done", status.path("state").asText(), "the coordinator saw every drone land: " + status);
        assertEquals(DRONES + " of " + DRONES + " drones accepted their plan; 0 flying, " + DRONES + " done",
            status.path("progress").asText());
        assertEquals(DRONES, drones.commandsAnswered(), "one plan command per drone, none twice");
      }
    }
  }

  @Test
  void theDispatchSectionNamesDronesLeftOutAndRefused() {
    List<DroneProgress> drones = List.of(
        new DroneProgress(0, "d0", FlightStage.ACCEPTED, 0, 0, "m1-p0-d0", "", ""),
        new DroneProgress(1, "d1", FlightStage.LEFT_OUT, -1, 0, "", "did not propose plans", ""),
        new DroneProgress(2, "d2", FlightStage.REFUSED, 1, 0, "m1-p0-d2", "battery_low", ""),
        new DroneProgress(3, "d3", FlightStage.DONE, 2, 0, "m1-p0-d3", "", "landed"));
    ObjectNode out = FleetCoordination.dispatchJson(drones);
    assertEquals("{\"drones\":4,\"refused\":[{\"drone\":\"d2\",\"reason\":\"battery_low\"}],\"accepted\":2,"
        + "\"left_out\":[\"d1\"]}", out.toString());
  }
}
