package org.swarmsense.gateway.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.BrokerLimits;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.MqttBroker;

/**
 * Issue 17, finding 4, on both brokers the gateway configures: a fleet may publish only on its
 * documented channels (not {@code swarmsense/fleet-a/store/r1}), may retain only device statuses,
 * and a retained payload is capped (256 bytes by default); on the embedded broker the retained
 * topics per fleet are counted and capped too. A retained status within the limits is kept (the
 * control).
 */
class ChannelLimitsTest {
  static final FleetRegistry REGISTRY = ClientIdBindingTest.REGISTRY;

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.tenancy.TenancyIsolationTest#securedBrokers")
  void onlyDocumentedChannelsAndSmallRetainedStatuses(TenancyIsolationTest.Secured secured) throws Exception {
    try (MqttBroker broker = secured.starter().apply(REGISTRY)) {
      Set<String> gw = ConcurrentHashMap.newKeySet();
      MqttClient gateway = TenancyIsolationTest.connect(broker, "swarmsense-gateway", "gateway", "gateway-secret", gw);
      gateway.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/#", 1)});

      byte[] big = new byte[64 * 1024];
      Arrays.fill(big, (byte) 'x');
      publishAsA(broker, "swarmsense/fleet-a/store/r1", "stored".getBytes(StandardCharsets.UTF_8), true);
      publishAsA(broker, "swarmsense/fleet-a/store/r2", "plain".getBytes(StandardCharsets.UTF_8), false);
      publishAsA(broker, "swarmsense/fleet-a/drone/d1/status", big, true);
      publishAsA(broker, "swarmsense/fleet-a/drone/d1/telemetry", "kept".getBytes(StandardCharsets.UTF_8), true);
      publishAsA(broker, "swarmsense/fleet-a/drone/d2/status", "online".getBytes(StandardCharsets.UTF_8), true);
      await(gw, "swarmsense/fleet-a/drone/d2/status online");
      Thread.sleep(300);
      assertFalse(gw.stream().anyMatch(s -> s.contains("/store/")), secured.kind() + " passed an undocumented channel: " + topics(gw));
      assertFalse(gw.stream().anyMatch(s -> s.contains("d1/status")), secured.kind() + " passed a 64 KiB retained status");

      // a late subscriber sees exactly the one retained status within the limits
      Set<String> late = ConcurrentHashMap.newKeySet();
      MqttClient l = TenancyIsolationTest.connect(broker, "fleet-a:late", "fleet-a", "secret-of-a", late);
      l.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/fleet-a/#", 1)});
      await(late, "swarmsense/fleet-a/drone/d2/status online");
      Thread.sleep(500);
      System.out.println(secured.kind() + ": retained seen by a late subscriber: " + late);
      assertEquals(Set.of("swarmsense/fleet-a/drone/d2/status online"), late, secured.kind());
      for (MqttClient c : List.of(gateway, l)) {
        c.disconnect();
        c.close(true);
      }
    }
  }

  @Test
  void theEmbeddedBrokerCapsRetainedTopicsPerFleet() throws Exception {
    try (MqttBroker broker = EmbeddedBroker.start(0, false, REGISTRY, new BrokerLimits(256, 3))) {
      for (int i = 0; i < 5; i++) {
        publishAsA(broker, "swarmsense/fleet-a/sensor/s" + i + "/status", "online".getBytes(StandardCharsets.UTF_8), true);
      }
      // clearing one frees its place
      publishAsA(broker, "swarmsense/fleet-a/sensor/s0/status", new byte[0], true);
      publishAsA(broker, "swarmsense/fleet-a/sensor/s9/status", "online".getBytes(StandardCharsets.UTF_8), true);
      Set<String> late = ConcurrentHashMap.newKeySet();
      MqttClient l = TenancyIsolationTest.connect(broker, "fleet-a:late", "fleet-a", "secret-of-a", late);
      l.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/fleet-a/#", 1)});
      await(late, "swarmsense/fleet-a/sensor/s9/status online");
      Thread.sleep(500);
      assertEquals(Set.of("swarmsense/fleet-a/sensor/s1/status online", "swarmsense/fleet-a/sensor/s2/status online",
          "swarmsense/fleet-a/sensor/s9/status online"), late);
      l.disconnect();
      l.close(true);
    }
  }

  private static List<String> topics(Set<String> inbox) {
    return inbox.stream().map(s -> s.substring(0, s.indexOf(' '))).sorted().toList();
  }

  /** Publishes as fleet A on a fresh connection (a broker may close it after a refused publish). */
  private static void publishAsA(MqttBroker broker, String topic, byte[] payload, boolean retained) throws Exception {
    MqttClient c = TenancyIsolationTest.connect(broker, "fleet-a:pub", "fleet-a", "secret-of-a", ConcurrentHashMap.newKeySet());
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    m.setRetained(retained);
    try {
      c.publish(topic, m);
    } catch (MqttException refused) {
      System.out.println("publish to " + topic + " refused: " + refused.getMessage());
    }
    try {
      c.disconnect();
    } catch (MqttException gone) {
      // closed by the broker
    }
    c.close(true);
  }

  private static void await(Set<String> inbox, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!inbox.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(inbox.contains(expected), "not received: " + expected + " in " + inbox);
  }
}
