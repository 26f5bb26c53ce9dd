package org.swarmsense.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.airspace.FenceKind;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.mission.MissionConflictException;
import org.swarmsense.gateway.mission.MissionNotFoundException;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;

/**
 * The fleets' homes answer like the desk they hold: through {@link FleetHomes} (an ask of the fleet's
 * sharded home, as every node's HTTP API does), a mission and fences are kept and answered, and each
 * domain error comes back as the same exception type with the same message (so {@code ApiErrors}
 * maps it to the same status). The homes of two fleets are apart: one fleet's mission is not found in
 * the other's.
 */
class FleetHomesTest {
  private static final String MISSION = "{\"name\":\"homes\",\"area\":{\"bbox\":[7.415,43.728,7.435,43.745]},"
      + "\"cellSizeM\":250,\"window\":{\"startS\":0,\"endS\":300,\"slotS\":60},\"bases\":[[7.420,43.736]],"
      + "\"drones\":{\"count\":1,\"plansPerDrone\":4},\"coverageTarget\":2,\"planner\":{\"iterations\":5,\"seed\":7}}";
  private static final String FENCE = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
      + "\"properties\":{\"name\":\"box\",\"action\":\"hold\"},\"geometry\":{\"type\":\"Polygon\","
      + "\"coordinates\":[[[7.40,43.70],[7.41,43.70],[7.41,43.71],[7.40,43.71],[7.40,43.70]]]}}]}";

  @Test
  void answersAndErrorsComeBackFromTheFleetsHome() throws Exception {
    java.nio.file.Path trace = org.swarmsense.maps.SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
            MqttLinkSettings.defaults(broker.url(), "gw-homes"), fleet -> true, null, "127.0.0.1", 0, null, trace,
            line -> {}, org.swarmsense.gateway.mission.MissionLimits.defaults().withDatasetDir(trace.getParent()),
            null))) {
      FleetHomes homes = node.missions();
      JsonNode submitted = homes.submit("f1", MISSION);
      assertEquals("m1", submitted.path("id").asText(), submitted.toString());
      JsonNode status = homes.status("f1", "m1");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (status.path("state").asText().equals("planning") && System.nanoTime() < deadline) {
        Thread.sleep(100);
        status = homes.status("f1", "m1");
      }
      assertEquals("planned", status.path("state").asText(), status.toString());
      assertEquals(1, homes.list("f1").size());
      assertTrue(homes.report("f1", "m1").isObject());
      assertEquals("FeatureCollection", homes.plansGeoJson("f1", "m1").path("type").asText());

      // domain errors: same type, same message, as the desk throws them
      MissionNotFoundException notFound = assertThrows(MissionNotFoundException.class, () -> homes.status("f2", "m1"));
      assertEquals("mission 'm1' not found", notFound.getMessage());
      assertEquals(0, homes.list("f2").size());
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> homes.submit("f1", "[1,"));
      assertTrue(bad.getMessage().startsWith("mission: not valid JSON"), bad.getMessage());
      MissionConflictException conflict = assertThrows(MissionConflictException.class, () -> homes.run("f1", "m1"));
      assertTrue(conflict.getMessage().contains("needs 1 drones"), conflict.getMessage());

      // fences: kept at the home, answered as stored; a refused set names the field
      assertEquals(0, homes.get("f1", FenceKind.GEOFENCE).path("features").size());
      JsonNode stored = homes.put("f1", FenceKind.GEOFENCE, FENCE);
      assertEquals("box", stored.path("features").path(0).path("properties").path("name").asText(), stored.toString());
      assertEquals(stored, homes.get("f1", FenceKind.GEOFENCE));
      assertEquals(0, homes.get("f1", FenceKind.NO_FLY_ZONE).path("features").size());
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> homes.put("f1", FenceKind.GEOFENCE, FENCE.replace("\"hold\"", "\"explode\"")));
      assertTrue(refused.getMessage().contains("features[0].properties.action"), refused.getMessage());
      assertEquals(stored, homes.get("f1", FenceKind.GEOFENCE), "a refused set changes nothing");
    }
  }
}
