package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.plans.PlanGenerator;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.mission.MissionLimits;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.runtime.GatewayNode;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.ObservedTraffic;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.maps.SharedData;

/**
 * The abuse side of telemetry's {@code observed} count (issue 16, demand re-planning), against a
 * flying mission over a real (embedded) broker: forged counts (text "NaN", 1e40, negative, over
 * {@value ObservedTraffic#MAX_VEHICLES}, fractional, an array, an unknown field inside), an
 * oversized payload, a valid count outside every mission cell, and a flood (5 sensors x 200 counts of
 * 1000 vehicles on a mission cell, as fast as the client publishes). Each malformed one is refused
 * and counted by reason; the one outside is counted {@code outsideMission}; the flood is bounded to
 * one count per device and second ({@code throttled} counts the rest); the mission re-plans at most
 * once for its slot (no re-plan storm), keeps flying and reaches {@code done}; the gateway answers
 * throughout.
 */
class ObservedTrafficAbuseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String FLEET = "monaco";
  private static final String TOKEN = "observed-abuse-token-0123456789";
  private static final int DRONES = 3;
  private static final int FLOOD_SENSORS = 5;
  private static final int FLOOD_EACH = 200;

  private static JsonNode metrics(GatewayNode node) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/api/fleets/" + FLEET
        + "/metrics")).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body()).path("link");
  }

  private static JsonNode waitFor(GatewayNode node, String id, java.util.function.Predicate<JsonNode> until,
      Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode s = node.desk(FLEET).status(FLEET, id);
    while (!until.test(s) && System.nanoTime() < end) {
      Thread.sleep(50);
      s = node.desk(FLEET).status(FLEET, id);
    }
    return s;
  }

  private static byte[] telemetry(double latDeg, double lonDeg, String observed) {
    return ("{\"v\":1,\"t_ms\":" + System.currentTimeMillis() + ",\"lat_deg\":" + latDeg + ",\"lon_deg\":" + lonDeg
        + ",\"alt_m\":5,\"speed_m_s\":0,\"heading_deg\":0,\"battery_percent\":100,\"state\":\"counting\""
        + (observed == null ? "" : ",\"observed\":" + observed) + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static long total(JsonNode traffic) {
    return traffic.path("accepted").asLong() + traffic.path("throttled").asLong()
        + traffic.path("outsideMission").asLong();
  }

  private static long delta(JsonNode now, JsonNode before, String reason) {
    return now.path(reason).asLong() - before.path(reason).asLong();
  }

  @Test
  void forgedOversizedOutsideAndFloodedCountsAreRefusedOrBoundedAndCounted() throws Exception {
    Path trace = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
            MqttLinkSettings.defaults(broker.url(), "gw-observed-abuse"), Set.of(FLEET)::contains,
            new FleetTokens(Map.of(FLEET, TOKEN)), "127.0.0.1", 0, null, trace, line -> {},
            MissionLimits.defaults().withDatasetDir(trace.getParent()), null));
        MqttLink attacker = MqttLink.create(MqttLinkSettings.defaults(broker.url(), "monaco-attacker"))) {
      attacker.connect();
      JsonNode status = node.desk(FLEET).submit(FLEET, "{\"name\":\"observed abuse\",\"area\":{\"bbox\":[7.415,43.728,"
          + "7.432,43.742]},\"cellSizeM\":250,\"window\":{\"startS\":0,\"endS\":300,\"slotS\":60},\"drones\":"
          + "{\"count\":" + DRONES + ",\"plansPerDrone\":4},\"coverageTarget\":2,\"planner\":{\"iterations\":5,"
          + "\"seed\":1}}");
      String id = status.path("id").asText();
      status = waitFor(node, id, s -> !s.path("state").asText().equals("planning"), Duration.ofSeconds(120));
      assertEquals("planned", status.path("state").asText(), status.toString());
      Result result = node.desk(FLEET).planned(FLEET, id).result();
      SensingProblem p = result.runs().get(0).problem();
      List<double[]> homes = new ArrayList<>();
      for (int d = 0; d < DRONES; d++) {
        Coordinate home = result.projection().orElseThrow().toWgs84(p.bx(PlanGenerator.baseOf(d, p.bases())),
            p.by(PlanGenerator.baseOf(d, p.bases())));
        homes.add(new double[] {home.x, home.y});
      }
      // the flights last about 40 s of wall time: the mission flies through the whole abuse
      try (DeviceSimulator drones = DeviceSimulator.start(SimulatorSettings.of(broker.url(), FLEET, DRONES)
          .withRateHz(2).withLayout(new SimulatorSettings.Layout(homes, true, true, 300.0 / 40)))) {
        assertTrue(drones.awaitConnected(Duration.ofSeconds(30)) && attacker.awaitConnected(Duration.ofSeconds(30)));
        long registeredBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!node.devices().devicesOf(FLEET).containsAll(drones.devices()) && System.nanoTime() < registeredBy) {
          Thread.sleep(50);
        }
        JsonNode running = node.desk(FLEET).run(FLEET, id);
        assertEquals("running", running.path("state").asText(), running.toString());
        JsonNode before = metrics(node);

        Coordinate inCell = result.projection().orElseThrow().toWgs84(p.x(0), p.y(0));
        String forgedTopic = new DeviceId(FLEET, DeviceKind.DRONE, drones.devices().get(0).id())
            .topic(Channel.TELEMETRY).toString(); // forged as one of the mission's own drones
        String[] forged = {"{\"vehicles\":\"NaN\"}", "{\"vehicles\":1e40}", "{\"vehicles\":-3}",
            "{\"vehicles\":" + (ObservedTraffic.MAX_VEHICLES + 1) + "}", "{\"vehicles\":2.5}", "[1000]",
            "{\"vehicles\":1000,\"cell\":0}", "{}"};
        for (String o : forged) {
          attacker.publish(forgedTopic, telemetry(inCell.y, inCell.x, o), 1, false);
        }
        byte[] oversized = telemetry(inCell.y, inCell.x, "{\"vehicles\":1000" + " ".repeat(Payloads.MAX_BYTES) + "}");
        attacker.publish(forgedTopic, oversized, 1, false);
        // a valid count, but 20 km south of the mission: in no cell
        DeviceId far = new DeviceId(FLEET, DeviceKind.SENSOR, "far-counter");
        attacker.publish(far.topic(Channel.TELEMETRY).toString(), Payloads.toJson(new Telemetry(1,
            System.currentTimeMillis(), 43.55, 7.42, 5, 0, 0, 100, "counting")
            .withObserved(new ObservedTraffic(ObservedTraffic.MAX_VEHICLES))), 1, false);
        // the flood: valid counts, 1000 vehicles each, on mission cell 0
        long floodStart = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<Void>> published = new ArrayList<>();
        for (int k = 0; k < FLOOD_EACH; k++) {
          for (int s = 0; s < FLOOD_SENSORS; s++) {
            DeviceId sensor = new DeviceId(FLEET, DeviceKind.SENSOR, "flood-" + s);
            published.add(attacker.publish(sensor.topic(Channel.TELEMETRY).toString(), Payloads.toJson(new Telemetry(1,
                System.currentTimeMillis(), inCell.y, inCell.x, 5, 0, 0, 100, "counting")
                .withObserved(new ObservedTraffic(ObservedTraffic.MAX_VEHICLES))), 1, false));
          }
        }
        long refusedByOutbox = 0;
        for (var f : published) {
          try {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            refusedByOutbox++; // the attacker's own outbox was full: never sent
          }
        }
        double floodS = (System.nanoTime() - floodStart) / 1e9;
        long sent = 1 + FLOOD_SENSORS * FLOOD_EACH - refusedByOutbox;
        // telemetry reaches the gateway at QoS 0: wait until its counts stop moving (2 s), at most 30 s
        JsonNode after = metrics(node);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < until && System.nanoTime() - stableSince < 2_000_000_000L) {
          Thread.sleep(200);
          after = metrics(node);
          long sum = total(after.path("observedTraffic"));
          if (sum != last) {
            last = sum;
            stableSince = System.nanoTime();
          }
        }
        JsonNode traffic = after.path("observedTraffic");
        JsonNode rejected = after.path("rejectedByReason");
        JsonNode was = before.path("rejectedByReason");
        System.out.printf(java.util.Locale.ROOT, "observed abuse: flood of %d counts (%d not sent: attacker's outbox"
            + " full) in %.2f s; traffic %s; rejected %s (before %s)%n", FLOOD_SENSORS * FLOOD_EACH, refusedByOutbox,
            floodS, traffic, rejected, was);
        // each forged payload refused and counted by its reason
        assertEquals(6, delta(rejected, was, "bad_value"), "text NaN, 1e40, -3, 1001, 2.5, [1000]: " + rejected);
        assertEquals(1, delta(rejected, was, "unknown_field"), rejected.toString());
        assertEquals(1, delta(rejected, was, "missing_field"), rejected.toString());
        assertEquals(1, delta(rejected, was, "too_large"), rejected.toString());
        // outside counted; the flood bounded to one count per device and second, the rest counted
        assertEquals(1, traffic.path("outsideMission").asLong(), traffic.toString());
        assertTrue(total(traffic) <= sent && total(traffic) > FLOOD_SENSORS, "valid counts taken or counted (QoS 0"
            + " to the gateway may drop some): " + traffic + " of " + sent);
        long seconds = (long) Math.ceil((System.nanoTime() - floodStart) / 1e9) + 1;
        assertTrue(traffic.path("accepted").asLong() <= FLOOD_SENSORS * seconds,
            "at most one per sensor and second (" + seconds + " s): " + traffic);
        // no re-plan storm: the trigger fires at most once for the slot the flood fell in
        JsonNode end = waitFor(node, id, s -> s.path("state").asText().equals("done"), Duration.ofSeconds(120));
        assertEquals("done", end.path("state").asText(), "the mission flew on to done: " + end);
        String progress = end.path("progress").asText();
        assertTrue(!progress.contains("re-planned") || progress.contains("re-planned 1 time (demand "),
            "at most one re-plan, for demand: " + progress);
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/api/fleets/" + FLEET
            + "/missions/" + id)).header("Authorization", "Bearer " + TOKEN).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode(), "the gateway still answers");
      }
    }
  }
}
