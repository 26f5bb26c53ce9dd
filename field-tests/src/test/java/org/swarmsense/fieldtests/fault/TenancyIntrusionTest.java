package org.swarmsense.fieldtests.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.fieldtests.clients.MosquittoClients;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.http.HttpApi;
import org.swarmsense.gateway.http.HttpServer;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.mqtt.RecordingIngest;
import org.swarmsense.gateway.testing.MqttBrokers;
import org.swarmsense.gateway.testing.MqttBrokers.SecuredBrokerFactory;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.tenancy.FleetRegistry;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;

/**
 * A client of fleet A tries to read and write fleet B. The brokers deny it (Mosquitto with the
 * generated password and ACL files, the embedded HiveMQ with the registry), driven by {@code
 * mosquitto_sub}/{@code mosquitto_pub} with fleet A's credentials, next to a control showing the
 * same clients do get their own fleet's messages. The gateway denies it too: {@link
 * FleetLink#sendCommand} refuses another fleet's device, and the HTTP API answers 403 to fleet A's
 * token on fleet B's routes.
 */
class TenancyIntrusionTest {
  static final FleetRegistry REGISTRY = FleetRegistry.of(List.of(
      Account.withPassword("gateway", Account.ALL_FLEETS, "gateway-secret-1"),
      Account.withPassword("user-a", "fleet-a", "secret-of-a-123"),
      Account.withPassword("user-b", "fleet-b", "secret-of-b-456")));
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#secured")
  void theBrokerKeepsFleetAOutOfFleetB(SecuredBrokerFactory secured) throws Exception {
    try (MqttBroker broker = secured.start(REGISTRY)) {
      MosquittoClients cli = new MosquittoClients(broker.url());
      String bTelemetry = "swarmsense/fleet-b/drone/b1/telemetry";
      String bCmd = "swarmsense/fleet-b/drone/b1/cmd";
      String aTelemetry = "swarmsense/fleet-a/drone/a1/telemetry";
      try (MosquittoClients.Subscriber aSpiesOnB = cli.subscribe("swarmsense/fleet-b/#", 1, "user-a", "secret-of-a-123", "-i", "fleet-a:spy");
          MosquittoClients.Subscriber aOwn = cli.subscribe("swarmsense/fleet-a/#", 1, "user-a", "secret-of-a-123", "-i", "fleet-a:own");
          MosquittoClients.Subscriber bDevice = cli.subscribe(bCmd, 1, "user-b", "secret-of-b-456", "-i", "fleet-b:b1")) {
        aSpiesOnB.awaitSubscribed(10_000);
        aOwn.awaitSubscribed(10_000);
        bDevice.awaitSubscribed(10_000);
        // fleet B's device reports; fleet A writes a command into fleet B's subtree
        assertEquals(0, cli.publish(bTelemetry, "{\"from\":\"b\"}", 1, "user-b", "secret-of-b-456", "-i", "fleet-b:pub").exitCode());
        MosquittoClients.Outcome intrusion = cli.publish(bCmd, "{\"from\":\"a\"}", 1, "user-a", "secret-of-a-123", "-i", "fleet-a:pub1");
        // control: fleet A's own message reaches fleet A's subscriber
        assertEquals(0, cli.publish(aTelemetry, "{\"from\":\"a-own\"}", 1, "user-a", "secret-of-a-123", "-i", "fleet-a:pub2").exitCode());
        aOwn.await(1, 10_000);
        Thread.sleep(500); // anything that was going to leak has had the time a delivery takes
        assertEquals(0, aSpiesOnB.messages().size(), "fleet A read fleet B: " + aSpiesOnB.raw());
        assertEquals(0, bDevice.messages().size(), "fleet A wrote into fleet B: " + bDevice.raw());
        MosquittoClients.Outcome wrong = cli.publish(aTelemetry, "x", 1, "user-a", "not-the-password", "-i", "fleet-a:pub3");
        assertNotEquals(0, wrong.exitCode(), "a wrong password is refused");
        String suback = aSpiesOnB.raw().lines().filter(l -> l.contains("SUBACK") || l.contains("denied")
            || l.contains("Subscribed")).reduce((x, y) -> x + " / " + y).orElse("");
        System.out.printf("%s: fleet A's subscription to fleet B: %s; fleet A's publish into fleet B: exit %d, delivered to"
                + " B: 0; wrong password: exit %d%n", secured.kind(), suback, intrusion.exitCode(), wrong.exitCode());
      }
    }
  }

  @Test
  void theGatewayRefusesAnotherFleetOnMqttAndHttp() throws Exception {
    try (MqttBroker broker = EmbeddedBroker.start(0, false, REGISTRY);
        FleetLink gateway = FleetLink.start(MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-tenancy")
            .withCredentials("gateway", "gateway-secret-1")), new RecordingIngest(),
            Set.of("fleet-a", "fleet-b")::contains, "gw")) {
      assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(10)));
      DeviceId ofB = new DeviceId("fleet-b", DeviceKind.DRONE, "b1");
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> gateway.sendCommand("fleet-a", ofB, Command.land(System.currentTimeMillis()), Duration.ofSeconds(1)));
      assertTrue(refused.getMessage().contains("fleet-a") && refused.getMessage().contains("fleet-b"), refused.getMessage());
      assertEquals(0, gateway.mqtt().stats().published(), "nothing was published for the refused command");
      System.out.println("gateway: " + refused.getMessage());
    }
    String tokenA = "token-of-fleet-a-0123456789";
    String tokenB = "token-of-fleet-b-9876543210";
    LiveHub hub = new LiveHub();
    HttpApi api = new HttpApi(hub, new FleetTokens(Map.of("fleet-a", tokenA, "fleet-b", tokenB)), null, () -> null, "test");
    try (HttpServer server = HttpServer.start(testKit.system(), api.routes(), "127.0.0.1", 0)) {
      HttpClient http = HttpClient.newHttpClient();
      int own = get(http, server.url() + "/api/fleets/fleet-a/devices", tokenA);
      int other = get(http, server.url() + "/api/fleets/fleet-b/devices", tokenA);
      int otherAlarms = get(http, server.url() + "/api/fleets/fleet-b/alarms", tokenA);
      int none = get(http, server.url() + "/api/fleets/fleet-b/devices", null);
      System.out.printf("http: fleet A's token on fleet A %d, on fleet B devices %d, alarms %d; no token %d%n",
          own, other, otherAlarms, none);
      assertEquals(200, own);
      assertEquals(403, other);
      assertEquals(403, otherAlarms);
      assertEquals(401, none);
    }
  }

  private static int get(HttpClient http, String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
