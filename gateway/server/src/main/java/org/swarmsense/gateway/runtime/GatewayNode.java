package org.swarmsense.gateway.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorSystem;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.swarmsense.agents.airspace.BreachMonitor;
import org.swarmsense.agents.cluster.ClusterConfig;
import org.swarmsense.agents.cluster.FleetSharding;
import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.agents.device.DeviceView;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.http.FenceLimits;
import org.swarmsense.gateway.http.FleetFences;
import org.swarmsense.gateway.http.HttpApi;
import org.swarmsense.gateway.http.HttpServer;
import org.swarmsense.gateway.http.LiveHub;
import org.swarmsense.gateway.http.LiveIngest;
import org.swarmsense.gateway.http.MapLayer;
import org.swarmsense.gateway.mission.DeploymentDefaults;
import org.swarmsense.gateway.mission.MissionDesk;
import org.swarmsense.gateway.mission.MissionLimits;
import org.swarmsense.gateway.mission.PlanningPool;
import org.swarmsense.gateway.mission.SensingMissionPlanner;
import org.swarmsense.gateway.mqtt.FleetIngest;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.wire.Channel;

/**
 * One running gateway, as {@code serve} and {@code demo} start it: the actor system (a Pekko cluster
 * of one node, joining itself, or with {@link #nodeConfig(org.swarmsense.agents.cluster.ClusterJoin)}
 * one of several nodes joining through seed nodes, whose fleet links share the telemetry with an
 * MQTT 5 shared subscription), the device entities (Cluster Sharding, one per fleet/kind/id) and
 * their read view, the MQTT fleet link feeding the ingest chain (the device entities {@link
 * DeviceIngest}, then the fleet's home {@link MissionIngest}, then the dashboard's alarms {@link
 * LiveIngest}, shared with every node through {@link ClusterLive}, then the log), the fleets' homes
 * ({@link FleetHome}: one sharded entity per fleet, on one node of the cluster, holding the fleet's
 * mission desk, which plans missions in process and flies them through the agents' mission
 * coordinator ({@link FleetCoordination}: planned again among the drone entities' planning agents,
 * plans sent through the entities, progress from the drones' telemetry, re-planning when a drone is
 * lost), and the fleet's fences, judged there by {@link FenceJudge}), and (optionally) the HTTP API
 * with the dashboard, which reaches each fleet's home through {@link FleetHomes}. The broker is the caller's. Close to
 * stop everything it started, in reverse order.
 */
