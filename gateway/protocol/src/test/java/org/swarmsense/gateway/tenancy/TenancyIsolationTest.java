package org.swarmsense.gateway.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.IMqttToken;

import org.eclipse.paho.mqttv5.client.MqttClient;



import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.testing.MqttBrokers;
import org.swarmsense.gateway.testing.TestClients;

/**
 * Tenancy enforced by the broker, on every broker kind this process can configure (the embedded
 * HiveMQ with {@code FleetAuthExtension}, Mosquitto with the generated password and ACL files): a
 * client of fleet A can neither read fleet B's messages nor write into fleet B's subtree, wrong
 * passwords are refused, and the gateway account sees everything.
 */
class TenancyIsolationTest {
  static final FleetRegistry REGISTRY = FleetRegistry.of(List.of(
      Account.withPassword("gateway", Account.ALL_FLEETS, "gateway-secret"),
      Account.withPassword("fleet-a", "fleet-a", "secret-of-a"),
      Account.withPassword("fleet-b", "fleet-b", "secret-of-b")));

  record Secured(String kind, Function<FleetRegistry, MqttBroker> starter) {
    @Override
    public String toString() {
      return kind;
    }
  }

  /** The broker kinds of {@link MqttBrokers#available()} that this process starts and can secure. */
  static Stream<Arguments> securedBrokers() {
    return MqttBrokers.available().stream()
        .map(f -> switch (f.kind()) {
          case "embedded-hivemq" -> new Secured(f.kind(), r -> EmbeddedBroker.start(0, false, r));
          case "mosquitto" -> new Secured(f.kind(), MosquittoBroker::start);
          default -> null; // an external broker's ACL is its operator's business
        })
        .filter(s -> s != null)
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("securedBrokers")
  void fleetACannotReadOrWriteFleetB(Secured secured) throws Exception {
    try (MqttBroker broker = secured.starter().apply(REGISTRY)) {
      MqttException refused = assertThrows(MqttException.class,
          () -> connect(broker, "intruder", "fleet-a", "wrong-password", ConcurrentHashMap.newKeySet()));
      System.out.println(secured.kind() + ": wrong password refused: " + refused.getMessage());

      Set<String> gw = ConcurrentHashMap.newKeySet();
      Set<String> a = ConcurrentHashMap.newKeySet();
      Set<String> b = ConcurrentHashMap.newKeySet();
      MqttClient gateway = connect(broker, "gw", "gateway", "gateway-secret", gw);
      gateway.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/#", 1)});
      MqttClient clientA = connect(broker, "fleet-a:a1", "fleet-a", "secret-of-a", a);
      IMqttToken subA = clientA.subscribe(new MqttSubscription[] {
          new MqttSubscription("swarmsense/fleet-b/#", 1), new MqttSubscription("swarmsense/#", 1),
          new MqttSubscription("swarmsense/fleet-a/#", 1)});
      System.out.println(secured.kind() + ": fleet-a SUBACK reason codes for fleet-b/#, #, fleet-a/#: "
          + Arrays.toString(subA.getReasonCodes()));
      assertTrue(subA.getReasonCodes()[2] < 0x80, "fleet-a must be allowed its own subtree");
      MqttClient clientB = connect(broker, "fleet-b:b1", "fleet-b", "secret-of-b", b);
      clientB.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/fleet-b/#", 1)});

      // B's own traffic reaches the gateway but not A.
      publishQuietly(clientB, "swarmsense/fleet-b/drone/b1/telemetry", "b-private");
      awaitContains(gw, "swarmsense/fleet-b/drone/b1/telemetry b-private");

      // A writes into B's subtree: nobody may receive it. Then A writes its own (the control).
      publishQuietly(clientA, "swarmsense/fleet-b/drone/b1/cmd", "a-forged");
      MqttClient clientA2 = connect(broker, "fleet-a:a2", "fleet-a", "secret-of-a", ConcurrentHashMap.newKeySet());
      publishQuietly(clientA2, "swarmsense/fleet-a/drone/a1/telemetry", "a-control");
      awaitContains(gw, "swarmsense/fleet-a/drone/a1/telemetry a-control");
      Thread.sleep(500);

      assertFalse(gw.stream().anyMatch(s -> s.contains("a-forged")), secured.kind() + " let A write into B: " + gw);
      assertFalse(b.stream().anyMatch(s -> s.contains("a-forged")), secured.kind() + " delivered A's write to B: " + b);
      assertFalse(a.stream().anyMatch(s -> s.contains("b-private")), secured.kind() + " let A read B: " + a);
      assertTrue(b.contains("swarmsense/fleet-b/drone/b1/telemetry b-private"), "B must read its own: " + b);
      for (MqttClient c : List.of(gateway, clientA, clientA2, clientB)) {
        try {
          c.disconnect();
        } catch (MqttException alreadyGone) {
          // HiveMQ may disconnect a client that publishes where it may not
        }
        c.close(true);
      }
    }
  }

  /** A refused subscription is reported once; the link does not reconnect in a loop over it. */
  @org.junit.jupiter.api.Test
  void aLinkWhoseSubscriptionIsRefusedStaysConnected() throws Exception {
    try (MqttBroker broker = EmbeddedBroker.start(0, false, REGISTRY);
        org.swarmsense.gateway.mqtt.MqttLink link = org.swarmsense.gateway.mqtt.MqttLink.create(
            org.swarmsense.gateway.mqtt.MqttLinkSettings.defaults(broker.url(), "fleet-a:nosy")
                .withCredentials("fleet-a", "secret-of-a"))) {
      Set<String> got = ConcurrentHashMap.newKeySet();
      link.subscribe("swarmsense/fleet-b/#", 1, (t, m) -> got.add(t));
      link.subscribe("swarmsense/fleet-a/#", 1, (t, m) -> got.add(t));
      link.connect();
      assertTrue(link.awaitConnected(java.time.Duration.ofSeconds(10)));
      Thread.sleep(1000);
      assertEquals(1, link.stats().connects(), "no reconnect loop: " + link.stats());
      link.publish("swarmsense/fleet-a/drone/a1/evt", "x".getBytes(StandardCharsets.UTF_8), 1, false)
          .get(5, TimeUnit.SECONDS);
      assertTrue(link.stats().published() >= 1);
    }
  }

  private static void publishQuietly(MqttClient c, String topic, String text) {
    MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    try {
      c.publish(topic, m);
    } catch (MqttException e) {
      System.out.println("publish to " + topic + " refused by the broker: " + e.getMessage());
    }
  }

  private static void awaitContains(Set<String> inbox, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!inbox.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(inbox.contains(expected), "not received: " + expected + " in " + inbox);
  }

  static MqttClient connect(MqttBroker broker, String id, String user, String password, Set<String> inbox)
      throws MqttException {
    MqttClient client =
        TestClients.listening(broker.url(), id, (topic, m) -> inbox.add(topic + " " + TestClients.text(m)), () -> { });
    client.connect(TestClients.credentials(user, password));
    assertNotNull(client);
    assertEquals(true, client.isConnected());
    return client;
  }
}
