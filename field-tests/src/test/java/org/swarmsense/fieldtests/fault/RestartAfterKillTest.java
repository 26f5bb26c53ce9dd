package org.swarmsense.fieldtests.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.testing.TestClients;

/**
 * Issue 18's restart test: {@code swarmsense serve} runs as a child process (the command line's main
 * class on this test's classpath) with the embedded broker and a data directory, is killed with
 * SIGKILL right after its state changed, and is started again on the same directory, N times
 * ({@code -Dswarmsense.restarts=N}, default 3; the goal is 20). After every restart: the
 * automatic token issued at the first start is still accepted, the last fences are back, the audit
 * log holds every entry exactly once in order, and every retained device status is back; at the end
 * a device's persistent session receives every QoS 1 command queued for it while it was offline,
 * across all the kills. The same life-cycle runs {@link DeviceRestartAfterKillTest}'s device checks
 * with the embedded broker (3 drones offline, one command posted per round: the device list as before
 * and every command pending after each restart, each applied once when the drones come back): one
 * set of serve starts for both. Prints the counts. Also: a second {@code serve} on the same directory stops
 * naming it, and the audit paging parameters are refused naming the field when abused.
 *
 * <p>Missions ({@link #missionsSurviveSigkillMidFlightAndDuringPlanning}): two simulated drones fly
 * a mission run over HTTP; serve is killed while they fly ({@code -Dswarmsense.missionRestarts=N}
 * missions, one kill each, default 1) and started again on the same ports: every mission answers
 * as before the kill, the drones are re-attached (each drone answered exactly one plan command: no
 * acknowledged plan sent twice) and the mission reaches {@code done}; the last kill also catches a
 * second mission while it is planning: after the restart it is planned again, never lost. Once
 * with the embedded broker (killed with serve) and once with a Mosquitto process that keeps running.
 */
