package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;


import org.eclipse.paho.mqttv5.client.MqttClient;



import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.fieldtests.clients.MosquittoClients;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.cli.SwarmsenseCli;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.tenancy.FleetRegistry;
import picocli.CommandLine;
import org.swarmsense.gateway.testing.TestClients;

/**
 * Issue 17's probes against the real product: {@code swarmsense serve --fleets FILE} with two fleet
 * accounts (embedded HiveMQ, HTTP API), run in this JVM through the command line, plus Mosquitto
 * with the generated configuration driven by {@code mosquitto_pub}. Each probe prints what it got;
 * the field-tests README lists them with their outcome. After all probes the gateway is still
 * healthy and still hears its fleets.
 */
class AbuseSuiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_A = "abuse-token-of-fleet-a-0123";
  private static final String TOKEN_B = "abuse-token-of-fleet-b-4567";
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static int mqttPort;
  private static int httpPort;
  private static CompletableFuture<Integer> serve;
  private static final StringWriter out = new StringWriter();

  @BeforeAll
  static void startServe() throws Exception {
    Path dir = Files.createTempDirectory("swarmsense-abuse-");
    Path fleets = dir.resolve("fleets.txt");
    FleetRegistry.of(List.of(
        Account.withPassword("user-a", "fleet-a", "secret-of-a-123"),
        Account.withPassword("user-b", "fleet-b", "secret-of-b-456"))).save(fleets);
    mqttPort = FreePorts.pick();
    httpPort = FreePorts.pick();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    serve = CompletableFuture.supplyAsync(() -> cli.execute("serve", "--data-dir", dir.resolve("data").toString(), "--fleets", fleets.toString(),
        "--mqtt-port", String.valueOf(mqttPort), "--http-port", String.valueOf(httpPort),
        "--token", "fleet-a=" + TOKEN_A, "--token", "fleet-b=" + TOKEN_B, "--duration", "600s"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!text().contains("link connected") && !serve.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(text().contains("link connected"), "serve did not start: " + text());
  }

  @AfterAll
  static void stopServe() {
    if (serve != null) {
      serve.cancel(true);
    }
  }

  private static String text() {
    synchronized (out) {
      return out.toString();
    }
  }

  private static String mqttUrl() {
    return "tcp://127.0.0.1:" + mqttPort;
  }

  @Test
  void probe1SessionTakeoverIsRefused() throws Exception {
    MqttException asGateway = assertThrows(MqttException.class,
        () -> connect("swarmsense-gateway", "user-a", "secret-of-a-123", ConcurrentHashMap.newKeySet()));
    MqttException asDevice = assertThrows(MqttException.class,
        () -> connect("fleet-a:sim-d0000", "user-b", "secret-of-b-456", ConcurrentHashMap.newKeySet()));
    System.out.println("probe 1 (embedded): fleet-a as swarmsense-gateway: " + asGateway.getReasonCode()
        + "; fleet-b as fleet-a:sim-d0000: " + asDevice.getReasonCode());
    assertHealthy();
  }

  @Test
  void probe1OnMosquittoTooWithTheCommandLineClients() throws Exception {
    FleetRegistry registry = FleetRegistry.of(List.of(
        Account.withPassword("gateway", Account.ALL_FLEETS, "gateway-secret-1"),
        Account.withPassword("user-a", "fleet-a", "secret-of-a-123")));
    try (MosquittoBroker broker = MosquittoBroker.start(registry)) {
      MosquittoClients cli = new MosquittoClients(broker.url());
      MosquittoClients.Outcome thief = cli.publish("swarmsense/fleet-a/drone/d1/telemetry", "{}", 1,
          "user-a", "secret-of-a-123", "-i", "swarmsense-gateway");
      MosquittoClients.Outcome own = cli.publish("swarmsense/fleet-a/drone/d1/status", "online", 1,
          "user-a", "secret-of-a-123", "-i", "fleet-a:d1");
      System.out.println("probe 1 (mosquitto): user-a as swarmsense-gateway: exit " + thief.exitCode()
          + "; as fleet-a:d1 (control): exit " + own.exitCode());
      assertNotEquals(0, thief.exitCode(), thief.output());
      assertEquals(0, own.exitCode(), own.output());
    }
  }

  @Test
  void probe2MissionsCannotReadServerFiles() throws Exception {
    HttpResponse<String> r = post("/api/fleets/fleet-a/missions", "application/json",
        "{\"cells\":\"/etc/passwd\",\"window\":{\"endS\":600},\"drones\":{\"count\":2}}");
    System.out.println("probe 2: cells=/etc/passwd: " + r.statusCode() + " " + r.body());
    assertEquals(400, r.statusCode());
    assertFalse(r.body().contains("root:"), r.body());
    assertEquals("cells", JSON.readTree(r.body()).path("field").asText());
    HttpResponse<String> d = post("/api/fleets/fleet-a/missions", "application/json",
        "{\"area\":{\"bbox\":[7.415,43.73,7.425,43.738]},\"cellSizeM\":250,\"window\":{\"endS\":600},"
            + "\"drones\":{\"count\":2},\"demand\":{\"source\":\"sumo\",\"path\":\"/etc/shadow\"}}");
    assertEquals("demand.path", JSON.readTree(d.body()).path("field").asText(), d.body());
    assertFalse(d.body().contains("cannot read"), d.body());
  }

  /**
   * A demand giving only its view is completed with the deployment's trace (DeploymentDefaults): the
   * view cannot smuggle a path or an object in, and a view beside a path is judged as given.
   */
  @Test
  void probe2bAViewOnlyDemandIsCompletedWithTheDeploymentsTraceAndNothingElse() throws Exception {
    String mission = "{\"area\":{\"bbox\":[7.415,43.73,7.425,43.738]},\"cellSizeM\":250,\"window\":{\"endS\":600},"
        + "\"drones\":{\"count\":2},\"demand\":%s}";
    String[][] probes = {
      {"{\"view\":\"/etc/passwd\"}", "demand.view"},
      {"{\"view\":{\"path\":\"/etc/shadow\"}}", "demand.view"},
      {"{\"view\":\"camera\",\"path\":\"/etc/shadow\"}", "demand."},
    };
    for (String[] p : probes) {
      HttpResponse<String> r = post("/api/fleets/fleet-b/missions", "application/json", mission.formatted(p[0]));
      System.out.println("probe 2b: demand " + p[0] + ": " + r.statusCode() + " " + r.body());
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(JSON.readTree(r.body()).path("field").asText().startsWith(p[1]), r.body());
      assertFalse(r.body().contains("root:") || r.body().contains("cannot read"), r.body());
    }
    HttpResponse<String> ok = post("/api/fleets/fleet-b/missions", "application/json",
        mission.formatted("{\"view\":\"camera\"}"));
    System.out.println("probe 2b: demand {view: camera}: " + ok.statusCode() + " " + ok.body());
    assertTrue(ok.statusCode() / 100 == 2, "a view-only demand over the deployment's trace is taken: " + ok.body());
  }

  /**
   * The dashboard's and Leaflet's files are served from two classpath folders: request targets that climb
   * out of them, raw or percent-encoded, sent on a raw socket so no client normalises them, reach neither
   * another classpath file (the gateway's {@code reference.conf}, {@code logback.xml}) nor the disk. The
   * control, the dashboard's own {@code app.js}, is served, so a probe that reaches nothing proves it.
   */
  @Test
  void probe2cStaticFilesStayInsideTheirFolders() throws Exception {
    String control = rawGet("/dashboard/app.js");
    assertTrue(control.startsWith("HTTP/1.1 200"), control.lines().findFirst().orElse(""));
    List<String> targets = List.of(
        "/dashboard/../reference.conf",
        "/dashboard/../../reference.conf",
        "/dashboard/..%2freference.conf",
        "/dashboard/%2e%2e/reference.conf",
        "/dashboard/%2e%2e%2f%2e%2e%2freference.conf",
        "/dashboard/..%5creference.conf",
        "/dashboard/..\\reference.conf",
        "/dashboard/%252e%252e/reference.conf",
        "/dashboard/../logback.xml",
        "/dashboard//etc/passwd",
        "/dashboard/file:/etc/passwd",
        "/dashboard/%00/../reference.conf",
        "/webjars/leaflet/../../../../../../reference.conf",
        "/webjars/leaflet/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/reference.conf",
        "/webjars/leaflet/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd");
    for (String t : targets) {
      String r = rawGet(t);
      String status = r.lines().findFirst().orElse("");
      System.out.println("probe 2c: GET " + t + ": " + status);
      assertTrue(status.startsWith("HTTP/1.1 4"), t + ": " + status);
      String body = r.substring(r.indexOf("\r\n\r\n") + 4); // the headers name the server (pekko-http)
      assertFalse(body.contains("swarmsense.gateway") || body.contains("pekko") || body.contains("<configuration")
          || body.contains("root:x:"), t + " leaked: " + r);
    }
    assertHealthy();
  }

  @Test
  void probe3HeavyMissionsAreRefusedAtSubmit() throws Exception {
    String base = "{\"area\":{\"bbox\":[7.409,43.724,7.440,43.752]},\"cellSizeM\":250,\"window\":{\"endS\":3600},"
        + "\"drones\":{\"count\":20}";
    String[][] probes = {
      {base.replace("\"count\":20", "\"count\":1000000") + "}", "drones.count"},
      {base + ",\"planner\":{\"iterations\":100000,\"repetitions\":1000}}", "planner.iterations"},
      {base.replace("\"cellSizeM\":250", "\"cellSizeM\":3.3") + "}", "cellSizeM"},
    };
    for (String[] p : probes) {
      HttpResponse<String> r = post("/api/fleets/fleet-b/missions", "application/json", p[0]);
      System.out.println("probe 3: " + p[1] + ": " + r.statusCode() + " " + JSON.readTree(r.body()).path("error").asText());
      assertEquals(400, r.statusCode(), r.body());
      assertEquals(p[1], JSON.readTree(r.body()).path("field").asText(), r.body());
    }
    HttpResponse<String> del = http.send(auth(HttpRequest.newBuilder(uri("/api/fleets/fleet-b/missions/m999")), TOKEN_B)
        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, del.statusCode(), "DELETE is routed (404 for an unknown mission, not 405): " + del.body());
    assertHealthy();
  }

  @Test
  void probe4RetainedJunkIsRefused() throws Exception {
    Set<String> late = ConcurrentHashMap.newKeySet();
    MqttClient a = connect("fleet-a:store", "user-a", "secret-of-a-123", ConcurrentHashMap.newKeySet());
    byte[] mb = new byte[1 << 20];
    for (int i = 0; i < 5; i++) {
      MqttMessage m = new MqttMessage(mb);
      m.setQos(1);
      m.setRetained(true);
      try {
        a.publish("swarmsense/fleet-a/store/r" + i, m);
      } catch (MqttException refused) {
        // the broker may close the connection of a client that publishes where it may not
      }
      if (!a.isConnected()) {
        a.close(true);
        a = connect("fleet-a:store", "user-a", "secret-of-a-123", ConcurrentHashMap.newKeySet());
      }
    }
    a.disconnect();
    a.close(true);
    MqttClient reader = connect("fleet-a:reader", "user-a", "secret-of-a-123", late);
    reader.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/fleet-a/store/#", 1)});
    Thread.sleep(1000);
    System.out.println("probe 4: 5 x 1 MiB retained on fleet-a/store/r*: retained kept " + late.size());
    assertEquals(0, late.size());
    reader.disconnect();
    reader.close(true);
    assertHealthy();
  }

  @Test
  void probe6ErrorContract() throws Exception {
    HttpResponse<String> type = post("/api/fleets/fleet-a/missions", "text/plain", "{}");
    String big = oversized();
    System.out.println("probe 6: text/plain body " + type.statusCode() + ", 9 MiB body: " + big);
    assertEquals(415, type.statusCode());
    assertTrue(big.startsWith("HTTP/1.1 413"), big);
    assertEquals(413, JSON.readTree(big.substring(big.indexOf("\r\n\r\n") + 4)).path("status").asInt());
    String a1 = JSON.readTree(post("/api/fleets/fleet-a/missions", "application/json",
        "{\"area\":{\"bbox\":[7.415,43.73,7.425,43.738]},\"cellSizeM\":250,\"window\":{\"endS\":600},\"drones\":{\"count\":2}}")
        .body()).path("id").asText();
    System.out.println("probe 6: first mission id of fleet-a: " + a1);
    HttpResponse<String> paged = http.send(auth(HttpRequest.newBuilder(uri("/api/fleets/fleet-a/devices?limit=1")), TOKEN_A)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, paged.statusCode(), paged.body());
  }

  @Test
  void probe7FencesRefuseBadSetsAndOtherFleetsAndKeepTheOldSet() throws Exception {
    String palace = "{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\",\"action\":\"%s\"},"
        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7.420,43.730],[7.422,43.730],[7.422,43.732],"
        + "[7.420,43.732],[7.420,43.730]]]}}";
    HttpResponse<String> ok = put("/api/fleets/fleet-a/geofences", TOKEN_A,
        "{\"type\":\"FeatureCollection\",\"features\":[" + palace.formatted("palace", "rtl") + "]}");
    assertEquals(200, ok.statusCode(), ok.body());

    HttpResponse<String> otherFleet = put("/api/fleets/fleet-a/geofences", TOKEN_B,
        "{\"type\":\"FeatureCollection\",\"features\":[]}");
    System.out.println("probe 7: fleet B's token on fleet A's geofences: " + otherFleet.statusCode());
    assertTrue(otherFleet.statusCode() == 401 || otherFleet.statusCode() == 403, otherFleet.body());

    String bowtie = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7.420,43.730],[7.422,43.732],[7.422,43.730],"
        + "[7.420,43.732],[7.420,43.730]]]}}]}";
    StringBuilder many = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",").append(palace.formatted("z" + i, "alarm"));
    }
    String[][] bad = {
      {"bad action", "{\"type\":\"FeatureCollection\",\"features\":[" + palace.formatted("p", "explode") + "]}",
        "features[0].properties.action"},
      {"self-intersecting polygon", bowtie, "features[0].geometry"},
      {"1001 fences", many.append("]}").toString(), "features"},
      {"not GeoJSON", "{\"type\":\"FeatureCollection\",\"features\":\"/etc/passwd\"}", ""},
    };
    for (String[] b : bad) {
      HttpResponse<String> r = put("/api/fleets/fleet-a/geofences", TOKEN_A, b[1]);
      System.out.println("probe 7: " + b[0] + ": " + r.statusCode() + " " + JSON.readTree(r.body()).path("error").asText());
      assertEquals(400, r.statusCode(), b[0] + ": " + r.body());
      if (b[2].isEmpty()) { // the GeoJSON reader's own refusal: its message names what is wrong
        assertTrue(JSON.readTree(r.body()).path("error").asText().contains("\"features\" array"), r.body());
      } else {
        assertEquals(b[2], JSON.readTree(r.body()).path("field").asText(), b[0] + ": " + r.body());
      }
      assertFalse(r.body().contains("root:"), r.body());
    }
    HttpResponse<String> kept = http.send(auth(HttpRequest.newBuilder(uri("/api/fleets/fleet-a/geofences")), TOKEN_A)
        .build(), HttpResponse.BodyHandlers.ofString());
    com.fasterxml.jackson.databind.JsonNode features = JSON.readTree(kept.body()).path("features");
    assertEquals(1, features.size(), "refused sets leave the old one in place: " + kept.body());
    assertEquals("palace", features.get(0).path("properties").path("name").asText());
    assertEquals("rtl", features.get(0).path("properties").path("action").asText());
    assertHealthy();
  }

  /** A GET of {@code target} exactly as written, on a raw socket (no client normalises it): the whole response. */
  private static String rawGet(String target) throws Exception {
    return raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  }

  /** Sends {@code request} as written on a raw socket and reads the whole response until the server closes. */
  private static String raw(String request) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", httpPort)) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Declares a 9 MiB body and sends its start on a raw socket: the server answers as soon as the
   * declared length is over its limit and closes, which a client still sending may see as a reset.
   */
  private static String oversized() throws Exception {
    return raw("POST /api/fleets/fleet-a/missions HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + TOKEN_A + "\r\nContent-Type: application/json\r\nContent-Length: "
        + (9 << 20) + "\r\nConnection: close\r\n\r\n{\"name\":\"xxxx");
  }

  private static void assertHealthy() throws Exception {
    HttpResponse<String> h = http.send(HttpRequest.newBuilder(uri("/api/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, h.statusCode());
    assertFalse(serve.isDone(), "serve ended: " + text());
    assertFalse(text().contains("OutOfMemoryError"), text());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private static HttpRequest.Builder auth(HttpRequest.Builder b, String token) {
    return b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> post(String path, String type, String body) throws Exception {
    String token = path.contains("fleet-b") ? TOKEN_B : TOKEN_A;
    return http.send(auth(HttpRequest.newBuilder(uri(path)), token).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> put(String path, String token, String body) throws Exception {
    return http.send(auth(HttpRequest.newBuilder(uri(path)), token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static MqttClient connect(String id, String user, String password, Set<String> inbox) throws MqttException {
    MqttClient c = TestClients.listening(mqttUrl(), id, (topic, m) -> inbox.add(topic + " " + m.getPayload().length), () -> { });
    c.connect(TestClients.credentials(user, password));
    return c;
  }
}
