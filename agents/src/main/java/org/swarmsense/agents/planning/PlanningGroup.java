package org.swarmsense.agents.planning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.EposConfig;

/**
 * The planning agents of one fleet, one {@link PlanningAgent} child per agent id, and the runs of
 * decentralized I-EPOS over them: {@link Run} plays the configuration's repetitions one after the
 * other, each as an {@link EposRound}, and replies every {@link RoundResult} plus the repetition
 * with the lowest final combined cost (the one whose selections are used, as in the in-process
 * sensing coordination). Requests are served one at a time, in arrival order.
 */
public final class PlanningGroup extends AbstractBehavior<PlanningGroup.Command> {

  /** Everything the group understands. */
  public sealed interface Command extends CborSerializable {}

  /** Run all repetitions; replies {@link Outcome}. */
  public record Run(long requestId, ActorRef<Outcome> replyTo) implements Command {}

  /** The agents' refs, agent i at index i (for fault drills and tests). */
  public record GetAgents(ActorRef<Agents> replyTo) implements Command {}

  private record RoundFinished(RoundResult result) implements Command {}

  /** The reply to {@link GetAgents}. */
  public record Agents(List<ActorRef<PlanningAgent.Command>> agents) implements CborSerializable {
    /** Copies the list. */
    public Agents {
      agents = List.copyOf(agents);
    }
  }

  /** The reply to {@link Run}: every round, and the index of the best one. */
  public record Outcome(long requestId, List<RoundResult> rounds, int best) implements CborSerializable {
    /** Copies the list. */
    public Outcome {
      rounds = List.copyOf(rounds);
    }

    /** The selections of the best round. */
    public int[] selected() {
      return rounds.get(best).selected();
    }
  }

  private final List<ActorRef<PlanningAgent.Command>> agents = new ArrayList<>();
  private final EposConfig config;
  private final Duration iterationTimeout;
  private final Duration roundTimeout;
  private final List<Run> queue = new ArrayList<>();
  private final List<RoundResult> rounds = new ArrayList<>();
  private long nextRound;

  /** A group for {@code plans} (agent i at list index i) running {@code config}. */
  public static Behavior<Command> create(List<AgentPlans> plans, EposConfig config, Duration iterationTimeout,
      Duration roundTimeout) {
    if (plans == null || plans.isEmpty()) {
      throw new IllegalArgumentException("plans must not be empty");
    }
    for (int i = 0; i < plans.size(); i++) {
      if (plans.get(i).agentId() != i) {
        throw new IllegalArgumentException("plans at list index " + i + " belong to agent " + plans.get(i).agentId());
      }
    }
    return Behaviors.setup(ctx -> new PlanningGroup(ctx, plans, config, iterationTimeout, roundTimeout));
  }

  private PlanningGroup(ActorContext<Command> ctx, List<AgentPlans> plans, EposConfig config,
      Duration iterationTimeout, Duration roundTimeout) {
    super(ctx);
    this.config = config;
    this.iterationTimeout = iterationTimeout;
    this.roundTimeout = roundTimeout;
    for (AgentPlans a : plans) {
      agents.add(ctx.spawn(PlanningAgent.create(a, config, iterationTimeout), "agent-" + a.agentId()));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Run.class, this::onRun)
        .onMessage(GetAgents.class, this::onGetAgents)
        .onMessage(RoundFinished.class, this::onRoundFinished)
        .build();
  }

  private Behavior<Command> onRun(Run m) {
    queue.add(m);
    if (queue.size() == 1) {
      startRound();
    }
    return this;
  }

  private Behavior<Command> onGetAgents(GetAgents m) {
    m.replyTo().tell(new Agents(agents));
    return this;
  }

  private Behavior<Command> onRoundFinished(RoundFinished m) {
    rounds.add(m.result());
    if (rounds.size() < config.repetitions()) {
      startRound();
      return this;
    }
    int best = 0;
    for (int r = 1; r < rounds.size(); r++) {
      if (combined(rounds.get(r)) < combined(rounds.get(best))) {
        best = r;
      }
    }
    Run done = queue.remove(0);
    done.replyTo().tell(new Outcome(done.requestId(), rounds, best));
    rounds.clear();
    if (!queue.isEmpty()) {
      startRound();
    }
    return this;
  }

  private double combined(RoundResult r) {
    return r.combinedCost(config.alpha(), config.beta(), agents.size());
  }

  private void startRound() {
    long round = nextRound++;
    int repetition = rounds.size();
    ActorRef<RoundResult> reply = getContext().messageAdapter(RoundResult.class, RoundFinished::new);
    getContext().spawn(EposRound.create(round, repetition, agents, config, iterationTimeout, roundTimeout, reply),
        "round-" + round);
  }
}
