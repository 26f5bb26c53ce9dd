package org.swarmsense.fieldtests.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.wire.CommandKind;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * Issue 16 part 4's two-node failover as a scenario parameterized by broker URLs, so that the same
 * steps run against one broker (the default suite's Mosquitto process) and against a broker cluster
 * (the containers profile's two EMQX nodes: node A and node B on different cluster members, the
 * drones spread over both). Two {@code swarmsense serve} processes form a Pekko cluster (B joins
 * through A); {@value #DEVICES} simulated drones send telemetry at 1 Hz and answer QoS 1 commands;
 * both nodes must host entities; A (the seed, the oldest) is killed with SIGKILL; every entity must
 * run on B within 10 s, and every QoS 1 command sent over B's HTTP API from 3 s before the kill to
 * 15 s after it reaches its device. A failed request is repeated with the same {@code t_ms}, as an
 * operator would; devices count distinct commands. Prints the failover time and the command counts.
 *
 * <p>{@link TwoNodeFailoverTest} runs it on one Mosquitto process (default suite); the containers
 * profile's {@code EmqxTwoNodeFailoverContainerTest} on a two-node EMQX cluster.
 */
public final class TwoNodeFailover {
  static final int DEVICES = 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "two-node-failover-token-16";

  private TwoNodeFailover() {}

  /**
   * Runs the scenario: node A on {@code brokerUrlA}, node B on {@code brokerUrlB}, drone {@code i} on
   * {@code droneBrokerUrls.get(i % size)}. Fails (JUnit assertions) when a goal is missed.
   */
  public static void run(Path dir, String brokerUrlA, String brokerUrlB, List<String> droneBrokerUrls)
      throws Exception {
    if (droneBrokerUrls.isEmpty()) {
      throw new IllegalArgumentException("droneBrokerUrls must name at least one broker");
    }
    List<Drone> drones = new ArrayList<>();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    RestartAfterKillTest.Serve a = null;
    RestartAfterKillTest.Serve b = null;
    try {
      int portA = FreePorts.pick();
      int portB = FreePorts.pick();
      a = startNode(dir.resolve("a"), brokerUrlA, portA, portA);
      awaitUp(a);
      b = startNode(dir.resolve("b"), brokerUrlB, portB, portA);
      awaitUp(b);
      String apiA = RestartAfterKillTest.api(a);
      String apiB = RestartAfterKillTest.api(b);
      for (int i = 0; i < DEVICES; i++) {
        drones.add(new Drone(droneBrokerUrls.get(i % droneBrokerUrls.size()), String.format(Locale.ROOT, "d%02d", i)));
      }
      ticker.scheduleAtFixedRate(() -> {
        long now = System.currentTimeMillis();
        for (Drone d : drones) {
          try {
            d.telemetry(now);
          } catch (MqttException e) {
            System.out.println(d.id + ": telemetry not sent: " + e);
          }
        }
      }, 0, 1, TimeUnit.SECONDS);

      // both nodes host entities: together they list every drone
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      Map<String, Long> onA = Map.of();
      Map<String, Long> onB = Map.of();
      while (System.nanoTime() < until) {
        onA = devicesOn(apiA);
        onB = devicesOn(apiB);
        Set<String> all = new HashSet<>(onA.keySet());
        all.addAll(onB.keySet());
        if (all.size() == DEVICES && !onA.isEmpty() && !onB.isEmpty()) {
          break;
        }
        Thread.sleep(500);
      }
      System.out.printf("before the kill: node A hosts %d entities %s, node B %d %s%n", onA.size(), onA.keySet(),
          onB.size(), onB.keySet());
      assertTrue(!onA.isEmpty() && !onB.isEmpty(), "the entities are not split between the nodes: A " + onA.keySet()
          + ", B " + onB.keySet());

      Set<Long> sent = ConcurrentHashMap.newKeySet();
      AtomicInteger retries = new AtomicInteger();
      AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      Thread commander = new Thread(() -> command(apiB, drones, sent, retries, stopAt, failures), "commander");
      commander.start();
      Thread.sleep(3000);

      a.kill();
      long killedAt = System.currentTimeMillis();
      long killedNanos = System.nanoTime();
      stopAt.set(killedNanos + TimeUnit.SECONDS.toNanos(15));
      double failoverS = Double.NaN;
      Map<String, Long> after = Map.of();
      while (System.nanoTime() < killedNanos + TimeUnit.SECONDS.toNanos(60)) {
        after = devicesOn(apiB);
        long fresh = after.values().stream().filter(t -> t >= killedAt).count();
        if (fresh == DEVICES) {
          failoverS = (System.nanoTime() - killedNanos) / 1e9;
          break;
        }
        Thread.sleep(100);
      }
      System.out.printf(Locale.ROOT, "SIGKILL of node A: all %d entities run on node B after %.1f s (goal <= 10 s);"
          + " B lists %d%n", DEVICES, failoverS, after.size());
      commander.join(TimeUnit.SECONDS.toMillis(120));
      // the last commands' deliveries may still be in flight
      long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Set<Long> received = new HashSet<>();
      while (System.nanoTime() < settle) {
        received.clear();
        drones.forEach(d -> received.addAll(d.received));
        if (received.containsAll(sent)) {
          break;
        }
        Thread.sleep(200);
      }
      Set<Long> lost = new HashSet<>(sent);
      lost.removeAll(received);
      System.out.printf("QoS 1 commands over node B's HTTP API from 3 s before to 15 s after the kill: sent %d,"
          + " received by the devices %d, lost %d, requests repeated %d%n", sent.size(), sent.size() - lost.size(),
          lost.size(), retries.get());
      failures.stream().limit(10).forEach(f -> System.out.println("  failed request: " + f));
      System.out.println("node B after the kill:\n" + b.text().lines().filter(l -> !l.startsWith("t="))
          .filter(l -> l.contains("gateway:") || l.contains("down") || l.contains("Down"))
          .reduce("", (x, y) -> x + y + "\n"));
      assertTrue(failoverS <= 10.0, "entities not on the survivor within 10 s: " + failoverS + " s; " + after);
      assertTrue(sent.size() >= 10, "too few commands sent: " + sent.size());
      assertEquals(Set.of(), lost, "QoS 1 commands lost");
      assertTrue(b.process().isAlive(), "the survivor stopped: " + b.text());
    } finally {
      // while the brokers still run: Paho's disconnect can hang once its connection is gone
      ticker.shutdownNow();
      if (a != null && a.process().isAlive()) {
        a.kill();
      }
      if (b != null && b.process().isAlive()) {
        b.kill();
      }
      Thread closer = new Thread(() -> {
        for (Drone d : drones) {
          try {
            d.client.disconnectForcibly(0, 1000, false);
            d.client.close(true);
          } catch (MqttException ignored) {
            // already disconnected
          }
        }
      }, "drone-closer");
      closer.setDaemon(true);
      closer.start();
      closer.join(10_000);
    }
  }

  /** QoS 1 commands over {@code api}, one at a time, round robin over the drones, until {@code stopAt}. */
  private static void command(String api, List<Drone> drones, Set<Long> sent, AtomicInteger retries,
      AtomicLong stopAt, List<String> failures) {
    long base = System.currentTimeMillis();
    for (int i = 0; System.nanoTime() < stopAt.get(); i++) {
      long tMs = base + i;
      Drone d = drones.get(i % drones.size());
      sent.add(tMs);
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try {
          HttpResponse<String> r = RestartAfterKillTest.call("POST", api + "/api/fleets/default/devices/" + d.id
              + "/commands?kind=drone", TOKEN, "{\"v\":1,\"t_ms\":" + tMs + ",\"cmd\":\"hold\"}");
          if (r.statusCode() == 200 && JSON.readTree(r.body()).path("ok").asBoolean()) {
            break;
          }
          failures.add(d.id + " " + r.statusCode() + " " + r.body());
        } catch (Exception e) {
          failures.add(d.id + " " + e);
        }
        if (System.nanoTime() > giveUp) {
          return;
        }
        retries.incrementAndGet();
        if (!pause(200)) {
          return;
        }
      }
      if (!pause(100)) {
        return;
      }
    }
  }

  private static boolean pause(long ms) {
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static RestartAfterKillTest.Serve startNode(Path dataDir, String brokerUrl, int clusterPort, int seedPort)
      throws Exception {
    StringBuffer out = new StringBuffer();
    Process p = RestartAfterKillTest.launch(List.of("--mqtt-url", brokerUrl, "--data-dir", dataDir.toString(),
        "--http-port", String.valueOf(FreePorts.pick()), "--token", "default=" + TOKEN, "--cluster-host", "127.0.0.1",
        "--cluster-port", String.valueOf(clusterPort), "--seed-node", "127.0.0.1:" + seedPort), out);
    return new RestartAfterKillTest.Serve(p, out, 0);
  }

  static void awaitUp(RestartAfterKillTest.Serve s) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!(s.text().contains("link connected") && s.text().contains("cluster member up")) && s.process().isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(s.text().contains("link connected") && s.text().contains("cluster member up"),
        "serve did not join: " + s.text());
  }

  /** The drones the node's HTTP API lists (their entities run there), with their last telemetry time. */
  static Map<String, Long> devicesOn(String api) throws Exception {
    HttpResponse<String> r = RestartAfterKillTest.call("GET", api + "/api/fleets/default/devices", TOKEN, null);
    assertEquals(200, r.statusCode(), r.body());
    Map<String, Long> m = new TreeMap<>();
    for (JsonNode d : JSON.readTree(r.body())) {
      m.put(d.path("id").asText(), d.path("t_ms").asLong());
    }
    return m;
  }

  /** A simulated drone: telemetry on demand, replies to its commands, counts distinct ones by t_ms. */
  static final class Drone implements MqttCallback {
    final String id;
    final MqttAsyncClient client;
    final Set<Long> received = ConcurrentHashMap.newKeySet();

    Drone(String url, String id) throws MqttException {
      this.id = id;
      client = new MqttAsyncClient(url, "failover-" + id, new MemoryPersistence());
      client.setCallback(this);
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(true);
      o.setSessionExpiryInterval(3600L);
      o.setAutomaticReconnect(false);
      client.connect(o).waitForCompletion(10_000);
      client.subscribe("swarmsense/default/drone/" + id + "/cmd", 1).waitForCompletion(10_000);
    }

    void telemetry(long nowMs) throws MqttException {
      double latDeg = 43.73 + 0.0001 * Math.floorMod(id.hashCode(), 10);
      byte[] t = Payloads.toJson(new Telemetry(1, nowMs, latDeg, 7.42, 30, 0, 0, 80, "hover"));
      client.publish("swarmsense/default/drone/" + id + "/telemetry", t, 0, false);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
      JsonNode cmd = JSON.readTree(message.getPayload());
      received.add(cmd.path("t_ms").asLong());
      MqttProperties in = message.getProperties();
      if (in != null && in.getResponseTopic() != null) {
        MqttProperties out = new MqttProperties();
        out.setCorrelationData(in.getCorrelationData());
        MqttMessage reply = new MqttMessage(Payloads.toJson(CommandReply.accepted(System.currentTimeMillis(),
            CommandKind.HOLD)));
        reply.setQos(1);
        reply.setProperties(out);
        client.publish(in.getResponseTopic(), reply); // not waited for: this is Paho's callback thread
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse r) { }

    @Override
    public void mqttErrorOccurred(MqttException e) { }

    @Override
    public void deliveryComplete(IMqttToken token) { }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) { }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) { }
  }
}
