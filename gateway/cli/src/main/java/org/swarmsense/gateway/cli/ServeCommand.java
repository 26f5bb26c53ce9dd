package org.swarmsense.gateway.cli;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.ExternalBroker;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.tenancy.FleetRegistry;
import org.swarmsense.gateway.demo.DemoData;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.http.MapLayer;
import org.swarmsense.gateway.runtime.GatewayNode;
import org.swarmsense.maps.geo.LonLatBounds;
import org.swarmsense.maps.roads.RoadGraph;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense serve}: a gateway node ({@link GatewayNode}): the MQTT fleet link, the mission
 * desk and the HTTP API with the dashboard. Starts the embedded HiveMQ CE broker unless {@code
 * --mqtt-url} names another; with {@code --fleets} the embedded broker enforces the registry's
 * credentials and topic permissions, and the link drops messages of unknown fleets. Registrations,
 * status changes, events and replies are printed, plus a counter line every 10 s. Its state (the
 * fleets' automatic tokens, fences, audit log; the embedded broker's sessions, retained and queued
 * messages) is kept in the data directory ({@code --data-dir}; the journal may be PostgreSQL with
 * {@code --jdbc-url}) and restored at start, which prints what it restored.
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
    description = "Run the gateway: MQTT fleet link (embedded broker unless --mqtt-url), missions,"
        + " HTTP API and dashboard.")
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--mqtt-url", paramLabel = "URL",
      description = "an external broker; default: swarmsense.gateway.mqtt.url, or start the embedded one if that is empty")
  private String url;

  @Option(names = "--mqtt-port", paramLabel = "PORT", description = "port of the embedded broker on 127.0.0.1 (default 1883)")
  private int port = 1883;

  @Option(names = "--fleets", paramLabel = "FILE",
      description = "fleet registry (lines '<username> <fleet or *> <$7$hash>'); default: open, any fleet")
  private Path fleets;

  @Option(names = "--username", paramLabel = "USER", description = "the gateway's user name at an external broker")
  private String username = "";

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "environment variable holding the gateway's password (default SWARMSENSE_MQTT_PASSWORD)")
  private String passwordEnv = "SWARMSENSE_MQTT_PASSWORD";

  @Option(names = "--duration", paramLabel = "D", converter = DurationOption.class,
      description = "stop after D (for demos and tests); 0 runs until interrupted (default 0)")
  private Duration duration = Duration.ZERO;

  @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP API and dashboard port (default 8080; 0 = any free)")
  private int httpPort = 8080;

  @Option(names = "--http-host", paramLabel = "HOST", description = "HTTP interface (default 127.0.0.1)")
  private String httpHost = "127.0.0.1";

  @Option(names = "--no-http", description = "no HTTP API and dashboard")
  private boolean noHttp;

  @Option(names = "--token", paramLabel = "FLEET=TOKEN",
      description = "an HTTP bearer token of a fleet (repeatable; >= 16 characters, or its digest"
          + " sha256:<64 hex>; only digests are kept). Default: a random"
          + " token per registry fleet, or for fleet 'default' when open")
  private java.util.Map<String, String> tokens = new java.util.LinkedHashMap<>();

  @Option(names = "--map", paramLabel = "OSM", description = "the city map for the dashboard (.osm.pbf/.osm.gz); default: the shipped Monaco extract")
  private Path mapFile;

  @Option(names = "--trace", paramLabel = "FCD", description = "traffic used when a mission names no demand (SUMO FCD); default: the shipped Monaco trace")
  private Path trace;

  @Option(names = "--tls-cert", paramLabel = "PEM",
      description = "server certificate chain (PEM): HTTPS for the API and dashboard, and MQTT over TLS on the"
          + " embedded broker (--mqtt-tls-port); needs --tls-key. Default: swarmsense.gateway.tls.cert-file")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "the certificate's private key (PEM, PKCS#8)")
  private Path tlsKey;

  @Option(names = "--mqtt-tls-port", paramLabel = "PORT",
      description = "port of the embedded broker's MQTT-over-TLS listener on 127.0.0.1 (default"
          + " swarmsense.gateway.tls.mqtt-port, 8883)")
  private int tlsPort = 8883;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "where the state is kept (journal, broker store, lock); default swarmsense.gateway.persistence"
          + ".data-dir, else $XDG_DATA_HOME/swarmsense or ~/.local/share/swarmsense")
  private Path dataDir;

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "the journal database, e.g. jdbc:postgresql://host:5432/db (password from"
          + " $SWARMSENSE_JDBC_PASSWORD); default: an H2 file in the data directory")
  private String jdbcUrl;

  @Option(names = "--jdbc-user", paramLabel = "USER", description = "the journal database user (with --jdbc-url)")
  private String jdbcUser;

  @Option(names = "--edge-nodes", paramLabel = "N",
      description = "edge nodes to start (default swarmsense.agents.edge-node.count, 0)")
  private Integer edgeNodes;

  @CommandLine.Mixin private EdgeNodeOptions edgeOptions = new EdgeNodeOptions();

  @Option(names = "--edge-fleet", paramLabel = "F",
      description = "the edge nodes' fleet (default: the first fleet of --fleets, else 'default')")
  private String edgeFleet;

  @Option(names = "--seed-node", paramLabel = "HOST:PORT",
      description = "join a cluster of gateway nodes through this seed node (repeatable; the same list in the same"
          + " order on every node, the first one starts the cluster). Needs --mqtt-url: the nodes share one broker"
          + " (cluster) and split the telemetry with MQTT 5 shared subscriptions. Default: a node of its own")
  private List<String> seedNodes = new ArrayList<>();

  @Option(names = "--cluster-host", paramLabel = "HOST",
      description = "the host name or address the other nodes reach this node at (with --seed-node; default 127.0.0.1)")
  private String clusterHost;

  @Option(names = "--cluster-port", paramLabel = "PORT",
      description = "this node's cluster port (with --seed-node; a seed node needs its listed port; 0 = any free, the"
          + " default)")
  private Integer clusterPort;

  @Override
  public Integer call() throws Exception {
    // logging set up on this thread before the broker, the actors and the link start theirs: otherwise
    // a call from one of them during SLF4J's start is replayed with three lines of warning on stderr
    org.slf4j.LoggerFactory.getILoggerFactory();
    PrintWriter out = spec.commandLine().getOut();
    MqttLinkSettings configured = MqttLinkSettings.fromConfig(ConfigFactory.load());
    String configuredUrl = ConfigFactory.load().getString("swarmsense.gateway.mqtt.url");
    if (url == null && !configuredUrl.isEmpty()) {
      url = configuredUrl;
    }
    // everything an operator can get wrong is checked before anything starts (one line, exit 2)
    org.swarmsense.agents.cluster.ClusterJoin join = clusterJoin();
    StartChecks.requireReadableFile("--fleets", fleets);
    StartChecks.requireReadableFile("--trace", trace);
    StartChecks.requireReadableFile("--map", mapFile);
    com.typesafe.config.Config tlsConf = ConfigFactory.load().getConfig("swarmsense.gateway.tls");
    if (tlsCert == null && tlsKey == null && !tlsConf.getString("cert-file").isBlank()) {
      tlsCert = Path.of(tlsConf.getString("cert-file"));
      tlsKey = Path.of(tlsConf.getString("key-file"));
    }
    if (!spec.commandLine().getParseResult().hasMatchedOption("--mqtt-tls-port")) {
      tlsPort = tlsConf.getInt("mqtt-port");
    }
    StartChecks.requireReadableFile("--tls-cert", tlsCert);
    StartChecks.requireReadableFile("--tls-key", tlsKey);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together; give both or neither");
    }
    org.swarmsense.gateway.broker.TlsMaterial tls =
        tlsCert == null ? null : new org.swarmsense.gateway.broker.TlsMaterial(tlsCert, tlsKey);
    if (url == null && tls != null) {
      StartChecks.requirePortFree("--mqtt-tls-port", "127.0.0.1", tlsPort);
    }
    if (url == null) {
      StartChecks.requirePortFree("--mqtt-port", "127.0.0.1", port);
    }
    if (!noHttp) {
      StartChecks.requirePortFree("--http-port", httpHost, httpPort);
    }
    org.swarmsense.agents.edge.EdgeNodeSettings edge = edgeOptions.settings(edgeNodes);
    // the edge nodes' detectors before anything starts: a model or patch calibration that cannot run
    // stops serve here (exit 2, naming the file), not after its broker and HTTP server are up
    org.swarmsense.gateway.edge.EdgeNodes.Detectors detectors = org.swarmsense.gateway.edge.EdgeNodes.open(edge);
    FleetRegistry registry = fleets == null ? null : FleetRegistry.load(fleets);
    if (registry != null && registry.fleets().isEmpty()) {
      throw new IllegalArgumentException("--fleets " + fleets + ": no fleet accounts (expected lines"
          + " '<username> <fleet> <$7$hash>')");
    }
    org.swarmsense.gateway.persistence.PersistenceSettings ps =
        org.swarmsense.gateway.persistence.PersistenceSettings.defaults();
    if (dataDir != null) {
      if (dataDir.toString().isBlank()) {
        throw new IllegalArgumentException("--data-dir must name a directory, was blank");
      }
      ps = ps.withDataDir(dataDir);
    }
    if (jdbcUrl != null || jdbcUser != null) {
      ps = ps.withJdbc(jdbcUrl != null ? jdbcUrl : ps.jdbcUrl(), jdbcUser != null ? jdbcUser : ps.jdbcUser(),
          ps.jdbcPassword());
    }
    // the data directory is locked and the journal checked before anything starts (one line, exit 2)
    org.swarmsense.gateway.persistence.GatewayStore store =
        org.swarmsense.gateway.persistence.GatewayStore.open(ps, GatewayNode.nodeConfig(join));
    try {
      return serve(out, configured, registry, tls, detectors, store);
    } finally {
      store.close();
    }
  }

  /** The cluster this node joins ({@code --seed-node}), validated; null for a node of its own. */
  private org.swarmsense.agents.cluster.ClusterJoin clusterJoin() {
    if (seedNodes.isEmpty() && clusterHost == null && clusterPort == null) {
      return null;
    }
    if (seedNodes.isEmpty()) {
      throw new IllegalArgumentException("--cluster-host and --cluster-port need --seed-node (the nodes to join"
          + " through; a node of its own needs none of them)");
    }
    org.swarmsense.agents.cluster.ClusterJoin join = new org.swarmsense.agents.cluster.ClusterJoin(
        clusterHost == null ? "127.0.0.1" : clusterHost, clusterPort == null ? 0 : clusterPort, seedNodes);
    if (url == null) {
      throw new IllegalArgumentException("--seed-node needs --mqtt-url: the nodes of a cluster share one broker"
          + " (the embedded broker belongs to one node)");
    }
    if (join.port() != 0) {
      StartChecks.requirePortFree("--cluster-port", join.host(), join.port());
    }
    return join;
  }

  private int serve(PrintWriter out, MqttLinkSettings configured, FleetRegistry registry,
      org.swarmsense.gateway.broker.TlsMaterial tls, org.swarmsense.gateway.edge.EdgeNodes.Detectors detectors,
      org.swarmsense.gateway.persistence.GatewayStore store) throws Exception {
    org.swarmsense.gateway.persistence.GatewayStore.Restored restored = store.restore();
    String user = username.isEmpty() ? configured.username() : username;
    String password = System.getenv(passwordEnv) == null ? configured.password() : System.getenv(passwordEnv);
    MqttBroker broker;
    if (url != null) {
      broker = new ExternalBroker(url);
    } else {
      if (registry != null) {
        // the gateway's own account on the embedded broker: every fleet, a fresh random password
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        user = "swarmsense-gateway";
        password = HexFormat.of().formatHex(secret);
        List<Account> accounts = new ArrayList<>(registry.accounts());
        accounts.removeIf(a -> a.username().equals("swarmsense-gateway"));
        accounts.add(Account.withPassword(user, Account.ALL_FLEETS, password));
        registry = FleetRegistry.of(accounts);
      }
      // sessions, retained statuses and queued QoS 1 messages are kept in the data directory
      broker = EmbeddedBroker.startPersistent(port, store.dataDir().orElseThrow().resolve("broker"), registry,
          org.swarmsense.gateway.broker.BrokerLimits.defaults(), tls, tls == null ? 0 : tlsPort);
    }
    Predicate<String> fleetKnown = registry == null ? fleet -> true : registry::isKnownFleet;
    if (broker instanceof EmbeddedBroker e && e.tlsUrl() != null) {
      out.println("gateway: MQTT over TLS at " + e.tlsUrl());
    }
    out.printf(Locale.ROOT, "gateway: broker %s (%s), fleets: %s%n", broker.url(), broker.kind(),
        registry == null ? "open (any fleet, no credentials)" : String.join(", ", registry.fleets()));
    out.flush();
    MqttLinkSettings ls = configured.withUrl(broker.url()).withCredentials(user, password);
    DemoData data = DemoData.extractTo(DemoData.defaultCacheDir());
    Path osm = mapFile != null ? mapFile : data.osmFile();
    MapLayer map;
    try (RoadGraph roads = RoadGraph.load(osm, data.cacheDir())) {
      LonLatBounds bb = roads.bounds();
      map = new MapLayer(osm.getFileName().toString().replaceAll("\\.osm.*$", ""), mapFile == null ? DemoData.ATTRIBUTION : "Map data (c) OpenStreetMap contributors, ODbL",
          new double[] {bb.minLonDeg(), bb.minLatDeg(), bb.maxLonDeg(), bb.maxLatDeg()}, roads.roadNetworkGeoJson(3.0));
    }
    FleetTokens fleetTokens = null;
    List<String> keptTokens = new ArrayList<>();
    if (!noHttp) {
      boolean given = !tokens.isEmpty();
      if (tokens.isEmpty()) {
        for (String f : registry == null ? List.of("default") : registry.fleets()) {
          if (f.equals(Account.ALL_FLEETS)) {
            continue;
          }
          var kept = store.token(f);
          if (kept.isPresent()) {
            // the token issued by an earlier start stays valid (only its digest is kept)
            tokens.put(f, FleetTokens.DIGEST_PREFIX + kept.get().digest());
            keptTokens.add(f + " (issued " + java.time.Instant.ofEpochMilli(kept.get().issuedAtMs()) + ")");
          } else {
            byte[] t = new byte[16];
            new SecureRandom().nextBytes(t);
            String token = HexFormat.of().formatHex(t);
            store.issueToken(f, FleetTokens.digestOf(token).substring(FleetTokens.DIGEST_PREFIX.length()));
            tokens.put(f, token);
          }
        }
      }
      fleetTokens = new FleetTokens(tokens); // validates the --token values before any is kept
      if (given) {
        // a token given with --token is kept like an automatic one (its digest only): a later start
        // without --token still accepts it, and a start with another --token replaces it
        for (var e : tokens.entrySet()) {
          String digest = e.getValue().startsWith(FleetTokens.DIGEST_PREFIX)
              ? e.getValue().substring(FleetTokens.DIGEST_PREFIX.length()).toLowerCase(Locale.ROOT)
              : FleetTokens.digestOf(e.getValue()).substring(FleetTokens.DIGEST_PREFIX.length());
          if (!store.token(e.getKey()).map(t -> t.digest().equals(digest)).orElse(false)) {
            store.issueToken(e.getKey(), digest);
          }
        }
      }
    }
    org.swarmsense.gateway.edge.EdgeNodes edgeGroup = null;
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown);
    Runtime.getRuntime().addShutdownHook(hook);
    GatewayNode.Settings ns = new GatewayNode.Settings(ls, fleetKnown, fleetTokens, httpHost, httpPort, map,
        trace != null ? trace : data.traceFile(), line -> {
          synchronized (out) {
            out.println(line);
            out.flush();
          }
        }, org.swarmsense.gateway.mission.MissionLimits.defaults(), tls == null ? null : tls.serverContext());
    try (MqttBroker b = broker; GatewayNode node = GatewayNode.start(ns, store)) {
      FleetLink link = node.link();
      if (node.clustered()) {
        org.apache.pekko.cluster.Cluster cluster = org.apache.pekko.cluster.Cluster.get(node.system().classicSystem());
        out.println("gateway: cluster node " + cluster.selfAddress() + " joining through " + seedNodes);
        out.flush();
        cluster.registerOnMemberUp(() -> {
          synchronized (out) {
            out.println("gateway: cluster member up: " + cluster.selfAddress() + " ("
                + cluster.state().members().size() + " member(s))");
            out.flush();
          }
        });
        // downed by the others (or unable to stay): the node stops instead of running without its entities
        node.system().getWhenTerminated().thenRun(() -> {
          if (stop.getCount() > 0) {
            synchronized (out) {
              out.println("gateway: this node left the cluster (downed or removed); stopping");
              out.flush();
            }
            stop.countDown();
          }
        });
      }
      out.printf(Locale.ROOT, "gateway: state in %s (journal %s): %s%n",
          store.dataDir().map(Path::toString).orElse("-"), store.where(), restored.entities() == 0
              ? "new, nothing to restore"
              : String.format(Locale.ROOT, "restored tokens of %d fleet(s) %s, %d fence(s) of %d fleet(s), %d audit"
                  + " entries, %d device(s), %d pending command(s) sent again", restored.tokens().size(),
                  restored.tokens(), node.restoredFences(), restored.fenceSets().size(), restored.auditEntries(),
                  node.restoredDevices(), node.resentCommands()));
      var missions = node.restoredMissions();
      if (missions.missions() > 0) {
        out.printf(Locale.ROOT, "gateway: restored missions: %d (%d planning again, %d re-attached to their drones,"
            + " %d failed by the restart during their drones' planning)%n", missions.missions(), missions.replanning(),
            missions.reattached(), missions.failed());
      }
      for (String k : keptTokens) {
        out.println("gateway: fleet " + k.replaceFirst(" ", " keeps its token ")
            + "; its dashboard URL printed then still works (or start with --token to set one)");
      }
      org.swarmsense.agents.device.DeviceView ingest = node.devices().view();
      if (node.httpUrl() != null) {
        for (var e : tokens.entrySet()) {
          if (e.getValue().startsWith(FleetTokens.DIGEST_PREFIX)) {
            continue; // given as its digest: the token itself is not known here
          }
          out.printf("gateway: dashboard of fleet %s: %s/dashboard/?fleet=%s&token=%s%n", e.getKey(), node.httpUrl(),
              e.getKey(), e.getValue());
        }
        out.println("gateway: HTTP API " + node.httpUrl() + "/api (OpenAPI at /api/openapi.json)");
      }
      if (!link.mqtt().awaitConnected(Duration.ofSeconds(30))) {
        throw new IllegalArgumentException("cannot connect to the broker at " + broker.url()
            + " (running? credentials right?)");
      }
      out.println("gateway: link connected, listening on swarmsense/+/+/+/{status,telemetry,evt}");
      out.flush();
      String nodesFleet = edgeFleet != null ? edgeFleet
          : registry == null ? "default" : registry.fleets().stream().filter(f -> !f.equals(Account.ALL_FLEETS))
              .findFirst().orElse("default");
      double[] bb = map.bounds();
      edgeGroup = org.swarmsense.gateway.edge.EdgeNodes.start(node.system(), ls, nodesFleet, (bb[1] + bb[3]) / 2,
          (bb[0] + bb[2]) / 2, detectors);
      for (var n : edgeGroup.nodes()) {
        out.println("gateway: edge node " + n.id() + " started (detector "
            + org.swarmsense.gateway.edge.EdgeNodes.describeDetector(detectors.settings()) + ")");
      }
      long t0 = System.nanoTime();
      long end = duration.isZero() ? Long.MAX_VALUE : t0 + duration.toNanos();
      while (System.nanoTime() < end) {
        long waitMs = Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000));
        if (stop.await(waitMs, TimeUnit.MILLISECONDS)) {
          break;
        }
        synchronized (out) {
          out.printf(Locale.ROOT, "t=%.0f s devices %d, telemetry %d, rejected %s%n", (System.nanoTime() - t0) / 1e9,
              ingest.size(), ingest.observations(), link.metrics().rejections());
          out.flush();
        }
      }
      out.printf(Locale.ROOT, "gateway: stopping; devices %d, telemetry %d, rejected %s%n",
          ingest.size(), ingest.observations(), link.metrics().rejections());
      out.flush();
      stop.countDown(); // stopping on purpose from here on
      edgeGroup.close(); // before the broker and the actor system go
    } finally {
      if (edgeGroup != null) {
        edgeGroup.close();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is stopping anyway
      }
    }
    return 0;
  }
}
