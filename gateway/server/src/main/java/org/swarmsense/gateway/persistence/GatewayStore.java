package org.swarmsense.gateway.persistence;

import com.typesafe.config.Config;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.swarmsense.agents.airspace.FenceKind;

/**
 * What the gateway keeps across restarts, as the rest of the gateway sees it: fleets' token
 * digests, fences and audit logs. {@link #open} puts it in the journal of a data directory (H2) or a
 * PostgreSQL database and starts the actor system the gateway then runs on; {@link #inMemory()}
 * keeps it in memory only (tests, {@code demo}). Every write returns only once the event is in the
 * journal, else throws {@link StateUnavailableException}. Thread-safe.
 */
public final class GatewayStore implements AutoCloseable {
  /**
   * What a start found in the journal.
   *
   * @param tokens fleets with an automatic token
   * @param fenceSets fleets with fences
   * @param auditEntries audit entries over all fleets
   * @param entities persistence ids found
   * @param devices devices kept over all fleets
   * @param pendingCommands commands accepted and not yet answered, over all fleets
   */
  public record Restored(List<String> tokens, List<String> fenceSets, long auditEntries, int entities, int devices,
      int pendingCommands) {
    /** Copies. */
    public Restored {
      tokens = List.copyOf(tokens);
      fenceSets = List.copyOf(fenceSets);
    }
  }

  private final StateBackend backend;
  private final ActorSystem<SpawnProtocol.Command> system;
  private final DataDirectory dir;
  private final EntityKind<AuditLog, AuditLog.Appended> auditKind;
  private final Clock clock;
  private final String where;
  private final int auditPageMax;

  private GatewayStore(StateBackend backend, ActorSystem<SpawnProtocol.Command> system, DataDirectory dir,
      int auditRetained, int auditPageMax, Clock clock, String where) {
    this.auditPageMax = auditPageMax;
    this.backend = backend;
    this.system = system;
    this.dir = dir;
    this.auditKind = EntityKind.fleetAudit(auditRetained);
    this.clock = clock;
    this.where = where;
  }

  /** A store in memory only, nothing kept after the process. */
  public static GatewayStore inMemory() {
    return inMemory(PersistenceSettings.defaults());
  }

  /** A store in memory only, with the audit bounds of {@code s}. */
  public static GatewayStore inMemory(PersistenceSettings s) {
    return new GatewayStore(new MemoryBackend(), null, null, s.auditRetained(), s.auditPageMax(), Clock.systemUTC(),
        "memory (not kept)");
  }

