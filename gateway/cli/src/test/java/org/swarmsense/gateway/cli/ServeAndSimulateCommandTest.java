package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.mqtt.RecordingIngest;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.tenancy.FleetRegistry;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import picocli.CommandLine;

/**
 * {@code swarmsense serve} and {@code swarmsense simulate} run as a user would, against real
 * brokers: serve with its own embedded broker (the default) and with {@code --mqtt-url} pointing at
 * every other broker kind; serve with a fleet registry; simulate feeding a gateway link; bad options.
 */
class ServeAndSimulateCommandTest {

  record Run(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
    String text() {
      synchronized (out) {
        return out.toString();
      }
    }
  }

  /** {@code serve} args with {@code --data-dir} a new temporary folder (never the user's own). */
  static String[] withFreshDataDir(String... args) {
    try {
      List<String> a = new java.util.ArrayList<>(List.of(args));
      a.add("--data-dir");
      a.add(java.nio.file.Files.createTempDirectory("swarmsense-serve-test-").toString());
      return a.toArray(String[]::new);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Run run(String... given) {
    String[] args = given.length > 0 && given[0].equals("serve") && !List.of(given).contains("--data-dir")
        ? withFreshDataDir(given) : given;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
    return new Run(exit, out, err);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")
  void serveRegistersSimulatedDevices(BrokerFactory factory) throws Exception {
    boolean own = factory.kind().equals("embedded-hivemq");
    MqttBroker external = own ? null : factory.start();
    try {
      int port = FreePorts.pick();
      String url = own ? "tcp://127.0.0.1:" + port : external.url();
      String token = "serve-test-token-0123456789";
      Run serve = own
          ? run("serve", "--mqtt-port", String.valueOf(port), "--duration", "10s", "--http-port", "0", "--token", "f1=" + token)
          : run("serve", "--mqtt-url", url, "--duration", "10s", "--http-port", "0", "--token", "f1=" + token);
      // a cold start (embedded broker, then the actor system's cluster of one) on a loaded machine: 90 s
      await(() -> serve.text().contains("link connected") || serve.exit().isDone(), "serve up", 90);
      java.util.regex.Matcher api = java.util.regex.Pattern.compile("HTTP API (http://\\S+)/api ").matcher(serve.text());
      assertTrue(api.find(), "serve prints its HTTP API: " + serve.text());
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpResponse<String> health = http.send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.group(1) + "/api/health")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      try (DeviceSimulator sim = DeviceSimulator.start(SimulatorSettings.of(url, "f1", 4).withRateHz(5))) {
        assertTrue(sim.awaitConnected(Duration.ofSeconds(20)));
        await(() -> serve.text().contains("registered f1/sensor/s0003")
            && serve.text().contains("registered f1/drone/d0000"), "registrations printed: " + serve.text());
        await(() -> serve.text().contains("f1/drone/d0002 is online"), "status printed");
        java.net.http.HttpRequest devices =
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.group(1) + "/api/fleets/f1/devices"))
                .header("Authorization", "Bearer " + token).build();
        await(() -> {
          try {
            java.net.http.HttpResponse<String> r = http.send(devices, java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"d0000\"") && r.body().contains("\"kind\":\"drone\"");
          } catch (Exception e) {
            return false;
          }
        }, "the simulated drones are live over HTTP");
      }
      assertEquals(0, serve.exit().get(40, TimeUnit.SECONDS), serve.err().toString());
      assertTrue(serve.text().contains("gateway: stopping; devices 4"), serve.text());
      assertTrue(serve.text().contains(own ? "(embedded-hivemq)" : "(external)"), serve.text());
    } finally {
      if (external != null) {
        external.close();
      }
    }
  }

  @Test
  void serveWithARegistryAdmitsOnlyRegisteredFleets(@TempDir Path dir) throws Exception {
    Path fleets = dir.resolve("fleets");
    FleetRegistry.of(List.of(Account.withPassword("fleet-a", "fleet-a", "secret-of-a"))).save(fleets);
    int port = FreePorts.pick();
    String url = "tcp://127.0.0.1:" + port;
    Run serve = run("serve", "--mqtt-port", String.valueOf(port), "--fleets", fleets.toString(), "--duration", "8s",
        "--http-port", "0");
    await(() -> serve.text().contains("link connected") || serve.exit().isDone(), "serve up");
    assertTrue(serve.text().contains("fleets: fleet-a"), serve.text());
    try (DeviceSimulator good = DeviceSimulator.start(
            SimulatorSettings.of(url, "fleet-a", 1).withRateHz(5).withCredentials("fleet-a", "secret-of-a"));
        DeviceSimulator bad = DeviceSimulator.start(
            SimulatorSettings.of(url, "fleet-a", 1).withRateHz(5).withCredentials("fleet-a", "guessed-password"))) {
      await(() -> serve.text().contains("registered fleet-a/drone/d0000"), "the fleet's device registered");
      assertFalse(bad.awaitConnected(Duration.ofSeconds(2)), "a wrong password must not connect");
    }
    assertEquals(0, serve.exit().get(40, TimeUnit.SECONDS));
  }

  @Test
  void simulateFeedsAGatewayLink() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      RecordingIngest ingest = new RecordingIngest();
      try (FleetLink link = FleetLink.start(MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-sim-test")),
          ingest, Set.of("f9")::contains, "gw")) {
        assertTrue(link.mqtt().awaitConnected(Duration.ofSeconds(10)));
        Run sim = run("simulate", "--devices", "3", "--fleet", "f9", "--mqtt-url", broker.url(),
            "--rate-hz", "5", "--duration", "4s");
        assertEquals(0, sim.exit().get(60, TimeUnit.SECONDS), sim.err().toString());
        assertEquals(3, ingest.registered().size(), ingest.registered().toString());
        assertTrue(ingest.telemetryCount() > 10, "telemetry " + ingest.telemetryCount());
        assertTrue(sim.text().contains("done: telemetry sent"), sim.text());
        await(() -> ingest.registered().stream().allMatch(d -> ingest.online(d).equals(java.util.Optional.of(false))),
            "a clean stop reports every device offline");
      }
    }
  }

  @Test
  void badOptionsExitWith2AndNameTheValue() throws Exception {
    Run r = run("simulate", "--devices", "0", "--fleet", "f1", "--mqtt-url", "tcp://127.0.0.1:1");
    assertEquals(2, r.exit().get(20, TimeUnit.SECONDS));
    assertTrue(r.err().toString().contains("devices must be 1..100000, was 0"), r.err().toString());
    Run u = run("simulate", "--devices", "1", "--fleet", "f1", "--mqtt-url", "http://x:1");
    assertEquals(2, u.exit().get(20, TimeUnit.SECONDS));
    assertTrue(u.err().toString().contains("'http://x:1'"), u.err().toString());
    Run d = run("serve", "--duration", "soon");
    assertEquals(2, d.exit().get(20, TimeUnit.SECONDS));
    assertTrue(d.err().toString().contains("'soon'"), d.err().toString());
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    await(condition, what, 30);
  }

  static void await(BooleanSupplier condition, String what, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(50);
    }
  }
}
