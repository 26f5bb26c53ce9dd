package org.swarmsense.agents.mission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.agents.planning.EposRound;
import org.swarmsense.agents.planning.PlannerSpec;
import org.swarmsense.agents.planning.PlanningAgent;
import org.swarmsense.agents.planning.RoundResult;
import org.swarmsense.agents.sensor.Sensor;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;

/**
 * Runs one sensing mission over a fleet of {@link Drone}s: on {@link PlanMission} it hands each
 * drone its candidate plans and asks it to propose them ({@link Drone.ProposePlans}: the drone
 * starts its own planning agent), runs the decentralized I-EPOS rounds over those agents (one
 * {@link EposRound} per repetition; the lowest final combined cost wins), dispatches the selected
 * plans ({@link Drone.FlyPlan}), then tracks execution from telemetry. Sensors' readings feed a
 * {@link ReplanTrigger}; when demand drifts from the forecast it re-plans the remaining slots (the
 * candidates cut to what is still ahead, {@link RemainingPlans}; the goal of those slots scaled by
 * the drift) the same way, and dispatches the new plans (a drone that is airborne gets it when its
 * telemetry shows it back on the ground). A drone that does not propose within the ask timeout is
 * left out of the planning and keeps whatever it flies; an agent that does not report a selection
 * keeps its last plan (no new plan is sent to it). Recovery after a drone moves to another node
 * (sharding): a dispatched drone silent for the link timeout is sent {@code Subscribe} again; a
 * drone that had accepted its plan and reports {@code hasPlan = false} (a fresh incarnation) is sent
 * the rest of its plan from the current slot, at the current mission time (the largest simulated
 * time in the fleet's telemetry).
 */
public final class MissionCoordinator extends AbstractBehavior<MissionCoordinator.Command> {

  /** Everything the coordinator understands. */
  public sealed interface Command extends CborSerializable {}

  /** Plan the mission and dispatch the plans; replies {@link MissionPlanned}. */
  public record PlanMission(long requestId, ActorRef<MissionPlanned> replyTo) implements Command {}

  /** End the mission: the coordinator stops (the drones keep what they fly). */
  public enum Stop implements Command {
    INSTANCE
  }

  /** Report the mission's state. */
  public record GetMissionStatus(ActorRef<MissionStatus> replyTo) implements Command {}

  private record WrappedProposal(Drone.ProposalReply reply) implements Command {}

  private record ProposalDeadline(long planning) implements Command {}

  private record WrappedRound(RoundResult result) implements Command {}

  private record WrappedPlanReply(Drone.PlanReply reply) implements Command {}

  private record WrappedTelemetry(Drone.Telemetry telemetry) implements Command {}

  private record WrappedReading(Sensor.Reading reading) implements Command {}

  private enum CheckDrones implements Command { INSTANCE }

  /**
   * The outcome of one planning (the first, or a re-plan).
   *
   * @param requestId the request (-1 for a re-plan the coordinator started itself)
   * @param planning 0 for the first planning, 1.. for re-plans
   * @param selected the selected candidate index per drone (-1: left out or unresponsive, keeps its plan)
   * @param globalCost G after each iteration of the winning repetition
   * @param bestRepetition the winning repetition
   * @param proposed drones whose planning agents took part
   * @param dispatched drones that accepted their plan at once (others get it on landing)
   */
  public record MissionPlanned(long requestId, int planning, int[] selected, double[] globalCost, int bestRepetition,
      int proposed, int dispatched) implements CborSerializable {}

  /** Where the coordinator is: waiting, collecting proposals, running I-EPOS rounds, or flying. */
  public enum Phase {
    /** No planning started yet. */
    IDLE,
    /** Asking the drones for their candidate plans. */
    PROPOSING,
    /** Running the I-EPOS rounds among the drones that proposed. */
    PLANNING,
    /** Plans dispatched; watching the flight and the traffic for a re-plan. */
    FLYING
  }

  /**
   * The mission's state.
   *
   * @param phase where the coordinator is
   * @param plannings plannings done (first + re-plans)
   * @param lastDriftRatio observed / forecast traffic of the slot that triggered the last re-plan (1 if none)
   * @param airborne drones last seen flying or hovering
   * @param energyUsedJ energy the fleet has used, J (from telemetry)
   * @param pendingDispatch plans waiting for their drone to land
   * @param lastPlanning the last planning's outcome, if any
   */
  public record MissionStatus(Phase phase, int plannings, double lastDriftRatio, int airborne, double energyUsedJ,
      int pendingDispatch, Optional<MissionPlanned> lastPlanning) implements CborSerializable {}

