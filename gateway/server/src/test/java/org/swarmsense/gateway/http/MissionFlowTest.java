package org.swarmsense.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.mission.DeploymentDefaults;
import org.swarmsense.gateway.mission.MissionDesk;
import org.swarmsense.gateway.mission.SensingMissionPlanner;
import org.swarmsense.maps.SharedData;

/**
 * A city planner's flow over HTTP with real planning: a Monaco mission without demand or bases is
 * completed with the deployment's SUMO trace, planned with I-EPOS and the baselines, and its report
 * and cells (demand vs sensed) are served.
 */
class MissionFlowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "mission-flow-token-0123456789";
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final ExecutorService executor = Executors.newSingleThreadExecutor();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static HttpServer server;

  @BeforeAll
  static void start() {
    Path trace = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
    LiveHub hub = new LiveHub();
    MissionDesk desk =
        new MissionDesk(
            hub, new SensingMissionPlanner(), executor, new DeploymentDefaults(trace), Path.of("."));
    MapLayer map =
        new MapLayer("Monaco", "(c) OpenStreetMap contributors, ODbL", new double[] {7.40, 43.72, 7.44, 43.75}, null);
    server =
        HttpServer.start(
            testKit.system(),
            new HttpApi(hub, new FleetTokens(Map.of("monaco", TOKEN)), desk, () -> map, "test").routes(),
            "127.0.0.1",
            0);
  }

  @AfterAll
  static void stop() {
    server.close();
    executor.shutdownNow();
    testKit.shutdownTestKit();
  }

  static JsonNode call(String method, String path, String body, int expected) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Authorization", "Bearer " + TOKEN)
            .timeout(Duration.ofSeconds(30));
    b.method(
        method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(expected, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  @Test
  void aMissionIsCompletedValidatedPlannedAndReported() throws Exception {
    String mission =
        "{\"name\":\"harbour\",\"area\":{\"bbox\":[7.415,43.728,7.432,43.742]},\"cellSizeM\":200,"
            + "\"window\":{\"startS\":0,\"endS\":300,\"slotS\":60},"
            + "\"drones\":{\"count\":4,\"plansPerDrone\":8},\"planner\":{\"iterations\":10}}";
    JsonNode accepted = call("POST", "/api/fleets/monaco/missions", mission, 202);
    String id = accepted.path("id").asText();
    assertEquals("planning", accepted.path("state").asText());

    JsonNode status = accepted;
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (status.path("state").asText().equals("planning") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = call("GET", "/api/fleets/monaco/missions/" + id, null, 200);
    }
    assertEquals("planned", status.path("state").asText(), status.toString());

    JsonNode report = call("GET", "/api/fleets/monaco/missions/" + id + "/report", null, 200);
    assertEquals("harbour", report.path("mission").asText());
    assertEquals(5, report.path("summary").size(), report.path("summary").toString());
    assertEquals("I-EPOS", report.path("summary").get(0).path("strategy").asText());
    assertTrue(report.path("runs").get(0).path("requiredS").asDouble() > 0, "demand from the trace");

    JsonNode plans = call("GET", "/api/fleets/monaco/missions/" + id + "/plans", null, 200);
    int cells = 0;
    double demand = 0;
    double sensed = 0;
    for (JsonNode f : plans.path("features")) {
      if (f.path("properties").path("kind").asText().equals("cell")) {
        cells++;
        demand += f.path("properties").path("demandS").asDouble();
        sensed += f.path("properties").path("sensedS").asDouble();
        double lon = f.path("geometry").path("coordinates").get(0).get(0).get(0).asDouble();
        assertTrue(lon > 7.40 && lon < 7.45, "cells are in WGS84 over Monaco, lon " + lon);
      }
    }
    assertEquals(report.path("cells").asInt(), cells);
    assertEquals(report.path("runs").get(0).path("requiredS").asDouble(), demand, 1e-6 * demand);
    assertEquals(
        report.path("runs").get(0).path("strategies").path("I-EPOS").path("sensedS").asDouble(sensed),
        sensed,
        1e-6 * Math.max(1, sensed));
  }
}
