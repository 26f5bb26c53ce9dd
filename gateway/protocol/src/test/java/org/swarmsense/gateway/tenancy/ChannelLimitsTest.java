package org.swarmsense.gateway.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.BrokerLimits;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.testing.MqttBrokers;

/**
 * Issue 17, finding 4, on both brokers the gateway configures: a fleet may publish only on its
 * documented channels (not {@code swarmsense/fleet-a/store/r1}), may retain only device statuses,
 * and a retained payload is capped (256 bytes by default); the distinct retained topics per fleet
 * are counted and capped too (10,000 by default, 5 here), an empty retained payload frees a place.
 * A retained status within the limits is kept (the control).
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

  /** Both brokers with a small retained cap (5 per fleet), so the cap is reached in a short test. */
  static Stream<Arguments> cappedBrokers() {
    BrokerLimits limits = new BrokerLimits(256, CAP);
    return MqttBrokers.available().stream()
        .map(f -> switch (f.kind()) {
          case "embedded-hivemq" -> new TenancyIsolationTest.Secured(f.kind(), r -> EmbeddedBroker.start(0, false, r, limits));
          case "mosquitto" -> new TenancyIsolationTest.Secured(f.kind(), r -> MosquittoBroker.start(r, null, limits));
          default -> null; // an external broker's limits are its operator's business
        })
        .filter(s -> s != null)
        .map(Arguments::of);
  }

  static final int CAP = 5;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cappedBrokers")
  void retainedTopicsPerFleetAreCapped(TenancyIsolationTest.Secured secured) throws Exception {
    try (MqttBroker broker = secured.starter().apply(REGISTRY)) {
      Set<String> expected = new HashSet<>();
      for (int i = 0; i < CAP; i++) {
        publishAsA(broker, status(i), ONLINE, true);
        expected.add(status(i) + " online");
      }
      // the sixth distinct retained status of fleet A is refused
      publishAsA(broker, status(CAP), ONLINE, true);
      assertEquals(expected, retainedSeen(broker, secured, "fleet-a", "secret-of-a", status(CAP - 1) + " online"),
          secured.kind() + ": a full fleet's sixth retained status must not be kept");

      // a held topic may still be updated, another fleet is not affected
      publishAsA(broker, status(1), "offline".getBytes(StandardCharsets.UTF_8), true);
      publish(broker, "fleet-b:pub", "fleet-b", "secret-of-b", "swarmsense/fleet-b/sensor/b1/status", ONLINE);
      expected.remove(status(1) + " online");
      expected.add(status(1) + " offline");
      assertEquals(Set.of("swarmsense/fleet-b/sensor/b1/status online"),
          retainedSeen(broker, secured, "fleet-b", "secret-of-b", "swarmsense/fleet-b/sensor/b1/status online"),
          secured.kind() + ": fleet B's retained status must be kept while fleet A is full");

      // clearing one (empty retained payload) frees its place for a new topic
      publishAsA(broker, status(0), new byte[0], true);
      publishAsA(broker, status(CAP + 1), ONLINE, true);
      expected.remove(status(0) + " online");
      expected.add(status(CAP + 1) + " online");
      assertEquals(expected, retainedSeen(broker, secured, "fleet-a", "secret-of-a", status(CAP + 1) + " online"),
          secured.kind() + ": clearing a retained status must free its place");
    }
  }

  private static final byte[] ONLINE = "online".getBytes(StandardCharsets.UTF_8);

  private static String status(int i) {
    return "swarmsense/fleet-a/sensor/s" + i + "/status";
  }

  /** The retained messages a fresh subscriber of the fleet's subtree gets, once {@code last} came. */
  private static Set<String> retainedSeen(MqttBroker broker, TenancyIsolationTest.Secured secured, String fleet,
      String password, String last) throws Exception {
    Set<String> late = ConcurrentHashMap.newKeySet();
    MqttClient l = TenancyIsolationTest.connect(broker, fleet + ":late", fleet, password, late);
    l.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/" + fleet + "/#", 1)});
    await(late, last);
    Thread.sleep(500);
    System.out.println(secured.kind() + ": retained seen by a fresh subscriber of " + fleet + ": " + topics(late));
    l.disconnect();
    l.close(true);
    return new HashSet<>(late);
  }

  private static List<String> topics(Set<String> inbox) {
    return inbox.stream().map(s -> s.substring(0, s.indexOf(' '))).sorted().toList();
  }

  /** Publishes as fleet A on a fresh connection (a broker may close it after a refused publish). */
  private static void publishAsA(MqttBroker broker, String topic, byte[] payload, boolean retained) throws Exception {
    publish(broker, "fleet-a:pub", "fleet-a", "secret-of-a", topic, payload, retained);
  }

  /** Publishes a retained message on a fresh connection of the given account. */
  private static void publish(MqttBroker broker, String clientId, String user, String password, String topic,
      byte[] payload) throws Exception {
    publish(broker, clientId, user, password, topic, payload, true);
  }

  private static void publish(MqttBroker broker, String clientId, String user, String password, String topic,
      byte[] payload, boolean retained) throws Exception {
    MqttClient c = TenancyIsolationTest.connect(broker, clientId, user, password, ConcurrentHashMap.newKeySet());
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
