package org.swarmsense.agents.cluster;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.DowningProvider;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;

/**
 * The downing provider of a multi-node gateway (configured by {@link ClusterConfig#clustered}):
 * when the set of unreachable members has not changed for {@code stable-after}, the side that holds
 * at least as many members as it cannot reach downs the unreachable ones (the reachable member with
 * the lowest address does it); a smaller side downs itself.
 *
 * <p>Why not Pekko's split brain resolver: in a cluster of two, each of its strategies stops the
 * survivor for one of the two crashes. keep-majority keeps the half with the lowest address on a
 * tie, so when that node dies the other downs itself; keep-oldest keeps the oldest, so when the oldest
 * dies the other downs itself; static-quorum with quorum-size 1 downs everything once a second member
 * joins (more than {@code 2 x quorum - 1} members). Two nodes cannot tell a crash from a network
 * partition, so something must give: this rule keeps both halves of a 1:1 split running (each
 * then owns every shard; gateway/server README, "Several nodes") in exchange for surviving the crash
 * of either node. With three or more nodes it behaves as keep-majority without the lowest-address
 * tie-break. Thread-safe (an actor).
 */
public final class SurvivorDowning extends DowningProvider {
  private final Duration stableAfter;
  private final Duration removalMargin;

  /** Created by Pekko with the classic actor system (the name of this class is in the configuration). */
  public SurvivorDowning(ActorSystem system) {
    Config c = system.settings().config().getConfig("swarmsense.agents.cluster");
    stableAfter = c.getDuration("stable-after");
    removalMargin = c.getDuration("down-removal-margin");
  }

  @Override
  public scala.concurrent.duration.FiniteDuration downRemovalMargin() {
    return scala.concurrent.duration.FiniteDuration.fromNanos(removalMargin.toNanos());
  }

  @Override
  public scala.Option<Props> downingActorProps() {
    Duration stable = stableAfter;
    return scala.Option.apply(Props.create(Decider.class, () -> new Decider(stable)));
  }

  /** What a node decides, from the members it sees and those it cannot reach (plain; tested alone). */
  public enum Decision {
    /** Nothing unreachable, or this node is not the one to act. */
    WAIT,
    /** Down the unreachable members. */
    DOWN_UNREACHABLE,
    /** This node is on the smaller side: down itself. */
    DOWN_SELF
  }

  /**
   * The rule: with {@code members} (up, leaving, weakly up or joining; addresses in any order) of which
   * {@code unreachable} cannot be reached from {@code self}: the smaller side downs itself; on the
   * larger side or a tie, the reachable member with the lowest address downs the unreachable.
   */
  public static Decision decide(Set<String> members, Set<String> unreachable, String self) {
    if (unreachable.isEmpty()) {
      return Decision.WAIT;
    }
    TreeSet<String> reachable = new TreeSet<>(members);
    reachable.removeAll(unreachable);
    if (reachable.size() < unreachable.size()) {
      return Decision.DOWN_SELF;
    }
    return reachable.isEmpty() || !reachable.first().equals(self) ? Decision.WAIT : Decision.DOWN_UNREACHABLE;
  }

  /** The downing actor: checks every 250 ms whether the unreachable set has been stable long enough. */
  static final class Decider extends AbstractActorWithTimers {
    private static final Object TICK = "tick";
    private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
    private final Cluster cluster = Cluster.get(getContext().getSystem());
    private final long stableAfterNanos;
    private Set<Address> lastUnreachable = Set.of();
    private long changedAt = System.nanoTime();

    Decider(Duration stableAfter) {
      this.stableAfterNanos = stableAfter.toNanos();
      getTimers().startTimerWithFixedDelay(TICK, TICK, Duration.ofMillis(250));
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchEquals(TICK, t -> tick()).build();
    }

    private void tick() {
      var state = cluster.state();
      Set<Address> unreachable = new java.util.HashSet<>();
      state.getUnreachable().forEach(m -> {
        if (m.status() != MemberStatus.down() && m.status() != MemberStatus.removed()) {
          unreachable.add(m.address());
        }
      });
      if (!unreachable.equals(lastUnreachable)) {
        lastUnreachable = Set.copyOf(unreachable);
        changedAt = System.nanoTime();
        return;
      }
      if (unreachable.isEmpty() || System.nanoTime() - changedAt < stableAfterNanos) {
        return;
      }
      Set<String> members = new java.util.HashSet<>();
      for (Member m : state.getMembers()) {
        if (m.status() != MemberStatus.down() && m.status() != MemberStatus.removed()
            && m.status() != MemberStatus.exiting()) {
          members.add(m.address().toString());
        }
      }
      Set<String> gone = unreachable.stream().map(Address::toString).collect(Collectors.toSet());
      members.addAll(gone);
      String self = cluster.selfAddress().toString();
      switch (decide(members, gone, self)) {
        case DOWN_UNREACHABLE -> {
          log.warning("downing unreachable {} (stable for {} ms; {} of {} members reachable)", gone,
              (System.nanoTime() - changedAt) / 1_000_000, members.size() - gone.size(), members.size());
          unreachable.forEach(cluster::down);
          changedAt = System.nanoTime();
        }
        case DOWN_SELF -> {
          log.warning("downing myself: {} of {} members unreachable", gone.size(), members.size());
          cluster.down(cluster.selfAddress());
          changedAt = System.nanoTime();
        }
        case WAIT -> { }
      }
    }
  }
}
