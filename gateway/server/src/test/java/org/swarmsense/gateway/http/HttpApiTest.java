package org.swarmsense.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.mission.MissionDesk;

/** The HTTP API over a real server on a free port, called with the JDK's HTTP client. */
class HttpApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_A = "token-of-fleet-a-0123456789";
  private static final String TOKEN_B = "token-of-fleet-b-0123456789";
  private static final String TOKEN_C = "token-of-fleet-c-0123456789";

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final LiveHub hub = new LiveHub();
  private static final AtomicInteger plannerCalls = new AtomicInteger();
  private static final ExecutorService executor = Executors.newSingleThreadExecutor();
  private static HttpServer server;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    MissionDesk desk =
        new MissionDesk(
            hub,
            (mission, progress) -> {
              plannerCalls.incrementAndGet();
              throw new IllegalStateException("this test never plans a valid mission");
            },
            executor,
            m -> m,
            Path.of("."));
    MapLayer map =
        new MapLayer(
            "Testville",
            "(c) OpenStreetMap contributors, ODbL",
            new double[] {7.40, 43.72, 7.44, 43.75},
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[7.41,43.73],[7.42,43.74]]}}]}");
    HttpApi api =
        new HttpApi(
            hub, new FleetTokens(Map.of("a", TOKEN_A, "b", TOKEN_B, "c", TOKEN_C)), desk, () -> map, "test");
    server = HttpServer.start(testKit.system(), api.routes(), "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    executor.shutdownNow();
    testKit.shutdownTestKit();
  }

  record Reply(int status, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  static Reply call(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  @Test
  void healthAndOpenApiAreServed() throws Exception {
    Reply health = call("GET", "/api/health", null, null);
    assertEquals(200, health.status());
    assertEquals("ok", health.json().path("status").asText());
    Reply openapi = call("GET", "/api/openapi.json", null, null);
    assertEquals(200, openapi.status());
    assertEquals("3.0.3", openapi.json().path("openapi").asText());
    assertTrue(openapi.json().path("paths").has("/api/fleets/{fleet}/missions"));
    // a path written twice is silently the last one for most readers: the document has each key once
    org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(openapi.body()));
  }

  @Test
  void mapInfoCarriesBoundsAndAttribution() throws Exception {
    JsonNode m = call("GET", "/api/map", null, null).json();
    assertEquals("Testville", m.path("name").asText());
    assertTrue(m.path("attribution").asText().contains("OpenStreetMap"));
    assertEquals(7.44, m.path("bounds").get(2).asDouble());
    JsonNode roads = call("GET", "/api/map/roads", null, null).json();
    assertEquals(1, roads.path("features").size());
  }

  @Test
  void aFleetSeesOnlyItsOwnDevices() throws Exception {
    observe(hub, "a", "d1", 43.73, 7.42);

    Reply none = call("GET", "/api/fleets/a/devices", null, null);
    assertEquals(401, none.status());
    assertTrue(none.json().path("error").asText().contains("token"), none.body());

    Reply other = call("GET", "/api/fleets/a/devices", TOKEN_B, null);
    assertEquals(403, other.status());

    Reply own = call("GET", "/api/fleets/a/devices", TOKEN_A, null);
    assertEquals(200, own.status());
    assertEquals("d1", own.json().get(0).path("id").asText());

    Reply bOwn = call("GET", "/api/fleets/b/devices", TOKEN_B, null);
    assertEquals(0, bOwn.json().size());

    Reply missing = call("GET", "/api/fleets/a/devices/nope", TOKEN_A, null);
    assertEquals(404, missing.status());
    assertTrue(missing.json().path("error").asText().contains("nope"));
  }

  @Test
  void aBadFleetIdIsRefusedNamingTheField() throws Exception {
    Reply r = call("GET", "/api/fleets/a%2Bb/devices", TOKEN_A, null);
    assertEquals(400, r.status(), r.body());
    assertEquals("fleet", r.json().path("field").asText());
    assertEquals("a+b", r.json().path("value").asText());
  }

  @Test
  void anInvalidMissionIsRefusedBeforeAnythingIsPlanned() throws Exception {
    String mission =
        "{\"area\":{\"bbox\":[7.41,43.72,7.43,43.74]},\"cellSizeM\":-5,"
            + "\"window\":{\"startS\":0,\"endS\":300,\"slotS\":60},\"bases\":[[7.42,43.73]],"
            + "\"drones\":{\"count\":3},\"demand\":{\"source\":\"synthetic\"}}";
    Reply r = call("POST", "/api/fleets/a/missions", TOKEN_A, mission);
    assertEquals(400, r.status(), r.body());
    assertTrue(r.json().path("error").asText().contains("cellSizeM"), r.body());
    assertEquals(0, plannerCalls.get());
    assertEquals(0, call("GET", "/api/fleets/a/missions", TOKEN_A, null).json().size());

    Reply notJson = call("POST", "/api/fleets/a/missions", TOKEN_A, "{area: oops");
    assertEquals(400, notJson.status());
    assertTrue(notJson.json().path("error").asText().contains("JSON"), notJson.body());
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() throws Exception {
    Reply r = call("GET", "/api/nothing-here", null, null);
    assertEquals(404, r.status());
    assertEquals(404, r.json().path("status").asInt());
    Reply m = call("DELETE", "/api/health", null, null);
    assertEquals(405, m.status());
  }

  @Test
  void theStreamSendsASnapshotThenLiveEvents() throws Exception {
    observe(hub, "b", "s1", 1.0, 2.0);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.url() + "/api/fleets/b/stream?access_token=" + TOKEN_B))
            .timeout(Duration.ofSeconds(20))
            .build();
    HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      assertEquals("s1", nextData(in, "device").path("id").asText());
      ObjectNode alarm = JSON.createObjectNode();
      alarm.put("type", "alarm").put("id", "s1").put("alarm", "battery_low");
      hub.publish("b", alarm);
      hub.publish("a", alarm.deepCopy().put("id", "not-for-b"));
      JsonNode got = nextData(in, "alarm");
      assertEquals("s1", got.path("id").asText());
      assertEquals("battery_low", got.path("alarm").asText());
    }
  }

  /** Reads SSE events (fields until a blank line) until one of the given type arrives. */
  private static JsonNode nextData(BufferedReader in, String type) throws Exception {
    String eventType = null;
    StringBuilder data = new StringBuilder();
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isEmpty()) {
        if (type.equals(eventType) && data.length() > 0) {
          return JSON.readTree(data.toString());
        }
        eventType = null;
        data.setLength(0);
      } else if (line.startsWith("event:")) {
        eventType = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).trim());
      }
    }
    throw new AssertionError("stream ended before a " + type + " event");
  }

  @Test
  void theDashboardAndLeafletAreServedFromTheJar() throws Exception {
    Reply page = call("GET", "/dashboard/", null, null);
    assertEquals(200, page.status());
    assertTrue(page.body().contains("/webjars/leaflet/dist/leaflet.js"));
    Reply leaflet = call("GET", "/webjars/leaflet/dist/leaflet.js", null, null);
    assertEquals(200, leaflet.status());
    assertTrue(leaflet.body().contains("Leaflet"));
    Reply js = call("GET", "/dashboard/app.js", null, null);
    assertEquals(200, js.status());
  }

  @Test
  void noFlyZonesAreValidatedStoredAndPerFleet() throws Exception {
    String square =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"palace\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7.420,43.730],[7.422,43.730],[7.422,43.732],"
            + "[7.420,43.732],[7.420,43.730]]]}}]}";
    Reply put = call("PUT", "/api/fleets/a/no-fly-zones", TOKEN_A, square);
    assertEquals(200, put.status(), put.body());
    JsonNode got = call("GET", "/api/fleets/a/no-fly-zones", TOKEN_A, null).json();
    assertEquals(1, got.path("features").size());
    assertEquals("palace", got.path("features").get(0).path("properties").path("name").asText());
    assertEquals(0, call("GET", "/api/fleets/b/no-fly-zones", TOKEN_B, null).json().path("features").size());
    assertEquals(403, call("PUT", "/api/fleets/b/no-fly-zones", TOKEN_A, square).status());

    String bowtie =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"bow\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7.420,43.730],[7.422,43.732],[7.422,43.730],"
            + "[7.420,43.732],[7.420,43.730]]]}}]}";
    Reply bad = call("PUT", "/api/fleets/a/no-fly-zones", TOKEN_A, bowtie);
    assertEquals(400, bad.status(), bad.body());
    assertTrue(bad.json().path("error").asText().contains("bow"), bad.body());
    assertEquals(1, call("GET", "/api/fleets/a/no-fly-zones", TOKEN_A, null).json().path("features").size(),
        "a refused set leaves the old one in place");
  }

  @Test
  void fencesCarryAnActionThatIsValidatedNamingTheFieldAndTheValue() throws Exception {
    String palace = "{\"type\":\"Feature\",\"properties\":{\"name\":\"palace\",\"action\":\"%s\"},"
        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7.420,43.730],[7.422,43.730],[7.422,43.732],"
        + "[7.420,43.732],[7.420,43.730]]]}}";
    String one = "{\"type\":\"FeatureCollection\",\"features\":[" + palace.formatted("rtl") + "]}";
    Reply put = call("PUT", "/api/fleets/b/geofences", TOKEN_B, one);
    assertEquals(200, put.status(), put.body());
    assertEquals("rtl", call("GET", "/api/fleets/b/geofences", TOKEN_B, null).json()
        .path("features").get(0).path("properties").path("action").asText());
    assertEquals(0, call("GET", "/api/fleets/b/no-fly-zones", TOKEN_B, null).json().path("features").size(),
        "geofences and no-fly zones are kept apart");

    Reply bad = call("PUT", "/api/fleets/b/no-fly-zones", TOKEN_B,
        "{\"type\":\"FeatureCollection\",\"features\":[" + palace.formatted("rtl") + "," + palace.formatted("explode")
            .replace("palace", "palace-2") + "]}");
    assertEquals(400, bad.status(), bad.body());
    assertEquals("features[1].properties.action must be alarm, hold or rtl, was 'explode'",
        bad.json().path("error").asText());
    assertEquals("features[1].properties.action", bad.json().path("field").asText());

    Reply twice = call("PUT", "/api/fleets/b/no-fly-zones", TOKEN_B,
        "{\"type\":\"FeatureCollection\",\"features\":[" + palace.formatted("hold") + "," + palace.formatted("alarm") + "]}");
    assertEquals(400, twice.status(), twice.body());
    assertEquals("name must be unique among a fleet's no_fly_zone fences, 'palace' is used twice",
        twice.json().path("error").asText());

    StringBuilder many = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < 1000; i++) { // with the geofence above: 1001 > max-per-fleet (1000)
      many.append(i == 0 ? "" : ",").append(palace.formatted("alarm").replace("palace", "z" + i));
    }
    Reply tooMany = call("PUT", "/api/fleets/b/no-fly-zones", TOKEN_B, many.append("]}").toString());
    assertEquals(400, tooMany.status(), tooMany.body());
    assertEquals("features must hold at most 1000 fences per fleet, had 1001", tooMany.json().path("error").asText());
    assertEquals(0, call("GET", "/api/fleets/b/no-fly-zones", TOKEN_B, null).json().path("features").size(),
        "refused sets leave the old one in place");
  }

  @Test
  void metricsCountTheFleetsDevices() throws Exception {
    observe(hub, "c", "m1", 1.0, 1.0);
    JsonNode m = call("GET", "/api/fleets/c/metrics", TOKEN_C, null).json();
    assertEquals("c", m.path("fleet").asText());
    assertEquals(1, m.path("devices").asInt(), m.toString());
  }

  @Test
  void missionDomainErrorsBecomeHttpStatusesInApiErrors() throws Exception {
    // MissionDesk throws MissionNotFoundException; ApiErrors alone turns it into a 404 body
    Reply status = call("GET", "/api/fleets/a/missions/m998", TOKEN_A, null);
    assertEquals(404, status.status(), status.body());
    assertEquals(404, status.json().path("status").asInt());
    assertEquals("mission 'm998' not found", status.json().path("error").asText());
    Reply report = call("GET", "/api/fleets/a/missions/m998/report", TOKEN_A, null);
    assertEquals(404, report.status(), report.body());
  }

  @Test
  void runningAMissionThatDoesNotExistIsNotFound() throws Exception {
    Reply r = call("POST", "/api/fleets/a/missions/m999/run", TOKEN_A, null);
    assertEquals(409, r.status(), r.body());
  }

  @Test
  void fenceChangesLandInTheAuditLogWhichIsPagedAndBounded() throws Exception {
    String zone = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":"
        + "\"z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7.41,43.73],[7.42,43.73],[7.42,43.74],"
        + "[7.41,43.73]]]}}]}";
    long before = call("GET", "/api/fleets/c/audit", TOKEN_C, null).json().path("total").asLong();
    for (int i = 0; i < 3; i++) {
      assertEquals(200, call("PUT", "/api/fleets/c/" + (i == 1 ? "geofences" : "no-fly-zones"), TOKEN_C, zone).status());
    }
    assertEquals(400, call("PUT", "/api/fleets/c/no-fly-zones", TOKEN_C, "{\"type\":\"nope\"}").status());
    JsonNode all = call("GET", "/api/fleets/c/audit?after=" + before, TOKEN_C, null).json();
    assertEquals(before + 3, all.path("total").asLong(), "a refused change is not audited: " + all);
    List<String> actions = new java.util.ArrayList<>();
    all.path("entries").forEach(e -> actions.add(e.path("action").asText() + " " + e.path("who").asText()));
    assertEquals(List.of("no-fly-zones.put token:c", "geofences.put token:c", "no-fly-zones.put token:c"), actions);
    JsonNode page = call("GET", "/api/fleets/c/audit?after=" + (before + 1) + "&limit=1", TOKEN_C, null).json();
    assertEquals(1, page.path("entries").size());
    assertEquals(before + 2, page.path("entries").get(0).path("seq").asLong());
    assertEquals(before + 2, page.path("next").asLong());
    assertTrue(call("GET", "/api/fleets/c/audit?after=" + (before + 3), TOKEN_C, null).json().path("next").isNull());
    for (String[] bad : new String[][] {{"limit=0", "limit"}, {"limit=501", "limit"}, {"after=-1", "after"},
        {"after=x", "after"}}) {
      Reply r = call("GET", "/api/fleets/c/audit?" + bad[0], TOKEN_C, null);
      assertEquals(400, r.status(), r.body());
      assertEquals(bad[1], r.json().path("field").asText(), r.body());
    }
    assertEquals(403, call("GET", "/api/fleets/c/audit", TOKEN_A, null).status());
  }

  /** A device report as its entity would write it to the hub's read view. */
  private static void observe(LiveHub hub, String fleet, String id, double latDeg, double lonDeg) {
    long now = System.currentTimeMillis();
    hub.view().observed(new org.swarmsense.agents.device.DeviceKey(fleet,
            org.swarmsense.agents.device.DeviceKey.Kind.DRONE, id),
        new org.swarmsense.agents.device.Observation(now, now, latDeg, lonDeg, 50, 0, 0, 80, "flying"));
  }
}
