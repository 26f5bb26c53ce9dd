package org.swarmsense.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.plans.PlanGenerator;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.mission.MissionLimits;
import org.swarmsense.gateway.mission.PlanWaypoints;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.simulator.WaypointFlight;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.ObservedTraffic;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.SharedData;

/**
 * Re-planning a flying mission over a real (embedded) broker, through the gateway's whole path
 * (MQTT ingest, device entities, {@link MissionIngest}, the agents' mission coordinator, plan
 * commands back over MQTT to simulated drones): (a) a drone that goes silent mid-mission is lost, the
 * remaining slots are re-planned among the others and the mission still reaches {@code done}; (b)
 * three counting sensors (plain MQTT clients) report 4x the forecast traffic on the forecast's
 * busiest cell: the coordinator re-plans, the drones accept the new plans, and the progress line
 * says why. (b) prints the time from the triggering count to the re-plan accepted by every drone;
 * (c) the sensors count no vehicle there: the re-plan scales the goal to nothing, every drone is sent
 * the rest of its flight in the air (or rtl when left nothing), and the mission is done only once every
 * drone reports it landed.
 * One broker and gateway node serve the tests, each with its own fleet (their start is most of the
 * time under load).
 */
class MissionReplanOverMqttTest {
  private static final int DRONES = 3;
  /** One broker and gateway node for both tests (their start is most of the time under load). */
  private static EmbeddedBroker broker;
  private static GatewayNode node;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedBroker.start();
    Path trace = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
    node = GatewayNode.start(new GatewayNode.Settings(MqttLinkSettings.defaults(broker.url(), "gw-replan"),
        Set.of("replan-lost", "replan-demand", "replan-none")::contains, null, "127.0.0.1", 0, null, trace, line -> {},
        MissionLimits.defaults().withDatasetDir(trace.getParent()), null));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /** A planned Monaco mission, its result, and drones waiting on the ground at their bases. */
  private record Flight(String fleet, String id, Result result, DeviceSimulator drones) {}

