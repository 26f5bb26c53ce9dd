package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.gateway.broker.FreePorts;

/**
 * Issue 17, finding 7: the operator's first minutes. A port in use, an empty fleets file or a
 * missing trace is one clear line (exit 2) before anything starts; {@code serve --help} and
 * {@code simulate --help} print their usage.
 */
class ServeStartChecksTest {
  @TempDir Path dir;

  record Outcome(int exit, String out, String err) {}

  static Outcome serve(String... args) throws Exception {
    ServeAndSimulateCommandTest.Run r = ServeAndSimulateCommandTest.run(args);
    int exit = r.exit().get(60, TimeUnit.SECONDS);
    return new Outcome(exit, r.text(), r.err().toString());
  }

  private static void assertOneLineBeforeStart(Outcome o, String... expected) {
    System.out.println("exit " + o.exit() + ": " + o.err().strip());
    assertEquals(2, o.exit(), o.err());
    assertEquals(1, o.err().strip().lines().count(), "one line, no stack trace: " + o.err());
    for (String e : expected) {
      assertTrue(o.err().contains(e), o.err());
    }
    assertFalse(o.out().contains("gateway: broker"), "the broker was started first: " + o.out());
  }

  @Test
  void aPortInUseIsOneLineBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int p = taken.getLocalPort();
      assertOneLineBeforeStart(serve("serve", "--mqtt-port", String.valueOf(p), "--http-port", "0", "--duration", "2s"),
          "--mqtt-port", "in use");
      assertOneLineBeforeStart(serve("serve", "--mqtt-port", String.valueOf(FreePorts.pick()), "--http-port",
          String.valueOf(p), "--duration", "2s"), "--http-port", "in use");
    }
  }

  @Test
  void anEmptyFleetsFileOrAMissingTraceIsRefusedAtStart() throws Exception {
    Path empty = Files.writeString(dir.resolve("fleets.txt"), "# no accounts yet\n");
    assertOneLineBeforeStart(serve("serve", "--fleets", empty.toString(), "--mqtt-port",
        String.valueOf(FreePorts.pick()), "--http-port", "0", "--duration", "2s"), "no fleet accounts");
    assertOneLineBeforeStart(serve("serve", "--trace", dir.resolve("missing.xml.gz").toString(), "--mqtt-port",
        String.valueOf(FreePorts.pick()), "--http-port", "0", "--duration", "2s"), "--trace", "not a readable file");
  }

  @Test
  void serveSpeaksHttpsAndMqttOverTlsWithTheGivenCertificate() throws Exception {
    var tls = org.swarmsense.gateway.testing.TestCertificates.generate(dir);
    int http = FreePorts.pick();
    int mqttTls = FreePorts.pick();
    ServeAndSimulateCommandTest.Run r = ServeAndSimulateCommandTest.run("serve", "--mqtt-port",
        String.valueOf(FreePorts.pick()), "--http-port", String.valueOf(http), "--tls-cert", tls.certFile().toString(),
        "--tls-key", tls.keyFile().toString(), "--mqtt-tls-port", String.valueOf(mqttTls), "--token",
        "f1=token-of-fleet-f1-0123456789", "--duration", "30s");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!r.text().contains("link connected") && !r.exit().isDone() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(r.text().contains("MQTT over TLS at ssl://127.0.0.1:" + mqttTls), r.text() + r.err());
    assertTrue(r.text().contains("https://127.0.0.1:" + http), r.text());
    javax.net.ssl.SSLContext trust = org.swarmsense.gateway.broker.TlsMaterial.trusting(tls.certFile());
    java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newBuilder().sslContext(trust).build().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + http + "/api/health")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    org.eclipse.paho.mqttv5.client.MqttClient c = new org.eclipse.paho.mqttv5.client.MqttClient(
        "ssl://127.0.0.1:" + mqttTls, "tls-probe", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
    org.eclipse.paho.mqttv5.client.MqttConnectionOptions o = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
    o.setSocketFactory(trust.getSocketFactory());
    c.connect(o);
    assertTrue(c.isConnected());
    c.disconnect();
    c.close();
    System.out.println("serve over TLS: HTTPS " + health.statusCode() + ", MQTT ssl://127.0.0.1:" + mqttTls + " connected");
    r.exit().cancel(true);
  }

  @Test
  void helpWorksOnServeAndSimulate() throws Exception {
    Outcome serve = serve("serve", "--help");
    assertEquals(0, serve.exit(), serve.err());
    assertTrue(serve.out().contains("--fleets") && serve.out().contains("--http-port"), serve.out());
    Outcome simulate = serve("simulate", "--help");
    assertEquals(0, simulate.exit(), simulate.err());
    assertTrue(simulate.out().contains("--devices"), simulate.out());
  }
}
