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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.runtime.GatewayNode;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.gateway.testing.TestClients;

/**
 * Device identities that would make an invalid or colliding entity id, against a running gateway
 * node (its device entities under Cluster Sharding): a raw MQTT client publishes telemetry as
 * devices whose ids differ only in case, in {@code -}/{@code _}, or in kind (drone or sensor; each must become its own
 * entity), one at the 64-character limit (accepted), and ids that are one character too long,
 * unicode, percent-encoded separators, a dot, a space, or empty (each refused by the link as a bad
 * topic, counted, and no entity made). The fleet's devices over HTTP are then exactly the accepted
 * ones, each entity id distinct. On every broker of {@code MqttBrokers#all}.
 */
class DeviceIdentityAbuseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FLEET = "f1";
  private static final String TOKEN = "identity-abuse-token-0123456789";

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void collidingAndInvalidDeviceIdsAreRefusedOrKeptApart(BrokerFactory brokers) throws Exception {
    String longest = "x".repeat(64);
    List<String[]> good = List.of(new String[] {"drone", "d1"}, new String[] {"drone", "D1"},
        new String[] {"drone", "a-b"}, new String[] {"drone", "a_b"}, new String[] {"sensor", "d1"},
        new String[] {"sensor", "a-b"}, new String[] {"drone", longest});
    List<String> badIds = List.of("x".repeat(65), "無人機", "a%2Fb", "a.b", "a b", "");
    try (MqttBroker broker = brokers.start();
        GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
            MqttLinkSettings.defaults(broker.url(), "gw-identity-" + brokers.kind()), FLEET::equals,
            new FleetTokens(Map.of(FLEET, TOKEN)), "127.0.0.1", 0, null, null, line -> {}))) {
      assertTrue(node.link().mqtt().awaitConnected(Duration.ofSeconds(20)), "gateway connected");
      MqttClient device = TestClients.plain(broker.url(), "identity-abuser");
      device.connect(new MqttConnectionOptions());
      List<String> published = new ArrayList<>();
      for (String bad : badIds) {
        String topic = "swarmsense/" + FLEET + "/drone/" + bad + "/telemetry";
        try {
          device.publish(topic, message());
          published.add(topic);
        } catch (Exception refusedByClientOrBroker) {
          System.out.printf("%s: %s refused before the gateway: %s%n", brokers.kind(), printable(topic),
              refusedByClientOrBroker);
        }
      }
      for (String[] g : good) {
        publishWhenTheWindowAllows(device, "swarmsense/" + FLEET + "/" + g[0] + "/" + g[1] + "/telemetry");
      }
      Set<String> expected = new TreeSet<>();
      for (String[] g : good) {
        expected.add(FLEET + "/" + g[0] + "/" + g[1]);
      }
      await(() -> node.devices().view().reporting(FLEET).size() >= good.size(), "every good device reported");
      await(() -> node.link().metrics().rejections().getOrDefault(FLEET, Map.of()).values().stream()
          .mapToLong(Long::longValue).sum() >= published.size(), "every bad topic counted");
      Thread.sleep(300); // a late bad message would show up as an extra entity below
      Set<String> entities = new TreeSet<>();
      Set<String> entityIds = new TreeSet<>();
      for (DeviceKey k : node.devices().view().registered(FLEET)) {
        entities.add(k.toString());
        entityIds.add(k.entityId());
      }
      assertEquals(expected, entities, "exactly the accepted devices have entities");
      assertEquals(good.size(), entityIds.size(), "distinct entity ids: " + entityIds);
      Map<String, Long> rejected = node.link().metrics().rejections().getOrDefault(FLEET, Map.of());
      assertEquals(published.size(), rejected.values().stream().mapToLong(Long::longValue).sum(),
          "each bad topic counted once: " + rejected);

      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(node.httpUrl() + "/api/fleets/" + FLEET + "/devices"))
              .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      JsonNode list = JSON.readTree(r.body());
      Set<String> overHttp = new TreeSet<>();
      for (JsonNode d : list) {
        overHttp.add(FLEET + "/" + d.path("kind").asText() + "/" + d.path("id").asText());
      }
      assertEquals(expected, overHttp, "HTTP lists the accepted devices, each kind apart");
      System.out.printf("%s: %d good identities -> %d entities %s; %d bad topics published -> rejected %s%n",
          brokers.kind(), good.size(), entityIds.size(), entityIds.size() > 3 ? "(distinct)" : entityIds,
          published.size(), rejected);
      device.disconnect();
      device.close();
    }
  }

  /**
   * A QoS 1 publish retried while Paho says its in-flight window is full (reason 32202). Seen once in
   * CI (2026-12-03, embedded HiveMQ) right after the refused bad-topic publishes: the synchronous
   * client can report the window full for a moment after a refused publish completed. The window is
   * the client's, not the gateway's under test, so waiting for it changes nothing this test checks.
   */
  private static void publishWhenTheWindowAllows(MqttClient device, String topic) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        device.publish(topic, message());
        return;
      } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
        if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT
            || attempt == 50) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static MqttMessage message() {
    String t = "{\"v\":1,\"t_ms\":" + System.currentTimeMillis() + ",\"lat_deg\":43.73,\"lon_deg\":7.42,"
        + "\"alt_m\":50,\"speed_m_s\":5,\"heading_deg\":90,\"battery_percent\":80,\"state\":\"flying\"}";
    MqttMessage m = new MqttMessage(t.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    return m;
  }

  private static String printable(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s.replace("\u0000", "\\0");
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(50);
    }
  }
}
