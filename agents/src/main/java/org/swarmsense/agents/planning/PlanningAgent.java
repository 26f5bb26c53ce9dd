package org.swarmsense.agents.planning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.agents.supervision.Checkpoint;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.AgentState;
import org.swarmsense.epos.core.AgentStep;
import org.swarmsense.epos.core.DownMessage;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.core.ReorganisationStrategy;
import org.swarmsense.epos.core.UpMessage;

/**
 * One drone's I-EPOS planning agent: it holds only its own candidate plans and exchanges only
 * aggregates ({@link UpMessage}, {@link DownMessage}) with its tree parent and children, calling
 * the core's per-agent step functions ({@link AgentStep#up}, {@link AgentStep#down}) so that it
 * selects exactly what the in-process engine selects. The iterations are self-clocked: a leaf
 * starts iteration t+1 as soon as it receives the down message of iteration t; the root reports
 * each iteration's global response to the round's observer, every agent reports its final choice.
 *
 * <p>Fault rule ("keep its last plan"): an inner agent waits for its children at most
 * iteration-timeout x (height of its subtree) per iteration; a child that has not answered by then
 * is represented by the last up message it sent (its last plan and subtree response), or, if it
 * never sent one in this round, by an empty subtree (a zero response, zero local cost, its subtree
 * size). A late up message of an iteration already closed is ignored; a down message of a later
 * iteration than expected is adopted (the agent catches up). Crashes: the agent is restarted from a
 * checkpoint of its state after its last handled message ({@link Checkpoint}).
 */
public final class PlanningAgent extends AbstractBehavior<PlanningAgent.Command> {

  /** Everything a planning agent understands. */
  public sealed interface Command extends CborSerializable {}