  private static Flight plannedWithDrones(String fleet, double flightS) throws Exception {
    JsonNode status = node.desk(fleet).submit(fleet, "{\"name\":\"replan\",\"area\":{\"bbox\":[7.415,43.728,7.432,"
        + "43.742]},\"cellSizeM\":250,\"window\":{\"startS\":0,\"endS\":300,\"slotS\":60},\"drones\":{\"count\":"
        + DRONES + ",\"plansPerDrone\":4,\"batterySwapS\":20,"
        + "\"model\":{\"batteryCapacityJ\":20000}},\"coverageTarget\":2,\"planner\":{\"iterations\":5,\"seed\":1}}");
    String id = status.path("id").asText();
    status = waitFor(fleet, id, s -> !s.path("state").asText().equals("planning"), Duration.ofSeconds(120));
    assertEquals("planned", status.path("state").asText(), status.toString());
    Result result = node.desk(fleet).planned(fleet, id).result();
    Run run = result.runs().get(0);
    SensingProblem p = run.problem();
    // a small battery (20 kJ, about 100 s of flight) and a 20 s swap: plans fly several sorties over the
    // window, so a re-plan from slot 1 on has sorties to hand out (precondition of the test)
    long later = run.plans().stream().flatMap(List::stream)
        .filter(c -> c.sorties().stream().anyMatch(s -> s.takeOffS() >= p.slotS())).count();
    assertTrue(later > 0, "some candidate plans fly after slot 0: " + run.plans().stream().flatMap(List::stream)
        .map(c -> c.sorties().stream().map(x -> Math.round(x.takeOffS())).toList()).toList());
    int[] selection = run.results().get(Strategy.I_EPOS).selection();
    List<double[]> homes = new ArrayList<>();
    double longestS = 0;
    for (int d = 0; d < DRONES; d++) {
      Coordinate home = result.projection().orElseThrow().toWgs84(p.bx(PlanGenerator.baseOf(d, p.bases())),
          p.by(PlanGenerator.baseOf(d, p.bases())));
      homes.add(new double[] {home.x, home.y});
      List<Waypoint> w = PlanWaypoints.of(run.plans().get(d).get(selection[d]), result.projection().orElseThrow(),
          result.mission().fleet().altitudeM(), result.mission().fleet().batterySwapS(), result.energy());
      longestS = Math.max(longestS, new WaypointFlight(new Waypoint(home.y, home.x, 0, 0), w, result.energy())
          .durationS());
    }
    double timeFactor = Math.max(1, Math.min(1000, longestS / flightS)); // the longest flight in about flightS
    DeviceSimulator drones = DeviceSimulator.start(SimulatorSettings.of(broker.url(), fleet, DRONES)
        .withRateHz(5).withLayout(new SimulatorSettings.Layout(homes, true, true, timeFactor)));
    assertTrue(drones.awaitConnected(Duration.ofSeconds(30)));
    long registeredBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!node.devices().devicesOf(fleet).containsAll(drones.devices()) && System.nanoTime() < registeredBy) {
      Thread.sleep(50);
    }
    return new Flight(fleet, id, result, drones);
  }

  private static JsonNode waitFor(String fleet, String id, Predicate<JsonNode> until, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode s = node.desk(fleet).status(fleet, id);
    while (!until.test(s) && System.nanoTime() < end) {
      Thread.sleep(20);
      s = node.desk(fleet).status(fleet, id);
    }
    return s;
  }

  @Test
  void aDroneSilentMidMissionIsLostAndTheOthersFlyTheRestToDone() throws Exception {
    Flight f = plannedWithDrones("replan-lost", 20);
    try (DeviceSimulator drones = f.drones()) {
      JsonNode running = node.desk(f.fleet()).run(f.fleet(), f.id());
      assertEquals(DRONES, running.path("dispatch").path("accepted").asInt(), running.toString());
      DeviceId silent = drones.devices().get(1);
      waitFor(f.fleet(), f.id(), s -> s.path("progress").asText().matches(".*; [1-9][0-9]* flying.*"),
          Duration.ofSeconds(20));
      drones.silence(silent); // no telemetry, no answers, no last will: only the silence tells
      JsonNode end = waitFor(f.fleet(), f.id(), s -> s.path("state").asText().equals("done"),
          Duration.ofSeconds(90));
      assertEquals("done", end.path("state").asText(), end.toString());
      String progress = end.path("progress").asText();
      assertTrue(progress.contains("1 lost"), progress);
      assertTrue(progress.contains("re-planned 1 time (drone " + silent.id() + " lost)"), progress);
      assertTrue(progress.startsWith(DRONES + " of " + DRONES + " drones accepted their plan; 0 flying, "
          + (DRONES - 1) + " done"), progress);
      assertTrue(drones.commandsAnswered() > DRONES, "the others answered their re-planned plans: "
          + drones.commandsAnswered() + " plan commands answered");
    }
  }

  /** The forecast's busiest cell in slot 0: the drift is judged against the forecast. */
  private static int busiestCellOfSlotZero(SensingProblem p) {
    int cell = 0;
    for (int i = 0; i < p.cells(); i++) {
      if (p.vehicleSeconds()[i * p.slots()] > p.vehicleSeconds()[cell * p.slots()]) {
        cell = i;
      }
    }
    return cell;
  }

  /**
   * How many whole-cell readings on {@code cell} (slot 0) a count of {@code vehicles} each needs before
   * the trigger's noise rule lets the drift fire: n |v - f| > z sqrt(n f) with f the cell's forecast,
   * i.e. n > z^2 f / (v - f)^2; at least the trigger's minimum readings (3). Printed.
   */
  private static int sensorsFor(SensingProblem p, int cell, int vehicles) {
    org.swarmsense.agents.settings.AgentsSettings a = org.swarmsense.agents.settings.AgentsSettings.defaults();
    double f = p.vehicleSeconds()[cell * p.slots()] / p.slotS();
    double n = a.replanNoiseZ() * a.replanNoiseZ() * f / ((vehicles - f) * (vehicles - f));
    int sensors = Math.max(a.replanMinReadings(), (int) Math.floor(n) + 1);
    System.out.printf(Locale.ROOT, "counts of %d on cell %d (forecast %.3f vehicles): %d sensors%n", vehicles, cell, f,
        sensors);
    return sensors;
  }

  /**
   * {@code sensors} sensors (plain MQTT clients), one count each on {@code cell}: the trigger's readings.
   *
   * @return {@link System#nanoTime} at the publish of the last count
   */
  private static long count(MqttLink counters, Flight f, int cell, int vehicles, int sensors) {
    SensingProblem p = f.result().runs().get(0).problem();
    Coordinate at = f.result().projection().orElseThrow().toWgs84(p.x(cell), p.y(cell));
    long t0 = 0;
    for (int s = 0; s < sensors; s++) {
      DeviceId sensor = new DeviceId(f.fleet(), DeviceKind.SENSOR, "counter-" + s);
      Telemetry t = new Telemetry(1, System.currentTimeMillis(), at.y, at.x, 5, 0, 0, 100, "counting")
          .withObserved(new ObservedTraffic(vehicles));
      t0 = System.nanoTime();
      counters.publish(sensor.topic(Channel.TELEMETRY).toString(), Payloads.toJson(t), 1, false);
    }
    return t0;
  }

  @Test
  void countsFarBelowTheForecastReplanToNothingAndTheDronesAreHomeWhenTheMissionIsDone() throws Exception {
    try (MqttLink counters = MqttLink.create(MqttLinkSettings.defaults(broker.url(), "replan-none-counters"))) {
      counters.connect();
      Flight f = plannedWithDrones("replan-none", 20);
      try (DeviceSimulator drones = f.drones()) {
        assertTrue(counters.awaitConnected(Duration.ofSeconds(30)));
        Run run = f.result().runs().get(0);
        SensingProblem p = run.problem();
        // the drones with a candidate whose rest from slot 1 on (the sorties taking off then, and what is
        // still ahead of a sortie in the air) is empty: only those can be left nothing and sent rtl (printed;
        // in this mission none, since every candidate's first sortie still hovers after slot 0; the rtl
        // itself is tested in MissionCoordinatorDevicesTest)
        List<Integer> canEnd = new ArrayList<>();
        for (int d = 0; d < DRONES; d++) {
          if (run.plans().get(d).stream().anyMatch(c -> org.swarmsense.agents.mission.RemainingPlans.fromSlot(c, 1,
              p.slots(), p.slotS(), f.result().energy()).sorties().isEmpty())) {
            canEnd.add(d);
          }
        }
        JsonNode running = node.desk(f.fleet()).run(f.fleet(), f.id());
        assertEquals(DRONES, running.path("dispatch").path("accepted").asInt(), running.toString());
        waitFor(f.fleet(), f.id(), s -> s.path("progress").asText().matches(".*; [1-9][0-9]* flying.*"),
            Duration.ofSeconds(20));
        long answeredBefore = drones.commandsAnswered();
        int cell = busiestCellOfSlotZero(p);
        long t0 = count(counters, f, cell, 0, sensorsFor(p, cell, 0));
        JsonNode end = waitFor(f.fleet(), f.id(), s -> s.path("state").asText().equals("done"),
            Duration.ofSeconds(180)); // an rtl flies home at 12 m/s at the drones' time factor, as the plans are flown
        assertEquals("done", end.path("state").asText(), end.toString());
        String progress = end.path("progress").asText();
        assertTrue(progress.contains("re-planned 1 time (demand 0.00 x the forecast in slot 0)"), progress);
        assertTrue(progress.contains(DRONES + " done"), progress);
        double doneS = (System.nanoTime() - t0) / 1e9;
        // every drone was sent a command by the re-plan: the rest of its flight in the air, or rtl when it was
        // left nothing; none is left to fly on with its old plan
        long answered = drones.commandsAnswered() - answeredBefore;
        assertTrue(answered >= DRONES, answered + " commands answered after the re-plan for " + DRONES + " drones");
        List<String> landed = java.util.Collections.nCopies(DRONES, "landed");
        List<String> states = lastStates(f.fleet(), drones);
        // the read view and the coordinator hear the same telemetry by different paths: a sample's grace
        for (int k = 0; k < 10 && !states.equals(landed); k++) {
          Thread.sleep(200);
          states = lastStates(f.fleet(), drones);
        }
        System.out.printf(Locale.ROOT, "no-demand re-plan over MQTT: drones %s could be left nothing; %d commands"
            + " answered after the count; done %.1f s after the count, the drones then report %s; %s%n", canEnd,
            answered, doneS, states, progress);
        assertEquals(landed, states, "every drone on the ground at done");
      }
    }
  }

  /** Each drone's last state word as the gateway's read view holds it. */
  private static List<String> lastStates(String fleet, DeviceSimulator drones) {
    List<String> states = new ArrayList<>();
    for (DeviceId d : drones.devices()) {
      states.add(node.devices().view().reporting(fleet, d.id()).flatMap(x -> x.last()).map(o -> o.state())
          .orElse("unheard"));
    }
    return states;
  }

  @Test
  void countsFarAboveTheForecastReplanAndTheDronesAcceptTheNewPlans() throws Exception {
    try (MqttLink counters = MqttLink.create(MqttLinkSettings.defaults(broker.url(), "replan-demand-counters"))) {
      counters.connect();
      Flight f = plannedWithDrones("replan-demand", 20);
      try (DeviceSimulator drones = f.drones()) {
        assertTrue(counters.awaitConnected(Duration.ofSeconds(30)));
        SensingProblem p = f.result().runs().get(0).problem();
        int cell = busiestCellOfSlotZero(p);
        int vehicles = (int) Math.ceil(4 * p.vehicleSeconds()[cell * p.slots()] / p.slotS());
        assertTrue(vehicles > 0 && vehicles <= ObservedTraffic.MAX_VEHICLES, "count " + vehicles);
        JsonNode running = node.desk(f.fleet()).run(f.fleet(), f.id());
        assertEquals(DRONES, running.path("dispatch").path("accepted").asInt(), running.toString());
        long answeredBefore = drones.commandsAnswered();
        long t0 = count(counters, f, cell, vehicles, sensorsFor(p, cell, vehicles));
        JsonNode replanned = waitFor(f.fleet(), f.id(), s -> s.path("progress").asText().startsWith(DRONES + " of "
            + DRONES + " drones accepted") && s.path("progress").asText().contains("re-planned 1 time (demand "),
            Duration.ofSeconds(60));
        double ms = (System.nanoTime() - t0) / 1e6;
        String progress = replanned.path("progress").asText();
        assertTrue(progress.contains("re-planned 1 time (demand ") && progress.contains("x the forecast in slot 0)"),
            replanned.toString());
        assertTrue(drones.commandsAnswered() > answeredBefore, "the drones answered new plan commands: "
            + drones.commandsAnswered() + " after " + answeredBefore);
        System.out.printf(Locale.ROOT, "demand re-plan over MQTT: %d vehicles on cell %d (forecast %.2f), count to"
            + " re-plan accepted by every drone %.0f ms; %s%n", vehicles, cell,
            p.vehicleSeconds()[cell * p.slots()] / p.slotS(), ms, progress);
        JsonNode end = waitFor(f.fleet(), f.id(), s -> s.path("state").asText().equals("done"),
          Duration.ofSeconds(90));
        assertEquals("done", end.path("state").asText(), end.toString());
      }
    }
  }
}
