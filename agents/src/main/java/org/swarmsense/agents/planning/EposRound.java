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
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.core.Tree;

/**
 * A per-request actor that runs one decentralized I-EPOS round (one repetition): it places the
 * planning agents on the repetition's tree ({@link Tree#forRepetition}, the same tree as the
 * in-process engine), tells each its parent and children, starts them once all have joined,
 * records the global cost the root reports after each iteration and the final selections, and
 * replies one {@link RoundResult} to {@code replyTo}, then stops. It does not take part in the
 * algorithm: only the agents exchange plans' aggregates.
 *
 * <p>Deadlines: agents that have not joined within the iteration timeout are left out (the round
 * starts without them; their parents apply the fault rule); the round ends at the round timeout at the latest; once the root has reported the
 * last iteration, agents still silent after a grace of iteration-timeout x (tree height + 1) are
 * reported as unresponsive (selection -1: they keep their last plan). A round that did not reach
 * its last iteration is reported with {@code complete = false}.
 */
public final class EposRound extends AbstractBehavior<EposRound.Command> {

  /** What the round reacts to: agent events (adapted) and its timers. Private protocol. */
  public sealed interface Command {}

  private record Wrapped(PlanningAgent.Event event) implements Command {}

  private enum Deadline implements Command { INSTANCE }

  private enum Grace implements Command { INSTANCE }

  private enum JoinDeadline implements Command { INSTANCE }

  private final long round;
  private final java.util.Map<Integer, Integer> index;
  private final int repetition;
  private final List<ActorRef<PlanningAgent.Command>> agents;
  private final EposConfig config;
  private final ActorRef<RoundResult> replyTo;
  private final TimerScheduler<Command> timers;
  private final Duration grace;
  private final boolean[] joined;
  private int joinedCount;
  private final double[] globalCost;
  private int iterationsDone;
  private double[] lastGlobal;
  private double lastGlobalLocalCost;
  private double lastGlobalSquaredLocalCost;
  private final int[] selected;
  private int doneCount;
  private int missed;
  private boolean started;

