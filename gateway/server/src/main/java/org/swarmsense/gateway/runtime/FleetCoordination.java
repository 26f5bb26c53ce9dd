package org.swarmsense.gateway.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.swarmsense.agents.alarm.Geofence;
import org.swarmsense.agents.device.DeviceEntity;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.agents.mission.MissionCoordinator;
import org.swarmsense.agents.planning.PlannerSpec;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.MissionPlanner.Run;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.PlanGenerator;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.gateway.mission.DecentralizedPlanning;
import org.swarmsense.gateway.mission.MissionConflictException;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;

/**
 * Decentralized I-EPOS among a fleet's drone entities: drone i of the plan (in the order of the
 * fleet's drone ids, the order {@code FleetMissionRunner} flies them in) is asked to adopt an agents'
 * {@link Drone} at the plan's base i ({@link DeviceEntity.AdoptDrone}: the drone agent lives under
 * the device's entity); an agents {@link MissionCoordinator} then runs the rounds over those drones'
 * planning agents, as the demo did in process before, and its selection is compared with the
 * in-process planner's (shown under {@code planning} in the run's answer). One coordinator per fleet:
 * the previous one of the fleet is stopped when the next mission is planned. Thread-safe.
 */
public final class FleetCoordination implements DecentralizedPlanning {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ActorSystem<?> system;
  private final FleetDevices devices;
  private final AgentsSettings settings;
  private final BiFunction<Behavior<MissionCoordinator.Command>, String, ActorRef<MissionCoordinator.Command>> spawn;
  private final Duration timeout;
  private final java.util.Map<String, ActorRef<MissionCoordinator.Command>> coordinators =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong missions = new java.util.concurrent.atomic.AtomicLong();

  /**
   * @param spawn starts a coordinator as a named actor of the node
   * @param timeout the longest a planning may take (asks of the drones, then all rounds)
   */
  FleetCoordination(ActorSystem<?> system, FleetDevices devices, AgentsSettings settings,
      BiFunction<Behavior<MissionCoordinator.Command>, String, ActorRef<MissionCoordinator.Command>> spawn,
      Duration timeout) {
    this.system = system;
    this.devices = devices;
    this.settings = settings;
    this.spawn = spawn;
    this.timeout = timeout;
  }

  @Override
  public Choice choose(String fleet, String missionId, Result result) {
    Run run = result.runs().get(0);
    SensingProblem p = run.problem();
    Mission mission = result.mission();
    int n = run.plans().size();
    List<DeviceId> connected = devices.devicesOf(fleet).stream().filter(d -> d.kind() == DeviceKind.DRONE).toList();
    if (connected.size() < n) {
      throw new MissionConflictException("mission '" + missionId + "' needs " + n + " drones, fleet '" + fleet
          + "' has " + connected.size() + " connected");
    }
    long t0 = System.nanoTime();
    List<ActorRef<Drone.Command>> drones = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      int base = PlanGenerator.baseOf(d, p.bases());
      DroneSetup setup = new DroneSetup(p.bx(base), p.by(base), mission.fleet().altitudeM(),
          mission.fleet().batterySwapS(), mission.fleet().model(), Geofence.unbounded());
      String entityId = DeviceIngest.key(connected.get(d)).entityId();
      DeviceEntity.DroneReply reply = await(AskPattern.<ShardingEnvelope<DeviceEntity.Command>, DeviceEntity.DroneReply>ask(
          devices.region(), r -> new ShardingEnvelope<>(entityId, new DeviceEntity.AdoptDrone(setup, r)),
          settings.askTimeout(), system.scheduler()), settings.askTimeout());
      if (reply instanceof DeviceEntity.DroneReady ready) {
        drones.add(ready.drone());
      } else {
        throw new MissionConflictException("drone " + connected.get(d) + " cannot plan: "
            + ((DeviceEntity.DroneRefused) reply).reason());
      }
    }
    long seq = missions.incrementAndGet();
    ActorRef<MissionCoordinator.Command> coordinator = spawn.apply(MissionCoordinator.create(seq, p, run.plans(),
        PlannerSpec.of(mission.planner(), p.goal()), drones, List.of(), settings), "mission-coordinator-" + seq);
    ActorRef<MissionCoordinator.Command> before = coordinators.put(fleet, coordinator);
    if (before != null) {
      before.tell(MissionCoordinator.Stop.INSTANCE); // the fleet's previous mission ends here
    }
    MissionCoordinator.MissionPlanned planned = await(AskPattern.<MissionCoordinator.Command,
        MissionCoordinator.MissionPlanned>ask(coordinator, r -> new MissionCoordinator.PlanMission(seq, r), timeout,
        system.scheduler()), timeout);
    int[] central = run.results().get(Strategy.I_EPOS).selection();
    ObjectNode detail = JSON.createObjectNode();
    detail.put("by", "decentralized I-EPOS among the drone entities' planning agents");
    detail.put("drones", n);
    detail.put("proposed", planned.proposed());
    detail.put("sameAsInProcess", Arrays.equals(central, planned.selected()));
    detail.set("selection", JSON.valueToTree(planned.selected()));
    detail.set("inProcessSelection", JSON.valueToTree(central));
    detail.put("planningS", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
    return new Choice(planned.selected(), detail);
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
