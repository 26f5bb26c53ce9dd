package org.swarmsense.gateway.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;


import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;


import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.testing.TestClients;

/**
 * Session takeover (issue 17, finding 1), on both brokers the gateway configures: a fleet account
 * may not connect with the gateway's client id nor with a device id of another fleet, so it can
 * neither knock the gateway off and inherit its subscriptions nor collect a command queued for
 * another fleet's drone. The owners keep working (the controls).
 */
class ClientIdBindingTest {
  static final FleetRegistry REGISTRY = FleetRegistry.of(List.of(
      Account.withPassword("gateway", Account.ALL_FLEETS, "gateway-secret"),
      Account.withPassword("fleet-a", "fleet-a", "secret-of-a"),
      Account.withPassword("fleet-b", "fleet-b", "secret-of-b")));

  @Test
  void theRuleIsAPerFleetPrefixTheGatewayIsFree() {
    Account a = REGISTRY.accounts().get(1);
    assertEquals("fleet-a:", a.clientIdPrefix());
    assertTrue(a.mayUseClientId("fleet-a:d0000"));
    assertFalse(a.mayUseClientId("fleet-a:"), "the prefix alone is not an id");
    assertFalse(a.mayUseClientId("swarmsense-gateway"));
    assertFalse(a.mayUseClientId("fleet-a-b:d0"), "another fleet whose name starts the same");
    assertFalse(a.mayUseClientId("sim-fleet-a-d0000"));
    assertTrue(REGISTRY.accounts().get(0).mayUseClientId("swarmsense-gateway"));
    assertEquals("fleet-a fleet-a:\nfleet-b fleet-b:\n", MosquittoAuthFiles.clientIdPrefixFile(REGISTRY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.tenancy.TenancyIsolationTest#securedBrokers")
  void noAccountTakesOverAnotherAccountsSession(TenancyIsolationTest.Secured secured) throws Exception {
    try (MqttBroker broker = secured.starter().apply(REGISTRY)) {
      AtomicInteger gatewayDrops = new AtomicInteger();
      Set<String> gw = ConcurrentHashMap.newKeySet();
      MqttClient gateway = client(broker, "swarmsense-gateway", gw, gatewayDrops);
      connect(gateway, "gateway", "gateway-secret");
      gateway.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/+/+/+/telemetry", 1)});

      // fleet A as the gateway: refused, and the gateway is not knocked off
      Set<String> stolen = ConcurrentHashMap.newKeySet();
      MqttClient thief = client(broker, "swarmsense-gateway", stolen, new AtomicInteger());
      MqttException refused = assertThrows(MqttException.class, () -> connect(thief, "fleet-a", "secret-of-a"),
          secured.kind() + ": fleet-a connected with the gateway's client id");
      System.out.println(secured.kind() + ": fleet-a as swarmsense-gateway refused: " + refused.getReasonCode()
          + " " + refused.getMessage());
      Thread.sleep(300);
      assertTrue(gateway.isConnected(), secured.kind() + ": the gateway was knocked off");
      assertEquals(0, gatewayDrops.get(), secured.kind() + ": the gateway was knocked off");

      // fleet B's telemetry still reaches the gateway only
      MqttClient b = client(broker, "fleet-b:b1", ConcurrentHashMap.newKeySet(), new AtomicInteger());
      connect(b, "fleet-b", "secret-of-b");
      publish(b, "swarmsense/fleet-b/drone/b1/telemetry", "b-private", false);
      await(gw, "swarmsense/fleet-b/drone/b1/telemetry b-private");
      assertTrue(stolen.isEmpty(), "the thief received " + stolen);

      // a drone of fleet A with a persistent session goes away; a land command is queued for it
      Set<String> drone = ConcurrentHashMap.newKeySet();
      MqttClient a = client(broker, "fleet-a:d0", drone, new AtomicInteger());
      connect(a, "fleet-a", "secret-of-a");
      a.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/fleet-a/drone/d0/cmd", 1)});
      a.disconnect();
      a.close(true);
      publish(gateway, "swarmsense/fleet-a/drone/d0/cmd", "land", false);
      Thread.sleep(200);

      // fleet B as that drone: refused, nothing delivered
      Set<String> bInbox = ConcurrentHashMap.newKeySet();
      MqttClient bAsA = client(broker, "fleet-a:d0", bInbox, new AtomicInteger());
      assertThrows(MqttException.class, () -> connect(bAsA, "fleet-b", "secret-of-b"),
          secured.kind() + ": fleet-b connected with a client id of fleet-a");
      // a client id without any fleet prefix is refused for a fleet account too
      MqttClient bare = client(broker, "sim-fleet-b-d0000", ConcurrentHashMap.newKeySet(), new AtomicInteger());
      assertThrows(MqttException.class, () -> connect(bare, "fleet-b", "secret-of-b"));
      Thread.sleep(300);
      assertTrue(bInbox.isEmpty(), secured.kind() + ": fleet-b received fleet-a's command: " + bInbox);

      // the control: the drone itself comes back and gets its command
      MqttClient back = client(broker, "fleet-a:d0", drone, new AtomicInteger());
      connect(back, "fleet-a", "secret-of-a");
      await(drone, "swarmsense/fleet-a/drone/d0/cmd land");
      for (MqttClient c : List.of(gateway, b, back)) {
        c.disconnect();
        c.close(true);
      }
    }
  }

  private static MqttClient client(MqttBroker broker, String id, Set<String> inbox, AtomicInteger drops)
      throws MqttException {
    return TestClients.listening(
        broker.url(), id, (topic, m) -> inbox.add(topic + " " + TestClients.text(m)), drops::incrementAndGet);
  }

  private static void connect(MqttClient client, String user, String password) throws MqttException {
    MqttConnectionOptions o = TestClients.credentials(user, password);
    o.setCleanStart(false);
    o.setSessionExpiryInterval(3600L);
    client.connect(o);
  }

  private static void publish(MqttClient c, String topic, String text, boolean retained) throws MqttException {
    MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    m.setRetained(retained);
    c.publish(topic, m);
  }

  private static void await(Set<String> inbox, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!inbox.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(inbox.contains(expected), "not received: " + expected + " in " + inbox);
  }
}