  /**
   * A round {@code round} of repetition {@code repetition} over {@code agents} (agent i at list
   * index i) with {@code config}'s iterations, children and seed.
   */
  public static Behavior<Command> create(long round, int repetition, List<ActorRef<PlanningAgent.Command>> agents,
      EposConfig config, Duration iterationTimeout, Duration roundTimeout, ActorRef<RoundResult> replyTo) {
    int[] ids = new int[agents == null ? 0 : agents.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    return create(round, repetition, agents, ids, config, iterationTimeout, roundTimeout, replyTo);
  }

  /**
   * As {@link #create(long, int, List, EposConfig, Duration, Duration, ActorRef)} when the agent at
   * list index i reports the id {@code agentIds[i]} (e.g. the drones that proposed plans, when some
   * did not); the result's selections are by list index.
   */
  public static Behavior<Command> create(long round, int repetition, List<ActorRef<PlanningAgent.Command>> agents,
      int[] agentIds, EposConfig config, Duration iterationTimeout, Duration roundTimeout,
      ActorRef<RoundResult> replyTo) {
    if (agents == null || agents.isEmpty()) {
      throw new IllegalArgumentException("agents must not be empty");
    }
    if (agentIds.length != agents.size()) {
      throw new IllegalArgumentException("need one agent id per agent, got " + agentIds.length + " for " + agents.size());
    }
    java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < agentIds.length; i++) {
      if (index.put(agentIds[i], i) != null) {
        throw new IllegalArgumentException("duplicate agent id " + agentIds[i]);
      }
    }
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new EposRound(ctx, t, round, repetition, agents, index,
        config, iterationTimeout, roundTimeout, replyTo)));
  }

  private EposRound(ActorContext<Command> ctx, TimerScheduler<Command> timers, long round, int repetition,
      List<ActorRef<PlanningAgent.Command>> agents, java.util.Map<Integer, Integer> index, EposConfig config,
      Duration iterationTimeout, Duration roundTimeout, ActorRef<RoundResult> replyTo) {
    super(ctx);
    this.index = index;
    this.round = round;
    this.repetition = repetition;
    this.agents = List.copyOf(agents);
    this.config = config;
    this.replyTo = replyTo;
    this.timers = timers;
    int n = agents.size();
    this.joined = new boolean[n];
    this.globalCost = new double[config.iterations()];
    this.selected = new int[n];
    Arrays.fill(selected, -1);
    Tree tree = Tree.forRepetition(n, config.children(), repetition, config.seed());
    this.grace = iterationTimeout.multipliedBy(tree.levels() + 1L);
    ActorRef<PlanningAgent.Event> self = ctx.messageAdapter(PlanningAgent.Event.class, Wrapped::new);
    int[] height = new int[n];
    for (int pos = n - 1; pos >= 0; pos--) {
      for (int c = 0; c < tree.childCount(pos); c++) {
        height[pos] = Math.max(height[pos], height[tree.firstChild(pos) + c] + 1);
      }
    }
    for (int pos = 0; pos < n; pos++) {
      int nc = tree.childCount(pos);
      List<ActorRef<PlanningAgent.Command>> kids = new ArrayList<>(nc);
      int[] sizes = new int[nc];
      for (int c = 0; c < nc; c++) {
        int cp = tree.firstChild(pos) + c;
        kids.add(this.agents.get(tree.agentAt(cp)));
        sizes[c] = tree.subtreeSize(cp);
      }
      ActorRef<PlanningAgent.Command> parent = pos == 0 ? null : this.agents.get(tree.agentAt(tree.parent(pos)));
      int childIndex = pos == 0 ? -1 : pos - tree.firstChild(tree.parent(pos));
      this.agents.get(tree.agentAt(pos)).tell(new PlanningAgent.JoinTree(round, repetition, config.seed(),
          config.iterations(), parent, childIndex, kids, sizes, height[pos], self));
    }
    timers.startSingleTimer(Deadline.INSTANCE, roundTimeout);
    timers.startSingleTimer(JoinDeadline.INSTANCE, iterationTimeout);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Wrapped.class, w -> onEvent(w.event()))
        .onMessageEquals(Deadline.INSTANCE, this::finish)
        .onMessageEquals(Grace.INSTANCE, this::finish)
        .onMessageEquals(JoinDeadline.INSTANCE, this::startAll)
        .build();
  }

  private Behavior<Command> onEvent(PlanningAgent.Event e) {
    if (e instanceof PlanningAgent.Joined j && j.round() == round && index.containsKey(j.agentId())
        && !joined[index.get(j.agentId())]) {
      joined[index.get(j.agentId())] = true;
      if (++joinedCount == agents.size()) {
        startAll();
      }
    } else if (e instanceof PlanningAgent.IterationDone it && it.round() == round) {
      globalCost[it.iteration()] = config.globalCost().cost(it.global().global());
      lastGlobal = it.global().global();
      lastGlobalLocalCost = it.global().globalLocalCost();
      lastGlobalSquaredLocalCost = it.global().globalSquaredLocalCost();
      iterationsDone = Math.max(iterationsDone, it.iteration() + 1);
      if (iterationsDone == config.iterations()) {
        timers.startSingleTimer(Grace.INSTANCE, grace);
      }
    } else if (e instanceof PlanningAgent.AgentDone d && d.round() == round && index.containsKey(d.agentId())
        && selected[index.get(d.agentId())] < 0) {
      selected[index.get(d.agentId())] = d.selected();
      doneCount++;
    } else if (e instanceof PlanningAgent.ChildMissed m && m.round() == round) {
      missed++;
    }
    if (doneCount == agents.size() && iterationsDone == config.iterations()) {
      return finish();
    }
    return this;
  }

  /** Starts every agent: once all have joined, or at the join deadline with those that did. */
  private Behavior<Command> startAll() {
    if (!started) {
      started = true;
      timers.cancel(JoinDeadline.INSTANCE);
      agents.forEach(a -> a.tell(new PlanningAgent.Start(round)));
    }
    return this;
  }

  private Behavior<Command> finish() {
    boolean complete = doneCount == agents.size() && iterationsDone == config.iterations();
    double[] g = lastGlobal == null ? new double[0] : lastGlobal;
    replyTo.tell(new RoundResult(round, repetition, Arrays.copyOf(globalCost, iterationsDone), g,
        lastGlobalLocalCost, lastGlobalSquaredLocalCost, selected, missed, complete));
    return Behaviors.stopped();
  }
}
