package org.swarmsense.fieldtests.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.mission.DeploymentDefaults;
import org.swarmsense.gateway.mission.MissionDesk;
import org.swarmsense.gateway.mission.PlanningService;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.mqtt.RecordingIngest;
import org.swarmsense.maps.SharedData;

/**
 * A malformed mission is refused before anything flies: a self-intersecting area polygon, a
 * negative battery capacity, an unknown field and a demand view that is neither {@code cell} nor
 * {@code camera} each make {@link MissionDesk#submit} throw an
 * IllegalArgumentException naming the field; the planner is never called, no mission is listed,
 * nothing reaches the live hub and nothing is published on MQTT (a spy subscribed to
 * {@code swarmsense/#} hears nothing). A well-formed mission on the same desk, the control, does
 * reach the planner.
 */
class MalformedMissionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FLEET = "city";

  /** A small Monaco mission, valid as it is. */
  static ObjectNode valid() {
    ObjectNode m = JSON.createObjectNode();
    m.put("name", "field test");
    ObjectNode area = m.putObject("area");
    area.put("type", "Polygon");
    area.putArray("coordinates").addArray()
        .add(JSON.createArrayNode().add(7.415).add(43.728))
        .add(JSON.createArrayNode().add(7.435).add(43.728))
        .add(JSON.createArrayNode().add(7.435).add(43.745))
        .add(JSON.createArrayNode().add(7.415).add(43.745))
        .add(JSON.createArrayNode().add(7.415).add(43.728));
    m.put("cellSizeM", 250);
    m.putObject("window").put("startS", 0).put("endS", 300).put("slotS", 60);
    m.putObject("drones").put("count", 3).put("plansPerDrone", 4);
    return m;
  }

  record Case(String name, ObjectNode mission, String field) {}

  static List<Case> malformed() {
    ObjectNode bowTie = valid();
    ((ObjectNode) bowTie.get("area")).putArray("coordinates").addArray()
        .add(JSON.createArrayNode().add(7.415).add(43.728))
        .add(JSON.createArrayNode().add(7.435).add(43.745))
        .add(JSON.createArrayNode().add(7.435).add(43.728))
        .add(JSON.createArrayNode().add(7.415).add(43.745))
        .add(JSON.createArrayNode().add(7.415).add(43.728));
    ObjectNode negativeBattery = valid();
    ((ObjectNode) negativeBattery.get("drones")).putObject("model").put("batteryCapacityJ", -1000);
    ObjectNode unknown = valid();
    unknown.put("altitudeFt", 200);
    ObjectNode badView = valid();
    badView.putObject("demand").put("source", "sumo").put("path", "monaco-sumo-fcd-300s.xml.gz")
        .put("view", "satellite");
    ObjectNode numericView = valid();
    numericView.putObject("demand").put("source", "sumo").put("path", "monaco-sumo-fcd-300s.xml.gz")
        .put("view", 60);
    ObjectNode badCost = valid();
    badCost.putObject("planner").put("cost", "VAR");
    ObjectNode coverWithCap = valid();
    coverWithCap.putObject("planner").put("cost", "COVER").put("capFactor", 1.5);
    return List.of(new Case("self-intersecting polygon", bowTie, "area"),
        new Case("negative battery capacity", negativeBattery, "batteryCapacityJ"),
        new Case("unknown field", unknown, "altitudeFt"),
        new Case("unknown demand view", badView, "field 'demand.view' must be one of cell, camera; got 'satellite'"),
        new Case("numeric demand view", numericView, "field 'demand.view' must be one of cell, camera; got '60'"),
        new Case("unknown planner cost", badCost, "field 'planner.cost' must be SQR, L1 or COVER, got 'VAR'"),
        new Case("COVER with a cap", coverWithCap, "planner.capFactor must be 0 with planner.cost COVER"));
  }

  @Test
  void malformedMissionsAreRefusedBeforeAnythingFlies() throws Exception {
    AtomicInteger plannerCalls = new AtomicInteger();
    PlanningService counting = (mission, progress) -> {
      plannerCalls.incrementAndGet();
      throw new IllegalArgumentException("the field test's planner only counts calls");
    };
    LiveHub hub = new LiveHub();
    AtomicInteger liveEvents = new AtomicInteger();
    hub.subscribe(FLEET, e -> liveEvents.incrementAndGet());
    ExecutorService executor = Executors.newSingleThreadExecutor();
    Path trace = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
    MissionDesk desk = new MissionDesk(hub, counting, executor, new DeploymentDefaults(trace), trace.getParent());
    Set<String> heard = ConcurrentHashMap.newKeySet();
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        FleetLink gateway = FleetLink.start(MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-missions")),
            new RecordingIngest(), Set.of(FLEET)::contains, "gw");
        MqttLink spy = MqttLink.start(MqttLinkSettings.defaults(broker.url(), "spy").withCleanStart(true))) {
      spy.subscribe("swarmsense/#", 1, (topic, m) -> heard.add(topic));
      assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(10)));
      assertTrue(spy.awaitConnected(Duration.ofSeconds(10)));
      for (Case c : malformed()) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> desk.submit(FLEET, c.mission().toString()), c.name());
        System.out.println(c.name() + ": refused: " + e.getMessage());
        assertTrue(e.getMessage().contains(c.field()), c.name() + " must name " + c.field() + ": " + e.getMessage());
      }
      Thread.sleep(300);
      assertEquals(0, plannerCalls.get(), "the planner was called for a malformed mission");
      assertEquals(0, desk.list(FLEET).size(), "a malformed mission was listed");
      assertEquals(0, liveEvents.get(), "a malformed mission reached the live hub");
      assertEquals(0, gateway.mqtt().stats().published(), "the gateway published something");
      assertEquals(Set.of(), heard, "something was published on MQTT");

      // the control: the same desk takes a well-formed mission to the planner
      desk.submit(FLEET, valid().toString());
      executor.shutdown();
      assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS));
      assertEquals(1, plannerCalls.get(), "the well-formed mission reached the planner");
      System.out.println(malformed().size() + " malformed missions refused with the field named; planner calls 0; the control reached the planner");
    } finally {
      executor.shutdownNow();
    }
  }
}