  private final long missionId;
  private final SensingProblem problem;
  private final List<List<CandidatePlan>> candidates;
  private final PlannerSpec spec;
  private final List<ActorRef<Drone.Command>> drones;
  private final AgentsSettings settings;
  private final TimerScheduler<Command> timers;
  private final ReplanTrigger trigger;
  private final ActorRef<Drone.ProposalReply> proposalAdapter;
  private final ActorRef<Drone.PlanReply> planReplyAdapter;

  private Phase phase = Phase.IDLE;
  private int plannings;
  private double lastDrift = 1;
  private List<List<CandidatePlan>> current;
  private EposConfig config;
  private ActorRef<MissionPlanned> replyTo;
  private long requestId;
  private List<ActorRef<PlanningAgent.Command>> agents;
  /** The planning agent each drone proposed in the current planning (null: none yet / refused). */
  private List<ActorRef<PlanningAgent.Command>> proposed = List.of();
  private int[] agentToDrone;
  private int proposals;
  private final List<RoundResult> rounds = new ArrayList<>();
  private final Map<String, Integer> droneIndex = new HashMap<>();
  private final Map<Integer, CandidatePlan> pending = new HashMap<>();
  private final Map<String, Drone.Telemetry> lastTelemetry = new HashMap<>();
  private final Map<Integer, CandidatePlan> accepted = new HashMap<>();
  private final Map<Integer, Long> lastHeardNanos = new HashMap<>();
  private final ActorRef<Drone.Telemetry> telemetryAdapter;
  private double missionTimeS;
  private MissionPlanned last;
  private final List<PlanMission> queued = new ArrayList<>();

