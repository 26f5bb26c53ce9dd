package org.swarmsense.fieldtests.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.PlanGenerator;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.mission.MissionLimits;
import org.swarmsense.gateway.mission.MissionDesk;
import org.swarmsense.gateway.mission.PlanWaypoints;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.runtime.GatewayNode;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.simulator.WaypointFlight;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.maps.SharedData;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * A mission end to end over MQTT only: a small traffic-watch mission over Monaco, with the demand
 * from the shipped SUMO trace (shared/data/traces), is planned in process by a {@link GatewayNode}'s
 * {@link MissionDesk} (I-EPOS); simulated drones connect over MQTT and wait on the ground at their
 * bases, each becoming a device entity; the run has the agents' mission coordinator plan again among
 * the drone entities' own planning agents (it must choose the in-process selection), and each
 * drone's selected plan becomes waypoints ({@link PlanWaypoints}) sent through its entity as a QoS 1
 * plan command. Every plan is accepted, every drone is seen flying on the live hub and every drone
 * lands. On every broker of {@code MqttBrokers#all}.
 */
class MissionOverMqttTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FLEET = "monaco";
  private static final int DRONES = 4;

  static ObjectNode mission() {
    ObjectNode m = JSON.createObjectNode();
    m.put("name", "field test: Monaco traffic watch");
    m.putObject("area").putArray("bbox").add(7.415).add(43.728).add(7.435).add(43.745);
    m.put("cellSizeM", 250);
    m.putObject("window").put("startS", 0).put("endS", 300).put("slotS", 60);
    var bases = m.putArray("bases");
    bases.addArray().add(7.420).add(43.736);
    bases.addArray().add(7.430).add(43.736);
    m.putObject("drones").put("count", DRONES).put("plansPerDrone", 8);
    m.put("coverageTarget", 2);
    m.putObject("planner").put("iterations", 20).put("seed", 1);
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void aPlannedMissionIsFlownOverMqttAndEveryDroneLands(BrokerFactory brokers) throws Exception {
    Path trace = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
    try (MqttBroker broker = brokers.start();
        GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
            MqttLinkSettings.defaults(broker.url(), "gw-mission"), Set.of(FLEET)::contains, null, "127.0.0.1", 0,
            null, trace, line -> {}, MissionLimits.defaults().withDatasetDir(trace.getParent()), null))) {
      MissionDesk desk = node.desk(FLEET);
      long t0 = System.nanoTime();
      JsonNode status = desk.submit(FLEET, mission().toString());
      String id = status.path("id").asText();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (status.path("state").asText().equals("planning") && System.nanoTime() < deadline) {
        Thread.sleep(100);
        status = desk.status(FLEET, id);
      }
      assertEquals("planned", status.path("state").asText(), "mission state: " + status);
      double planS = (System.nanoTime() - t0) / 1e9;
      Result result = desk.planned(FLEET, id).result();
      Run run = result.runs().get(0);
      int[] selection = run.results().get(Strategy.I_EPOS).selection();
      LocalProjection projection = result.projection().orElseThrow();
      SensingProblem p = run.problem();
      List<List<Waypoint>> plans = new ArrayList<>();
      List<double[]> homes = new ArrayList<>();
      double longestS = 0;
      for (int d = 0; d < run.plans().size(); d++) {
        CandidatePlan plan = run.plans().get(d).get(selection[d]);
        List<Waypoint> w = PlanWaypoints.of(plan, projection, result.mission().fleet().altitudeM(),
            result.mission().fleet().batterySwapS(), result.energy());
        plans.add(w);
        int base = PlanGenerator.baseOf(d, p.bases());
        Coordinate home = projection.toWgs84(p.bx(base), p.by(base));
        homes.add(new double[] {home.x, home.y});
        longestS = Math.max(longestS,
            new WaypointFlight(new Waypoint(home.y, home.x, 0, 0), w, result.energy()).durationS());
      }
      double timeFactor = Math.max(1, Math.min(1000, longestS / 8)); // every flight within about 8 s
      Map<String, Boolean> seenFlying = new ConcurrentHashMap<>();
      LiveHub live = node.hub();
      live.subscribe(FLEET, e -> {
        if (LiveHub.DEVICE.equals(e.path("type").asText()) && !e.path("state").asText().equals("landed")) {
          seenFlying.put(e.path("id").asText(), true);
        }
      });
      FleetLink gateway = node.link();
      try (DeviceSimulator drones = DeviceSimulator.start(SimulatorSettings.of(broker.url(), FLEET, plans.size())
              .withRateHz(5).withLayout(new SimulatorSettings.Layout(homes, true, true, timeFactor)))) {
        assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(10)));
        assertTrue(drones.awaitConnected(Duration.ofSeconds(20)));
        List<DeviceId> ids = drones.devices();
        long registeredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!node.devices().devicesOf(FLEET).containsAll(ids) && System.nanoTime() < registeredBy) {
          Thread.sleep(50);
        }
        List<String> withPlan = new ArrayList<>();
        for (int d = 0; d < ids.size(); d++) {
          if (!plans.get(d).isEmpty()) {
            withPlan.add(ids.get(d).id());
          }
        }
        assertEquals(DRONES, withPlan.size(), "every drone has a plan to fly (seed 1, coverage target 2)");
        // run: the gateway's mission coordinator plans again among the drone entities' planning agents
        // (decentralized I-EPOS) and flies that selection, the plan commands going through the entities
        JsonNode running = desk.run(FLEET, id);
        JsonNode planning = running.path("planning");
        assertTrue(planning.path("sameAsInProcess").asBoolean(false),
            "decentralized I-EPOS among the drone entities chose the in-process selection: " + planning);
        int accepted = running.path("dispatch").path("accepted").asInt();
        assertEquals(withPlan.size(), accepted, "every plan accepted: " + running);
        long flyStart = System.nanoTime();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean allLanded = false;
        while (!allLanded && System.nanoTime() < end) {
          Thread.sleep(200);
          allLanded = withPlan.stream().allMatch(d -> seenFlying.containsKey(d)
              && live.device(FLEET, d).map(s -> s.path("state").asText().equals("landed")).orElse(false));
        }
        System.out.printf(Locale.ROOT, "%s: mission planned in %.1f s (%d drones, %d cells x %d slots); planned again"
                + " among the drone entities in %.2f s (same selection: %b); %d of %d plans accepted over MQTT;"
                + " longest flight %.0f s flown at %.0fx; all landed after %.1f s: %b; telemetry %d, rejected %d%n",
            brokers.kind(), planS, DRONES, p.cells(), p.slots(), planning.path("planningS").asDouble(),
            planning.path("sameAsInProcess").asBoolean(), accepted, withPlan.size(), longestS, timeFactor,
            (System.nanoTime() - flyStart) / 1e9, allLanded, node.devices().view().observations(),
            gateway.metrics().totalRejected());
        assertTrue(allLanded, "every drone flew and landed; seen flying " + seenFlying.keySet());
        // the mission coordinator tracked the flight from the same telemetry: the mission is done
        JsonNode after = desk.status(FLEET, id);
        for (long by = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            !after.path("state").asText().equals("done") && System.nanoTime() < by; after = desk.status(FLEET, id)) {
          Thread.sleep(100);
        }
        assertEquals("done", after.path("state").asText(), "the coordinator saw every drone land: " + after);
        assertEquals(0, gateway.metrics().totalRejected());
      }
    }
  }
}