  /**
   * Opens the data directory (locking it), checks the journal database and starts the actor system
   * {@code swarmsense} with the journal configured on top of {@code base}.
   *
   * @throws DataDirectoryException naming the path when the directory or database cannot be used
   */
  public static GatewayStore open(PersistenceSettings s, Config base) {
    DataDirectory dir = DataDirectory.open(s.dataDir(), s.minFreeBytes());
    try {
      JournalDatabase db = JournalDatabase.of(s, dir);
      db.prepare();
      ActorSystem<SpawnProtocol.Command> system =
          ActorSystem.create(SpawnProtocol.create(), "swarmsense", db.pekkoConfig().withFallback(base));
      // nodes of one cluster given one JDBC database share its journal: each persistence id then gets one
      // writer in the cluster (a sharded entity); one node, or nodes each with their own H2 file: this node's
      com.typesafe.config.Config c = system.settings().config();
      boolean clusterWide = !s.jdbcUrl().isEmpty() && "cluster".equals(c.getString("pekko.actor.provider"))
          && !c.getStringList("pekko.cluster.seed-nodes").isEmpty();
      return new GatewayStore(new JournalBackend(system, s.writeTimeout(), s.restoreTimeout(), s.snapshotEvery(),
          db.where(), clusterWide, kinds(s.auditRetained())), system, dir,
          s.auditRetained(), s.auditPageMax(), Clock.systemUTC(), db.where());
    } catch (RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  /** Every kind of entity the store keeps (a node may be asked to run any of them for another node). */
  static List<EntityKind<?, ?>> kinds(int auditRetained) {
    return List.of(EntityKind.FLEET_TOKEN, EntityKind.FLEET_FENCES, EntityKind.fleetAudit(auditRetained),
        FleetDeviceState.KIND, PendingCommands.KIND, MissionJournal.KIND);
  }

  /**
   * What this node wrote since it started, and whether each persistence id has one writer in the
   * cluster (nodes sharing one journal) or the states are this node's.
   */
  public WriteCounts writeCounts() {
    return backend.counts();
  }

  /** The actor system the journal runs in (the gateway runs on it too), or empty in memory. */
  public Optional<ActorSystem<SpawnProtocol.Command>> actorSystem() {
    return Optional.ofNullable(system);
  }

  /** The data directory, or empty in memory. */
  public Optional<java.nio.file.Path> dataDir() {
    return dir == null ? Optional.empty() : Optional.of(dir.path());
  }

  /** The largest audit page served. */
  public int auditPageMax() {
    return auditPageMax;
  }

  /** Where the journal is (a file or a JDBC URL without its parameters). */
  public String where() {
    return where;
  }

  /**
   * Recovers every entity found in the journal.
   *
   * @throws StateUnavailableException when one cannot be recovered (nothing is reset)
   */
  public Restored restore() {
    List<String> ids = backend.persistenceIds();
    List<String> tokens = new ArrayList<>();
    List<String> fences = new ArrayList<>();
    long audit = 0;
    int devices = 0;
    int pending = 0;
    for (String id : ids) {
      Optional<String> k;
      if ((k = EntityKind.FLEET_TOKEN.keyOf(id)).isPresent()) {
        if (backend.read(EntityKind.FLEET_TOKEN, k.get()).issued()) {
          tokens.add(k.get());
        }
      } else if ((k = EntityKind.FLEET_FENCES.keyOf(id)).isPresent()) {
        if (!backend.read(EntityKind.FLEET_FENCES, k.get()).featureCollections().isEmpty()) {
          fences.add(k.get());
        }
      } else if ((k = auditKind.keyOf(id)).isPresent()) {
        audit += backend.read(auditKind, k.get()).total();
      } else if ((k = FleetDeviceState.KIND.keyOf(id)).isPresent()) {
        devices += backend.read(FleetDeviceState.KIND, k.get()).devices().size();
      } else if ((k = PendingCommands.KIND.keyOf(id)).isPresent()) {
        pending += backend.read(PendingCommands.KIND, k.get()).pending().size();
      }
    }
    java.util.Collections.sort(tokens);
    java.util.Collections.sort(fences);
    return new Restored(tokens, fences, audit, ids.size(), devices, pending);
  }

  /** The fleet's automatic token, if one was issued. */
  public Optional<TokenState> token(String fleet) {
    TokenState t = backend.read(EntityKind.FLEET_TOKEN, fleet);
    return t.issued() ? Optional.of(t) : Optional.empty();
  }

  /** Records the digest (64 hex) of a fleet's new automatic token. */
  public TokenState issueToken(String fleet, String digestHex) {
    return backend.persist(EntityKind.FLEET_TOKEN, fleet, new TokenState.Issued(digestHex, clock.millis()));
  }

  /** The fleet's fences as last set. */
  public FenceState fences(String fleet) {
    return backend.read(EntityKind.FLEET_FENCES, fleet);
  }

  /** The fleets whose fences were ever set. */
  public List<String> fenceFleets() {
    List<String> out = new ArrayList<>();
    for (String id : backend.persistenceIds()) {
      EntityKind.FLEET_FENCES.keyOf(id).ifPresent(out::add);
    }
    java.util.Collections.sort(out);
    return out;
  }

  /**
   * Forgets this node's copy of the fleet's fences (the next {@link #fences} recovers them from the
   * journal): the fleet's home is leaving this node, or arriving after another node wrote them.
   */
  public void releaseFences(String fleet) {
    backend.release(EntityKind.FLEET_FENCES, fleet);
  }

  /** Records a fleet's new fences of one kind (already validated). */
  public FenceState setFences(String fleet, FenceKind kind, String featureCollection) {
    return backend.persist(EntityKind.FLEET_FENCES, fleet, new FenceState.Set(kind, featureCollection, clock.millis()));
  }

  /**
   * Appends an audit entry (the detail cut to {@link AuditEntry#MAX_DETAIL} characters).
   *
   * @return the entry as stored, with its sequence number
   */
  public AuditEntry audit(String fleet, String who, String action, String detail) {
    String d = detail == null ? "" : detail.length() > AuditEntry.MAX_DETAIL ? detail.substring(0, AuditEntry.MAX_DETAIL) : detail;
    AuditLog log = backend.persist(auditKind, fleet, new AuditLog.Appended(clock.millis(), who, action, d));
    return log.newest().get(log.newest().size() - 1);
  }

  /** The fleet's audit log (its newest retained entries). */
  public AuditLog auditLog(String fleet) {
    return backend.read(auditKind, fleet);
  }

  /** Where states are kept (for the entity kinds kept beside this class, e.g. {@link MissionJournal}). */
  StateBackend backend() {
    return backend;
  }

  /** The fleets whose devices were ever written. */
  public List<String> deviceFleets() {
    return fleetsOf(FleetDeviceState.KIND);
  }

  /** A fleet's devices as last written. */
  public FleetDeviceState devices(String fleet) {
    return backend.read(FleetDeviceState.KIND, fleet);
  }

  /** Writes changed devices of a fleet (one event). */
  public FleetDeviceState recordDevices(String fleet, List<DeviceRecord> changed) {
    return backend.persist(FleetDeviceState.KIND, fleet, new FleetDeviceState.Changed(changed, clock.millis()));
  }

  /** The fleets that ever had a command accepted. */
  public List<String> commandFleets() {
    return fleetsOf(PendingCommands.KIND);
  }

  /** A fleet's accepted, unanswered commands. */
  public PendingCommands commands(String fleet) {
    return backend.read(PendingCommands.KIND, fleet);
  }

  /** Writes that a command was accepted; returns only once it is in the journal (before it is sent). */
  public PendingCommands commandAccepted(String fleet, PendingCommand command) {
    return backend.persist(PendingCommands.KIND, fleet, new PendingCommands.Accepted(command));
  }

  /** Writes that a command's device answered it. */
  public PendingCommands commandAnswered(String fleet, String id, boolean ok, String reason) {
    return backend.persist(PendingCommands.KIND, fleet, new PendingCommands.Answered(id, ok, reason, clock.millis()));
  }

  /**
   * Writes that a command is given up (its device never answered); a no-op when it was answered
   * before.
   */
  public PendingCommands commandExpired(String fleet, String id, String reason) {
    return backend.persist(PendingCommands.KIND, fleet, new PendingCommands.Expired(id, reason, clock.millis()));
  }

  private List<String> fleetsOf(EntityKind<?, ?> kind) {
    List<String> out = new ArrayList<>();
    for (String id : backend.persistenceIds()) {
      kind.keyOf(id).ifPresent(out::add);
    }
    java.util.Collections.sort(out);
    return out;
  }

  /** Stops the actor system (if still running), waits for it, then releases the data directory. */
  @Override
  public void close() {
    try {
      backend.close();
      if (system != null) {
        system.terminate();
        try {
          system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          // terminating anyway
        }
      }
    } finally {
      if (dir != null) {
        dir.close();
      }
    }
  }

}
