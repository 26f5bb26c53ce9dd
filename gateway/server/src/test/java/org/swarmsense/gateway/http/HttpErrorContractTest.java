package org.swarmsense.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/**
 * Issue 17, finding 6 (the HTTP error contract), over a real server: 413 for a body over the limit,
 * 415 for a body that is not JSON, the {@code field} key on mission errors, JSON bodies for 414 and
 * for URLs that do not parse, and {@code /devices} paged.
 */
class HttpErrorContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "token-of-fleet-a-0123456789";
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final ExecutorService executor = Executors.newSingleThreadExecutor();
  private static final LiveHub hub = new LiveHub();
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static HttpServer server;

  @BeforeAll
  static void start() {
    MissionDesk desk = new MissionDesk(hub, (m, p) -> {
      throw new IllegalStateException("never planned here");
    }, executor, new DeploymentDefaults(null), (Path) null);
    server = HttpServer.start(testKit.system(),
        new HttpApi(hub, new FleetTokens(Map.of("a", TOKEN)), desk, () -> null, "test").routes(), "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    executor.shutdownNow();
    testKit.shutdownTestKit();
  }

  private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void tooLargeBodiesAnswer413() throws Exception {
    // raw: the server answers from the declared length alone, before reading the body, then
    // closes the connection (ApiErrors.refuseDeclaredTooLarge); before, it read the body, and a 413
    // rendered later than pekko's stream-cancellation-delay (a cold server, load) became a reset
    JsonNode r = raw("POST /api/fleets/a/missions HTTP/1.1\r\nAuthorization: Bearer " + TOKEN
        + "\r\nContent-Type: application/json\r\nContent-Length: " + (9 << 20), "{\"name\":\"xxxx");
    assertEquals(413, r.path("status").asInt(), r.toString());
  }

  @Test
  void bodiesThatAreNotJsonAnswer415() throws Exception {
    HttpResponse<String> r = post("/api/fleets/a/missions", "text/plain", "{\"name\":\"x\"}");
    assertEquals(415, r.statusCode(), r.body());
    HttpResponse<String> fences = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/fleets/a/no-fly-zones"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/x-www-form-urlencoded")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"FeatureCollection\",\"features\":[]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(415, fences.statusCode(), fences.body());
  }

  @Test
  void missionErrorsNameTheField() throws Exception {
    String m = "{\"area\":{\"bbox\":[7.41,43.73,7.42,43.74]},\"cellSizeM\":-3,\"window\":{\"endS\":600},"
        + "\"drones\":{\"count\":2},\"demand\":{\"source\":\"synthetic\"}}";
    HttpResponse<String> r = post("/api/fleets/a/missions", "application/json", m);
    System.out.println("cellSizeM -3: " + r.body());
    assertEquals(400, r.statusCode());
    assertEquals("cellSizeM", JSON.readTree(r.body()).path("field").asText(), r.body());
    HttpResponse<String> missing = post("/api/fleets/a/missions", "application/json", "{\"cellSizeM\":100}");
    assertEquals("area", JSON.readTree(missing.body()).path("field").asText(), missing.body());
  }

  @Test
  void uriTooLongAndBadUrlsAnswerJson() throws Exception {
    JsonNode tooLong = raw("GET /api/health?pad=" + "a".repeat(4096) + " HTTP/1.1");
    assertEquals(414, tooLong.path("status").asInt(), tooLong.toString());
    JsonNode bad = raw("GET /api/fleets/a%zz/devices HTTP/1.1");
    assertEquals(400, bad.path("status").asInt(), bad.toString());
    assertTrue(bad.path("error").asText().length() > 0);
  }

  @Test
  void devicesArePaged() throws Exception {
    for (int i = 0; i < 5; i++) {
      observe(hub, "a", "p" + i, 43.73, 7.42);
    }
    JsonNode first = get("/api/fleets/a/devices?limit=2");
    assertEquals("[\"p0\",\"p1\"]", ids(first));
    JsonNode next = get("/api/fleets/a/devices?limit=2&after=p1");
    assertEquals("[\"p2\",\"p3\"]", ids(next));
    HttpResponse<String> badLimit = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/fleets/a/devices?limit=100000"))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, badLimit.statusCode());
    assertEquals("limit", JSON.readTree(badLimit.body()).path("field").asText());
  }

  private static String ids(JsonNode list) {
    StringBuilder sb = new StringBuilder("[");
    list.forEach(d -> sb.append(sb.length() > 1 ? "," : "").append('"').append(d.path("id").asText()).append('"'));
    return sb.append(']').toString();
  }

  private static JsonNode get(String path) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Sends a raw request line (the JDK client refuses such URIs) and parses the body as JSON. */
  private static JsonNode raw(String requestLine) throws Exception {
    return raw(requestLine, "");
  }

  private static JsonNode raw(String requestLine, String bodyStart) throws Exception {
    URI u = URI.create(server.url());
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n" + bodyStart)
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      System.out.println(requestLine.substring(0, Math.min(40, requestLine.length())) + "...: "
          + response.lines().findFirst().orElse("") + " " + body);
      return JSON.readTree(body);
    }
  }
  /** A device report as its entity would write it to the hub's read view. */
  private static void observe(LiveHub hub, String fleet, String id, double latDeg, double lonDeg) {
    long now = System.currentTimeMillis();
    hub.view().observed(new org.swarmsense.agents.device.DeviceKey(fleet,
            org.swarmsense.agents.device.DeviceKey.Kind.DRONE, id),
        new org.swarmsense.agents.device.Observation(now, now, latDeg, lonDeg, 50, 0, 0, 80, "flying"));
  }
}
