package org.swarmsense.gateway.persistence;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * States in the JDBC journal: one {@link StateEntity} actor per persistence id, started on first
 * use (which recovers it; reads wait up to the restore timeout), written with the write timeout.
 *
 * <p>Where the entities run: on one node (or nodes that each keep their own journal), as children of
 * the store's actor system. On nodes of one cluster that share one journal ({@link #clusterWide}), as
 * sharded entities (type {@value #TYPE_NAME}, entity id = the persistence id): each persistence id
 * then has exactly one writer in the cluster, whichever node asks (Pekko Persistence's single-writer
 * rule), every node reads the state that writer holds, and when its node dies the entity recovers
 * from the journal on a survivor at its next use. Thread-safe; callers block (never call it on an
 * actor's or a dispatcher's thread).
 */
final class JournalBackend implements StateBackend {
  /** The sharded entity type of the states when nodes share one journal. */
  static final String TYPE_NAME = "JournalState";

  /** How long one ask of a cluster-wide read waits before it is asked again. */
  static final Duration READ_ATTEMPT = Duration.ofSeconds(5);

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final EntityTypeKey<StateEntity.Command> TYPE =
      EntityTypeKey.create(StateEntity.Command.class, TYPE_NAME);

  private final ActorSystem<SpawnProtocol.Command> system;
  private final Duration timeout;
  private final Duration restoreTimeout;
  private final int snapshotEvery;
  /** The journal's location (a file or a JDBC URL), named in every failure. */
  private final String where;
  private final ConcurrentHashMap<String, ActorRef<?>> entities = new ConcurrentHashMap<>();
  /** Numbers the entities' actor names: a released entity's name may still be taken while it stops. */
  private final AtomicLong incarnation = new AtomicLong();
  /** The kinds by name: a sharded entity started by another node's request finds its kind here. */
  private final ConcurrentHashMap<String, EntityKind<?, ?>> kinds = new ConcurrentHashMap<>();
  /** The shard region of the states, or null on one node. */
  @SuppressWarnings("rawtypes")
  private final ActorRef<ShardingEnvelope<StateEntity.Command>> region;
  private final Serialization serialization;
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong failedWrites = new AtomicLong();
  private final AtomicLong persistedHere = new AtomicLong();

  /**
   * @param clusterWide whether the nodes of the system's cluster share this journal (then the
   *     states are sharded entities: one writer per persistence id in the cluster)
   * @param known the kinds whose entities this node may be asked to run (others are added on use)
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  JournalBackend(ActorSystem<SpawnProtocol.Command> system, Duration timeout, Duration restoreTimeout,
      int snapshotEvery, String where, boolean clusterWide, List<EntityKind<?, ?>> known) {
    this.where = where;
    this.system = system;
    this.timeout = timeout;
    this.restoreTimeout = restoreTimeout;
    this.snapshotEvery = snapshotEvery;
    known.forEach(this::register);
    if (clusterWide) {
      serialization = SerializationExtension.get(system.classicSystem());
      region = ClusterSharding.get(system).init(Entity.of(TYPE, ctx -> {
        String pid = ctx.getEntityId();
        EntityKind kind = kinds.get(pid.substring(0, Math.max(0, pid.indexOf(EntityKind.SEPARATOR))));
        if (kind == null) {
          throw new IllegalStateException("no entity kind for persistence id " + pid + " on this node");
        }
        return (org.apache.pekko.actor.typed.Behavior) StateEntity.sharded(PersistenceId.ofUniqueId(pid), kind,
            snapshotEvery, persistedHere, serialization);
      }).withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    } else {
      serialization = null;
      region = null;
    }
  }

  private void register(EntityKind<?, ?> kind) {
    kinds.putIfAbsent(kind.name(), kind);
  }

  /** Whether the states are sharded entities of the cluster (one writer per id) rather than this node's. */
  boolean clusterWide() {
    return region != null;
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

  /** Asks the sharded entity of {@code kind} and {@code key} (wherever it runs in the cluster). */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private <S extends EntityState<S, E>, E> CompletionStage<S> askShard(EntityKind<S, E> kind, String key,
      Function<ActorRef<S>, StateEntity.Command<S, E>> message, Duration wait) {
    register(kind);
    String pid = kind.id(key).id();
    ActorRef<ShardingEnvelope<StateEntity.Command<S, E>>> to = (ActorRef) region;
    return AskPattern.<ShardingEnvelope<StateEntity.Command<S, E>>, S>ask(to,
        reply -> new ShardingEnvelope<>(pid, message.apply(reply)), wait, system.scheduler());
  }

  @Override
  public <S extends EntityState<S, E>, E> S read(EntityKind<S, E> kind, String key) {
    // the first read of an entity waits for its recovery from the journal
    String what = "restore " + kind.id(key).id() + " from the journal " + where;
    if (region != null) {
      // a read is asked again every READ_ATTEMPT until the restore timeout: one sent to a node that just died
      // is lost (no answer ever comes), and the next goes to the survivor once the shard moved (reads are
      // idempotent; writes are not asked twice)
      long deadline = System.nanoTime() + restoreTimeout.toNanos();
      while (true) {
        Duration attempt = Duration.ofNanos(Math.max(1, Math.min(READ_ATTEMPT.toNanos(), deadline - System.nanoTime())));
        try {
          return await(askShard(kind, key, StateEntity.Read::new, attempt), what, attempt);
        } catch (StateUnavailableException e) {
          if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
            throw new StateUnavailableException("cannot " + what + " within " + restoreTimeout.toMillis() + " ms: "
                + e.getCause(), e.getCause());
          }
        }
      }
    }
    ActorRef<StateEntity.Command<S, E>> ref = entity(kind, key);
    return await(AskPattern.<StateEntity.Command<S, E>, S>ask(ref, StateEntity.Read::new, restoreTimeout,
        system.scheduler()), what, restoreTimeout);
  }

  @Override
  public <S extends EntityState<S, E>, E> S persist(EntityKind<S, E> kind, String key, E event) {
    String what = "write " + kind.id(key).id() + " to the journal " + where
        + (region != null ? " (through its writer on the node that holds it; that node may be failing over: try again)"
            : " (it takes no writes until serve is restarted; acknowledged writes are kept; a full disk or a file size"
            + " limit? see the log)");
    writes.incrementAndGet();
    try {
      if (region != null) {
        Serializer s = serialization.findSerializerFor(event);
        byte[] bytes = s.toBinary(event);
        String manifest = Serializers.manifestFor(s, event);
        return await(askShard(kind, key,
            r -> new StateEntity.PersistSerialized<S, E>(bytes, s.identifier(), manifest, r), timeout), what, timeout);
      }
      ActorRef<StateEntity.Command<S, E>> ref = entity(kind, key);
      StatusReply<S> reply = await(AskPattern.<StateEntity.Command<S, E>, StatusReply<S>>ask(ref,
          r -> new StateEntity.Persist<>(event, r), timeout, system.scheduler()), what, timeout);
      return reply.getValue();
    } catch (RuntimeException e) {
      failedWrites.incrementAndGet();
      throw e;
    }
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public void release(EntityKind<?, ?> kind, String key) {
    if (region != null) {
      return; // the cluster's only copy is always current: nothing held here to forget
    }
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

  @Override
  public WriteCounts counts() {
    long failed = failedWrites.get(); // before the writes: a write is counted before its failure
    return new WriteCounts(region != null, writes.get(), failed, persistedHere.get());
  }

  private <T> T await(CompletionStage<T> stage, String what, Duration timeout) {
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
