package org.swarmsense.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.swarmsense.gateway.testing.TestClients;

/**
 * A device we did not write (a plain Paho client) reports over MQTT; the gateway node shows it live,
 * its digital twin in the agents raises the low-battery alarm, and the alarm reaches the fleet's
 * live state.
 */
class GatewayNodeTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void aDeviceBecomesATwinWhoseAlarmsReachTheDashboard(BrokerFactory factory) throws Exception {
    try (MqttBroker broker = factory.start();
        GatewayNode node =
            GatewayNode.start(
                new GatewayNode.Settings(
                    MqttLinkSettings.defaults(broker.url(), "gw-test-" + factory.kind()),
                    fleet -> fleet.equals("f1"),
                    null,
                    "127.0.0.1",
                    0,
                    null,
                    null,
                    line -> {}))) {
      assertTrue(node.link().mqtt().awaitConnected(Duration.ofSeconds(20)));
      // the fleet's metrics carry the node's broker link
      JsonNode link = node.linkMetrics("f1").path("broker");
      assertTrue(link.path("connected").asBoolean(), link.toString());
      assertEquals(1, link.path("connects").asLong(), link.toString());
      assertEquals(0, link.path("stalledAttempts").asLong(), link.toString());
      MqttClient device = TestClients.plain(broker.url(), "paho-x1");
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(true);
      device.connect(o);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      List<ObjectNode> alarms = List.of();
      double battery = 40;
      while (System.nanoTime() < deadline) {
        String telemetry =
            "{\"v\":1,\"t_ms\":" + System.currentTimeMillis() + ",\"lat_deg\":43.73,\"lon_deg\":7.42,"
                + "\"alt_m\":50,\"speed_m_s\":5,\"heading_deg\":90,\"battery_percent\":" + battery
                + ",\"state\":\"flying\"}";
        device.publish("swarmsense/f1/drone/x1/telemetry", new MqttMessage(telemetry.getBytes(StandardCharsets.UTF_8)));
        battery = Math.max(5, battery - 5);
        Thread.sleep(200);
        alarms = node.hub().alarms("f1");
        if (alarms.stream().anyMatch(a -> a.path("alarm").asText().equals("low_battery"))) {
          break;
        }
      }
      Optional<ObjectNode> low =
          alarms.stream().filter(a -> a.path("alarm").asText().equals("low_battery")).findFirst();
      assertTrue(low.isPresent(), "low battery alarm from the twin: " + alarms);
      assertEquals("x1", low.get().path("id").asText());
      assertTrue(low.get().path("detail").asText().contains("threshold"), low.get().toString());
      assertEquals("x1", node.hub().devices("f1").get(0).path("id").asText());
      device.disconnect();
      device.close();
    }
  }
}