public class RestartAfterKillTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern DASHBOARD = Pattern.compile("dashboard of fleet default: (\\S+)/dashboard/\\S*token=([0-9a-f]+)");
  private static final String COMMANDS = "swarmsense/default/drone/q1/cmd";
  /**
   * Where the loop's retained statuses go: another fleet than {@code default}, so they test the
   * embedded broker's retained store without adding devices to {@code default}'s device list, which
   * the folded device checks compare across the kills (serve keeps them as devices of fleet
   * {@code retained}: the startup line's device count includes them).
   */
  private static final String RETAINED = "swarmsense/retained/drone/";

  /** A running serve child process and what it printed. */
  public record Serve(Process process, StringBuffer out, int mqttPort) {
    public String text() {
      return out.toString();
    }

    String mqttUrl() {
      return "tcp://127.0.0.1:" + mqttPort;
    }

    public void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "serve did not die");
    }
  }

  static Process launch(Path dataDir, int mqttPort, int httpPort, StringBuffer out) throws Exception {
    return launch(List.of("--data-dir", dataDir.toString(), "--mqtt-port", String.valueOf(mqttPort),
        "--http-port", String.valueOf(httpPort)), out);
  }

  /** Starts {@code cmd} as a child process whose output (stderr too) is appended to {@code out} as it comes. */
  public static Process spawn(List<String> cmd, StringBuffer out) throws java.io.IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (var r = p.inputReader(StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          out.append(line).append('\n');
        }
      } catch (java.io.IOException ignored) {
        // the process died
      }
    });
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  /** Waits up to 240 s until serve's output says its fleet link connected; fails with the output otherwise. */
  public static void awaitConnected(Process p, StringBuffer out) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!out.toString().contains("link connected") && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(out.toString().contains("link connected"), "serve did not start: " + out);
    // an operator's first screen: no logging-start warnings (SLF4J replaying a call made while it started)
    assertTrue(!out.toString().contains("SLF4J(W)"), "serve printed logging warnings: " + out);
  }

  /** Starts {@code swarmsense serve <serveArgs>} as a child process whose output goes to {@code out}. */
  static Process launch(List<String> serveArgs, StringBuffer out) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), "org.swarmsense.gateway.cli.SwarmsenseCli", "serve"));
    cmd.addAll(serveArgs);
    return spawn(cmd, out);
  }

  /**
   * serve on an external broker with a file size limit ({@code ulimit -f}, KiB) on its process, as if
   * the disk filled up; waits until it is connected.
   */
  public static Serve launchLimited(Path dataDir, String mqttUrl, long limitKb) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of("bash", "-c", "ulimit -f " + limitKb + " && exec \"$0\" \"$@\"", java, "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), "org.swarmsense.gateway.cli.SwarmsenseCli", "serve",
        "--data-dir", dataDir.toString(), "--mqtt-url", mqttUrl, "--http-port", String.valueOf(FreePorts.pick()),
        "--edge-nodes", "0");
    StringBuffer out = new StringBuffer();
    Process p = spawn(cmd, out);
    awaitConnected(p, out);
    return new Serve(p, out, 0);
  }

  static Serve start(Path dataDir) throws Exception {
    return start(dataDir, FreePorts.pick(), FreePorts.pick());
  }

  /** Starts serve on given ports (the drones of a mission reconnect to the same broker port). */
  static Serve start(Path dataDir, int mqttPort, int httpPort) throws Exception {
    return start(dataDir, null, mqttPort, httpPort);
  }

  /**
   * Starts serve on a given HTTP port, with the embedded broker on {@code mqttPort} ({@code mqttUrl}
   * null) or on the external broker {@code mqttUrl}.
   */
  static Serve start(Path dataDir, String mqttUrl, int mqttPort, int httpPort) throws Exception {
    StringBuffer out = new StringBuffer();
    Process p = mqttUrl == null ? launch(dataDir, mqttPort, httpPort, out)
        : launch(List.of("--data-dir", dataDir.toString(), "--mqtt-url", mqttUrl, "--http-port",
            String.valueOf(httpPort)), out);
    awaitConnected(p, out);
    return new Serve(p, out, mqttPort);
  }

  public static String api(Serve s) {
    Matcher m = Pattern.compile("HTTP API (\\S+)/api").matcher(s.text());
    assertTrue(m.find(), s.text());
    return m.group(1);
  }

  public static HttpResponse<String> call(String method, String url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpRequest r = b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  static String zone(int round) {
    double d = 0.001 * round;
    return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"zone-" + round
        + "\",\"action\":\"alarm\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7.41," + (43.73 + d)
        + "],[7.42," + (43.73 + d) + "],[7.42," + (43.735 + d) + "],[7.41," + (43.73 + d) + "]]]}}]}";
  }

  static MqttConnectionOptions session(boolean cleanStart) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(cleanStart);
    o.setSessionExpiryInterval(3600L);
    o.setConnectionTimeout(10);
    return o;
  }

  @Test
  void nothingIsLostOverRepeatedSigkillRestarts(@TempDir Path dir) throws Exception {
    int restarts = Integer.getInteger("swarmsense.restarts", 3);
    Path dataDir = dir.resolve("data");
    Serve serve = DeviceRestartAfterKillTest.start(dataDir, null); // embedded broker, no edge nodes among the devices
    Matcher m = DASHBOARD.matcher(serve.text());
    assertTrue(m.find(), "no dashboard URL with the automatic token: " + serve.text());
    String token = m.group(2);
    assertTrue(serve.text().contains("new, nothing to restore"), serve.text());

    secondServeOnTheSameDirectoryStopsNamingIt(dataDir);
    auditPagingAbuseIsRefusedNamingTheField(api(serve), token);

    // a device with a persistent session subscribes to its commands, then goes offline
    List<String> commands = new CopyOnWriteArrayList<>();
    MqttClient device = TestClients.listening(serve.mqttUrl(), "q1-device", (t, msg) -> commands.add(TestClients.text(msg)),
        () -> { });
    device.connect(session(true));
    device.subscribe(COMMANDS, 1);
    device.disconnect();
    device.close();
    // devices and pending commands (DeviceRestartAfterKillTest's checks, folded into this loop)
    DeviceRestartAfterKillTest.Devices devices =
        DeviceRestartAfterKillTest.Devices.setUp("embedded", serve.mqttUrl(), api(serve), token);

    int tokensOk = 0;
    int fencesOk = 0;
    int auditOk = 0;
    int retainedOk = 0;
    for (int round = 1; round <= restarts; round++) {
      String base = api(serve);
      HttpResponse<String> put = call("PUT", base + "/api/fleets/default/no-fly-zones", token, zone(round));
      assertEquals(200, put.statusCode(), put.body());
      MqttClient pub = TestClients.plain(serve.mqttUrl(), "restart-publisher-" + round);
      pub.connect(session(true));
      MqttMessage status = new MqttMessage("online".getBytes(StandardCharsets.UTF_8));
      status.setQos(1);
      status.setRetained(true);
      pub.publish(RETAINED + "d" + round + "/status", status);
      MqttMessage cmd = new MqttMessage(("cmd-" + round).getBytes(StandardCharsets.UTF_8));
      cmd.setQos(1);
      pub.publish(COMMANDS, cmd);
      pub.disconnect();
      pub.close();
      devices.post(base, round);

      serve.kill();
      serve = DeviceRestartAfterKillTest.start(dataDir, null);
      base = api(serve);

      // the automatic token of the first start is still valid, and is not printed again
      HttpResponse<String> fences = call("GET", base + "/api/fleets/default/no-fly-zones", token, null);
      boolean tokenOk = fences.statusCode() == 200 && serve.text().contains("fleet default keeps its token");
      tokensOk += tokenOk ? 1 : 0;
      assertTrue(tokenOk, fences.statusCode() + " " + serve.text());
      JsonNode f = JSON.readTree(fences.body());
      boolean fenceOk = f.path("features").size() == 1
          && ("zone-" + round).equals(f.path("features").get(0).path("properties").path("name").asText());
      fencesOk += fenceOk ? 1 : 0;
      assertTrue(fenceOk, fences.body());

      JsonNode audit = JSON.readTree(call("GET", base + "/api/fleets/default/audit?limit=500", token, null).body());
      List<Long> seqs = new ArrayList<>();
      audit.path("entries").forEach(e -> seqs.add(e.path("seq").asLong()));
      List<Long> expected = new ArrayList<>();
      for (long i = 1; i <= 2L * round; i++) { // each round: the fence PUT and the device command
        expected.add(i);
      }
      boolean auditRoundOk = audit.path("total").asLong() == 2L * round && seqs.equals(expected);
      auditOk += auditRoundOk ? 1 : 0;
      assertTrue(auditRoundOk, audit.toString());

      Map<String, String> retained = new ConcurrentHashMap<>();
      MqttClient watcher = TestClients.listening(serve.mqttUrl(), "restart-watcher-" + round,
          (t, msg) -> retained.put(t, TestClients.text(msg)), () -> { });
      watcher.connect(session(true));
      watcher.subscribe(RETAINED + "+/status", 1);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (retained.size() < round && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      watcher.disconnect();
      watcher.close();
      boolean retainedRoundOk = retained.size() == round && retained.values().stream().allMatch("online"::equals);
      retainedOk += retainedRoundOk ? 1 : 0;
      System.out.printf("restart %d/%d: token %s, fences %s, audit %d/%d entries, retained statuses %d/%d%n", round,
          restarts, tokenOk ? "valid" : "REJECTED", fenceOk ? "back" : "LOST", seqs.size(), 2 * round, retained.size(),
          round);
      assertTrue(retainedRoundOk, retained.toString());
      // the drones of default and the retained fleet's devices: every earlier round's (written since its
      // restart, when the broker handed serve the retained status again), this round's if written before the kill
      devices.check(serve, base, round, restarts, DeviceRestartAfterKillTest.DRONES + round - 1,
          DeviceRestartAfterKillTest.DRONES + round);
    }
    devices.comeBack(serve.mqttUrl(), api(serve), restarts);

    // the device comes back: every command queued while it was offline arrives, across all the kills
    MqttClient back = TestClients.listening(serve.mqttUrl(), "q1-device", (t, msg) -> commands.add(TestClients.text(msg)),
        () -> { });
    back.connect(session(false));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (commands.stream().distinct().count() < restarts && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    back.disconnect();
    back.close();
    serve.kill();
    long distinct = commands.stream().distinct().count();
    System.out.printf("after %d SIGKILL restarts: tokens %d/%d, fences %d/%d, audit %d/%d, retained %d/%d,"
        + " queued QoS 1 commands %d/%d delivered (%d duplicates)%n", restarts, tokensOk, restarts, fencesOk, restarts,
        auditOk, restarts, retainedOk, restarts, distinct, restarts, commands.size() - distinct);
    assertEquals(restarts, distinct, "queued QoS 1 commands lost: " + commands);
  }

  static final String MISSION = "{\"name\":\"restart field test\",\"area\":{\"bbox\":[7.415,43.728,7.435,43.745]},"
      + "\"cellSizeM\":250,\"window\":{\"startS\":0,\"endS\":300,\"slotS\":60},\"bases\":[[7.420,43.736],"
      + "[7.430,43.736]],\"drones\":{\"count\":2,\"plansPerDrone\":6},\"coverageTarget\":2,"
      + "\"planner\":{\"iterations\":10,\"seed\":%d}}";

  static JsonNode awaitState(String url, String token, Predicate<JsonNode> done, int seconds) throws Exception {
    JsonNode s = JSON.readTree(call("GET", url, token, null).body());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.test(s) && System.nanoTime() < end) {
      Thread.sleep(200);
      s = JSON.readTree(call("GET", url, token, null).body());
    }
    return s;
  }

  static String restoredLine(Serve s) {
    Matcher m = Pattern.compile("gateway: restored missions: [^\n]*").matcher(s.text());
    return m.find() ? m.group() : "(no restored missions line)";
  }

  @Test
  void missionsSurviveSigkillMidFlightAndDuringPlanning(@TempDir Path dir) throws Exception {
    missions(dir.resolve("data"), null, "embedded");
  }

  /** The same with a Mosquitto process the test starts on a free port (it keeps running while serve is killed). */
  @Test
  void missionsSurviveSigkillMidFlightAndDuringPlanningOnMosquitto(@TempDir Path dir) throws Exception {
    try (org.swarmsense.gateway.broker.MosquittoBroker broker = org.swarmsense.gateway.broker.MosquittoBroker.start()) {
      missions(dir.resolve("data"), broker.url(), "mosquitto");
    }
  }

  /** The missions' restart loop on the embedded broker ({@code mqttUrl} null) or on {@code mqttUrl}. */
  private void missions(Path dataDir, String mqttUrl, String broker) throws Exception {
    int rounds = Integer.getInteger("swarmsense.missionRestarts", 1);
    int mqttPort = FreePorts.pick();
    int httpPort = FreePorts.pick();
    Serve serve = start(dataDir, mqttUrl, mqttPort, httpPort);
    Matcher m = DASHBOARD.matcher(serve.text());
    assertTrue(m.find(), serve.text());
    String token = m.group(2);
    String missions = api(serve) + "/api/fleets/default/missions";
    // the drones wait at the mission's bases and fly plans 6x faster than the wall clock (a plan of
    // the 300 s window takes at most about a minute): long enough to be flying at the kill
    List<double[]> homes = List.of(new double[] {7.420, 43.736}, new double[] {7.430, 43.736});
    DeviceSimulator drones = DeviceSimulator.start(SimulatorSettings.of(mqttUrl == null ? serve.mqttUrl() : mqttUrl,
            "default", 2).withRateHz(2)
        .withLayout(new SimulatorSettings.Layout(homes, true, true, 6)));
    int kept = 0;
    int done = 0;
    long commandsBefore = 0;
    String planningId = null;
    String planningAtKill = null;
    JsonNode planningAfter = null;
    Map<String, JsonNode> last = new java.util.LinkedHashMap<>();
    try {
      assertTrue(drones.awaitConnected(Duration.ofSeconds(60)), "the simulated drones connect");
      for (int round = 1; round <= rounds; round++) {
        HttpResponse<String> submitted = call("POST", missions, token, String.format(Locale.ROOT, MISSION, round));
        assertEquals(202, submitted.statusCode(), submitted.body());
        String id = JSON.readTree(submitted.body()).path("id").asText();
        JsonNode planned = awaitState(missions + "/" + id, token, s -> !s.path("state").asText().equals("planning"), 120);
        assertEquals("planned", planned.path("state").asText(), planned.toString());
        HttpResponse<String> run = call("POST", missions + "/" + id + "/run", token, null);
        long runBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (run.statusCode() == 409 && run.body().contains("connected") && System.nanoTime() < runBy) {
          Thread.sleep(500); // the drones are not registered yet (first round, or after a restart)
          run = call("POST", missions + "/" + id + "/run", token, null);
        }
        assertEquals(200, run.statusCode(), run.body());
        assertEquals(2, JSON.readTree(run.body()).path("dispatch").path("accepted").asInt(), run.body());
        JsonNode flying = awaitState(missions + "/" + id, token,
            s -> !s.path("progress").asText().contains(" 0 flying") || !s.path("state").asText().equals("running"), 60);
        for (String k : new ArrayList<>(last.keySet())) {
          last.put(k, JSON.readTree(call("GET", missions + "/" + k, token, null).body()));
        }
        JsonNode before = JSON.readTree(call("GET", missions + "/" + id, token, null).body());
        last.put(id, before);
        if (round == rounds) {
          // the last kill also catches a mission while it is planning (one kill for both: one serve start less)
          HttpResponse<String> big = call("POST", missions, token,
              String.format(Locale.ROOT, MISSION, 1000).replace("\"plansPerDrone\":6", "\"plansPerDrone\":64")
                  .replace("\"iterations\":10", "\"iterations\":200"));
          assertEquals(202, big.statusCode(), big.body());
          planningId = JSON.readTree(big.body()).path("id").asText();
          planningAtKill = JSON.readTree(call("GET", missions + "/" + planningId, token, null).body())
              .path("state").asText();
        }
        serve.kill();
        serve = start(dataDir, mqttUrl, mqttPort, httpPort);
        int missionsKept = round + (round == rounds ? 1 : 0);
        assertTrue(serve.text().contains("restored missions: " + missionsKept + " ("), serve.text());
        if (round == rounds) {
          planningAfter = JSON.readTree(call("GET", missions + "/" + planningId, token, null).body());
        }
        System.out.println(restoredLine(serve));
        boolean allKept = true;
        String how = "as before";
        for (Map.Entry<String, JsonNode> e : last.entrySet()) {
          JsonNode after = JSON.readTree(call("GET", missions + "/" + e.getKey(), token, null).body());
          if (e.getKey().equals(id) && !after.equals(e.getValue())) {
            how = furtherOn(e.getValue(), after);
          }
          // as before, or further on: the drones may land while serve restarts, and the resumed
          // coordinator may have seen it before this read (running -> done); never back, never gone
          boolean same = after.equals(e.getValue())
              || (e.getValue().path("state").asText().equals("running") && after.path("state").asText().equals("done")
                  && after.path("id").equals(e.getValue().path("id")))
              || furtherInFlight(e.getValue(), after);
          allKept &= same;
          if (!after.equals(e.getValue())) {
            System.out.println("mission " + e.getKey() + " before the kill " + e.getValue() + ", after " + after);
          }
        }
        kept += allKept ? 1 : 0;
        JsonNode end = awaitState(missions + "/" + id, token, s -> s.path("state").asText().equals("done"), 240);
        done += end.path("state").asText().equals("done") ? 1 : 0;
        long commands = drones.commandsAnswered() + drones.commandsRefused();
        System.out.printf(Locale.ROOT, "%s mission restart %d/%d: %s was %s (%s) at the kill; after the restart it"
                + " answered %s; then %s (%s); plan commands answered by the drones this round: %d%n", broker, round, rounds,
            id, before.path("state").asText(), before.path("progress").asText(), !allKept ? "DIFFERENTLY" : how,
            end.path("state").asText(), end.path("progress").asText(), commands - commandsBefore);
        assertTrue(allKept, "missions answer as before the kill");
        assertEquals("done", end.path("state").asText(), "the mission completes after the restart: " + end);
        assertEquals(2, commands - commandsBefore, "one plan command per drone, none sent twice");
        commandsBefore = commands;
        last.put(id, end);
      }

      // the mission caught planning at the last kill: after the restart it is planned again, not lost
      JsonNode end = awaitState(missions + "/" + planningId, token, s -> !s.path("state").asText().equals("planning"),
          240);
      System.out.printf(Locale.ROOT, "%s kill during planning: %s was %s at the kill, %s after the restart, then %s%s%n",
          broker, planningId, planningAtKill, planningAfter.path("state").asText(), end.path("state").asText(),
          end.has("error") ? " (" + end.path("error").asText() + ")" : "");
      assertTrue(Set.of("planning", "planned").contains(planningAfter.path("state").asText()), planningAfter.toString());
      assertEquals("planned", end.path("state").asText(), end.toString());
    } finally {
      drones.close();
      serve.kill();
    }
    System.out.printf(Locale.ROOT, "%s after %d SIGKILL restarts mid-flight: missions answered as before %d/%d,"
        + " completed %d/%d, missions lost %d%n", broker, rounds, kept, rounds, done, rounds, rounds - done);
  }

  /** A second serve on a data directory in use stops at once, naming the directory and the holder. */
  static void secondServeOnTheSameDirectoryStopsNamingIt(Path dataDir) throws Exception {
    StringBuffer out = new StringBuffer();
    Process second = launch(dataDir, FreePorts.pick(), FreePorts.pick(), out);
    assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second serve did not stop");
    Thread.sleep(200);
    System.out.println("second serve on the same data dir: exit " + second.exitValue() + ": " + out.toString().strip());
    assertEquals(2, second.exitValue(), out.toString());
    assertTrue(out.toString().contains(dataDir.toAbsolutePath() + " is in use by another serve (pid "), out.toString());
  }

  /** GET .../audit with bad paging parameters: 400 naming the parameter; nothing else changes. */
  static void auditPagingAbuseIsRefusedNamingTheField(String base, String token) throws Exception {
    String[][] probes = {
        {"after=-1", "after"}, {"after=abc", "after"}, {"after=99999999999999999999", "after"}, {"after=1e3", "after"},
        {"limit=0", "limit"}, {"limit=501", "limit"}, {"limit=-5", "limit"}, {"limit=%00", "limit"},
        {"limit=1000000000000", "limit"}};
    for (String[] p : probes) {
      HttpResponse<String> r = call("GET", base + "/api/fleets/default/audit?" + p[0], token, null);
      System.out.println("audit abuse " + p[0] + ": " + r.statusCode() + " " + r.body());
      assertEquals(400, r.statusCode(), p[0] + " " + r.body());
      assertEquals(p[1], JSON.readTree(r.body()).path("field").asText(), r.body());
    }
    HttpResponse<String> other = call("GET", base + "/api/fleets/other/audit", token, null);
    assertEquals(403, other.statusCode(), "another fleet's audit log: " + other.body());
    HttpResponse<String> none = call("GET", base + "/api/fleets/default/audit", "not-a-token-at-all", null);
    assertEquals(401, none.statusCode(), none.body());
    HttpResponse<String> ok = call("GET", base + "/api/fleets/default/audit?after=0&limit=500", token, null);
    assertEquals(200, ok.statusCode(), ok.body());
  }

  @Test
  void aMissionReadAgainIsFurtherInFlightOnlyWhenItsDronesWentForward() throws Exception {
    // the CI run of 2026-12-02 10:50 read m1 with one drone flying, the second took off before the kill
    String m = "{\"type\":\"mission\",\"id\":\"m1\",\"state\":\"%s\",\"progress\":\"%s\"}";
    JsonNode before = JSON.readTree(m.formatted("running", "2 of 2 drones accepted their plan; 1 flying, 0 done"));
    assertTrue(furtherInFlight(before,
        JSON.readTree(m.formatted("running", "2 of 2 drones accepted their plan; 2 flying, 0 done"))));
    assertTrue(furtherInFlight(before,
        JSON.readTree(m.formatted("running", "2 of 2 drones accepted their plan; 0 flying, 1 done"))));
    assertFalse(furtherInFlight(before,
        JSON.readTree(m.formatted("running", "2 of 2 drones accepted their plan; 0 flying, 0 done"))), "a drone went back");
    assertFalse(furtherInFlight(before,
        JSON.readTree(m.formatted("running", "1 of 2 drones accepted their plan; 2 flying, 0 done"))), "plans changed");
    assertFalse(furtherInFlight(before,
        JSON.readTree(m.formatted("planning", "2 of 2 drones accepted their plan; 2 flying, 0 done"))), "state went back");
  }

  @Test
  void theRoundSaysWhatHappenedToAMissionThatWentFurther() throws Exception {
    String m = "{\"type\":\"mission\",\"id\":\"m1\",\"state\":\"%s\",\"progress\":\"%s\"}";
    JsonNode before = JSON.readTree(m.formatted("running", "2 of 2 drones accepted their plan; 1 flying, 0 done"));
    assertEquals("further on (running: 1 took off, 0 landed while serve restarted)", furtherOn(before,
        JSON.readTree(m.formatted("running", "2 of 2 drones accepted their plan; 2 flying, 0 done"))));
    assertEquals("further on (running: 0 took off, 1 landed while serve restarted)", furtherOn(before,
        JSON.readTree(m.formatted("running", "2 of 2 drones accepted their plan; 0 flying, 1 done"))));
    assertEquals("further on (done: the drones landed while serve restarted)", furtherOn(before,
        JSON.readTree(m.formatted("done", "2 of 2 drones accepted their plan; 0 flying, 2 done"))));
    assertEquals("not further on (running: 2 of 2 drones accepted their plan; 0 flying, 0 done)", furtherOn(before,
        JSON.readTree(m.formatted("running", "2 of 2 drones accepted their plan; 0 flying, 0 done"))));
  }

  /**
   * What happened to a mission read again after the restart that differs from the read before: done
   * (its drones landed meanwhile), or still running with drones that took off or landed meanwhile
   * ({@link #furtherInFlight}), else not further on.
   */
  static String furtherOn(JsonNode before, JsonNode after) {
    if (before.path("state").asText().equals("running") && after.path("state").asText().equals("done")) {
      return "further on (done: the drones landed while serve restarted)";
    }
    java.util.regex.Matcher b = FLIGHT.matcher(before.path("progress").asText());
    java.util.regex.Matcher a = FLIGHT.matcher(after.path("progress").asText());
    if (furtherInFlight(before, after) && b.matches() && a.matches()) {
      int landed = Integer.parseInt(a.group(3)) - Integer.parseInt(b.group(3));
      int tookOff = Integer.parseInt(a.group(2)) + Integer.parseInt(a.group(3)) - Integer.parseInt(b.group(2))
          - Integer.parseInt(b.group(3));
      return "further on (running: " + tookOff + " took off, " + landed + " landed while serve restarted)";
    }
    return "not further on (" + after.path("state").asText() + ": " + after.path("progress").asText() + ")";
  }

  private static final java.util.regex.Pattern FLIGHT = java.util.regex.Pattern.compile(
      "^(\\d+ of \\d+ drones accepted their plan); (\\d+) flying, (\\d+) done$");

  /**
   * A running mission read again a little later: the same plans accepted, and its drones only further
   * on (one that was still on the ground at the first read may take off before the kill; flying
   * drones may land). Taken off or landed drones never go back.
   */
  static boolean furtherInFlight(JsonNode before, JsonNode after) {
    if (!before.path("state").asText().equals("running") || !after.path("state").asText().equals("running")
        || !after.path("id").equals(before.path("id"))) {
      return false;
    }
    java.util.regex.Matcher b = FLIGHT.matcher(before.path("progress").asText());
    java.util.regex.Matcher a = FLIGHT.matcher(after.path("progress").asText());
    if (!b.matches() || !a.matches() || !a.group(1).equals(b.group(1))) {
      return false;
    }
    int flyingB = Integer.parseInt(b.group(2));
    int doneB = Integer.parseInt(b.group(3));
    int flyingA = Integer.parseInt(a.group(2));
    int doneA = Integer.parseInt(a.group(3));
    return doneA >= doneB && flyingA + doneA >= flyingB + doneB;
  }
}
