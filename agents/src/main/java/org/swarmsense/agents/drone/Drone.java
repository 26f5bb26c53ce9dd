package org.swarmsense.agents.drone;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.swarmsense.agents.alarm.Alarm;
import org.swarmsense.agents.alarm.AlarmKind;
import org.swarmsense.agents.alarm.AlarmRules;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.agents.planning.PlannerSpec;
import org.swarmsense.agents.planning.PlanningAgent;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.agents.supervision.Checkpoint;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.epos.sensing.flight.FlightState;
import org.swarmsense.epos.sensing.flight.FlightTimeline;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * A drone's digital twin with a simulated flight: it flies the plan it is given ({@link FlightTimeline}:
 * kinematics along the routed path, battery drained by the energy model, swaps at its base), and
 * every telemetry interval advances simulated time by interval x simulation speed, publishes
 * {@link Telemetry} and raises or clears {@link Alarm}s ({@link AlarmRules}) to its subscribers.
 * Supervised: a crash restarts it from its last checkpoint (plan, simulated time, alarms,
 * subscribers), see {@link Checkpoint}.
 */
public final class Drone extends AbstractBehavior<Drone.Command> {

  /** Everything a drone understands. */
  public sealed interface Command extends CborSerializable {}

  /** Send telemetry and alarms to these refs from now on. */
  public record Subscribe(ActorRef<Telemetry> telemetry, ActorRef<Alarm> alarms) implements Command {}

  /**
   * Fly {@code plan} from now (a new plan replaces the current one; it starts on the ground at the
   * base with a swapped, full battery: see README "re-planning"). A drone whose simulated clock is
   * behind {@code missionTimeS} (a fresh incarnation after a node change) first sets it forward.
   * Replies {@link PlanAccepted} or {@link PlanRejected}.
   */
  public record FlyPlan(long requestId, CandidatePlan plan, double missionTimeS, ActorRef<PlanReply> replyTo)
      implements Command {}

  /**
   * Propose candidate plans for mission {@code missionId}: the drone checks that every sortie of
   * every plan fits one battery, starts its own I-EPOS planning agent holding only these plans (as
   * agent {@code agentId} under {@code spec}) and replies {@link PlansProposed} with that agent, or
   * {@link ProposalRefused}.
   */
  public record ProposePlans(long missionId, int agentId, List<CandidatePlan> candidates, PlannerSpec spec,
      ActorRef<ProposalReply> replyTo) implements Command {
    /** Copies the list. */
    public ProposePlans {
      candidates = List.copyOf(candidates);
    }
  }

  /** Report the current state. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** Fault injection for tests and drills. */
  public record InjectFault(Fault fault) implements Command {}

  /** The faults {@link InjectFault} can simulate. */
  public enum Fault {
    /** Throw while handling this message (supervision restarts the drone from its checkpoint). */
    CRASH,
    /** Stop publishing telemetry (the registry then raises LINK_LOST). */
    MUTE,
    /** Publish telemetry again. */
    UNMUTE
  }

  private enum Tick implements Command { INSTANCE }

  /** Replies to {@link FlyPlan}. */
  public sealed interface PlanReply extends CborSerializable {}

  /** The plan is being flown: sorties, energy it will use (J) and when it ends (simulated s). */
  public record PlanAccepted(String droneId, long requestId, int sorties, double energyJ, double endS)
      implements PlanReply {}

  /** The plan was refused, with the reason. */
  public record PlanRejected(String droneId, long requestId, String reason) implements PlanReply {}

  /** Replies to {@link ProposePlans}. */
  public sealed interface ProposalReply extends CborSerializable {}

  /** The drone's planning agent for the mission, holding {@code plans} candidate plans. */
  public record PlansProposed(String droneId, long missionId, int agentId, ActorRef<PlanningAgent.Command> agent,
      int plans) implements ProposalReply {}

  /** The drone refused to plan, with the reason. */
  public record ProposalRefused(String droneId, long missionId, int agentId, String reason) implements ProposalReply {}

  /** One telemetry report; {@code hasPlan} is false until a plan is accepted (and after a move to another node). */
  public record Telemetry(String droneId, FlightState state, boolean hasPlan) implements CborSerializable {}

