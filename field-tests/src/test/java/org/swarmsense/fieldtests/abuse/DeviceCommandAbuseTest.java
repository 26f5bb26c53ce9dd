package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.runtime.GatewayNode;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;

/**
 * Issue 18's new input path, {@code POST /api/fleets/{fleet}/devices/{id}/commands?wait_ms=}, abused
 * against a running gateway node with one simulated drone: a body that is not JSON, an unknown
 * command, a missing time, a wrong version, a rate out of range, a field the command does not take, a 300 kB body (the wire's 64 KiB limit),
 * a plan waypoint's {@code until_s} negative, not a number or past a day, bad
 * {@code wait_ms} values, unknown, unicode and percent-encoded device ids, another fleet's device, no
 * token and the wrong method are each refused with the status and (where it is an input) the field
 * named; none of them reaches the journal of pending commands, the audit log or the drone. Then one
 * good command is answered by the drone and leaves nothing pending.
 */
class DeviceCommandAbuseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String TOKEN = "command-abuse-token-0123456789";
  private static final String OTHER = "command-abuse-other-0123456789";

  static HttpResponse<String> call(String method, String url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.header("Content-Type", "application/json");
    return HTTP.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A plan command of one waypoint whose {@code until_s} is {@code untilS} (as JSON text). */
  private static String plan(long now, String untilS) {
    return "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"plan\",\"plan_id\":\"p\",\"waypoints\":[{\"lat_deg\":43.7,"
        + "\"lon_deg\":7.4,\"alt_m\":50,\"until_s\":" + untilS + "}]}";
  }

  @Test
  void badCommandsAreRefusedNamingTheFieldAndNeitherJournaledNorSent() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(FreePorts.pick(), false);
        GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
            MqttLinkSettings.defaults(broker.url(), "gw-command-abuse"), f -> true,
            new FleetTokens(Map.of("f1", TOKEN, "f2", OTHER)), "127.0.0.1", 0, null, null, line -> {}));
        DeviceSimulator sim = DeviceSimulator.start(SimulatorSettings.of(broker.url(), "f1", 1))) {
      assertTrue(node.link().mqtt().awaitConnected(Duration.ofSeconds(30)) && sim.awaitConnected(Duration.ofSeconds(30)));
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (node.devices().view().reporting("f1", "d0000").isEmpty() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      String base = node.httpUrl() + "/api/fleets/f1";
      String url = base + "/devices/d0000/commands";
      long now = System.currentTimeMillis();
      String[][] bodies = {
          {"not json at all", "400", "body"},
          {"[1,2]", "400", null},
          {"{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"selfdestruct\"}", "400", "cmd"},
          {"{\"v\":1,\"cmd\":\"hold\"}", "400", "t_ms"},
          {"{\"v\":2,\"t_ms\":" + now + ",\"cmd\":\"hold\"}", "400", "v"},
          {"{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"rate\",\"rate_hz\":1000}", "400", "rate_hz"},
          {"{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\",\"rate_hz\":5}", "400", "rate_hz"},
          {"{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\",\"pad\":\"" + "x".repeat(300_000) + "\"}", "400", "body"},
          // a plan's waypoint held until a time (until_s, 2026-12-02): negative, not a number, past a day
          {plan(now, "-1"), "400", "waypoints[0].until_s"},
          {plan(now, "\"soon\""), "400", "waypoints[0].until_s"},
          {plan(now, "1e9"), "400", "waypoints[0].until_s"},
      };
      for (String[] b : bodies) {
        HttpResponse<String> r = call("POST", url, TOKEN, b[0]);
        System.out.println("command abuse " + b[0].substring(0, Math.min(60, b[0].length())) + ": " + r.statusCode()
            + " " + r.body().substring(0, Math.min(200, r.body().length())));
        assertEquals(Integer.parseInt(b[1]), r.statusCode(), b[0] + " -> " + r.body());
        if (b[2] != null) {
          assertEquals(b[2], JSON.readTree(r.body()).path("field").asText(), r.body());
        }
      }
      String hold = "{\"v\":1,\"t_ms\":" + now + ",\"cmd\":\"hold\"}";
      for (String w : new String[] {"-1", "abc", "10001", "1e3", "99999999999999999999"}) {
        HttpResponse<String> r = call("POST", url + "?wait_ms=" + w, TOKEN, hold);
        System.out.println("command abuse wait_ms=" + w + ": " + r.statusCode() + " " + r.body());
        assertEquals(400, r.statusCode(), w + " " + r.body());
        assertEquals("wait_ms", JSON.readTree(r.body()).path("field").asText(), r.body());
      }
      // an id no device has: 404; an id no device can have: 400 naming the field, before any lookup
      HttpResponse<String> nobody = call("POST", base + "/devices/nobody/commands", TOKEN, hold);
      assertEquals(404, nobody.statusCode(), nobody.body());
      for (String id : new String[] {"%E7%84%A1", "d0000%2Fx", "d0000.x"}) {
        HttpResponse<String> r = call("POST", base + "/devices/" + id + "/commands", TOKEN, hold);
        System.out.println("command abuse device " + id + ": " + r.statusCode() + " " + r.body());
        assertTrue(r.statusCode() == 400 && "id".equals(JSON.readTree(r.body()).path("field").asText())
            || r.statusCode() == 404, id + " " + r.body());
      }
      assertEquals(403, call("POST", node.httpUrl() + "/api/fleets/f2/devices/d0000/commands", TOKEN, hold).statusCode(),
          "another fleet's path");
      assertEquals(404, call("POST", node.httpUrl() + "/api/fleets/f2/devices/d0000/commands", OTHER, hold).statusCode(),
          "f1's drone is not f2's device");
      assertEquals(401, call("POST", url, null, hold).statusCode(), "no token");
      assertEquals(405, call("PUT", url, TOKEN, hold).statusCode(), "wrong method");

      JsonNode pending = JSON.readTree(call("GET", base + "/commands", TOKEN, null).body());
      JsonNode audit = JSON.readTree(call("GET", base + "/audit", TOKEN, null).body());
      assertEquals(0, pending.path("pending").size(), pending.toString());
      assertEquals(0, audit.path("total").asLong(), audit.toString());
      assertEquals(0, sim.commandsAnswered() + sim.commandsRefused(), "nothing reached the drone");

      HttpResponse<String> ok = call("POST", url, TOKEN, hold);
      System.out.println("good command: " + ok.statusCode() + " " + ok.body());
      assertEquals(200, ok.statusCode(), ok.body());
      assertTrue(JSON.readTree(ok.body()).path("ok").asBoolean(), ok.body());
      assertEquals(1, sim.commandsAnswered());
      until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (JSON.readTree(call("GET", base + "/commands", TOKEN, null).body()).path("pending").size() > 0
          && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertEquals(0, JSON.readTree(call("GET", base + "/commands", TOKEN, null).body()).path("pending").size());
      assertEquals(1, JSON.readTree(call("GET", base + "/audit", TOKEN, null).body()).path("total").asLong());
    }
  }
}
