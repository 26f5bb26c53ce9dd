package org.swarmsense.fieldtests.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.mqtt.RecordingIngest;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandKind;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Waypoint;

/**
 * Mosquitto is killed (SIGKILL) and restarted 20 times in the middle of a mission. Each round the
 * gateway sends plans and commands before the crash, while the broker is down (they wait in the
 * link's outbox) and after it is back. Every one must reach its drone byte-equal to what was sent
 * and be answered; duplicates (QoS 1 is at least once) are counted and shown to be removed by the
 * drones' de-duplication on the payload, so each command is applied exactly once. The gateway must
 * reconnect within 5 s of the restart (measured). Meanwhile 10 simulated devices keep sending
 * telemetry, which must flow again after every restart. Each round is bounded (60 s); on a timeout the
 * test prints a thread dump and fails, so a deadlock cannot hang the build.
 */
class BrokerRestartTest {
  private static final String FLEET = "f-restart";
  private static final int ROUNDS = 20;
  private static final int DRONES = 4;
  private static final int PER_PHASE = 3; // per drone: before the crash, during the outage, after the restart

  /** A drone on its own persistent session that records every command and answers it. */
  private static final class Drone {
    final DeviceId id;
    final MqttLink link;
    final Map<ByteBuffer, AtomicInteger> received = new ConcurrentHashMap<>();
    final List<byte[]> applied = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<byte[]> sent = java.util.Collections.synchronizedList(new ArrayList<>());

    Drone(String url, int i) {
      this.id = new DeviceId(FLEET, DeviceKind.DRONE, "d" + i);
      this.link = MqttLink.create(MqttLinkSettings.defaults(url, "restart-drone-" + i));
      link.subscribe(id.topic(Channel.CMD).toString(), 1, (topic, msg) -> {
        byte[] payload = msg.getPayload();
        AtomicInteger n = received.computeIfAbsent(ByteBuffer.wrap(payload.clone()), k -> new AtomicInteger());
        if (n.incrementAndGet() == 1) {
          applied.add(payload.clone()); // de-duplicated: a repeated payload is answered but not applied again
        }
        CommandKind kind = Payloads.readCommand(payload).kind();
        MqttProperties out = new MqttProperties();
        out.setCorrelationData(msg.getProperties().getCorrelationData());
        link.publish(msg.getProperties().getResponseTopic(),
            Payloads.toJson(CommandReply.accepted(System.currentTimeMillis(), kind)), 1, false, out);
      });
      link.connect();
    }

    int duplicates() {
      return received.values().stream().mapToInt(a -> a.get() - 1).sum();
    }
  }