  /**
   * A coordinator for mission {@code missionId}: {@code problem} (goal, forecast), the candidate
   * plans of each drone (drone i of {@code drones} owns {@code candidates.get(i)}), the planner
   * {@code spec}, and the sensors whose readings may trigger re-planning.
   */
  public static Behavior<Command> create(long missionId, SensingProblem problem, List<List<CandidatePlan>> candidates,
      PlannerSpec spec, List<ActorRef<Drone.Command>> drones, List<ActorRef<Sensor.Command>> sensors,
      AgentsSettings settings) {
    if (drones.isEmpty() || drones.size() != candidates.size()) {
      throw new IllegalArgumentException("need one candidate list per drone, got " + candidates.size()
          + " lists for " + drones.size() + " drones");
    }
    if (spec.dimension() != problem.dimension()) {
      throw new IllegalArgumentException("spec dimension " + spec.dimension() + " differs from the problem's "
          + problem.dimension());
    }
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new MissionCoordinator(ctx, t, missionId, problem,
        candidates, spec, drones, sensors, settings)));
  }

  private MissionCoordinator(ActorContext<Command> ctx, TimerScheduler<Command> timers, long missionId,
      SensingProblem problem, List<List<CandidatePlan>> candidates, PlannerSpec spec,
      List<ActorRef<Drone.Command>> drones, List<ActorRef<Sensor.Command>> sensors, AgentsSettings settings) {
    super(ctx);
    this.missionId = missionId;
    this.problem = problem;
    this.candidates = List.copyOf(candidates);
    this.spec = spec;
    this.drones = List.copyOf(drones);
    this.settings = settings;
    this.timers = timers;
    this.trigger = new ReplanTrigger(problem.vehicleSeconds(), problem.slots(), problem.slotS(),
        settings.replanDriftThreshold(), settings.replanMinReadings());
    this.proposalAdapter = ctx.messageAdapter(Drone.ProposalReply.class, WrappedProposal::new);
    this.planReplyAdapter = ctx.messageAdapter(Drone.PlanReply.class, WrappedPlanReply::new);
    ActorRef<Drone.Telemetry> tel = ctx.messageAdapter(Drone.Telemetry.class, WrappedTelemetry::new);
    this.telemetryAdapter = tel;
    ActorRef<Sensor.Reading> readings = ctx.messageAdapter(Sensor.Reading.class, WrappedReading::new);
    drones.forEach(d -> d.tell(new Drone.Subscribe(tel, null)));
    timers.startTimerWithFixedDelay(CheckDrones.INSTANCE, settings.linkCheckInterval());
    sensors.forEach(s -> s.tell(new Sensor.Subscribe(readings)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PlanMission.class, this::onPlanMission)
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .onMessage(GetMissionStatus.class, this::onGetMissionStatus)
        .onMessage(WrappedProposal.class, m -> onProposal(m.reply()))
        .onMessage(ProposalDeadline.class, this::onProposalDeadline)
        .onMessage(WrappedRound.class, m -> onRound(m.result()))
        .onMessage(WrappedPlanReply.class, m -> onPlanReply(m.reply()))
        .onMessage(WrappedTelemetry.class, m -> onTelemetry(m.telemetry()))
        .onMessage(WrappedReading.class, m -> onReading(m.reading()))
        .onMessageEquals(CheckDrones.INSTANCE, this::onCheckDrones)
        .build();
  }

  private Behavior<Command> onPlanMission(PlanMission m) {
    if (phase != Phase.IDLE && phase != Phase.FLYING) {
      queued.add(m);
      return this;
    }
    startPlanning(m.requestId(), m.replyTo(), candidates, spec);
    return this;
  }

  private Behavior<Command> onGetMissionStatus(GetMissionStatus m) {
    int airborne = 0;
    double energy = 0;
    for (Drone.Telemetry t : lastTelemetry.values()) {
      FlightPhase p = t.state().phase();
      if (p == FlightPhase.FLYING || p == FlightPhase.HOVERING) {
        airborne++;
      }
      energy += t.state().energyUsedJ();
    }
    m.replyTo().tell(new MissionStatus(phase, plannings, lastDrift, airborne, energy, pending.size(),
        Optional.ofNullable(last)));
    return this;
  }

  private void startPlanning(long request, ActorRef<MissionPlanned> reply, List<List<CandidatePlan>> plans,
      PlannerSpec s) {
    phase = Phase.PROPOSING;
    requestId = request;
    replyTo = reply;
    current = plans;
    config = s.config();
    rounds.clear();
    agents = new ArrayList<>();
    agentToDrone = new int[0];
    proposals = 0;
    long planningId = missionId * 1000 + plannings;
    for (int i = 0; i < drones.size(); i++) {
      drones.get(i).tell(new Drone.ProposePlans(planningId, i, plans.get(i), s, proposalAdapter));
    }
    proposed = new ArrayList<>(java.util.Collections.nCopies(drones.size(), null));
    timers.startSingleTimer(new ProposalDeadline(planningId), settings.askTimeout());
  }

  private Behavior<Command> onProposal(Drone.ProposalReply r) {
    if (phase != Phase.PROPOSING) {
      return this;
    }
    if (r instanceof Drone.PlansProposed p && p.missionId() == missionId * 1000 + plannings) {
      proposed.set(p.agentId(), p.agent());
      droneIndex.put(p.droneId(), p.agentId());
      proposals++;
    } else if (r instanceof Drone.ProposalRefused f) {
      getContext().getLog().warn("drone {} refused to plan: {}", f.droneId(), f.reason());
      proposals++;
    }
    if (proposals == drones.size()) {
      timers.cancel(new ProposalDeadline(missionId * 1000 + plannings));
      beginRounds();
    }
    return this;
  }

  private Behavior<Command> onProposalDeadline(ProposalDeadline d) {
    if (phase == Phase.PROPOSING && d.planning() == missionId * 1000 + plannings) {
      beginRounds();
    }
    return this;
  }

  /** The agents that proposed become agents 0..M-1 of I-EPOS, in drone order. */
  private void beginRounds() {
    List<Integer> map = new ArrayList<>();
    for (int i = 0; i < proposed.size(); i++) {
      if (proposed.get(i) != null) {
        map.add(i);
      }
    }
    if (map.isEmpty()) {
      int[] noneSelected = new int[drones.size()];
      Arrays.fill(noneSelected, -1); // every drone left out: none is handed plan 0
      finishPlanning(noneSelected, new double[0], -1);
      return;
    }
    if (map.size() < drones.size()) {
      getContext().getLog().warn("{} of {} drones proposed plans; planning without the others", map.size(),
          drones.size());
    }
    agentToDrone = map.stream().mapToInt(Integer::intValue).toArray();
    agents = new ArrayList<>();
    for (int i : agentToDrone) {
      agents.add(proposed.get(i));
    }
    phase = Phase.PLANNING;
    startRound();
  }

  private void startRound() {
    ActorRef<RoundResult> reply = getContext().messageAdapter(RoundResult.class, WrappedRound::new);
    long round = (missionId * 1000 + plannings) * 100 + rounds.size();
    getContext().spawnAnonymous(EposRound.create(round, rounds.size(), agents, agentToDrone, config,
        settings.iterationTimeout(), settings.roundTimeout(), reply));
  }

  private Behavior<Command> onRound(RoundResult r) {
    if (phase != Phase.PLANNING) {
      return this;
    }
    rounds.add(r);
    if (rounds.size() < config.repetitions()) {
      startRound();
      return this;
    }
    int best = 0;
    for (int i = 1; i < rounds.size(); i++) {
      if (combined(rounds.get(i)) < combined(rounds.get(best))) {
        best = i;
      }
    }
    int[] byAgent = rounds.get(best).selected();
    int[] byDrone = new int[drones.size()];
    Arrays.fill(byDrone, -1);
    for (int a = 0; a < agentToDrone.length; a++) {
      byDrone[agentToDrone[a]] = byAgent[a];
    }
    finishPlanning(byDrone, rounds.get(best).globalCost(), best);
    return this;
  }

  private double combined(RoundResult r) {
    return r.combinedCost(config.alpha(), config.beta(), agents.size());
  }

  private void finishPlanning(int[] byDrone, double[] g, int best) {
    int dispatched = 0;
    for (int i = 0; i < byDrone.length; i++) {
      if (byDrone[i] >= 0) {
        CandidatePlan plan = current.get(i).get(byDrone[i]);
        pending.put(i, plan);
        drones.get(i).tell(new Drone.FlyPlan(i, plan, missionTimeS, planReplyAdapter));
        lastHeardNanos.putIfAbsent(i, System.nanoTime());
        dispatched++;
      }
    }
    last = new MissionPlanned(requestId, plannings, byDrone, g, best, agents.size(), dispatched);
    plannings++;
    phase = Phase.FLYING;
    if (replyTo != null) {
      replyTo.tell(last);
    }
    if (!queued.isEmpty()) {
      PlanMission q = queued.remove(0);
      startPlanning(q.requestId(), q.replyTo(), candidates, spec);
    }
  }

  private Behavior<Command> onPlanReply(Drone.PlanReply r) {
    if (r instanceof Drone.PlanAccepted a) {
      Integer i = droneIndex.get(a.droneId());
      if (i != null && pending.containsKey(i)) {
        accepted.put(i, pending.remove(i));
      }
    }
    // a rejected plan stays pending and is re-sent when the drone's telemetry shows it on the ground
    return this;
  }

  private Behavior<Command> onTelemetry(Drone.Telemetry t) {
    lastTelemetry.put(t.droneId(), t);
    missionTimeS = Math.max(missionTimeS, t.state().tS());
    Integer i = droneIndex.get(t.droneId());
    if (i == null) {
      return this;
    }
    lastHeardNanos.put(i, System.nanoTime());
    FlightPhase p = t.state().phase();
    boolean onGround = p == FlightPhase.IDLE || p == FlightPhase.SWAPPING;
    if (!t.hasPlan() && accepted.containsKey(i) && !pending.containsKey(i)) {
      // a fresh incarnation (moved to another node): send the rest of its plan from the current slot
      int slot = Math.min(problem.slots(), (int) Math.floor(missionTimeS / problem.slotS()));
      pending.put(i, RemainingPlans.fromSlot(accepted.remove(i), slot, problem.slots(), problem.slotS()));
      getContext().getLog().info("drone {} lost its plan (new incarnation); re-dispatching from slot {}",
          t.droneId(), slot);
    }
    if (pending.containsKey(i) && onGround) {
      drones.get(i).tell(new Drone.FlyPlan(i, pending.get(i), missionTimeS, planReplyAdapter));
    }
    return this;
  }

  private Behavior<Command> onCheckDrones() {
    long now = System.nanoTime();
    long timeout = settings.linkTimeout().toNanos();
    for (Map.Entry<Integer, Long> e : lastHeardNanos.entrySet()) {
      if (now - e.getValue() > timeout) {
        drones.get(e.getKey()).tell(new Drone.Subscribe(telemetryAdapter, null));
        e.setValue(now); // next attempt after another timeout
      }
    }
    return this;
  }

  private Behavior<Command> onReading(Sensor.Reading r) {
    Optional<ReplanTrigger.Replan> due = trigger.observe(r.cell(), r.tS(), r.vehicleCount());
    if (due.isPresent() && phase == Phase.FLYING) {
      ReplanTrigger.Replan rp = due.get();
      lastDrift = rp.driftRatio();
      getContext().getLog().info("mission {}: slot {} traffic is {} x the forecast; re-planning slots {}..{}",
          missionId, rp.slot(), rp.driftRatio(), rp.fromSlot(), problem.slots() - 1);
      double[] goal = ReplanTrigger.driftedGoal(spec.goal(), problem.slots(), rp.fromSlot(), rp.driftRatio());
      startPlanning(-1, null, RemainingPlans.allFromSlot(candidates, rp.fromSlot(), problem.slots(),
          problem.slotS()), spec.withGoal(goal));
    }
    return this;
  }
}
