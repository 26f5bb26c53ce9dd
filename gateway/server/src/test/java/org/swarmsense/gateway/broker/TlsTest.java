package org.swarmsense.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.http.HttpApi;
import org.swarmsense.gateway.http.HttpServer;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.tenancy.FleetRegistry;
import org.swarmsense.gateway.testing.TestCertificates;
import org.swarmsense.gateway.testing.TestClients;

/**
 * Issue 17, finding 8: MQTT over TLS on both brokers and HTTPS for the API, with a certificate made
 * in the test. Paho trusts exactly that certificate (its trust store) and a message goes through
 * with the fleet's credentials; a client with the JVM's default trust store is refused (the
 * control: it really is TLS with this certificate). Same for the JDK HTTP client against HTTPS.
 */
class TlsTest {
  @TempDir Path dir;

  static final FleetRegistry REGISTRY = FleetRegistry.of(List.of(
      Account.withPassword("fleet-a", "fleet-a", "secret-of-a")));

  @Test
  void mqttOverTlsOnTheEmbeddedBroker() throws Exception {
    var tls = TestCertificates.generate(dir);
    try (EmbeddedBroker broker = EmbeddedBroker.start(0, false, REGISTRY, BrokerLimits.defaults(), tls, 0)) {
      roundTrip("embedded-hivemq", broker.tlsUrl(), tls.certFile());
    }
  }

  @Test
  void mqttOverTlsOnMosquitto() throws Exception {
    var tls = TestCertificates.generate(dir);
    try (MosquittoBroker broker = MosquittoBroker.start(REGISTRY, tls)) {
      roundTrip("mosquitto", broker.tlsUrl(), tls.certFile());
    }
  }

  @Test
  void httpsForTheApi() throws Exception {
    var tls = TestCertificates.generate(dir);
    ActorTestKit kit = ActorTestKit.create();
    try (HttpServer server = HttpServer.start(kit.system(),
        new HttpApi(new LiveHub(), new FleetTokens(Map.of("a", "token-of-fleet-a-0123456789")), null, () -> null, "t")
            .routes(), "127.0.0.1", 0, tls.serverContext())) {
      assertTrue(server.url().startsWith("https://"), server.url());
      HttpClient trusting = HttpClient.newBuilder().sslContext(TlsMaterial.trusting(tls.certFile())).build();
      HttpResponse<String> ok = trusting.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      System.out.println("https: " + ok.statusCode() + " " + ok.body());
      assertEquals(200, ok.statusCode());
      assertThrows(java.io.IOException.class, () -> HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.url() + "/api/health")).build(), HttpResponse.BodyHandlers.ofString()),
          "a client that does not trust the certificate must fail");
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static void roundTrip(String kind, String url, Path cert) throws Exception {
    assertTrue(url.startsWith("ssl://"), url);
    SSLContext trust = TlsMaterial.trusting(cert);
    Set<String> got = ConcurrentHashMap.newKeySet();
    MqttClient sub = client(url, "fleet-a:sub", trust);
    sub.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/fleet-a/#", 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> got.add(t + " " + new String(m.getPayload()))});
    MqttClient pub = client(url, "fleet-a:pub", trust);
    MqttMessage m = new MqttMessage("{\"over\":\"tls\"}".getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    pub.publish("swarmsense/fleet-a/drone/d1/evt", m);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (got.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    System.out.println(kind + " over TLS (" + url + "): " + got);
    assertEquals(Set.of("swarmsense/fleet-a/drone/d1/evt {\"over\":\"tls\"}"), got);
    assertThrows(MqttException.class, () -> client(url, "fleet-a:untrusting", null),
        kind + ": a client without the certificate in its trust store connected");
    for (MqttClient c : List.of(sub, pub)) {
      c.disconnect();
      c.close(true);
    }
  }

  private static MqttClient client(String url, String id, SSLContext trust) throws MqttException {
    MqttClient c = TestClients.plain(url, id);
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName("fleet-a");
    o.setPassword("secret-of-a".getBytes(StandardCharsets.UTF_8));
    o.setConnectionTimeout(10);
    if (trust != null) {
      o.setSocketFactory(trust.getSocketFactory());
    }
    c.connect(o);
    return c;
  }
}
