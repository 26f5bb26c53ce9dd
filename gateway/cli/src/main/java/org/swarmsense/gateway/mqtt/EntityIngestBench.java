package org.swarmsense.gateway.mqtt;

import com.typesafe.config.ConfigFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.swarmsense.agents.cluster.ClusterConfig;
import org.swarmsense.agents.cluster.FleetSharding;
import org.swarmsense.agents.device.DeviceEntity;
import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.agents.device.DeviceView;
import org.swarmsense.agents.device.Observation;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.FreePorts;
import org.swarmsense.gateway.runtime.DeviceIngest;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;

/**
 * Telemetry through MQTT into sharded device entities on one node, against the plain path, in one
 * run on one embedded HiveMQ broker: the plain path is {@link TelemetryBench}'s fleet link into a
 * recording ingest; the entity path is the same simulator and link into {@link DeviceIngest}, one tell
 * per sample to the {@code Device} shard region of a single-node cluster, each {@link DeviceEntity}
 * writing the device's read view. Throughput is samples handled by the entities per second in the
 * window; latency is entity-handled time minus link-received time ("ingest to entity") and minus the
 * device's {@code t_ms} (end to end); heap is used heap after a GC at the end of the window.
 */
public final class EntityIngestBench {
  private EntityIngestBench() {}

  /** What to run. */
  public record Options(int devices, double rateHz, int connections, Duration warmup, Duration duration, int nodes) {
    /** One node. */
    public Options(int devices, double rateHz, int connections, Duration warmup, Duration duration) {
      this(devices, rateHz, connections, warmup, duration, 1);
    }

    /** Validates the fields. */
    public Options {
      if (nodes < 1 || nodes > 2) {
        throw new IllegalArgumentException("--nodes must be 1 or 2, was " + nodes);
      }
      if (devices < 1 || connections < 1 || connections > devices) {
        throw new IllegalArgumentException(
            "devices must be >= 1 and connections 1..devices, were " + devices + " and " + connections);
      }
      if (!(rateHz > 0)) {
        throw new IllegalArgumentException("rateHz must be > 0, was " + rateHz);
      }
    }
  }