  /** The reply to {@link GetStatus}: state, whether a plan is loaded, restarts so far, the node it runs on. */
  public record Status(String droneId, FlightState state, boolean hasPlan, int restarts, String node)
      implements CborSerializable {}

  /** The drone's immutable state, checkpointed after every message. */
  record State(double simS, FlightTimeline plan, boolean hasPlan, double energyBeforePlanJ,
      int flightsBeforePlan, Set<AlarmKind> alarms, List<ActorRef<Telemetry>> telemetry,
      List<ActorRef<Alarm>> alarmRefs, boolean muted) {}

  private final String id;
  private final DroneSetup setup;
  private final AgentsSettings settings;
  private final EnergyModel energy;
  private final AlarmRules rules;
  private final Checkpoint<State> checkpoint;
  private State state;
  private ActorRef<PlanningAgent.Command> planner;

  /** A drone with id {@code id}, idle at its base at simulated time 0. */
  public static Behavior<Command> create(String id, DroneSetup setup, AgentsSettings settings) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("drone id must not be blank, got: " + id);
    }
    EnergyModel energy = EnergyModel.of(setup.model());
    State initial = new State(0, FlightTimeline.idleAt(setup.baseXM(), setup.baseYM(), energy), false, 0, 0,
        Set.of(), List.of(), List.of(), false);
    return Checkpoint.supervised(initial, IllegalStateException.class,
        (ctx, box) -> Behaviors.withTimers(timers -> new Drone(ctx, timers, id, setup, settings, energy, box)));
  }

  private Drone(ActorContext<Command> context, TimerScheduler<Command> timers, String id, DroneSetup setup,
      AgentsSettings settings, EnergyModel energy, Checkpoint<State> checkpoint) {
    super(context);
    this.id = id;
    this.setup = setup;
    this.settings = settings;
    this.energy = energy;
    this.rules = new AlarmRules(settings.batteryAlarmPercent(), setup.geofence());
    this.checkpoint = checkpoint;
    this.state = checkpoint.get();
    timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.telemetryInterval());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(FlyPlan.class, this::onFlyPlan)
        .onMessage(ProposePlans.class, this::onProposePlans)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(InjectFault.class, this::onInjectFault)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .build();
  }

  private Behavior<Command> onSubscribe(Subscribe m) {
    List<ActorRef<Telemetry>> t = new ArrayList<>(state.telemetry());
    List<ActorRef<Alarm>> a = new ArrayList<>(state.alarmRefs());
    if (m.telemetry() != null) {
      t.add(m.telemetry());
    }
    if (m.alarms() != null) {
      a.add(m.alarms());
    }
    return save(new State(state.simS(), state.plan(), state.hasPlan(), state.energyBeforePlanJ(),
        state.flightsBeforePlan(), state.alarms(), List.copyOf(t), List.copyOf(a), state.muted()));
  }

  private Behavior<Command> onFlyPlan(FlyPlan m) {
    if (m.plan() == null) {
      m.replyTo().tell(new PlanRejected(id, m.requestId(), "plan must not be null"));
      return this;
    }
    FlightState now = current();
    if (now.phase() == FlightPhase.FLYING || now.phase() == FlightPhase.HOVERING) {
      // airborne: the new plan starts once the current sortie is back; simplest safe rule is to
      // refuse and let the coordinator retry after landing
      m.replyTo().tell(new PlanRejected(id, m.requestId(), "airborne at t=" + now.tS() + " s; send the plan after landing"));
      return this;
    }
    if (m.missionTimeS() > state.simS() && Double.isFinite(m.missionTimeS())) {
      state = new State(m.missionTimeS(), state.plan(), state.hasPlan(), state.energyBeforePlanJ(),
          state.flightsBeforePlan(), state.alarms(), state.telemetry(), state.alarmRefs(), state.muted());
      now = current();
    }
    FlightTimeline plan;
    try {
      plan = FlightTimeline.of(m.plan(), setup.baseXM(), setup.baseYM(), setup.altitudeM(), setup.batterySwapS(),
          state.simS(), energy);
    } catch (IllegalArgumentException e) {
      m.replyTo().tell(new PlanRejected(id, m.requestId(), e.getMessage()));
      return this;
    }
    double energyJ = plan.totalEnergyJ();
    m.replyTo().tell(new PlanAccepted(id, m.requestId(), plan.sorties(), energyJ, plan.endS()));
    return save(new State(state.simS(), plan, true, now.energyUsedJ(), now.flightsDone(), state.alarms(),
        state.telemetry(), state.alarmRefs(), state.muted()));
  }

  private Behavior<Command> onProposePlans(ProposePlans m) {
    double capacity = setup.model().batteryCapacityJ();
    String problem = m.candidates().isEmpty() ? "no candidate plans" : null;
    for (int k = 0; k < m.candidates().size() && problem == null; k++) {
      List<CandidatePlan.Sortie> sorties = m.candidates().get(k).sorties();
      for (int s = 0; s < sorties.size(); s++) {
        if (sorties.get(s).energyJ() > capacity * (1 + 1e-9)) {
          problem = "plan " + k + " sortie " + s + " needs " + sorties.get(s).energyJ() + " J, battery holds " + capacity + " J";
          break;
        }
      }
    }
    ActorRef<PlanningAgent.Command> agent = null;
    if (problem == null && planner != null) {
      getContext().stop(planner); // one planning agent per drone: the previous planning is over
      planner = null;
    }
    if (problem == null) {
      try {
        agent = getContext().spawnAnonymous(PlanningAgent.create(m.spec().agentPlans(m.agentId(), m.candidates()),
            m.spec().config(), settings.iterationTimeout()));
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    if (problem != null) {
      m.replyTo().tell(new ProposalRefused(id, m.missionId(), m.agentId(), problem));
    } else {
      planner = agent;
      m.replyTo().tell(new PlansProposed(id, m.missionId(), m.agentId(), agent, m.candidates().size()));
    }
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus m) {
    m.replyTo().tell(new Status(id, current(), state.hasPlan(), checkpoint.restarts(),
        getContext().getSystem().address().toString()));
    return this;
  }

  private Behavior<Command> onInjectFault(InjectFault m) {
    return switch (m.fault()) {
      case CRASH -> throw new IllegalStateException("drone " + id + ": injected crash");
      case MUTE -> save(withMuted(true));
      case UNMUTE -> save(withMuted(false));
    };
  }

  private Behavior<Command> onTick() {
    double t = state.simS() + settings.tickSimS();
    State advanced = new State(t, state.plan(), state.hasPlan(), state.energyBeforePlanJ(), state.flightsBeforePlan(),
        state.alarms(), state.telemetry(), state.alarmRefs(), state.muted());
    state = advanced;
    FlightState now = current();
    AlarmRules.Evaluation ev = rules.evaluate(id, state.alarms(), now);
    for (Alarm a : ev.changes()) {
      state.alarmRefs().forEach(r -> r.tell(a));
    }
    if (!state.muted()) {
      Telemetry tm = new Telemetry(id, now, state.hasPlan());
      state.telemetry().forEach(r -> r.tell(tm));
    }
    return save(new State(t, state.plan(), state.hasPlan(), state.energyBeforePlanJ(), state.flightsBeforePlan(),
        ev.active(), state.telemetry(), state.alarmRefs(), state.muted()));
  }

  /** The flight state now, with energy and flights counted since simulated time 0. */
  private FlightState current() {
    FlightState s = state.plan().stateAt(state.simS());
    return new FlightState(s.tS(), s.xM(), s.yM(), s.altitudeM(), s.speedMps(), s.phase(), s.cell(),
        s.batteryJ(), s.batteryPercent(), state.energyBeforePlanJ() + s.energyUsedJ(),
        state.flightsBeforePlan() + s.flightsDone());
  }

  private State withMuted(boolean muted) {
    return new State(state.simS(), state.plan(), state.hasPlan(), state.energyBeforePlanJ(), state.flightsBeforePlan(),
        state.alarms(), state.telemetry(), state.alarmRefs(), muted);
  }

  private Behavior<Command> save(State next) {
    state = next;
    checkpoint.set(next);
    return this;
  }
}