public final class GatewayNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param mqtt settings of the gateway's own MQTT connection (URL, credentials)
   * @param fleetKnown the tenancy check of the link
   * @param tokens HTTP bearer tokens per fleet; null: no HTTP server
   * @param httpHost interface of the HTTP server, e.g. 127.0.0.1
   * @param httpPort port of the HTTP server, 0 for a free one
   * @param map the city drawn on the dashboard
   * @param trace the deployment's traffic trace, used when a mission names no demand (or null)
   * @param log receives registrations and status changes (one line each)
   * @param missions the dataset folder, cost budget and planning pool of HTTP missions
   * @param https the TLS context of the HTTP server (HTTPS), or null for plain HTTP
   */
  public record Settings(
      MqttLinkSettings mqtt,
      Predicate<String> fleetKnown,
      FleetTokens tokens,
      String httpHost,
      int httpPort,
      MapLayer map,
      Path trace,
      Consumer<String> log,
      MissionLimits missions,
      javax.net.ssl.SSLContext https) {
    /** Settings with reference.conf's mission limits (no dataset folder unless configured). */
    public Settings(MqttLinkSettings mqtt, Predicate<String> fleetKnown, FleetTokens tokens, String httpHost,
        int httpPort, MapLayer map, Path trace, Consumer<String> log) {
      this(mqtt, fleetKnown, tokens, httpHost, httpPort, map, trace, log, MissionLimits.defaults(), null);
    }
  }

  /** The MQTT 5 share group of the gateway nodes of one deployment ({@code $share/swarmsense/...}). */
  public static final String SHARE_GROUP = "swarmsense";

  private final ActorSystem<SpawnProtocol.Command> system;
  private final boolean clustered;
  private final ExecutorService planning;
  private final DeviceView view = new DeviceView();
  private final LiveHub hub = new LiveHub(view);
  private final FleetDevices devices;
  private final BreachMonitor fences = new BreachMonitor();
  private final java.util.concurrent.atomic.AtomicReference<FleetLink> linkRef =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final FleetLink link;
  private final FleetHomes homes;
  private final FleetFences fleetFences;
  /** The desks of the fleets whose home runs on this node (fleet -> desk). */
  private final Map<String, MissionDesk> homesHere = new java.util.concurrent.ConcurrentHashMap<>();
  /** Runs the fleets' homes' calls (they block: planning, journal writes), never on an actor's thread. */
  private final ExecutorService homeCalls = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fleet-home-call");
    t.setDaemon(true);
    return t;
  });
  private final FleetCoordination coordination;
  private final HttpServer http;
  private final int restoredFences;
  private final MissionDesk.Restored restoredMissions;
  private final int restoredDevices;
  private final int resentCommands;
  private final DeviceJournal deviceJournal;

  private GatewayNode(Settings s, org.swarmsense.gateway.persistence.GatewayStore store) {
    // with a journal, the gateway runs on the store's actor system (opened with nodeConfig(): it carries
    // the journal's configuration on top of the single-node cluster's)
    system = store.actorSystem().orElseGet(() -> ActorSystem.create(SpawnProtocol.create(), "swarmsense", nodeConfig()));
    // one node joins itself; a node given seed nodes (nodeConfig(ClusterJoin)) joins through them
    clustered = !system.settings().config().getStringList("pekko.cluster.seed-nodes").isEmpty();
    if (!clustered) {
      ClusterConfig.joinSelf(system);
    }
    planning = PlanningPool.create(s.missions());
    AgentsSettings agents = AgentsSettings.create(system);
    view.listen(logTo(s.log()));
    devices = new FleetDevices(system,
        FleetSharding.initDevices(system, agents, view, FleetDevices.port(linkRef::get)), view, store, s.log());
    // devices kept in the journal go back to their entities before the link hears anything (issue 18)
    Map<String, org.swarmsense.gateway.persistence.FleetDeviceState> kept = new java.util.HashMap<>();
    for (String fleet : store.deviceFleets()) {
      kept.put(fleet, store.devices(fleet));
    }
    restoredDevices = devices.restore(kept);
    deviceJournal = store.actorSystem().isPresent()
        ? new DeviceJournal(store, view, DeviceJournal.Settings.fromConfig(system.settings().config()), kept, s.log())
        : null;
    FenceLimits fenceLimits = FenceLimits.defaults();
    coordination = new FleetCoordination(system, devices, agents, this::spawn, Duration.ofMinutes(5),
        Duration.ofSeconds(15));
    // live events that one node alone heard (shared subscriptions, the fleets' homes) reach every node's hub
    ClusterLive live = ClusterLive.start(this::spawn, hub);
    hub.shareAlarmsThrough(live);
    // the fences of the fleets whose home runs on this node (armed by the home, judged at the home)
    fleetFences = new FleetFences(hub, fences, fenceLimits, store);
    FleetIngest chain = new DeviceIngest(devices.region(), new MissionIngest(coordination,
        new LiveIngest(hub, live, new LogIngest(s.log()))));
    FenceJudge judge = new FenceJudge(fences, linkRef::get, fenceLimits.commandTimeout(), chain);
    // each fleet's missions and fences live in one place in the cluster: its home, a sharded entity keyed by fleet
    org.swarmsense.gateway.persistence.MissionJournal missionJournal =
        new org.swarmsense.gateway.persistence.MissionJournal(store);
    SensingMissionPlanner planner = new SensingMissionPlanner();
    DeploymentDefaults defaults = new DeploymentDefaults(s.trace());
    FleetHome.Place place = new FleetHome.Place() {
      @Override
      public FleetHome.Opened open(String fleet) {
        MissionDesk d = new MissionDesk(live, planner, planning, defaults, s.missions());
        d.flyWith(coordination);
        int armed = fleetFences.restore(fleet);
        MissionDesk.Restored r = d.keepIn(missionJournal, fleet);
        homesHere.put(fleet, d);
        s.log().accept("fleet " + fleet + ": home started on this node (missions restored: " + r.missions()
            + ", drones re-attached in " + r.reattached() + ", fences armed: " + armed + ")");
        return new FleetHome.Opened(d, r, armed);
      }

      @Override
      public void closed(String fleet, MissionDesk d) {
        coordination.stopFleet(fleet);
        d.close();
        fleetFences.forget(fleet);
        homesHere.remove(fleet, d);
      }

      @Override
      public void observed(org.swarmsense.gateway.wire.DeviceId drone, String state, double lonDeg, double latDeg) {
        coordination.observeHere(drone, state);
        judge.judge(drone, lonDeg, latDeg);
      }

      @Override
      public void observedTraffic(org.swarmsense.gateway.wire.DeviceId device, double latDeg, double lonDeg,
          double altM, int vehicles) {
        coordination.observeTrafficHere(device, latDeg, lonDeg, altM, vehicles);
      }

      @Override
      public FleetFences fences() {
        return fleetFences;
      }
    };
    homes = new FleetHomes(system, org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(system).init(
        org.apache.pekko.cluster.sharding.typed.javadsl.Entity.of(FleetHome.TYPE,
            ctx -> FleetHome.create(ctx.getEntityId(), place, homeCalls))
            .withSettings(org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings.create(system)
                .withNoPassivationStrategy())),
        HOME_TIMEOUT, Duration.ofMinutes(6), new org.swarmsense.gateway.mission.DatasetCatalogue(
            s.missions().datasetDir()).names());
    coordination.homeAt(homes);
    if (clustered) {
      // several nodes: each its own client id and reply topic, telemetry shared among the nodes, and
      // no session left behind when a node dies (a dead member of a share group would hold messages)
      org.apache.pekko.actor.Address self = org.apache.pekko.cluster.typed.Cluster.get(system).selfMember().address();
      String nodeName = self.host().get() + "-" + self.port().get();
      byte[] r = new byte[4];
      new java.security.SecureRandom().nextBytes(r);
      link = FleetLink.startShared(
          MqttLink.create(s.mqtt().withClientId(s.mqtt().clientId() + "-" + nodeName)
              .withCleanStart(true).withSessionExpiry(Duration.ZERO)),
          chain, s.fleetKnown(), "gateway-" + java.util.HexFormat.of().formatHex(r), SHARE_GROUP);
    } else {
      link = FleetLink.start(MqttLink.create(s.mqtt()), chain, s.fleetKnown(), "gateway");
    }
    linkRef.set(link);
    // commands accepted before a restart and never answered: sent again with their ids (once connected;
    // QoS 1 publishes made before the connection are queued by the link)
    resentCommands = devices.resendPending(devices.retry().answerTimeout());
    FleetHomes.Restored restored = restoreHomes(missionJournal, store, s.log());
    restoredMissions = restored.missions();
    restoredFences = restored.fences();
    if (s.tokens() != null) {
      HttpApi api =
          new HttpApi(
              new HttpApi.Services(
                  hub, s.tokens(), homes, homes, this::linkMetrics, s::map, "swarmsense", store));
      api.withCommands(new org.swarmsense.gateway.http.DeviceCommands() {
        @Override
        public Submission submit(String fleet, org.swarmsense.gateway.wire.DeviceId device,
            org.swarmsense.gateway.wire.Command command) {
          FleetDevices.Submitted sub = devices.submitCommand(fleet, device, command, devices.retry().answerTimeout());
          return new Submission(sub.id(), sub.answer());
        }

        @Override
        public java.util.List<org.swarmsense.gateway.persistence.PendingCommand> pending(String fleet) {
          return devices.pending(fleet);
        }

        @Override
        public java.util.List<org.swarmsense.gateway.persistence.PendingCommands.ExpiredCommand> expired(String fleet) {
          return devices.expired(fleet);
        }
      });
      http = HttpServer.start(system, api.routes(), s.httpHost(), s.httpPort(), s.https());
    } else {
      http = null;
    }
  }

  /** How long a fleet's home may take to answer a call (its start, restoring from the journal, included). */
  private static final Duration HOME_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Starts the home of every fleet with missions in the journal (on whichever node sharding places
   * it; there it restores them and re-attaches flying drones) and adds up what they restored. A home
   * that does not answer in time is logged and counted as nothing restored; it starts on its next
   * message.
   */
  private FleetHomes.Restored restoreHomes(org.swarmsense.gateway.persistence.MissionJournal journal,
      org.swarmsense.gateway.persistence.GatewayStore store, Consumer<String> log) {
    int n = 0;
    int replanning = 0;
    int reattached = 0;
    int failed = 0;
    int armed = 0;
    java.util.TreeSet<String> fleets = new java.util.TreeSet<>(journal.fleets());
    fleets.addAll(store.fenceFleets());
    for (String fleet : fleets) {
      try {
        FleetHomes.Restored r = homes.restored(fleet);
        n += r.missions().missions();
        replanning += r.missions().replanning();
        reattached += r.missions().reattached();
        failed += r.missions().failed();
        armed += r.fences();
      } catch (RuntimeException slow) {
        log.accept("missions and fences of fleet " + fleet + " not restored yet: " + slow.getMessage());
      }
    }
    return new FleetHomes.Restored(new MissionDesk.Restored(n, replanning, reattached, failed), armed);
  }

  /** Starts actors in a node's actor system ({@link #spawn}). */
  interface Spawner {
    <T> ActorRef<T> spawn(Behavior<T> behavior, String name);
  }

  /** Starts an actor in this node's actor system (for agents that belong to a mission or a run). */
  public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
    try {
      return AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(
              system,
              reply -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), reply),
              Duration.ofSeconds(10),
              system.scheduler())
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start " + name + ": " + e, e);
    }
  }

  /** The device entities and their read view. */
  public FleetDevices devices() {
    return devices;
  }

  private static DeviceView.Listener logTo(Consumer<String> log) {
    return new DeviceView.Listener() {
      @Override
      public void registered(DeviceKey device) {
        log.accept("registered " + device);
      }

      @Override
      public void status(DeviceKey device, boolean online) {
        log.accept(device + " is " + (online ? "online" : "offline"));
      }
    };
  }

  /**
   * The configuration of a gateway's actor system: a single-node cluster (the device entities are
   * sharded) over the application's configuration. A journal's store opens its system with it.
   */
  public static com.typesafe.config.Config nodeConfig() {
    return ClusterConfig.singleNode("127.0.0.1", com.typesafe.config.ConfigFactory.load());
  }

  /**
   * The configuration of one of several gateway nodes ({@code serve --seed-node}): joins the cluster
   * through {@code join}'s seed nodes, downing by agents' SurvivorDowning; {@code null}: {@link
   * #nodeConfig()}.
   */
  public static com.typesafe.config.Config nodeConfig(org.swarmsense.agents.cluster.ClusterJoin join) {
    return join == null ? nodeConfig()
        : ClusterConfig.clustered("swarmsense", join, com.typesafe.config.ConfigFactory.load());
  }

  /** Whether this node joined through seed nodes (one of several) rather than forming a cluster of its own. */
  public boolean clustered() {
    return clustered;
  }

  /** Starts a gateway node; its MQTT link connects in the background. */
  public static GatewayNode start(Settings settings) {
    return new GatewayNode(settings, org.swarmsense.gateway.persistence.GatewayStore.inMemory());
  }

  /**
   * Starts a gateway node whose fences and audit log are kept in {@code store} (and re-armed from
   * it now); with a journal it runs on the store's actor system. The caller closes the store after
   * the node.
   */
  public static GatewayNode start(Settings settings, org.swarmsense.gateway.persistence.GatewayStore store) {
    return new GatewayNode(settings, store);
  }

  /** The missions restored from the store at start. */
  public MissionDesk.Restored restoredMissions() {
    return restoredMissions;
  }

  /** The devices put back from the store at start. */
  public int restoredDevices() {
    return restoredDevices;
  }

  /** The pending commands sent again at start. */
  public int resentCommands() {
    return resentCommands;
  }

  /** The fences re-armed from the store at start. */
  public int restoredFences() {
    return restoredFences;
  }

  /**
   * What {@code GET /api/fleets/{fleet}/metrics} serves from this node: the fleet's accepted and rejected
   * messages, its observed traffic, and the state of this node's broker link ({@code broker}: connected,
   * connects, losses, failed and stalled attempts, the last outage in s), shared by every fleet on the node.
   */
  public ObjectNode linkMetrics(String fleet) {
    ObjectNode n = JSON.createObjectNode();
    MqttLink.Stats b = link.mqtt().stats();
    ObjectNode broker = n.putObject("broker");
    broker.put("connected", link.mqtt().isConnected());
    broker.put("connects", b.connects());
    broker.put("connectionLosses", b.connectionLosses());
    broker.put("failedAttempts", b.failedAttempts());
    broker.put("stalledAttempts", b.stalledAttempts());
    broker.put("lastOutageS", b.lastOutage().toMillis() / 1000.0);
    n.put("telemetryAccepted", link.metrics().accepted(fleet, Channel.TELEMETRY));
    n.put("statusAccepted", link.metrics().accepted(fleet, Channel.STATUS));
    n.put("eventsAccepted", link.metrics().accepted(fleet, Channel.EVT));
    n.set("rejectedByReason", JSON.valueToTree(link.metrics().rejections().getOrDefault(fleet, Map.of())));
    n.set("observedTraffic", coordination.trafficCounts(fleet));
    return n;
  }

  public ActorSystem<SpawnProtocol.Command> system() {
    return system;
  }

  public LiveHub hub() {
    return hub;
  }

  public FleetLink link() {
    return link;
  }

  /** The fleets' missions, each answered by its fleet's home wherever it runs in the cluster. */
  public FleetHomes missions() {
    return homes;
  }

  /**
   * Missions of {@code fleet} flown from now on count mission time {@code missionSecondsPerSecond} times
   * as fast as the wall clock: for simulated drones that fly their plans that much faster (the demo's
   * time factor), so that the coordinator's slots, counts and re-planned plans are in the drones' time.
   */
  public void missionClockFactor(String fleet, double missionSecondsPerSecond) {
    coordination.clockFactor(fleet, missionSecondsPerSecond);
  }

  /**
   * The desk of {@code fleet}'s missions when its home runs on this node (starting the home if it
   * runs nowhere yet): with one node, always.
   *
   * @throws IllegalStateException when the fleet's home runs on another node
   */
  public MissionDesk desk(String fleet) {
    homes.restored(fleet); // starts the home (and waits for its restore)
    MissionDesk d = homesHere.get(fleet);
    if (d == null) {
      throw new IllegalStateException("the missions of fleet '" + fleet + "' live on another node");
    }
    return d;
  }

  /** The HTTP base URL, or null without an HTTP server. */
  public String httpUrl() {
    return http == null ? null : http.url();
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
    link.close();
    if (deviceJournal != null) {
      deviceJournal.close();
    }
    planning.shutdownNow();
    homeCalls.shutdownNow();
    system.terminate();
  }
}
