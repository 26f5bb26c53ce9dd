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
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;

/**
 * Runs one sensing mission over a fleet of {@link Drone}s: on {@link PlanMission} it hands each
 * drone its candidate plans and asks it to propose them ({@link Drone.ProposePlans}: the drone
 * starts its own planning agent), runs the decentralized I-EPOS rounds over those agents (one
 * {@link EposRound} per repetition; the lowest final combined cost wins), dispatches the selected
 * plans ({@link Drone.FlyPlan}), then tracks execution from telemetry. Sensors' readings feed a
 * {@link ReplanTrigger}; when demand drifts from the forecast it re-plans the remaining slots (the
 * candidates cut to what is still ahead, {@link RemainingPlans#optionsFromSlot}: what a drone can
 * fly from where it is; the goal of those slots scaled by the drift) the same way, and dispatches the
 * new plans (a drone that is airborne gets it when its telemetry shows it back on the ground). A drone that does not propose within the ask timeout is
 * left out of the planning and keeps whatever it flies; an agent that does not report a selection
 * keeps its last plan (no new plan is sent to it). Recovery after a drone moves to another node
 * (sharding): a dispatched drone silent for the link timeout is sent {@code Subscribe} again; a
 * drone that had accepted its plan and reports {@code hasPlan = false} (a fresh incarnation) is sent
 * the rest of its plan from the current slot, at the current mission time (the largest simulated
 * time in the fleet's telemetry).
 *
 * <p><b>Real devices</b> ({@link #createForDevices}, a {@link DeviceFlight}): planning is the same
 * (the drones' agents propose and run the rounds), but the selected plans go to the devices through
 * the {@link DroneLink} (QoS 1 plan commands) and the reply to {@link PlanMission} waits for every
 * drone's answer. Progress comes from the devices' telemetry ({@link ObserveDevice}): a drone that
 * acknowledged its plan is {@link FlightStage#FLYING} once airborne and {@link FlightStage#DONE} when
 * it reports {@code landed} after that; when every drone is finished the phase is {@link
 * Phase#COMPLETED}. A drone silent for the link timeout while holding a plan is {@link
 * FlightStage#LOST}: the remaining slots (from the next slot on, mission time counted from the first
 * dispatch) are re-planned among the other drones and their new plans sent. Demand observed by the
 * gateway ({@link ObserveTraffic}) feeds the same {@link ReplanTrigger} as the sensors. A drone that a
 * re-plan leaves nothing to fly (the rest of its selected plan has no sortie) is told to end its
 * flight ({@link DroneLink#endFlight}: back to where it took off, and land) instead of keeping the
 * plan it flies; it is {@code DONE} when it then reports {@code landed}, like a drone that flew its
 * plan to the end. A drone given a plan without sorties in the first planning has nothing to end and
 * is {@code DONE} as soon as the plan is taken. Every change
 * is reported to {@link DeviceFlight#progress}. After a restart ({@link DeviceFlight#resume}) the
 * coordinator starts {@code FLYING} with the recovered progress: acknowledged plans are not sent
 * again; a plan whose answer was not recorded is sent again with the same plan id; a resumed drone
 * has {@code RESUME_GRACE} (6) link timeouts to be heard again (its link reconnects first) before it
 * counts as lost.
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

  /** A real drone of the mission reported its state word (telemetry reaching its entity). */
  public record ObserveDevice(String droneId, String state) implements Command {
    /** Validates the fields. */
    public ObserveDevice {
      if (droneId == null || droneId.isEmpty() || state == null) {
        throw new IllegalArgumentException("observe device: droneId and state must be given, were " + droneId
            + " and " + state);
      }
    }
  }

  /**
   * Traffic observed on a cell (vehicles counted at mission time {@code tS}): fed to the same
   * re-plan trigger as the sensors' readings.
   */
  public record ObserveTraffic(int cell, double tS, double vehicleCount) implements Command {
    /** Validates the fields. */
    public ObserveTraffic {
      if (cell < 0 || !Double.isFinite(tS) || !(vehicleCount >= 0) || !Double.isFinite(vehicleCount)) {
        throw new IllegalArgumentException("observe traffic: need cell >= 0, a finite tS and a finite vehicleCount"
            + " >= 0, were " + cell + ", " + tS + ", " + vehicleCount);
      }
    }
  }

  /**
   * Real devices: traffic a device of the fleet counted just now on {@code cellShare} times the area
   * of {@code cell} (a mission cell index) the forecast counts (1 for a sensor on a whole-cell forecast;
   * a drone's camera footprint covers less; a sensor on a camera mission's forecast more). Judged at the coordinator's own mission time (seconds since the first dispatch): the
   * devices' clocks do not know the mission. Fed to the same re-plan trigger, against the forecast
   * for that share of the cell.
   */
  public record ObserveDeviceTraffic(String deviceId, int cell, double vehicleCount, double cellShare)
      implements Command {
    /** Validates the fields. */
    public ObserveDeviceTraffic {
      if (deviceId == null || deviceId.isEmpty() || cell < 0 || !(vehicleCount >= 0)
          || !Double.isFinite(vehicleCount)) {
        throw new IllegalArgumentException("observe device traffic: need a device id, cell >= 0 and a finite"
            + " vehicleCount >= 0, were " + deviceId + ", " + cell + ", " + vehicleCount);
      }
      if (!(cellShare > 0) || Double.isInfinite(cellShare)) {
        throw new IllegalArgumentException("observe device traffic: cellShare must be a finite number > 0, was "
            + cellShare);
      }
    }
  }

  private record WrappedSent(int planning, int drone, String planId, java.util.Optional<String> refusal)
      implements Command {}

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
    FLYING,
    /** Real devices only: every drone is done, lost, refused or left out. */
    COMPLETED
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
   * @param drones real devices only: each drone's progress in mission order (empty for simulated drones)
   * @param missionTimeS real devices only: seconds of mission time since the first dispatch (0 before)
   * @param replanReasons why each re-plan of this coordinator started, in order (e.g. {@code "drone
   *     sim-d0001 lost"}, {@code "demand 3.20 x the forecast in slot 0"}); empty when none
   */
  public record MissionStatus(Phase phase, int plannings, double lastDriftRatio, int airborne, double energyUsedJ,
      int pendingDispatch, Optional<MissionPlanned> lastPlanning, List<DroneProgress> drones, double missionTimeS,
      List<String> replanReasons) implements CborSerializable {
    /** Copies the lists. */
    public MissionStatus {
      drones = List.copyOf(drones);
      replanReasons = List.copyOf(replanReasons);
    }
  }

  private final long missionId;
  private final SensingProblem problem;
  private final List<List<CandidatePlan>> candidates;
  /** The drones' energy model: prices the rest of a sortie in the air that a re-plan keeps. */
  private final EnergyModel energy;
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
  /** Real devices: how to reach them, and each drone's progress (null with simulated drones). */
  private final DeviceFlight flight;
  /** Link timeouts a resumed drone has to be heard again before it counts as lost. */
  static final int RESUME_GRACE = 6;
  private final List<DroneProgress> progress = new ArrayList<>();
  /** Drones that had acknowledged their plan before a restart: "landed" from them means done. */
  private final java.util.Set<Integer> resumedAccepted = new java.util.HashSet<>();
  private long flightStartNanos = -1;
  private double resumedTimeS;
  private int outstanding;
  private int accepts;
  private final List<String> replanReasons = new ArrayList<>();

  /**
   * A coordinator for mission {@code missionId}: {@code problem} (goal, forecast), the candidate
   * plans of each drone (drone i of {@code drones} owns {@code candidates.get(i)}), the drones' energy
   * model (it prices the rest of a sortie in the air that a re-plan keeps), the planner
   * {@code spec}, and the sensors whose readings may trigger re-planning.
   */
  public static Behavior<Command> create(long missionId, SensingProblem problem, List<List<CandidatePlan>> candidates,
      EnergyModel energy, PlannerSpec spec, List<ActorRef<Drone.Command>> drones, List<ActorRef<Sensor.Command>> sensors,
      AgentsSettings settings) {
    requireConsistent(problem, candidates, energy, spec, drones);
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new MissionCoordinator(ctx, t, missionId, problem,
        candidates, energy, spec, drones, sensors, settings, null)));
  }

  private static void requireConsistent(SensingProblem problem, List<List<CandidatePlan>> candidates,
      EnergyModel energy, PlannerSpec spec, List<ActorRef<Drone.Command>> drones) {
    if (energy == null) {
      throw new IllegalArgumentException("energy must not be null: it prices the rest of a sortie a re-plan keeps");
    }
    if (drones.isEmpty() || drones.size() != candidates.size()) {
      throw new IllegalArgumentException("need one candidate list per drone, got " + candidates.size()
          + " lists for " + drones.size() + " drones");
    }
    if (spec.dimension() != problem.dimension()) {
      throw new IllegalArgumentException("spec dimension " + spec.dimension() + " differs from the problem's "
          + problem.dimension());
    }
  }

  /**
   * A coordinator that flies mission {@code missionId} with real devices: {@code drones} are the
   * planning drones the devices' entities adopted (drone i plans for {@code flight.droneIds().get(i)});
   * plans go out through {@code flight.link()}. See the class comment.
   */
  public static Behavior<Command> createForDevices(long missionId, SensingProblem problem,
      List<List<CandidatePlan>> candidates, EnergyModel energy, PlannerSpec spec, List<ActorRef<Drone.Command>> drones,
      AgentsSettings settings, DeviceFlight flight) {
    if (flight == null || flight.droneIds().size() != drones.size()) {
      throw new IllegalArgumentException("need one device id per drone, got "
          + (flight == null ? "no flight" : flight.droneIds().size() + " ids") + " for " + drones.size() + " drones");
    }
    requireConsistent(problem, candidates, energy, spec, drones);
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new MissionCoordinator(ctx, t, missionId, problem,
        candidates, energy, spec, drones, List.of(), settings, flight)));
  }

  private MissionCoordinator(ActorContext<Command> ctx, TimerScheduler<Command> timers, long missionId,
      SensingProblem problem, List<List<CandidatePlan>> candidates, EnergyModel energy, PlannerSpec spec,
      List<ActorRef<Drone.Command>> drones, List<ActorRef<Sensor.Command>> sensors, AgentsSettings settings,
      DeviceFlight flight) {
    super(ctx);
    this.energy = energy;
    this.flight = flight;
    this.missionId = missionId;
    this.problem = problem;
    this.candidates = List.copyOf(candidates);
    this.spec = spec;
    this.drones = List.copyOf(drones);
    this.settings = settings;
    this.timers = timers;
    this.trigger = new ReplanTrigger(problem.vehicleSeconds(), problem.slots(), problem.slotS(),
        settings.replanDriftThreshold(), settings.replanMinReadings(), settings.replanNoiseZ());
    this.proposalAdapter = ctx.messageAdapter(Drone.ProposalReply.class, WrappedProposal::new);
    this.planReplyAdapter = ctx.messageAdapter(Drone.PlanReply.class, WrappedPlanReply::new);
    ActorRef<Drone.Telemetry> tel = ctx.messageAdapter(Drone.Telemetry.class, WrappedTelemetry::new);
    this.telemetryAdapter = tel;
    ActorRef<Sensor.Reading> readings = ctx.messageAdapter(Sensor.Reading.class, WrappedReading::new);
    if (flight == null) {
      drones.forEach(d -> d.tell(new Drone.Subscribe(tel, null)));
    }
    timers.startTimerWithFixedDelay(CheckDrones.INSTANCE, settings.linkCheckInterval());
    sensors.forEach(s -> s.tell(new Sensor.Subscribe(readings)));
    if (flight != null) {
      resume(flight);
    }
  }

  /** Real devices: the progress before a restart, if any; plans whose answer is unknown are sent again. */
  private void resume(DeviceFlight f) {
    if (f.resume().isEmpty()) {
      for (int i = 0; i < f.droneIds().size(); i++) {
        progress.add(new DroneProgress(i, f.droneIds().get(i), FlightStage.LEFT_OUT, -1, 0, "", "", ""));
      }
      return;
    }
    progress.addAll(f.resume().get());
    plannings = f.resumedPlannings();
    resumedTimeS = f.resumedMissionTimeS();
    flightStartNanos = System.nanoTime();
    phase = Phase.FLYING;
    for (DroneProgress d : progress) {
      int i = d.index();
      droneIndex.put(d.droneId(), i);
      if (d.stage() == FlightStage.SENT) {
        send(i, planOf(d), d.planId());
      } else if (d.stage() == FlightStage.ACCEPTED || d.stage() == FlightStage.FLYING) {
        if (d.stage() == FlightStage.ACCEPTED) {
          resumedAccepted.add(i);
        }
        // after a restart the drones first have to reconnect to the gateway's broker: they get
        // RESUME_GRACE link timeouts to be heard before they count as lost
        lastHeardNanos.put(i, System.nanoTime() + RESUME_GRACE * settings.linkTimeout().toNanos());
      }
    }
    checkCompleted();
    report();
  }

  private CandidatePlan planOf(DroneProgress d) {
    CandidatePlan p = candidates.get(d.index()).get(d.plan());
    return d.fromSlot() == 0 ? p : RemainingPlans.fromSlot(p, d.fromSlot(), problem.slots(), problem.slotS(), energy);
  }

  private double deviceMissionTimeS() {
    return flightStartNanos < 0 ? 0
        : resumedTimeS + (System.nanoTime() - flightStartNanos) / 1e9 * flight.clockFactor();
  }

  /**
   * True when drone {@code d}'s current command ends its flight: a re-plan (from a slot after 0)
   * left it a plan without sorties, while it may still fly the plan it had.
   */
  private boolean endsFlight(DroneProgress d) {
    return d.fromSlot() > 0 && d.plan() >= 0 && planOf(d).sorties().isEmpty();
  }

  private void send(int i, CandidatePlan plan, String planId) {
    outstanding++;
    int planning = plannings;
    getContext().pipeToSelf(endsFlight(progress.get(i)) ? flight.link().endFlight(i, planId)
            : flight.link().sendPlan(i, planId, plan, deviceMissionTimeS()),
        (refusal, err) -> new WrappedSent(planning, i, planId, err != null
            ? java.util.Optional.of(org.swarmsense.agents.device.DeviceEntity.CommandOutcome.noReplyReason(
                String.valueOf(err.getMessage()))) : refusal));
  }

  private MissionStatus status() {
    int airborne = 0;
    double energy = 0;
    for (Drone.Telemetry t : lastTelemetry.values()) {
      FlightPhase p = t.state().phase();
      if (p == FlightPhase.FLYING || p == FlightPhase.HOVERING) {
        airborne++;
      }
      energy += t.state().energyUsedJ();
    }
    for (DroneProgress d : progress) {
      if (d.stage() == FlightStage.FLYING) {
        airborne++;
      }
    }
    return new MissionStatus(phase, plannings, lastDrift, airborne, energy, pending.size(), Optional.ofNullable(last),
        progress, deviceMissionTimeS(), replanReasons);
  }

  private void report() {
    if (flight != null) {
      try {
        flight.progress().accept(status());
      } catch (RuntimeException e) {
        getContext().getLog().warn("mission {}: progress listener failed: {}", missionId, e.toString());
      }
    }
  }

  private void checkCompleted() {
    if (phase == Phase.FLYING && outstanding == 0 && progress.stream().allMatch(d -> d.stage().finished())) {
      phase = Phase.COMPLETED;
    }
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
        .onMessage(ObserveDevice.class, this::onObserveDevice)
        .onMessage(ObserveTraffic.class, m -> onTraffic(m.cell(), m.tS(), m.vehicleCount(), 1))
        .onMessage(ObserveDeviceTraffic.class, this::onDeviceTraffic)
        .onMessage(WrappedSent.class, this::onSent)
        .build();
  }

  private Behavior<Command> onPlanMission(PlanMission m) {
    if (phase != Phase.IDLE && phase != Phase.FLYING && phase != Phase.COMPLETED) {
      queued.add(m);
      return this;
    }
    startPlanning(m.requestId(), m.replyTo(), candidates, spec);
    return this;
  }

  private Behavior<Command> onGetMissionStatus(GetMissionStatus m) {
    m.replyTo().tell(status());
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
      if (flight != null && progress.get(i).stage() == FlightStage.LOST) {
        proposals++; // a lost drone is not asked: it takes no part in the re-plan
        continue;
      }
      drones.get(i).tell(new Drone.ProposePlans(planningId, i, plans.get(i), s, proposalAdapter));
    }
    proposed = new ArrayList<>(java.util.Collections.nCopies(drones.size(), null));
    if (flight != null) {
      report();
    }
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
      // a re-plan's options are some of the candidates (RemainingPlans.optionsFromSlot): by their index
      byDrone[agentToDrone[a]] = byAgent[a] < 0 ? -1 : current.get(agentToDrone[a]).get(byAgent[a]).index();
    }
    finishPlanning(byDrone, rounds.get(best).globalCost(), best);
    return this;
  }

  private double combined(RoundResult r) {
    return r.combinedCost(config.alpha(), config.beta(), agents.size());
  }

  private void finishPlanning(int[] byDrone, double[] g, int best) {
    if (flight != null) {
      finishOnDevices(byDrone, g, best);
      return;
    }
    int dispatched = 0;
    for (int i = 0; i < byDrone.length; i++) {
      if (byDrone[i] >= 0) {
        CandidatePlan plan = option(i, byDrone[i]);
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

  /** Real devices: the selected plans go out through the link; the reply waits for every answer. */
  private void finishOnDevices(int[] byDrone, double[] g, int best) {
    if (flightStartNanos < 0) {
      flightStartNanos = System.nanoTime();
    }
    int fromSlot = plannings == 0 ? 0 : replanFromSlot;
    accepts = 0;
    for (int i = 0; i < byDrone.length; i++) {
      DroneProgress d = progress.get(i);
      if (fromSlot > 0 && byDrone[i] >= 0 && option(i, byDrone[i]).sorties().isEmpty()
          && (d.plan() < 0 || option(i, d.plan()).sorties().isEmpty())) {
        // nothing left from the slot on, as its own plan has nothing left (any such option is as good as
        // its own): it flies home by that plan or is home; an end-of-flight command would cut its hover in
        // the current slot short and turn the way home into a return-to-launch it does not need
        continue;
      }
      if (byDrone[i] >= 0) {
        String planId = "m" + missionId + "-p" + plannings + "-d" + i;
        progress.set(i, d.sent(byDrone[i], fromSlot, planId));
        resumedAccepted.remove(i);
        droneIndex.put(d.droneId(), i);
        send(i, option(i, byDrone[i]), planId);
      } else if (plannings == 0) {
        progress.set(i, d.at(FlightStage.LEFT_OUT, "did not propose plans"));
      }
      // in a re-plan, a drone without a new selection keeps the plan it flies
    }
    last = new MissionPlanned(requestId, plannings, byDrone, g, best, agents.size(), 0);
    plannings++;
    phase = Phase.FLYING;
    if (outstanding == 0) {
      answerPlanning();
    }
    checkCompleted();
    report();
  }

  /** The option of the planning just done that is drone {@code i}'s candidate {@code index}. */
  private CandidatePlan option(int i, int index) {
    return current.get(i).stream().filter(p -> p.index() == index).findFirst()
        .orElseThrow(() -> new IllegalStateException("drone " + i + " has no option " + index));
  }

  /**
   * The candidate each drone flies (-1: none), for a re-plan's options: on devices the one its progress
   * names, in process the one it was last given.
   */
  private int[] flyingPlans() {
    int[] out = new int[drones.size()];
    for (int i = 0; i < out.length; i++) {
      if (flight != null) {
        out[i] = progress.get(i).plan();
      } else {
        CandidatePlan given = pending.containsKey(i) ? pending.get(i) : accepted.get(i);
        out[i] = given == null ? -1 : given.index();
      }
    }
    return out;
  }

  private void answerPlanning() {
    if (last != null && last.dispatched() != accepts) {
      last = new MissionPlanned(last.requestId(), last.planning(), last.selected(), last.globalCost(),
          last.bestRepetition(), last.proposed(), accepts);
    }
    if (replyTo != null) {
      replyTo.tell(last);
      replyTo = null;
    }
    if (!queued.isEmpty() && outstanding == 0) {
      PlanMission q = queued.remove(0);
      startPlanning(q.requestId(), q.replyTo(), candidates, spec);
    }
  }

  private Behavior<Command> onSent(WrappedSent s) {
    outstanding--;
    DroneProgress d = progress.get(s.drone());
    if (d.planId().equals(s.planId()) && d.stage() == FlightStage.SENT) {
      if (s.refusal().isEmpty()) {
        // a first plan without sorties has nothing to fly: done as soon as it is taken; a drone told
        // to end its flight is done when it reports landed
        boolean nothingToFly = planOf(d).sorties().isEmpty() && !endsFlight(d);
        progress.set(s.drone(), d.at(nothingToFly ? FlightStage.DONE : FlightStage.ACCEPTED, ""));
        lastHeardNanos.put(s.drone(), System.nanoTime());
        accepts++;
      } else {
        progress.set(s.drone(), d.at(FlightStage.REFUSED, s.refusal().get()));
        getContext().getLog().warn("mission {}: drone {} refused plan {}: {}", missionId, d.droneId(), s.planId(),
            s.refusal().get());
      }
    }
    checkCompleted();
    report(); // heard (and kept by the gateway) before the planning's answer goes out
    if (outstanding == 0) {
      answerPlanning();
    }
    return this;
  }

  private Behavior<Command> onObserveDevice(ObserveDevice m) {
    Integer i = flight == null ? null : droneIndex.get(m.droneId());
    if (i == null) {
      return this;
    }
    DroneProgress d = progress.get(i);
    String state = m.state();
    boolean airborne = !state.equals("landed") && !state.equals("idle") && !state.equals("charging");
    FlightStage next = d.stage();
    if (d.stage() == FlightStage.ACCEPTED && airborne) {
      next = FlightStage.FLYING;
    } else if (d.stage() == FlightStage.ACCEPTED && state.equals("landed") && resumedAccepted.contains(i)) {
      next = FlightStage.DONE; // it took its plan before the restart and flew it while the gateway was down
    } else if (d.stage() == FlightStage.ACCEPTED && state.equals("landed") && endsFlight(d)) {
      next = FlightStage.DONE; // told to end its flight, it is on the ground (it was, or it came back)
    } else if (d.stage() == FlightStage.FLYING && state.equals("landed")) {
      next = FlightStage.DONE;
    }
    if (d.stage().acknowledged()) {
      lastHeardNanos.put(i, System.nanoTime());
    }
    boolean changed = next != d.stage() || !state.equals(d.lastState());
    if (changed) {
      progress.set(i, (next != d.stage() ? d.at(next, "") : d).seen(state));
      checkCompleted();
      if (next != d.stage()) {
        report();
      }
    }
    return this;
  }

  /** The slot a re-plan for real devices starts at (the next slot of mission time). */
  private int replanFromSlot;

  private void deviceLost(int i) {
    DroneProgress d = progress.get(i);
    progress.set(i, d.at(FlightStage.LOST, "silent for " + settings.linkTimeout().toMillis() + " ms"));
    lastHeardNanos.remove(i);
    int fromSlot = Math.min(problem.slots(), (int) Math.floor(deviceMissionTimeS() / problem.slotS()) + 1);
    getContext().getLog().warn("mission {}: drone {} lost; re-planning slots {}..{} among the others", missionId,
        d.droneId(), fromSlot, problem.slots() - 1);
    boolean others = progress.stream().anyMatch(p -> p.index() != i && !p.stage().finished());
    if (phase == Phase.FLYING && fromSlot < problem.slots() && others) {
      replanFromSlot = fromSlot;
      replanReasons.add("drone " + d.droneId() + " lost");
      startPlanning(-1, null, RemainingPlans.allOptionsFromSlot(candidates, flyingPlans(), fromSlot, problem.slots(),
          problem.slotS(), energy), spec);
    } else {
      checkCompleted();
      report();
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
      pending.put(i, RemainingPlans.fromSlot(accepted.remove(i), slot, problem.slots(), problem.slotS(), energy));
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
    if (flight != null) {
      for (Map.Entry<Integer, Long> e : new ArrayList<>(lastHeardNanos.entrySet())) {
        DroneProgress d = progress.get(e.getKey());
        if (d.stage().acknowledged() && d.stage() != FlightStage.DONE && now - e.getValue() > timeout) {
          deviceLost(e.getKey());
        }
      }
      return this;
    }
    for (Map.Entry<Integer, Long> e : lastHeardNanos.entrySet()) {
      if (now - e.getValue() > timeout) {
        drones.get(e.getKey()).tell(new Drone.Subscribe(telemetryAdapter, null));
        e.setValue(now); // next attempt after another timeout
      }
    }
    return this;
  }

  private Behavior<Command> onReading(Sensor.Reading r) {
    return onTraffic(r.cell(), r.tS(), r.vehicleCount(), 1);
  }

  /**
   * Real devices: a device's count, judged at the coordinator's mission time; only while the mission
   * flies (before the first dispatch there is no mission time, after completion nothing to re-plan).
   */
  private Behavior<Command> onDeviceTraffic(ObserveDeviceTraffic m) {
    if (flight == null || flightStartNanos < 0 || phase == Phase.COMPLETED) {
      return this;
    }
    return onTraffic(m.cell(), deviceMissionTimeS(), m.vehicleCount(), m.cellShare());
  }

  /**
   * Feeds the trigger; re-plans when it fires and the mission is flying. The rate of re-plans is
   * bounded by the trigger (at most once per slot, never in the last slot) and by the phase: a drift
   * that shows while a planning runs is not acted on (its slot counts as fired).
   */
  private Behavior<Command> onTraffic(int cell, double tS, double vehicleCount, double cellShare) {
    Optional<ReplanTrigger.Replan> due = trigger.observe(cell, tS, vehicleCount, cellShare);
    if (due.isPresent() && phase == Phase.FLYING) {
      ReplanTrigger.Replan rp = due.get();
      lastDrift = rp.driftRatio();
      replanReasons.add(String.format(java.util.Locale.ROOT, "demand %.2f x the forecast in slot %d",
          rp.driftRatio(), rp.slot()));
      getContext().getLog().info("mission {}: slot {} traffic is {} x the forecast; re-planning slots {}..{}",
          missionId, rp.slot(), rp.driftRatio(), rp.fromSlot(), problem.slots() - 1);
      double[] goal = ReplanTrigger.driftedGoal(spec.goal(), problem.slots(), rp.fromSlot(), rp.driftRatio());
      replanFromSlot = rp.fromSlot();
      startPlanning(-1, null, RemainingPlans.allOptionsFromSlot(candidates, flyingPlans(), rp.fromSlot(),
          problem.slots(), problem.slotS(), energy), spec.withGoal(goal));
    }
    return this;
  }
}