  @Test
  void everyCommandArrivesExactlyAsSentAcrossTwentyBrokerCrashes() throws Exception {
    ExecutorService roundRunner = Executors.newSingleThreadExecutor();
    RecordingIngest ingest = new RecordingIngest();
    try (MosquittoBroker broker = MosquittoBroker.start();
        FleetLink gateway = FleetLink.start(MqttLink.create(MqttLinkSettings.defaults(broker.url(), "gw-restart-20")),
            ingest, Set.of(FLEET)::contains, "gw");
        DeviceSimulator background = DeviceSimulator.start(
            SimulatorSettings.of(broker.url(), FLEET, 10).withRateHz(2).withConnections(2))) {
      List<Drone> drones = new ArrayList<>();
      for (int i = 0; i < DRONES; i++) {
        drones.add(new Drone(broker.url(), i));
      }
      try {
        assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(10)));
        for (Drone d : drones) {
          assertTrue(d.link.awaitConnected(Duration.ofSeconds(10)));
        }
        Thread.sleep(1500); // mosquitto writes its sessions every second (autosave_interval 1)
        List<byte[]> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Double> reconnectS = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int round = 1; round <= ROUNDS; round++) {
          int r = round;
          Future<Double> f = roundRunner.submit(() -> round(broker, gateway, ingest, drones, sent, r));
          try {
            reconnectS.add(f.get(60, TimeUnit.SECONDS));
          } catch (TimeoutException e) {
            System.out.println(threadDump());
            f.cancel(true);
            fail("round " + round + " did not finish within 60 s (thread dump above)");
          }
        }
        double totalS = (System.nanoTime() - t0) / 1e9;
        // every command applied exactly once by its drone, byte-equal to what was sent
        int applied = 0;
        int duplicates = 0;
        for (Drone d : drones) {
          Set<ByteBuffer> sentToD = ConcurrentHashMap.newKeySet();
          List<byte[]> mine = d.sent;
          mine.forEach(b -> assertTrue(sentToD.add(ByteBuffer.wrap(b)), "payloads sent to " + d.id + " are distinct"));
          Set<ByteBuffer> appliedByD = ConcurrentHashMap.newKeySet();
          for (byte[] a : d.applied) {
            assertTrue(appliedByD.add(ByteBuffer.wrap(a)), "applied twice by " + d.id);
            applied++;
          }
          assertEquals(sentToD, appliedByD, d.id + " applied exactly the payloads sent to it, byte for byte");
          duplicates += d.duplicates();
        }
        assertEquals(sent.size(), applied);
        double max = reconnectS.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double mean = reconnectS.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf("%d broker crashes in %.1f s: %d commands sent, %d applied once each, %d duplicate"
                + " deliveries removed by the drones; gateway reconnected %.3f s after restart on average, %.3f s at most%n",
            ROUNDS, totalS, sent.size(), applied, duplicates, mean, max);
        System.out.printf("background telemetry ingested across the crashes: %d samples%n", ingest.telemetryCount());
        assertTrue(max < 5.0, "gateway reconnect took " + max + " s");
        assertEquals(ROUNDS, gateway.mqtt().stats().connectionLosses());
      } finally {
        drones.forEach(d -> d.link.close());
        roundRunner.shutdownNow();
      }
    }
  }

  /** One crash round; returns the seconds from the restart until the gateway is connected again. */
  private static double round(MosquittoBroker broker, FleetLink gateway, RecordingIngest ingest, List<Drone> drones,
      List<byte[]> sent, int round) throws Exception {
    List<CompletableFuture<CommandReply>> replies = new ArrayList<>();
    send(gateway, drones, sent, replies, round, "before");
    Thread.sleep(1200); // delivered and saved before the crash
    broker.kill();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (gateway.mqtt().isConnected() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    send(gateway, drones, sent, replies, round, "outage");
    Thread.sleep(200);
    long restarted = System.nanoTime();
    broker.restart();
    assertTrue(gateway.mqtt().awaitConnected(Duration.ofSeconds(5)), "gateway not back within 5 s in round " + round);
    double upS = (System.nanoTime() - restarted) / 1e9;
    for (Drone d : drones) {
      assertTrue(d.link.awaitConnected(Duration.ofSeconds(10)), d.id + " not back in round " + round);
    }
    send(gateway, drones, sent, replies, round, "after");
    for (CompletableFuture<CommandReply> r : replies) {
      assertTrue(r.get(40, TimeUnit.SECONDS).ok());
    }
    long telemetryBefore = ingest.telemetryCount();
    long flowDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ingest.telemetryCount() < telemetryBefore + 10 && System.nanoTime() < flowDeadline) {
      Thread.sleep(20);
    }
    assertTrue(ingest.telemetryCount() >= telemetryBefore + 10, "telemetry flows again in round " + round);
    int dup = drones.stream().mapToInt(Drone::duplicates).sum();
    System.out.printf("round %2d: gateway reconnected %.3f s after restart (outage %s), %d commands answered,"
        + " duplicates so far %d%n", round, upS, gateway.mqtt().stats().lastOutage(), replies.size(), dup);
    return upS;
  }

  private static void send(FleetLink gateway, List<Drone> drones, List<byte[]> sent,
      List<CompletableFuture<CommandReply>> replies, int round, String phase) {
    for (Drone d : drones) {
      for (int i = 0; i < PER_PHASE; i++) {
        long now = System.currentTimeMillis();
        Command c = i == 0
            ? Command.plan(now, "r" + round + "-" + phase + "-" + d.id.id(),
                List.of(new Waypoint(43.73 + i * 1e-4, 7.42, 60, 2), new Waypoint(43.74, 7.43, 60, 0)))
            : i == 1 ? Command.goTo(now, new Waypoint(43.735, 7.425 + round * 1e-4, 50))
            : Command.rate(now, 1 + round * 0.01 + (phase.length() * 0.001));
        byte[] payload = Payloads.toJson(c);
        sent.add(payload);
        d.sent.add(payload);
        replies.add(gateway.sendCommand(FLEET, d.id, c, Duration.ofSeconds(40)));
      }
    }
  }

  private static String threadDump() {
    StringBuilder b = new StringBuilder("thread dump:\n");
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      b.append(t);
    }
    return b.toString();
  }
}
