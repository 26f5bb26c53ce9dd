package org.swarmsense.gateway.persistence;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The actor shell of one persistent entity: persists the events it is given, applies them with the
 * state's own {@link EntityState#apply}, replies with the new state only after the event is
 * written, and snapshots every {@code snapshotEvery} events (keeping two). On start it recovers
 * from the newest snapshot plus the events after it.
 */
public final class StateEntity {
  private StateEntity() {}

  /** A message to an entity. */
  public sealed interface Command<S, E> permits Persist, Read, Release {}

  /** Persist {@code event}; the reply is the state after it, once written. */
  public record Persist<S, E>(E event, ActorRef<StatusReply<S>> replyTo) implements Command<S, E> {}

  /** Reply with the current (recovered) state. */
  public record Read<S, E>(ActorRef<S> replyTo) implements Command<S, E> {}

  /** Stop (the entity is recovered afresh on its next use). */
  public record Release<S, E>() implements Command<S, E> {}

  /** The behaviour of the entity {@code id} of {@code kind}. */
  public static <S extends EntityState<S, E>, E> Behavior<Command<S, E>> create(
      PersistenceId id, EntityKind<S, E> kind, int snapshotEvery) {
    return new Shell<>(id, kind.empty(), snapshotEvery);
  }

  private static final class Shell<S extends EntityState<S, E>, E>
      extends EventSourcedBehavior<Command<S, E>, E, S> {
    private final S empty;
    private final int snapshotEvery;

    Shell(PersistenceId id, S empty, int snapshotEvery) {
      super(id, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
      this.empty = empty;
      this.snapshotEvery = snapshotEvery;
    }

    @Override
    public S emptyState() {
      return empty;
    }

    @Override
    public CommandHandler<Command<S, E>, E, S> commandHandler() {
      return newCommandHandlerBuilder().forAnyState().onAnyCommand(this::handle);
    }

    private org.apache.pekko.persistence.typed.javadsl.Effect<E, S> handle(S state, Command<S, E> cmd) {
      if (cmd instanceof Persist<S, E> p) {
        return Effect().persist(p.event()).thenReply(p.replyTo(), StatusReply::success);
      }
      if (cmd instanceof Release<S, E>) {
        return Effect().stop();
      }
      Read<S, E> r = (Read<S, E>) cmd;
      return Effect().reply(r.replyTo(), state);
    }

    @Override
    public EventHandler<S, E> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> state.apply(event));
    }

    @Override
    public RetentionCriteria retentionCriteria() {
      RetentionCriteria r = RetentionCriteria.snapshotEvery(snapshotEvery, 2);
      return empty.deleteEventsOnSnapshot() ? ((org.apache.pekko.persistence.typed.javadsl.SnapshotCountRetentionCriteria) r)
          .withDeleteEventsOnSnapshot() : r;
    }
  }
}
