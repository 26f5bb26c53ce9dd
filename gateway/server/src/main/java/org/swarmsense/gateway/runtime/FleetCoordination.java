package org.swarmsense.gateway.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.swarmsense.agents.alarm.Geofence;
import org.swarmsense.agents.device.DeviceEntity;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.agents.mission.DeviceFlight;
import org.swarmsense.agents.mission.DroneLink;
import org.swarmsense.agents.mission.DroneProgress;
import org.swarmsense.agents.mission.FlightStage;
import org.swarmsense.agents.mission.MissionCoordinator;
import org.swarmsense.agents.planning.PlannerSpec;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.PlanGenerator;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.gateway.mission.MissionConflictException;
import org.swarmsense.gateway.mission.MissionFlight;
import org.swarmsense.gateway.mission.PlanWaypoints;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * Missions flown through the agents' {@link MissionCoordinator} over a fleet's drone entities:
 * drone i of the plan (in the order of the fleet's drone ids) is asked to adopt an agents' {@link
 * Drone} at the plan's base i ({@link DeviceEntity.AdoptDrone}: the planning agent lives under the
 * device's entity); the coordinator runs decentralized I-EPOS over those agents, its selection is
 * compared with the in-process planner's, and it sends every selected plan through its {@link
 * DroneLink}: here the plan as waypoints ({@link PlanWaypoints}) in a QoS 1 {@code plan} command to
 * the drone's entity, which sends it through the fleet link (and a drone a re-plan leaves nothing to
 * fly an {@code rtl} command). Drone telemetry reaches the coordinator
 * through {@link MissionIngest} (the ingest step right after the entities'): progress, loss,
 * re-planning; so do the devices' observations of traffic ({@link #observeTraffic}), which feed the
 * coordinator's re-plan trigger. One coordinator per fleet: the previous one of the fleet is stopped when the next
 * mission flies. Thread-safe.
 */
public final class FleetCoordination implements MissionFlight {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The fleet's drone camera (maps settings, read once): a drone's count covers its footprint. */
  private static final org.swarmsense.maps.MapsSettings MAPS = org.swarmsense.maps.MapsSettings.load();
  private static final org.swarmsense.maps.camera.CameraSettings CAMERA = MAPS.camera();

  private final ActorSystem<?> system;
  private final FleetDevices devices;
  private final AgentsSettings settings;
  private final BiFunction<Behavior<MissionCoordinator.Command>, String, ActorRef<MissionCoordinator.Command>> spawn;
  private final Duration timeout;
  private final Duration replyTimeout;
  private final Map<String, ActorRef<MissionCoordinator.Command>> coordinators = new ConcurrentHashMap<>();
  /** Per fleet: which observations of traffic its flying mission takes (replaced with the coordinator). */
  private final Map<String, MissionTraffic> traffic = new ConcurrentHashMap<>();
  /** Mission seconds per wall-clock second of each fleet flown faster than the wall clock (absent: 1). */
  private final Map<String, Double> clockFactors = new ConcurrentHashMap<>();
  private final AtomicLong spawned = new AtomicLong();
  /** Drones heard by the fleets' homes on this node: fleet -> drone id -> last heard (epoch ms). */
  private final Map<String, Map<String, Long>> heard = new ConcurrentHashMap<>();
  /** The fleets' homes (set once they are started; null: telemetry goes to this node's coordinators). */
  private volatile FleetHomes homes;
  /** A drone heard within this long counts as connected for a new flight. */
  private static final long HEARD_MS = 10_000;

  /**
   * @param spawn starts a coordinator as a named actor of the node
   * @param timeout the longest a planning may take (asks of the drones, then all rounds, then the answers)
   * @param replyTimeout how long a drone has to answer its plan command
   */
  FleetCoordination(ActorSystem<?> system, FleetDevices devices, AgentsSettings settings,
      BiFunction<Behavior<MissionCoordinator.Command>, String, ActorRef<MissionCoordinator.Command>> spawn,
      Duration timeout, Duration replyTimeout) {
    this.system = system;
    this.devices = devices;
    this.settings = settings;
    this.spawn = spawn;
    this.timeout = timeout;
    this.replyTimeout = replyTimeout;
  }

  @Override
  public Flight fly(String fleet, String missionId, Result result,
      Consumer<MissionCoordinator.MissionStatus> progress) {
    Run run = result.runs().get(0);
    int n = run.plans().size();
    LocalProjection projection =
        result.projection().orElseThrow(() -> new MissionConflictException("only geographic missions can be flown"));
    List<DeviceId> connected = dronesOf(fleet);
    if (connected.size() < n) {
      throw new MissionConflictException("mission '" + missionId + "' needs " + n + " drones, fleet '" + fleet
          + "' has " + connected.size() + " connected");
    }
    List<DeviceId> ids = connected.subList(0, n);
    long t0 = System.nanoTime();
    List<ActorRef<Drone.Command>> drones = adopt(ids, result);
    long seq = spawned.incrementAndGet();
    DeviceFlight flight = DeviceFlight.fresh(ids.stream().map(DeviceId::id).toList(),
        link(fleet, ids, result, projection), progress).withClockFactor(clockFactors.getOrDefault(fleet, 1.0));
    ActorRef<MissionCoordinator.Command> coordinator = start(fleet, missionId, seq, result, drones, flight);
    MissionCoordinator.MissionPlanned planned = await(AskPattern.<MissionCoordinator.Command,
        MissionCoordinator.MissionPlanned>ask(coordinator, r -> new MissionCoordinator.PlanMission(seq, r), timeout,
        system.scheduler()), timeout);
    MissionCoordinator.MissionStatus status = await(AskPattern.<MissionCoordinator.Command,
        MissionCoordinator.MissionStatus>ask(coordinator, MissionCoordinator.GetMissionStatus::new,
        settings.askTimeout(), system.scheduler()), settings.askTimeout());
    int[] central = run.results().get(Strategy.I_EPOS).selection();
    ObjectNode detail = JSON.createObjectNode();
    detail.put("by", "decentralized I-EPOS among the drone entities' planning agents");
    detail.put("drones", n);
    detail.put("proposed", planned.proposed());
    detail.put("sameAsInProcess", Arrays.equals(central, planned.selected()));
    detail.set("selection", JSON.valueToTree(planned.selected()));
    detail.set("inProcessSelection", JSON.valueToTree(central));
    detail.put("planningS", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
    return new Flight(detail, dispatchJson(status.drones()), flight.droneIds());
  }

  @Override
  public void resume(String fleet, String missionId, Result result, List<String> droneIds,
      List<DroneProgress> drones, int plannings, double missionTimeS,
      Consumer<MissionCoordinator.MissionStatus> progress) {
    LocalProjection projection =
        result.projection().orElseThrow(() -> new MissionConflictException("only geographic missions can be flown"));
    List<DeviceId> ids = droneIds.stream().map(id -> new DeviceId(fleet, DeviceKind.DRONE, id)).toList();
    List<ActorRef<Drone.Command>> planners = adopt(ids, result);
    DeviceFlight flight = new DeviceFlight(droneIds, link(fleet, ids, result, projection), progress,
        Optional.of(drones), plannings, missionTimeS, clockFactors.getOrDefault(fleet, 1.0));
    start(fleet, missionId, spawned.incrementAndGet(), result, planners, flight);
  }

  /**
   * The missions {@code fleet} flies from now on run their clock {@code missionSecondsPerSecond} times as
   * fast as the wall clock: for a simulated fleet whose drones fly their plans that much faster (the
   * demo's time factor); real devices keep 1. Not kept in the journal: a restarted gateway runs at 1.
   */
  void clockFactor(String fleet, double missionSecondsPerSecond) {
    if (!(missionSecondsPerSecond > 0) || !Double.isFinite(missionSecondsPerSecond)) {
      throw new IllegalArgumentException("missionSecondsPerSecond must be finite and > 0, was "
          + missionSecondsPerSecond);
    }
    clockFactors.put(fleet, missionSecondsPerSecond);
  }

  /** From now on drone telemetry goes to the fleet's home ({@link #observe}), wherever it runs. */
  void homeAt(FleetHomes homes) {
    this.homes = homes;
  }

  /**
   * Tells the fleet's home what a drone reported (its state word and position), which hands it to
   * the fleet's flying mission ({@link #observeHere}) and its fences. Never blocks.
   */
  void observe(DeviceId device, org.swarmsense.gateway.wire.Telemetry t) {
    if (device.kind() != DeviceKind.DRONE) {
      return;
    }
    FleetHomes h = homes;
    if (h != null) {
      h.observe(device.fleet(), device.id(), t.state(), t.lonDeg(), t.latDeg());
    } else {
      observeHere(device, t.state());
    }
  }

  /**
   * The fleet's home on this node heard a drone: it counts as connected for the fleet's next flight,
   * and the fleet's flying mission (its coordinator runs here, beside the home) learns its state.
   */
  void observeHere(DeviceId device, String state) {
    if (device.kind() != DeviceKind.DRONE) {
      return;
    }
    heard.computeIfAbsent(device.fleet(), f -> new ConcurrentHashMap<>()).put(device.id(), System.currentTimeMillis());
    ActorRef<MissionCoordinator.Command> c = coordinators.get(device.fleet());
    if (c != null) {
      c.tell(new MissionCoordinator.ObserveDevice(device.id(), state));
    }
  }

  /**
   * Tells the fleet's home what traffic a drone or sensor counted ({@code observed} of its telemetry)
   * at its reported position; the home hands it to the fleet's flying mission ({@link
   * #observeTrafficHere}). Never blocks: at most one tell.
   */
  void observeTraffic(DeviceId device, double latDeg, double lonDeg, double altM, int vehicles) {
    if (device.kind() != DeviceKind.DRONE && device.kind() != DeviceKind.SENSOR) {
      return;
    }
    FleetHomes h = homes;
    if (h != null) {
      h.observeTraffic(device, latDeg, lonDeg, altM, vehicles);
    } else {
      observeTrafficHere(device, latDeg, lonDeg, altM, vehicles);
    }
  }

  /**
   * The fleet's home on this node heard a count of traffic: its flying mission takes it on the
   * mission cell under the device's reported position ({@link MissionTraffic}: at most one
   * observation per device and second is taken, one outside every cell is not; both counted), with
   * the share of the forecast's area the count covers ({@link MissionTraffic#cellShare}: a drone's
   * camera footprint at {@code altM}, a sensor's whole cell).
   */
  void observeTrafficHere(DeviceId device, double latDeg, double lonDeg, double altM, int vehicles) {
    MissionTraffic cells = traffic.get(device.fleet());
    ActorRef<MissionCoordinator.Command> c = coordinators.get(device.fleet());
    if (cells == null || c == null) {
      return;
    }
    java.util.OptionalInt cell = cells.cellFor(device.kind().level() + "/" + device.id(), latDeg, lonDeg,
        System.nanoTime());
    if (cell.isPresent()) {
      c.tell(new MissionCoordinator.ObserveDeviceTraffic(device.id(), cell.getAsInt(), vehicles,
          cells.cellShare(device.kind(), altM)));
    }
  }

  /**
   * The fleet's home left this node: its flying mission's coordinator stops here (the next home
   * re-attaches the drones from the journal) and what it heard is forgotten.
   */
  void stopFleet(String fleet) {
    heard.remove(fleet);
    traffic.remove(fleet);
    ActorRef<MissionCoordinator.Command> c = coordinators.remove(fleet);
    if (c != null) {
      c.tell(MissionCoordinator.Stop.INSTANCE);
    }
  }

  /**
   * The counts of observations of traffic for the fleet's current mission, as its home on this node
   * took them ({@code accepted},
   * {@code throttled}, {@code outsideMission}); all 0 when no mission flew.
   */
  public ObjectNode trafficCounts(String fleet) {
    MissionTraffic t = traffic.get(fleet);
    return t != null ? t.counts() : JSON.createObjectNode().put("accepted", 0).put("throttled", 0)
        .put("outsideMission", 0);
  }

  /**
   * The fleet's drones a new flight may take, by id: those whose entity runs on this node and those
   * the fleet's home heard within {@link #HEARD_MS} (with several nodes, the others' entities).
   */
  private List<DeviceId> dronesOf(String fleet) {
    java.util.TreeMap<String, DeviceId> out = new java.util.TreeMap<>();
    devices.devicesOf(fleet).stream().filter(d -> d.kind() == DeviceKind.DRONE).forEach(d -> out.put(d.id(), d));
    long since = System.currentTimeMillis() - HEARD_MS;
    heard.getOrDefault(fleet, Map.of()).forEach((id, at) -> {
      if (at >= since) {
        out.putIfAbsent(id, new DeviceId(fleet, DeviceKind.DRONE, id));
      }
    });
    return List.copyOf(out.values());
  }

  /** The answer's dispatch section from the drones' progress once every plan was answered. */
  static ObjectNode dispatchJson(List<DroneProgress> drones) {
    ObjectNode out = JSON.createObjectNode();
    out.put("drones", drones.size());
    int accepted = 0;
    ArrayNode refused = out.putArray("refused");
    ArrayNode leftOut = JSON.createArrayNode();
    for (DroneProgress d : drones) {
      if (d.stage().acknowledged()) {
        accepted++;
      } else if (d.stage() == FlightStage.REFUSED) {
        refused.addObject().put("drone", d.droneId()).put("reason", d.reason());
      } else if (d.stage() == FlightStage.LEFT_OUT) {
        leftOut.add(d.droneId());
      }
    }
    out.put("accepted", accepted);
    out.set("left_out", leftOut);
    return out;
  }

  private List<ActorRef<Drone.Command>> adopt(List<DeviceId> ids, Result result) {
    Run run = result.runs().get(0);
    SensingProblem p = run.problem();
    Mission mission = result.mission();
    List<ActorRef<Drone.Command>> drones = new ArrayList<>();
    for (int d = 0; d < ids.size(); d++) {
      int base = PlanGenerator.baseOf(d, p.bases());
      DroneSetup setup = new DroneSetup(p.bx(base), p.by(base), mission.fleet().altitudeM(),
          mission.fleet().batterySwapS(), mission.fleet().model(), Geofence.unbounded());
      String entityId = DeviceIngest.key(ids.get(d)).entityId();
      DeviceEntity.DroneReply reply = await(AskPattern.<ShardingEnvelope<DeviceEntity.Command>, DeviceEntity.DroneReply>ask(
          devices.region(), r -> new ShardingEnvelope<>(entityId, new DeviceEntity.AdoptDrone(setup, r)),
          settings.askTimeout(), system.scheduler()), settings.askTimeout());
      if (reply instanceof DeviceEntity.DroneReady ready) {
        drones.add(ready.drone());
      } else {
        throw new MissionConflictException("drone " + ids.get(d) + " cannot plan: "
            + ((DeviceEntity.DroneRefused) reply).reason());
      }
    }
    return drones;
  }

  private ActorRef<MissionCoordinator.Command> start(String fleet, String missionId, long seq, Result result,
      List<ActorRef<Drone.Command>> drones, DeviceFlight flight) {
    Run run = result.runs().get(0);
    SensingProblem p = run.problem();
    long number = missionNumber(missionId, seq);
    ActorRef<MissionCoordinator.Command> coordinator = spawn.apply(MissionCoordinator.createForDevices(number, p,
        run.plans(), result.energy(), PlannerSpec.of(result.mission().planner(), p), drones, settings, flight),
        "mission-coordinator-" + seq);
    result.projection().ifPresent(proj -> traffic.put(fleet, new MissionTraffic(proj, p,
        org.swarmsense.epos.sensing.report.MapSvg.cellSize(result.mission(), p), MissionTraffic.MIN_INTERVAL,
        CAMERA, org.swarmsense.epos.sensing.MissionPlanner.demandView(result.mission(), MAPS))));
    ActorRef<MissionCoordinator.Command> before = coordinators.put(fleet, coordinator);
    if (before != null) {
      before.tell(MissionCoordinator.Stop.INSTANCE); // the fleet's previous mission ends here
    }
    return coordinator;
  }

  /** The coordinator's number of a mission: its own number ({@code m3} -> 3), so plan ids name the mission. */
  private static long missionNumber(String missionId, long seq) {
    try {
      return Long.parseLong(missionId.substring(1));
    } catch (RuntimeException e) {
      return seq;
    }
  }

  /**
   * Plans as QoS 1 plan commands through the drones' entities (a first plan without sorties needs no
   * command); the end of a drone's flight as the QoS 1 {@code rtl} command.
   */
  private DroneLink link(String fleet, List<DeviceId> ids, Result result, LocalProjection projection) {
    Mission.Fleet f = result.mission().fleet();
    return new DroneLink() {
      @Override
      public CompletionStage<Optional<String>> sendPlan(int drone, String planId,
          CandidatePlan plan, double missionTimeS) {
        List<Waypoint> waypoints = PlanWaypoints.of(plan, projection, f.altitudeM(), f.batterySwapS(),
            result.energy(), missionTimeS);
        if (waypoints.isEmpty()) {
          return CompletableFuture.completedFuture(Optional.empty());
        }
        return send(drone, Command.plan(System.currentTimeMillis(), planId, waypoints));
      }

      @Override
      public CompletionStage<Optional<String>> endFlight(int drone, String planId) {
        return send(drone, Command.returnToLaunch(System.currentTimeMillis()));
      }

      private CompletableFuture<Optional<String>> send(int drone, Command command) {
        return devices.sendCommand(fleet, ids.get(drone), command, replyTimeout)
            .thenApply(r -> r.ok() ? Optional.<String>empty() : Optional.of(String.valueOf(r.reason())));
      }
    };
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage, Duration timeout) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new MissionConflictException("decentralized planning failed: " + e.getCause().getMessage());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new MissionConflictException("decentralized planning took longer than " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MissionConflictException("decentralized planning interrupted");
    }
  }
}
