package org.swarmsense.gateway.persistence;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * States in the JDBC journal: one {@link StateEntity} actor per persistence id, started on first
 * use (which recovers it; reads wait up to the restore timeout), written with the write timeout.
 * Thread-safe.
 */
final class JournalBackend implements StateBackend {
  private final ActorSystem<SpawnProtocol.Command> system;
  private final Duration timeout;
  private final Duration restoreTimeout;
  private final int snapshotEvery;
  /** The journal's location (a file or a JDBC URL), named in every failure. */
  private final String where;
  private final ConcurrentHashMap<String, ActorRef<?>> entities = new ConcurrentHashMap<>();
  /** Numbers the entities' actor names: a released entity's name may still be taken while it stops. */
  private final java.util.concurrent.atomic.AtomicLong incarnation = new java.util.concurrent.atomic.AtomicLong();

  JournalBackend(ActorSystem<SpawnProtocol.Command> system, Duration timeout, Duration restoreTimeout,
      int snapshotEvery, String where) {
    this.where = where;
    this.system = system;
    this.timeout = timeout;
    this.restoreTimeout = restoreTimeout;
    this.snapshotEvery = snapshotEvery;
  }

  @SuppressWarnings("unchecked")
  private <S extends EntityState<S, E>, E> ActorRef<StateEntity.Command<S, E>> entity(EntityKind<S, E> kind, String key) {
    String pid = kind.id(key).id();
    return (ActorRef<StateEntity.Command<S, E>>) entities.computeIfAbsent(pid, id -> {
      String name = "state-" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("*", "%2A")
          + "-" + incarnation.incrementAndGet();
      return await(AskPattern.<SpawnProtocol.Command, ActorRef<StateEntity.Command<S, E>>>ask(system,
          reply -> new SpawnProtocol.Spawn<>(StateEntity.create(kind.id(key), kind, snapshotEvery), name,
              Props.empty(), reply), restoreTimeout, system.scheduler()), "start " + id, restoreTimeout);
    });
  }

  @Override
  public <S extends EntityState<S, E>, E> S read(EntityKind<S, E> kind, String key) {
    ActorRef<StateEntity.Command<S, E>> ref = entity(kind, key);
    // the first read of an entity waits for its recovery from the journal
    return await(AskPattern.<StateEntity.Command<S, E>, S>ask(ref, StateEntity.Read::new, restoreTimeout,
        system.scheduler()), "restore " + kind.id(key).id() + " from the journal " + where, restoreTimeout);
  }

  @Override
  public <S extends EntityState<S, E>, E> S persist(EntityKind<S, E> kind, String key, E event) {
    ActorRef<StateEntity.Command<S, E>> ref = entity(kind, key);
    StatusReply<S> reply = await(AskPattern.<StateEntity.Command<S, E>, StatusReply<S>>ask(ref,
        r -> new StateEntity.Persist<>(event, r), timeout, system.scheduler()),
        "write " + kind.id(key).id() + " to the journal " + where
            + " (it takes no writes until serve is restarted; acknowledged writes are kept; a full disk or a file size"
            + " limit? see the log)", timeout);
    return reply.getValue();
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void release(EntityKind<?, ?> kind, String key) {
    ActorRef ref = entities.remove(kind.id(key).id());
    if (ref != null) {
      ref.tell(new StateEntity.Release<>());
    }
  }

  @Override
  public List<String> persistenceIds() {
    JdbcReadJournal journal =
        PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, "jdbc-read-journal");
    return await(journal.currentPersistenceIds().runWith(Sink.seq(), system), "list the journal's entities", restoreTimeout);
  }

  private <T> T await(java.util.concurrent.CompletionStage<T> stage, String what, Duration timeout) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateUnavailableException("interrupted: " + what, e);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new StateUnavailableException("cannot " + what + " within " + timeout.toMillis() + " ms: " + cause, cause);
    }
  }

  @Override
  public void close() {
    // the entities stop with the actor system, which the store terminates
  }
}