  /** Runs both paths and prints a table to {@code out}. */
  public static void run(Options o, PrintStream out) throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(FreePorts.pick(), false)) {
      String url = broker.url();
      TelemetryBench.Side plain = TelemetryBench.link(url, o.devices(), o.rateHz(), o.connections(), o.warmup(),
          o.duration());
      long plainHeap = usedHeapAfterGc();
      Entities entities = entities(url, o);
      out.printf(Locale.ROOT, "telemetry into sharded device entities, %s: %,d devices x %.1f Hz over %d"
          + " connections, %s warm-up, %s measured per path (embedded HiveMQ)%n", o.nodes() == 1 ? "one node"
          : o.nodes() + " cluster nodes in this JVM (loopback Artery, telemetry split by $share/bench/...)",
          o.devices(), o.rateHz(), o.connections(), o.warmup(), o.duration());
      out.println("path                     msgs/s   p50 ms  p99 ms  ingest->entity p50/p99 ms  heap MB  entities");
      out.printf(Locale.ROOT, "plain (recording)   %11.0f %8d %7d  %25s %8d %9s%n", plain.receivedPerS(), plain.p50Ms(),
          plain.p99Ms(), "-", plainHeap >> 20, "-");
      out.printf(Locale.ROOT, "%-19s %11.0f %8d %7d  %25s %8d %9d%n",
          o.nodes() == 1 ? "sharded entities" : "entities, " + o.nodes() + " nodes", entities.perS,
          entities.endToEnd.quantileMs(0.5), entities.endToEnd.quantileMs(0.99),
          entities.ingest.quantileMs(0.5) + " / " + entities.ingest.quantileMs(0.99), entities.heap >> 20,
          entities.count);
      if (o.nodes() == 1) {
        out.printf(Locale.ROOT, "device journal (H2 file) during the run: %,d device records in %,d writes%n",
            entities.journalRecords, entities.journalWrites);
      }
      out.printf(Locale.ROOT, "ratio entities / plain: %.2f (goal >= 0.33)%n",
          plain.receivedPerS() == 0 ? 0 : entities.perS / plain.receivedPerS());
    }
  }

  /**
   * Counts what the entities handle while its window is open: samples, ingest-to-entity and
   * device-to-entity latency. Thread-safe (the views call it from the entities' threads).
   */
  private static final class Meter implements DeviceView.Listener {
    final LongAdder handled = new LongAdder();
    final LatencyHistogram ingest = new LatencyHistogram();
    final LatencyHistogram endToEnd = new LatencyHistogram();
    private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void observed(DeviceKey device, Observation ob) {
      if (open.get()) {
        long now = System.currentTimeMillis();
        handled.increment();
        ingest.record(now - ob.receivedAtMs());
        endToEnd.record(now - ob.deviceTMs());
      }
    }

    /** Waits the warm-up, counts for the duration, and returns the samples handled per second. */
    double measure(Options o) throws InterruptedException {
      Thread.sleep(o.warmup().toMillis());
      long t0 = System.nanoTime();
      open.set(true);
      Thread.sleep(o.duration().toMillis());
      open.set(false);
      return handled.sum() / ((System.nanoTime() - t0) / 1e9);
    }
  }

  private record Entities(double perS, LatencyHistogram ingest, LatencyHistogram endToEnd, long heap, int count,
      long journalRecords, long journalWrites) {}

  /**
   * The entity path as {@code serve} runs it: on the journal's actor system (an H2 file in a fresh
   * temporary data directory, deleted after) with the device journal writing the entities' changes.
   */
  private static Entities entities(String url, Options o) throws Exception {
    return o.nodes() == 1 ? oneNode(url, o) : twoNodes(url, o);
  }

  private static Entities oneNode(String url, Options o) throws Exception {
    java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("bench-entities-journal");
    org.swarmsense.gateway.persistence.GatewayStore store = org.swarmsense.gateway.persistence.GatewayStore.open(
        org.swarmsense.gateway.persistence.PersistenceSettings.defaults().withDataDir(dataDir).withMinFreeBytes(0),
        ClusterConfig.singleNode("127.0.0.1", ConfigFactory.load()));
    ActorSystem<?> system = store.actorSystem().orElseThrow();
    org.swarmsense.gateway.runtime.DeviceJournal journal = null;
    try {
      ClusterConfig.joinSelf(system);
      DeviceView view = new DeviceView();
      Meter meter = new Meter();
      view.listen(meter);
      journal = new org.swarmsense.gateway.runtime.DeviceJournal(store, view,
          org.swarmsense.gateway.runtime.DeviceJournal.Settings.fromConfig(system.settings().config()),
          java.util.Map.of(), line -> { });
      var region = FleetSharding.initDevices(system, AgentsSettings.create(system), view,
          (device, command, timeout) -> java.util.concurrent.CompletableFuture.completedFuture(
              new DeviceEntity.CommandOutcome(device, false, "the bench sends no commands")));
      MqttLinkSettings gw = MqttLinkSettings.defaults(url, "bench-entities-" + System.nanoTime()).withCleanStart(true);
      try (FleetLink link = FleetLink.start(MqttLink.create(gw), new DeviceIngest(region, new RecordingIngest()),
              Set.of("bench")::contains, "bench");
          DeviceSimulator sim = DeviceSimulator.start(SimulatorSettings.of(url, "bench", o.devices())
              .withRateHz(o.rateHz()).withConnections(o.connections()))) {
        if (!link.mqtt().awaitConnected(Duration.ofSeconds(30)) || !sim.awaitConnected(Duration.ofSeconds(60))) {
          throw new IllegalStateException("bench clients did not connect to " + url);
        }
        double perS = meter.measure(o);
        long heap = usedHeapAfterGc();
        return new Entities(perS, meter.ingest, meter.endToEnd, heap, view.size(), journal.written(),
            journal.writes());
      }
    } finally {
      if (journal != null) {
        journal.close();
      }
      store.close();
      EmbeddedBroker.deleteQuietly(dataDir);
    }
  }

  /**
   * Two cluster nodes (agents' ClusterConfig.clustered, the second joining through the first) in this
   * JVM, each with its own fleet link subscribed with the shared subscription {@code $share/bench/...}
   * (the gateway nodes' {@link FleetLink#startShared}), its own shard region and read view: a sample
   * reaches one link and is told to the region of its node, which forwards it over Artery when the
   * entity lives on the other node. Handled samples and entities are counted over both views.
   */
  private static Entities twoNodes(String url, Options o) throws Exception {
    int seedPort = FreePorts.pick();
    String seed = "127.0.0.1:" + seedPort;
    java.util.List<ActorSystem<Void>> systems = new java.util.ArrayList<>();
    java.util.List<FleetLink> links = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        org.swarmsense.agents.cluster.ClusterJoin join = new org.swarmsense.agents.cluster.ClusterJoin("127.0.0.1",
            i == 0 ? seedPort : FreePorts.pick(), java.util.List.of(seed));
        systems.add(ActorSystem.create(Behaviors.empty(), "bench-entities",
            // two nodes in one JVM that the bench itself loads to the limit: Pekko's failure detector defaults
            // (not the deployment's shorter LAN timings), so that a stall does not down a node mid-run
            ClusterConfig.clustered("bench-entities", join, ConfigFactory.parseString(
                "swarmsense.agents.cluster { heartbeat-interval = 1s, acceptable-heartbeat-pause = 3s, stable-after = 2s }")
                .withFallback(ConfigFactory.load()))));
      }
      long upBy = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!systems.stream().allMatch(s -> org.apache.pekko.cluster.typed.Cluster.get(s).selfMember().status()
          == org.apache.pekko.cluster.MemberStatus.up())) {
        if (System.nanoTime() > upBy) {
          throw new IllegalStateException("the two bench nodes did not form a cluster within 120 s");
        }
        Thread.sleep(100);
      }
      Meter meter = new Meter();
      java.util.List<DeviceView> views = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        DeviceView view = new DeviceView();
        view.listen(meter);
        views.add(view);
        var region = FleetSharding.initDevices(systems.get(i), AgentsSettings.create(systems.get(i)), view,
            (device, command, timeout) -> java.util.concurrent.CompletableFuture.completedFuture(
                new DeviceEntity.CommandOutcome(device, false, "the bench sends no commands")));
        MqttLinkSettings gw = MqttLinkSettings.defaults(url, "bench-entities-" + i + "-" + System.nanoTime())
            .withCleanStart(true).withSessionExpiry(Duration.ZERO);
        links.add(FleetLink.startShared(MqttLink.create(gw), new DeviceIngest(region, new RecordingIngest()),
            Set.of("bench")::contains, "bench-" + i, "bench"));
      }
      try (DeviceSimulator sim = DeviceSimulator.start(SimulatorSettings.of(url, "bench", o.devices())
              .withRateHz(o.rateHz()).withConnections(o.connections()))) {
        for (FleetLink l : links) {
          if (!l.mqtt().awaitConnected(Duration.ofSeconds(30))) {
            throw new IllegalStateException("a bench node's link did not connect to " + url);
          }
        }
        if (!sim.awaitConnected(Duration.ofSeconds(60))) {
          throw new IllegalStateException("the simulated devices did not connect to " + url);
        }
        double perS = meter.measure(o);
        long heap = usedHeapAfterGc();
        return new Entities(perS, meter.ingest, meter.endToEnd, heap, views.get(0).size() + views.get(1).size(), 0, 0);
      }
    } finally {
      links.forEach(FleetLink::close);
      systems.forEach(ActorSystem::terminate);
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