  /**
   * Join the tree of a new round: reset to the initial state of {@code repetition} and remember
   * parent (null for the root), children in child order and their subtree sizes. Replies {@link Joined}.
   */
  public record JoinTree(long round, int repetition, long seed, int iterations, ActorRef<Command> parent,
      int childIndex, List<ActorRef<Command>> children, int[] childSubtreeSizes, int subtreeHeight,
      ActorRef<Event> observer) implements Command {
    /** Copies the collections. */
    public JoinTree {
      children = List.copyOf(children);
      childSubtreeSizes = childSubtreeSizes.clone();
      if (childSubtreeSizes.length != children.size()) {
        throw new IllegalArgumentException("childSubtreeSizes has " + childSubtreeSizes.length
            + " entries for " + children.size() + " children");
      }
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations must be >= 1, got: " + iterations);
      }
    }
  }

  /** Start the round (sent to every agent once all have joined). */
  public record Start(long round) implements Command {}

  /** A child's bottom-up message of iteration {@code iteration}. */
  public record Up(long round, int iteration, int childIndex, UpMessage message) implements Command {}

  /** The parent's top-down message of iteration {@code iteration}. */
  public record Down(long round, int iteration, DownMessage message) implements Command {}

  /** Fault injection for tests and drills. */
  public record InjectFault(Fault fault) implements Command {}

  /** The faults {@link InjectFault} simulates. */
  public enum Fault {
    /** Throw now (supervision restarts the agent from its checkpoint). */
    CRASH,
    /** Stop answering: ignore every protocol message from now on. */
    SILENT
  }

  private record ChildTimeout(long round, int iteration) implements Command {}

  /** What agents tell the round's observer. */
  public sealed interface Event extends CborSerializable {}

  /** The agent joined round {@code round}. */
  public record Joined(long round, int agentId) implements Event {}

  /** The root finished iteration {@code iteration}: the new global response and its local-cost sums. */
  public record IterationDone(long round, int iteration, DownMessage global) implements Event {}

  /** The agent's selected plan after the last iteration. */
  public record AgentDone(long round, int agentId, int selected) implements Event {}

  /** An agent closed an iteration without a child's message (the fault rule applied). */
  public record ChildMissed(long round, int iteration, int agentId, int childIndex) implements Event {}

  /** Everything the agent remembers, checkpointed after every handled message. */
  record Progress(long round, int repetition, int iterations, ActorRef<Command> parent, int childIndex,
      List<ActorRef<Command>> children, int[] childSubtreeSizes, int subtreeHeight, ActorRef<Event> observer,
      AgentState state, int iteration, boolean started, boolean upDone, UpMessage[] received,
      UpMessage[] lastFromChildren, boolean finished, boolean silent) {

    Progress with(AgentState s, int it, boolean up, UpMessage[] rec, UpMessage[] last, boolean fin) {
      return new Progress(round, repetition, iterations, parent, childIndex, children, childSubtreeSizes,
          subtreeHeight, observer, s, it, started, up, rec, last, fin, silent);
    }
  }

  private final AgentStep step;
  private final AgentPlans plans;
  private final Duration iterationTimeout;
  private final TimerScheduler<Command> timers;
  private final Checkpoint<Progress> checkpoint;
  private Progress p;

  /**
   * The planning agent owning {@code plans}, running I-EPOS with {@code config} (reorganisation
   * must be NEVER: the decentralized version keeps one tree per round).
   */
  public static Behavior<Command> create(AgentPlans plans, EposConfig config, Duration iterationTimeout) {
    if (config.reorg().kind() != ReorganisationStrategy.Kind.NEVER) {
      throw new IllegalArgumentException("decentralized I-EPOS supports reorganisation NEVER only, got: "
          + config.reorg().kind());
    }
    if (iterationTimeout == null || iterationTimeout.isNegative() || iterationTimeout.isZero()) {
      throw new IllegalArgumentException("iterationTimeout must be positive, got: " + iterationTimeout);
    }
    AgentStep step = new AgentStep(plans, config);
    Progress initial = new Progress(-1, 0, 1, null, -1, List.of(), new int[0], 0, null, null, 0, false, false,
        new UpMessage[0], new UpMessage[0], true, false);
    return Checkpoint.supervised(initial, RuntimeException.class,
        (ctx, box) -> Behaviors.withTimers(t -> new PlanningAgent(ctx, t, step, plans, iterationTimeout, box)));
  }

  private PlanningAgent(ActorContext<Command> ctx, TimerScheduler<Command> timers, AgentStep step, AgentPlans plans,
      Duration iterationTimeout, Checkpoint<Progress> checkpoint) {
    super(ctx);
    this.step = step;
    this.plans = plans;
    this.iterationTimeout = iterationTimeout;
    this.timers = timers;
    this.checkpoint = checkpoint;
    this.p = checkpoint.get();
    if (waitingForChildren()) {
      armTimer(); // timers do not survive a restart
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(JoinTree.class, this::onJoinTree)
        .onMessage(Start.class, this::onStart)
        .onMessage(Up.class, this::onUp)
        .onMessage(Down.class, this::onDown)
        .onMessage(ChildTimeout.class, this::onChildTimeout)
        .onMessage(InjectFault.class, this::onInjectFault)
        .build();
  }

  private Behavior<Command> onJoinTree(JoinTree m) {
    if (p.silent()) {
      return this;
    }
    int nc = m.children().size();
    AgentState s = step.initial(nc, m.repetition(), m.seed());
    p = new Progress(m.round(), m.repetition(), m.iterations(), m.parent(), m.childIndex(), m.children(),
        m.childSubtreeSizes(), m.subtreeHeight(), m.observer(), s, 0, false, false, new UpMessage[nc],
        new UpMessage[nc], false, false);
    timers.cancelAll();
    m.observer().tell(new Joined(m.round(), plans.agentId()));
    return save();
  }

  private Behavior<Command> onStart(Start m) {
    if (p.silent() || m.round() != p.round() || p.started()) {
      return this;
    }
    // children may have started (and even sent up messages) before this Start arrived: keep them
    p = new Progress(p.round(), p.repetition(), p.iterations(), p.parent(), p.childIndex(), p.children(),
        p.childSubtreeSizes(), p.subtreeHeight(), p.observer(), p.state(), p.iteration(), true, p.upDone(),
        p.received(), p.lastFromChildren(), p.finished(), false);
    if (p.children().isEmpty() && !p.upDone() && !p.finished()) {
      doUp();
    } else if (waitingForChildren()) {
      armTimer();
    }
    return save();
  }

  private Behavior<Command> onUp(Up m) {
    if (p.silent() || m.round() != p.round() || m.iteration() != p.iteration() || p.upDone() || p.finished()
        || m.childIndex() < 0 || m.childIndex() >= p.children().size()) {
      return this; // stale, duplicate or foreign
    }
    UpMessage[] rec = p.received().clone();
    rec[m.childIndex()] = m.message();
    p = p.with(p.state(), p.iteration(), false, rec, p.lastFromChildren(), false);
    if (Arrays.stream(rec).allMatch(x -> x != null)) {
      doUp();
    }
    return save();
  }

  private Behavior<Command> onChildTimeout(ChildTimeout m) {
    if (p.silent() || m.round() != p.round() || m.iteration() != p.iteration() || !waitingForChildren()) {
      return this;
    }
    UpMessage[] rec = p.received().clone();
    double[] zeros = new double[plans.dimension()];
    for (int c = 0; c < rec.length; c++) {
      if (rec[c] == null) {
        UpMessage last = p.lastFromChildren()[c];
        rec[c] = last != null ? last : new UpMessage(zeros, 0, 0, p.childSubtreeSizes()[c]);
        p.observer().tell(new ChildMissed(p.round(), p.iteration(), plans.agentId(), c));
      }
    }
    p = p.with(p.state(), p.iteration(), false, rec, p.lastFromChildren(), false);
    doUp();
    return save();
  }

  private Behavior<Command> onDown(Down m) {
    if (p.silent() || m.round() != p.round() || p.finished() || m.iteration() < p.iteration()) {
      return this;
    }
    if (m.iteration() == p.iteration() && !p.upDone()) {
      return this; // cannot happen with a correct parent; ignore rather than corrupt the state
    }
    // m.iteration() > p.iteration(): this agent fell behind (restart, silence): catch up
    doDown(m.iteration(), m.message());
    return save();
  }

  private Behavior<Command> onInjectFault(InjectFault m) {
    if (m.fault() == Fault.CRASH) {
      throw new IllegalStateException("planning agent " + plans.agentId() + ": injected crash");
    }
    p = new Progress(p.round(), p.repetition(), p.iterations(), p.parent(), p.childIndex(), p.children(),
        p.childSubtreeSizes(), p.subtreeHeight(), p.observer(), p.state(), p.iteration(), p.started(), p.upDone(),
        p.received(), p.lastFromChildren(), p.finished(), true);
    timers.cancelAll();
    return save();
  }

  private void doUp() {
    timers.cancelAll();
    List<UpMessage> msgs = new ArrayList<>(p.received().length);
    msgs.addAll(Arrays.asList(p.received()));
    AgentStep.Up res = step.up(p.state(), msgs);
    UpMessage[] last = p.received().clone();
    p = p.with(res.state(), p.iteration(), true, new UpMessage[p.children().size()], last, false);
    if (p.parent() == null) {
      DownMessage root = DownMessage.fromRoot(res.toParent());
      p.observer().tell(new IterationDone(p.round(), p.iteration(), root));
      doDown(p.iteration(), root);
    } else {
      p.parent().tell(new Up(p.round(), p.iteration(), p.childIndex(), res.toParent()));
    }
  }

  private void doDown(int iteration, DownMessage message) {
    AgentStep.Down res = step.down(p.state(), message);
    for (int c = 0; c < p.children().size(); c++) {
      p.children().get(c).tell(new Down(p.round(), iteration, res.toChildren().get(c)));
    }
    boolean last = iteration + 1 >= p.iterations();
    p = p.with(res.state(), last ? iteration : iteration + 1, false, new UpMessage[p.children().size()],
        p.lastFromChildren(), last);
    if (last) {
      p.observer().tell(new AgentDone(p.round(), plans.agentId(), res.state().selected()));
    } else if (p.children().isEmpty()) {
      doUp();
    } else {
      armTimer();
    }
  }

  private boolean waitingForChildren() {
    return p.started() && !p.finished() && !p.upDone() && !p.silent() && !p.children().isEmpty();
  }

  private void armTimer() {
    timers.startSingleTimer(new ChildTimeout(p.round(), p.iteration()),
        iterationTimeout.multipliedBy(Math.max(1, p.subtreeHeight())));
  }

  private Behavior<Command> save() {
    checkpoint.set(p);
    return this;
  }
}
