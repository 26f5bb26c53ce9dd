package org.swarmsense.fieldtests.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;

/**
 * Issue 18, devices and commands: {@code serve} (a child process) with 3 simulated drones that report
 * and then go offline; each round a command is posted over HTTP for an offline drone (it stays
 * pending: no answer), then serve is SIGKILLed and started again on the same data directory. After
 * every restart {@code /api/fleets/default/devices} answers exactly as before the kill (the offline
 * drones with their last position and status) and every command posted so far is still pending. At the
 * end the drones come back: every pending command reaches its drone and is applied exactly once
 * (copies from the broker's queue and the gateway's re-sends carry the same id), and none is left
 * pending. Here with a Mosquitto process the test starts on a free port (it keeps running while
 * serve is killed); the first start is given its token with {@code --token} and the restarts (without
 * it) must keep accepting it. Rounds: {@code -Dswarmsense.deviceRestarts=N} (default 1; the issue's
 * figure: 20). The same checks with the embedded broker (killed with serve; its data directory keeps
 * the sessions) run inside {@link RestartAfterKillTest}'s restart loop ({@link Devices}; its rounds
 * are {@code -Dswarmsense.restarts}), which saves that run's own serve starts. Prints the counts.
 */
public class DeviceRestartAfterKillTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOKEN = Pattern.compile("dashboard of fleet default: \\S+token=([0-9a-f]+)");
  static final int DRONES = 3;

  /** serve as a child process; with {@code mqttUrl} null it runs the embedded broker on a free port. */
  public static RestartAfterKillTest.Serve start(Path dataDir, String mqttUrl, String... extra) throws Exception {
    int mqttPort = FreePorts.pick();
    int httpPort = FreePorts.pick();
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), "org.swarmsense.gateway.cli.SwarmsenseCli",
        "serve", "--data-dir", dataDir.toString(), "--http-port", String.valueOf(httpPort), "--edge-nodes", "0"));
    if (mqttUrl == null) {
      cmd.addAll(List.of("--mqtt-port", String.valueOf(mqttPort)));
    } else {
      cmd.addAll(List.of("--mqtt-url", mqttUrl));
    }
    cmd.addAll(List.of(extra));
    StringBuffer out = new StringBuffer();
    Process p = RestartAfterKillTest.spawn(cmd, out);
    RestartAfterKillTest.awaitConnected(p, out);
    return new RestartAfterKillTest.Serve(p, out, mqttPort);
  }

  static String url(RestartAfterKillTest.Serve s, String mqttUrl) {
    return mqttUrl != null ? mqttUrl : s.mqttUrl();
  }

  static JsonNode get(String url, String token) throws Exception {
    HttpResponse<String> r = RestartAfterKillTest.call("GET", url, token, null);
    assertEquals(200, r.statusCode(), url + " " + r.body());
    return JSON.readTree(r.body());
  }

  /** Polls the device list until {@code done} holds for it (or 30 s passed); returns the last answer. */
  static JsonNode devicesWhen(String base, String token, java.util.function.Predicate<JsonNode> done) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode d = get(base + "/api/fleets/default/devices", token);
    while (!done.test(d) && System.nanoTime() < until) {
      Thread.sleep(200);
      d = get(base + "/api/fleets/default/devices", token);
    }
    return d;
  }

  static boolean allOnline(JsonNode devices, boolean online) {
    if (devices.size() != DRONES) {
      return false;
    }
    for (JsonNode d : devices) {
      if (d.path("online").isMissingNode() || d.path("online").asBoolean() != online) {
        return false;
      }
    }
    return true;
  }

  static TreeSet<String> pendingIds(String base, String token) throws Exception {
    TreeSet<String> ids = new TreeSet<>();
    get(base + "/api/fleets/default/commands", token).path("pending").forEach(p -> ids.add(p.path("id").asText()));
    return ids;
  }

  /**
   * The devices-and-commands checks of one serve life-cycle, in phases, so that a loop of SIGKILL
   * restarts can run them together with its own checks ({@link RestartAfterKillTest} folds the
   * embedded-broker run into its loop: fewer serve starts).
   */
  static final class Devices {
    final String name;
    final String token;
    final JsonNode before;
    final TreeSet<String> submitted = new TreeSet<>();
    int devicesOk;
    int pendingOk;

    private Devices(String name, String token, JsonNode before) {
      this.name = name;
      this.token = token;
      this.before = before;
    }

    /** The drones report, then go offline (their goodbye: retained status offline); kept as <i>before</i>. */
    static Devices setUp(String name, String mqttUrl, String base, String token) throws Exception {
      SimulatorSettings sim = SimulatorSettings.of(mqttUrl, "default", DRONES);
      try (DeviceSimulator s = DeviceSimulator.start(sim)) {
        assertTrue(s.awaitConnected(Duration.ofSeconds(60)), "drones did not connect");
        assertTrue(allOnline(devicesWhen(base, token, d -> allOnline(d, true)), true), "drones not online");
        Thread.sleep(1500); // a few telemetry samples more
      }
      JsonNode before = devicesWhen(base, token, d -> allOnline(d, false));
      assertTrue(allOnline(before, false), before.toString());
      Thread.sleep(3000); // past the device journal's flush interval (2 s): the offline status is written
      return new Devices(name, token, before);
    }

    /** Posts round {@code round}'s command for an offline drone: 202 pending. */
    void post(String base, int round) throws Exception {
      String drone = String.format(Locale.ROOT, "d%04d", round % DRONES);
      HttpResponse<String> post = RestartAfterKillTest.call("POST", base + "/api/fleets/default/devices/" + drone
          + "/commands?wait_ms=0", token, "{\"v\":1,\"t_ms\":" + System.currentTimeMillis()
          + ",\"cmd\":\"rate\",\"rate_hz\":" + (1 + round % 5) + "}");
      assertEquals(202, post.statusCode(), "an offline drone cannot answer: " + post.body());
      submitted.add(JSON.readTree(post.body()).path("id").asText());
    }

    /**
     * After a restart: the device list as before, every command posted so far pending, the startup
     * line naming {@code minDevices..maxDevices} devices kept over all fleets (other devices of the
     * serve may have been written or not before the kill: the device journal may lose the status
     * changes of its last 2 s) and the pending commands, the token kept.
     */
    void check(RestartAfterKillTest.Serve serve, String base, int round, int rounds, int minDevices, int maxDevices)
        throws Exception {
      JsonNode after = devicesWhen(base, token, d -> d.equals(before));
      boolean devicesRoundOk = after.equals(before);
      devicesOk += devicesRoundOk ? 1 : 0;
      TreeSet<String> pending = pendingIds(base, token);
      boolean pendingRoundOk = pending.equals(submitted);
      pendingOk += pendingRoundOk ? 1 : 0;
      System.out.printf("%s restart %d/%d: devices %s, pending commands %d/%d; %s%n", name, round, rounds,
          devicesRoundOk ? "as before" : "CHANGED", pending.size(), submitted.size(),
          serve.text().lines().filter(l -> l.contains("state in")).findFirst().orElse("?"));
      assertTrue(devicesRoundOk, "before " + before + "\nafter  " + after);
      assertTrue(pendingRoundOk, "pending " + pending + " submitted " + submitted);
      Matcher kept = Pattern.compile("(\\d+) device\\(s\\), " + submitted.size() + " pending command\\(s\\)")
          .matcher(serve.text());
      assertTrue(kept.find(), serve.text());
      int devicesKept = Integer.parseInt(kept.group(1));
      assertTrue(devicesKept >= minDevices && devicesKept <= maxDevices,
          "devices kept " + devicesKept + ", expected " + minDevices + ".." + maxDevices + ": " + serve.text());
      assertTrue(serve.text().contains("fleet default keeps its token"), "the token of the first start: " + serve.text());
    }

    /** The drones come back: each pending command arrives and is applied once, none stays pending. */
    void comeBack(String mqttUrl, String base, int rounds) throws Exception {
      long applied;
      long copies;
      long repeats;
      TreeSet<String> left;
      try (DeviceSimulator s = DeviceSimulator.start(SimulatorSettings.of(mqttUrl, "default", DRONES))) {
        assertTrue(s.awaitConnected(Duration.ofSeconds(60)), "drones did not come back");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        left = pendingIds(base, token);
        while (!left.isEmpty() && System.nanoTime() < until) {
          Thread.sleep(250);
          left = pendingIds(base, token);
        }
        Thread.sleep(1000); // late copies from the broker's queue
        copies = s.commandsAnswered() + s.commandsRefused();
        repeats = s.commandsRepeated();
        applied = copies - repeats;
      }
      System.out.printf("%s after %d SIGKILL restarts: devices as before %d/%d, pending commands kept %d/%d,"
          + " delivered and answered %d/%d (%d left pending), applied %d (copies received %d, repeats not applied"
          + " %d)%n", name, rounds, devicesOk, rounds, pendingOk, rounds, submitted.size() - left.size(),
          submitted.size(), left.size(), applied, copies, repeats);
      assertEquals(List.of(), List.copyOf(left), "commands left pending");
      assertEquals(submitted.size(), applied, "each command applied exactly once");
    }
  }

  /**
   * @param givenToken null: the automatic token; else the first start gets it with {@code --token} and
   *     the restarts run without {@code --token} and must keep accepting it
   */
  void run(Path dataDir, String mqttUrl, String name, String givenToken) throws Exception {
    int rounds = Integer.getInteger("swarmsense.deviceRestarts", 1);
    RestartAfterKillTest.Serve serve = givenToken == null ? start(dataDir, mqttUrl)
        : start(dataDir, mqttUrl, "--token", "default=" + givenToken);
    String token = givenToken;
    if (token == null) {
      Matcher m = TOKEN.matcher(serve.text());
      assertTrue(m.find(), serve.text());
      token = m.group(1);
    }
    String base = RestartAfterKillTest.api(serve);
    Devices devices = Devices.setUp(name, url(serve, mqttUrl), base, token);
    for (int round = 1; round <= rounds; round++) {
      devices.post(base, round);
      serve.kill();
      serve = start(dataDir, mqttUrl);
      base = RestartAfterKillTest.api(serve);
      devices.check(serve, base, round, rounds, DRONES, DRONES);
    }
    devices.comeBack(url(serve, mqttUrl), base, rounds);
    serve.kill();
  }

  @Test
  void devicesAndPendingCommandsSurviveSigkillWithMosquittoRunningOn(@TempDir Path dir) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      // the first start is given its token with --token: it is kept like an automatic one
      run(dir.resolve("data"), broker.url(), "mosquitto", "operator-given-token-0123456789");
    }
  }
}
