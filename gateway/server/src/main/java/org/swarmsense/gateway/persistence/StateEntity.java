package org.swarmsense.gateway.persistence;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.serialization.Serialization;

/**
 * The actor shell of one persistent entity: persists the events it is given, applies them with the
 * state's own {@link EntityState#apply}, replies with the new state only after the event is
 * written, and snapshots every {@code snapshotEvery} events (keeping two). On start it recovers
 * from the newest snapshot plus the events after it.
 *
 * <p>On one node it is a plain child of the store's actor system ({@link Persist}); on nodes that
 * share one journal it is a sharded entity (entity id = persistence id), the only writer of its id in
 * the cluster, and its events arrive serialized ({@link PersistSerialized}: an event's type is the
 * entity kind's, which a message crossing nodes cannot carry as a Java type parameter).
 */
public final class StateEntity {
  private StateEntity() {}

  /** A message to an entity. */
  public sealed interface Command<S, E> extends org.swarmsense.agents.cluster.CborSerializable
      permits Persist, PersistSerialized, Read, Release {}

  /** Persist {@code event}; the reply is the state after it, once written (this node only). */
  public record Persist<S, E>(E event, ActorRef<StatusReply<S>> replyTo) implements Command<S, E> {}

  /**
   * Persist the event serialized as Pekko's serialization has it ({@code serializerId}, {@code manifest},
   * {@code bytes}); the reply is the state after it, once written (none when it cannot be written or
   * read back: the asker's timeout names the entity).
   */
  public record PersistSerialized<S, E>(byte[] bytes, int serializerId, String manifest, ActorRef<S> replyTo)
      implements Command<S, E> {
    /** Validates the fields. */
    public PersistSerialized {
      if (bytes == null || manifest == null || replyTo == null) {
        throw new IllegalArgumentException("persist: bytes, manifest and replyTo must not be null");
      }
    }
  }

  /** Reply with the current (recovered) state. */
  public record Read<S, E>(ActorRef<S> replyTo) implements Command<S, E> {}

  /** Stop (the entity is recovered afresh on its next use). */
  public record Release<S, E>() implements Command<S, E> {}

  /** The behaviour of the entity {@code id} of {@code kind} on one node. */
  public static <S extends EntityState<S, E>, E> Behavior<Command<S, E>> create(
      PersistenceId id, EntityKind<S, E> kind, int snapshotEvery) {
    return new Shell<>(id, kind.empty(), snapshotEvery, new AtomicLong(), null);
  }

  /**
   * The behaviour of the entity {@code id} of {@code kind} as a sharded entity: events arrive as
   * {@link PersistSerialized} and are read back with {@code serialization}; each event written is
   * counted in {@code persisted}.
   */
  public static <S extends EntityState<S, E>, E> Behavior<Command<S, E>> sharded(
      PersistenceId id, EntityKind<S, E> kind, int snapshotEvery, AtomicLong persisted, Serialization serialization) {
    return new Shell<>(id, kind.empty(), snapshotEvery, persisted, serialization);
  }

  private static final class Shell<S extends EntityState<S, E>, E>
      extends EventSourcedBehavior<Command<S, E>, E, S> {
    private final S empty;
    private final int snapshotEvery;
    private final AtomicLong persisted;
    private final Serialization serialization;

    Shell(PersistenceId id, S empty, int snapshotEvery, AtomicLong persisted, Serialization serialization) {
      super(id, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
      this.empty = empty;
      this.snapshotEvery = snapshotEvery;
      this.persisted = persisted;
      this.serialization = serialization;
    }

    @Override
    public S emptyState() {
      return empty;
    }

    @Override
    public CommandHandler<Command<S, E>, E, S> commandHandler() {
      return newCommandHandlerBuilder().forAnyState().onAnyCommand(this::handle);
    }

    @SuppressWarnings("unchecked")
    private org.apache.pekko.persistence.typed.javadsl.Effect<E, S> handle(S state, Command<S, E> cmd) {
      if (cmd instanceof Persist<S, E> p) {
        return Effect().persist(p.event()).thenRun(s -> persisted.incrementAndGet())
            .thenReply(p.replyTo(), StatusReply::success);
      }
      if (cmd instanceof PersistSerialized<S, E> p) {
        E event;
        try {
          event = (E) serialization.deserialize(p.bytes(), p.serializerId(), p.manifest()).get();
        } catch (RuntimeException e) {
          // not this kind's event (nodes of different versions?): nothing written, the asker times out
          return Effect().none();
        }
        return Effect().persist(event).thenRun(s -> persisted.incrementAndGet()).thenReply(p.replyTo(), s -> s);
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
