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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.swarmsense.fieldtests.clients.MosquittoClients;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.runtime.GatewayNode;

/**
 * Issue 16: the mark a gateway puts on its own fence alarms ({@code swarmsense-origin: gateway}, an
 * MQTT 5 user property on the device's {@code evt} topic) is a new input. A device we did not write
 * ({@code mosquitto_pub}) that forges the mark only hides that event of its own (not counted, not
 * listed); the same key with another value, a 10,000-character value, or no mark, are the device's
 * own events: listed as alarms and counted, each once.
 */
class GatewayMarkAbuseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FLEET = "f1";
  private static final String TOKEN = "gateway-mark-abuse-token-16";
  private static final String TOPIC = "swarmsense/" + FLEET + "/drone/d1/evt";

  @Test
  void aForgedGatewayMarkHidesOnlyThatEvent() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
        GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
            MqttLinkSettings.defaults(broker.url(), "gw-mark"), FLEET::equals,
            new FleetTokens(Map.of(FLEET, TOKEN)), "127.0.0.1", 0, null, null, line -> {}))) {
      assertTrue(node.link().mqtt().awaitConnected(Duration.ofSeconds(20)), "gateway connected");
      MosquittoClients device = new MosquittoClients(broker.url());
      List<MosquittoClients.Outcome> sent = new ArrayList<>();
      sent.add(device.publish(TOPIC, event("forged_mark"), 1, null, null,
          "-D", "publish", "user-property", "swarmsense-origin", "gateway"));
      sent.add(device.publish(TOPIC, event("other_origin"), 1, null, null,
          "-D", "publish", "user-property", "swarmsense-origin", "gateway-not"));
      sent.add(device.publish(TOPIC, event("long_origin"), 1, null, null,
          "-D", "publish", "user-property", "swarmsense-origin", "g".repeat(10_000)));
      sent.add(device.publish(TOPIC, event("plain_event"), 1, null, null));
      sent.forEach(o -> assertEquals(0, o.exitCode(), o.output()));
      List<String> listed = List.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        listed = alarms(node);
        if (listed.size() >= 3) {
          break;
        }
        Thread.sleep(100);
      }
      Thread.sleep(1000); // the forged one would be listed by now
      listed = alarms(node);
      long counted = node.link().metrics().accepted(FLEET, org.swarmsense.gateway.wire.Channel.EVT);
      System.out.println("listed alarms " + listed + ", device events counted " + counted);
      assertEquals(List.of("other_origin", "long_origin", "plain_event"), listed);
      assertEquals(3, counted);
    }
  }

  private static String event(String type) {
    return "{\"v\":1,\"t_ms\":" + System.currentTimeMillis() + ",\"type\":\"" + type + "\"}";
  }

  private static List<String> alarms(GatewayNode node) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(node.httpUrl() + "/api/fleets/" + FLEET + "/alarms"))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    List<String> out = new ArrayList<>();
    for (JsonNode a : JSON.readTree(r.body())) {
      out.add(a.path("alarm").asText());
    }
    return out;
  }
}
