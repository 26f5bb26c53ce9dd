package org.swarmsense.fieldtests.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.swarmsense.fieldtests.clients.MosquittoClients;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.runtime.GatewayNode;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.testing.MqttBrokers;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.gateway.testing.TestClients;

/**
 * Fences enforced end to end (issue 16, part 3): a gateway node ({@code serve}'s {@link
 * GatewayNode}) with a no-fly zone and a geofence set over HTTP, and drones over MQTT flying across
 * them. A breach must reach the drone's {@code evt} topic, the live stream (the dashboard's
 * server-sent events) and {@code GET .../alarms} within 1 s of the telemetry that crossed the line
 * (each delay measured from the moment an operator client received that telemetry, and printed), and
 * a hold / rtl action must reach the drone as a QoS 1 command. The simulated drone obeys it; the
 * other drone is only a shell loop of {@code mosquitto_pub} calls, watched by {@code mosquitto_sub}.
 */
class FenceBreachTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FLEET = "fenced";
  private static final String TOKEN = "fence-test-token-0123456789";
  private static final double HOME_LAT = 43.7384;
  private static final double HOME_LON = 7.4246;
  private static final LocalProjection AROUND_HOME = LocalProjection.centredOn(HOME_LON, HOME_LAT);
  private static final GeometryFactory GF = new GeometryFactory();
  /** The no-fly zone, local metres east/north of home: x 80..160, y -40..40. */
  private static final double[] STADIUM_M = {80, -40, 160, 40};
  /** The geofence set later, around home: x, y -60..60. */
  private static final double[] HOME_FENCE_M = {-60, -60, 60, 60};
  private static final long MAX_DELAY_MS = 1000;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void aSimulatedDroneFlyingIntoANoFlyZoneIsAlarmedHeldThenReturnedHomeByItsGeofence(BrokerFactory brokers)
      throws Exception {
    try (MqttBroker broker = brokers.start();
        GatewayNode node = startNode(broker, brokers.kind());
        Operator operator = new Operator(broker.url(), "operator-" + brokers.kind());
        LiveStream stream = new LiveStream(node.httpUrl());
        DeviceSimulator drones = DeviceSimulator.start(SimulatorSettings.of(broker.url(), FLEET, 1).withRateHz(5)
            .withLayout(new SimulatorSettings.Layout(List.of(new double[] {HOME_LON, HOME_LAT}), true, true, 1)))) {
      assertTrue(node.link().mqtt().awaitConnected(Duration.ofSeconds(20)), "gateway connected");
      assertTrue(drones.awaitConnected(Duration.ofSeconds(20)), "drone connected");
      DeviceId drone = drones.devices().get(0);
      put(node, "no-fly-zones", fences("stadium", STADIUM_M, "hold"));
      await(() -> stream.saw(e -> e.path("type").asText().equals("device")), "the live stream shows the drone");

      // 1. fly east across the stadium: alarm within 1 s everywhere, hold sent, the drone holds
      Coordinate far = AROUND_HOME.toWgs84(300, 0);
      node.link().sendCommand(FLEET, drone, Command.goTo(System.currentTimeMillis(), new Waypoint(far.y, far.x, 40)),
          Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
      Breach entered = awaitBreach(node, operator, stream, drone, rectangle(STADIUM_M), true, "no_fly_zone_breach", "hold");
      Operator.Message hold = operator.await(m -> m.topic().endsWith("/cmd") && m.text().contains("\"cmd\":\"hold\""),
          "the hold command on the drone's cmd topic");
      assertEquals(1, hold.qos(), "hold sent at QoS 1");
      Thread.sleep(1500);
      JsonNode held1 = operator.lastTelemetry(drone);
      Thread.sleep(1000);
      JsonNode held2 = operator.lastTelemetry(drone);
      assertEquals("hovering", held2.path("state").asText(), "the drone obeyed hold: " + held2);
      assertEquals(held1.path("lon_deg").asDouble(), held2.path("lon_deg").asDouble(), 1e-9, "and stays where it is");
      assertTrue(inside(rectangle(STADIUM_M), held2), "held inside the zone it entered: " + held2);

      // 2. a geofence around home, action rtl: the held drone is outside it; it is sent home, leaves the
      //    stadium (cleared), comes back inside the geofence (cleared) and lands at home
      int evtBefore = operator.count(m -> m.topic().endsWith("/evt"));
      put(node, "geofences", fences("home", HOME_FENCE_M, "rtl"));
      Operator.Message rtl = operator.await(m -> m.topic().endsWith("/cmd") && m.text().contains("\"cmd\":\"rtl\""),
          "the rtl command on the drone's cmd topic");
      assertEquals(1, rtl.qos(), "rtl sent at QoS 1");
      await(() -> "landed".equals(operator.lastTelemetry(drone).path("state").asText()), "the drone lands after rtl");
      JsonNode landed = operator.lastTelemetry(drone);
      Coordinate at = AROUND_HOME.toLocal(landed.path("lon_deg").asDouble(), landed.path("lat_deg").asDouble());
      assertTrue(Math.hypot(at.x, at.y) < 1, "landed at home, was " + at);
      await(() -> operator.count(m -> m.topic().endsWith("/evt")) >= evtBefore + 3, "three more events");
      List<String> events = operator.messages(m -> m.topic().endsWith("/evt")).stream()
          .map(m -> m.json().path("type").asText() + ":" + m.json().path("reason").asText()).toList();
      assertEquals(List.of("no_fly_zone_breach:hold", "geofence_breach:rtl", "no_fly_zone_breach_cleared:hold",
          "geofence_breach_cleared:rtl"), events, "breaches raised once each and cleared once each");
      List<String> alarms = alarms(node).stream().map(a -> a.path("alarm").asText()).toList();
      assertEquals(List.of("no_fly_zone_breach", "geofence_breach", "no_fly_zone_breach_cleared",
          "geofence_breach_cleared"), alarms, "GET .../alarms");
      System.out.printf(Locale.ROOT, "%s: simulated drone: breach -> evt %d ms, live stream %d ms, GET alarms %d ms"
              + " (poll every 20 ms); hold at QoS 1 obeyed (hovering at %.1f m east); rtl obeyed, landed %.2f m from"
              + " home; evt: %s%n",
          brokers.kind(), entered.evtMs(), entered.streamMs(), entered.httpMs(),
          AROUND_HOME.toLocal(held2.path("lon_deg").asDouble(), held2.path("lat_deg").asDouble()).x,
          Math.hypot(at.x, at.y), events);
    }
  }

  @Test
  void aMosquittoPubLoopDeviceGetsTheAlarmAndTheCommandOnce(@TempDir Path dir) throws Exception {
    try (MqttBroker broker = MqttBrokers.mosquitto();
        GatewayNode node = startNode(broker, "loop");
        Operator operator = new Operator(broker.url(), "operator-loop");
        LiveStream stream = new LiveStream(node.httpUrl())) {
      assertTrue(node.link().mqtt().awaitConnected(Duration.ofSeconds(20)), "gateway connected");
      DeviceId device = new DeviceId(FLEET, DeviceKind.DRONE, "loop-1");
      put(node, "no-fly-zones", fences("stadium", STADIUM_M, "rtl"));
      MosquittoClients cli = new MosquittoClients(broker.url());
      try (MosquittoClients.Subscriber cmd = cli.subscribe(device.topic(Channel.CMD).toString(), 1, null, null);
          MosquittoClients.Subscriber evt = cli.subscribe(device.topic(Channel.EVT).toString(), 1, null, null)) {
        cmd.awaitSubscribed(10_000);
        evt.awaitSubscribed(10_000);
        // the device: a shell loop, one mosquitto_pub per position, 5 a second, flying east at 10 m/s from
        // 39 m west of the zone to 41 m inside it (no report exactly on the edge)
        StringBuilder positions = new StringBuilder();
        for (int i = 0; i <= 40; i++) {
          Coordinate c = AROUND_HOME.toWgs84(STADIUM_M[0] - 39 + 2 * i, 0);
          positions.append(String.format(Locale.ROOT, "%.8f %.8f%n", c.y, c.x));
        }
        Path file = dir.resolve("positions.txt");
        Files.writeString(file, positions);
        int port = Integer.parseInt(broker.url().substring(broker.url().lastIndexOf(':') + 1));
        String loop = "while read -r lat lon; do mosquitto_pub -h 127.0.0.1 -p " + port + " -V mqttv5 -q 0 -t "
            + device.topic(Channel.TELEMETRY) + " -m \"{\\\"v\\\":1,\\\"t_ms\\\":$(date +%s%3N),\\\"lat_deg\\\":$lat,"
            + "\\\"lon_deg\\\":$lon,\\\"alt_m\\\":40,\\\"speed_m_s\\\":10,\\\"heading_deg\\\":90,"
            + "\\\"battery_percent\\\":80,\\\"state\\\":\\\"flying\\\"}\" || exit 1; sleep 0.2; done < " + file;
        Process device1 = new ProcessBuilder("bash", "-c", loop).redirectErrorStream(true).start();
        Breach entered = awaitBreach(node, operator, stream, device, rectangle(STADIUM_M), true, "no_fly_zone_breach",
            "rtl");
        MosquittoClients.Received got = cmd.await(1, 10_000).get(0);
        assertEquals(1, got.qos(), "rtl delivered at QoS 1");
        assertEquals("rtl", JSON.readTree(got.payload()).path("cmd").asText(), got.text());
        assertTrue(got.responseTopic() != null, "with a response topic to answer on");
        MosquittoClients.Received alarm = evt.await(1, 10_000).get(0);
        assertEquals("no_fly_zone_breach", JSON.readTree(alarm.payload()).path("type").asText(), alarm.text());
        assertTrue(device1.waitFor(30, TimeUnit.SECONDS), "the loop ends");
        String out = new String(device1.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, device1.exitValue(), "every mosquitto_pub succeeded: " + out);
        Thread.sleep(500);
        assertEquals(1, cmd.messages().size(), "one command for one breach, however many reports inside");
        assertEquals(1, evt.messages().size(), "one alarm for one breach");
        System.out.printf(Locale.ROOT, "mosquitto_pub loop: breach -> evt %d ms, live stream %d ms, GET alarms %d ms;"
                + " mosquitto_sub got %s at QoS %d, response topic %s%n",
            entered.evtMs(), entered.streamMs(), entered.httpMs(), got.text(), got.qos(), got.responseTopic());
      }
    }
  }

  // ---- the gateway node and its HTTP API -------------------------------------------------------

  private static GatewayNode startNode(MqttBroker broker, String kind) {
    return GatewayNode.start(new GatewayNode.Settings(
        MqttLinkSettings.defaults(broker.url(), "gw-fence-" + kind), FLEET::equals,
        new FleetTokens(Map.of(FLEET, TOKEN)), "127.0.0.1", 0, null, null, line -> {}));
  }

  private static void put(GatewayNode node, String kind, String body) throws Exception {
    HttpResponse<String> r = HTTP.send(
        HttpRequest.newBuilder(URI.create(node.httpUrl() + "/api/fleets/" + FLEET + "/" + kind))
            .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  private static List<JsonNode> alarms(GatewayNode node) throws Exception {
    HttpResponse<String> r = HTTP.send(
        HttpRequest.newBuilder(URI.create(node.httpUrl() + "/api/fleets/" + FLEET + "/alarms"))
            .header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    List<JsonNode> list = new ArrayList<>();
    JSON.readTree(r.body()).forEach(list::add);
    return list;
  }

  /** A FeatureCollection with one rectangle (local metres x0, y0, x1, y1 around home) as WGS84. */
  private static String fences(String name, double[] m, String action) {
    StringBuilder ring = new StringBuilder();
    double[][] corners = {{m[0], m[1]}, {m[2], m[1]}, {m[2], m[3]}, {m[0], m[3]}, {m[0], m[1]}};
    for (double[] c : corners) {
      Coordinate w = AROUND_HOME.toWgs84(c[0], c[1]);
      ring.append(ring.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.8f,%.8f]", w.x, w.y));
    }
    return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name
        + "\",\"action\":\"" + action + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}]}";
  }

  private static Polygon rectangle(double[] m) {
    return GF.createPolygon(new Coordinate[] {new Coordinate(m[0], m[1]), new Coordinate(m[2], m[1]),
        new Coordinate(m[2], m[3]), new Coordinate(m[0], m[3]), new Coordinate(m[0], m[1])});
  }

  private static boolean inside(Polygon localM, JsonNode telemetry) {
    Coordinate c = AROUND_HOME.toLocal(telemetry.path("lon_deg").asDouble(), telemetry.path("lat_deg").asDouble());
    return localM.intersects(GF.createPoint(c));
  }

  /** The delays from the crossing telemetry to the alarm on evt, on the live stream and in GET .../alarms. */
  record Breach(long evtMs, long streamMs, long httpMs) {}

  /**
   * Waits for the first telemetry of {@code device} on the far side of {@code zoneM}'s edge (as the
   * operator receives it; judged here with JTS, independently of the gateway), then for the alarm on
   * evt, on the live stream and in GET .../alarms; asserts each within {@link #MAX_DELAY_MS}. Each
   * delay is an upper bound: it includes this test's polling (20 ms steps) and, for GET, the request.
   */
  private static Breach awaitBreach(GatewayNode node, Operator operator, LiveStream stream, DeviceId device,
      Polygon zoneM, boolean breachInside, String alarm, String action) throws Exception {
    Operator.Message crossing = operator.await(m -> m.topic().equals(device.topic(Channel.TELEMETRY).toString())
        && inside(zoneM, m.json()) == breachInside, "a telemetry of " + device.id() + " across the fence");
    long httpAtNs = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (httpAtNs == 0 && System.nanoTime() < end) {
      if (alarms(node).stream().anyMatch(a -> a.path("alarm").asText().equals(alarm))) {
        httpAtNs = System.nanoTime();
      } else {
        Thread.sleep(20);
      }
    }
    assertTrue(httpAtNs != 0, "GET alarms shows " + alarm);
    Operator.Message evt = operator.await(m -> m.topic().equals(device.topic(Channel.EVT).toString())
        && m.json().path("type").asText().equals(alarm), alarm + " on evt");
    assertEquals(action, evt.json().path("reason").asText(), "the action is the event's reason: " + evt.text());
    LiveStream.Event live = stream.await(e -> e.json().path("type").asText().equals("alarm")
        && e.json().path("alarm").asText().equals(alarm), alarm + " on the live stream");
    Breach b = new Breach(ms(crossing.atNs(), evt.atNs()), ms(crossing.atNs(), live.atNs()), ms(crossing.atNs(), httpAtNs));
    assertTrue(b.evtMs() <= MAX_DELAY_MS && b.streamMs() <= MAX_DELAY_MS && b.httpMs() <= MAX_DELAY_MS,
        "alarm within " + MAX_DELAY_MS + " ms of the crossing telemetry: " + b);
    return b;
  }

  private static long ms(long fromNs, long toNs) {
    return TimeUnit.NANOSECONDS.toMillis(toNs - fromNs);
  }

  static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(20);
    }
  }

  // ---- observers -------------------------------------------------------------------------------

  /** A plain Paho client watching the fleet's subtree, stamping each message on arrival. */
  static final class Operator implements AutoCloseable {
    record Message(String topic, int qos, byte[] payload, long atNs) {
      String text() {
        return new String(payload, StandardCharsets.UTF_8);
      }

      JsonNode json() {
        try {
          return JSON.readTree(payload);
        } catch (IOException e) {
          return JSON.createObjectNode();
        }
      }
    }

    private final MqttClient client;
    private final List<Message> got = new CopyOnWriteArrayList<>();

    Operator(String url, String id) throws Exception {
      client = TestClients.plain(url, id);
      client.connect(new MqttConnectionOptions());
      client.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/" + FLEET + "/drone/#", 1)},
          new IMqttMessageListener[] {(t, m) -> got.add(new Message(t, m.getQos(), m.getPayload(), System.nanoTime()))});
    }

    List<Message> messages(Predicate<Message> p) {
      return got.stream().filter(p).toList();
    }

    int count(Predicate<Message> p) {
      return messages(p).size();
    }

    Message await(Predicate<Message> p, String what) throws InterruptedException {
      FenceBreachTest.await(() -> count(p) > 0, what);
      return messages(p).get(0);
    }

    JsonNode lastTelemetry(DeviceId d) {
      List<Message> t = messages(m -> m.topic().equals(d.topic(Channel.TELEMETRY).toString()));
      return t.isEmpty() ? JSON.createObjectNode() : t.get(t.size() - 1).json();
    }

    @Override
    public void close() throws Exception {
      client.disconnect();
      client.close();
    }
  }

  /** The fleet's server-sent event stream, as the dashboard opens it, stamping each event on arrival. */
  static final class LiveStream implements AutoCloseable {
    record Event(JsonNode json, long atNs) {}

    private final List<Event> got = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CompletableFuture<?> response;

    LiveStream(String httpUrl) {
      response = HttpClient.newHttpClient().sendAsync(
          HttpRequest.newBuilder(URI.create(httpUrl + "/api/fleets/" + FLEET + "/stream?access_token=" + TOKEN)).build(),
          HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
            if (line.startsWith("data:")) {
              try {
                got.add(new Event(JSON.readTree(line.substring(5).trim()), System.nanoTime()));
              } catch (IOException e) {
                // not JSON: a heartbeat
              }
            }
          }));
    }

    boolean saw(Predicate<JsonNode> p) {
      return got.stream().anyMatch(e -> p.test(e.json()));
    }

    Event await(Predicate<Event> p, String what) throws InterruptedException {
      FenceBreachTest.await(() -> got.stream().anyMatch(p), what);
      return got.stream().filter(p).findFirst().orElseThrow();
    }

    @Override
    public void close() {
      response.cancel(true);
    }
  }
}
