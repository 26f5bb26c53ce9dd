package org.swarmsense.gateway.persistence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The missions' side of the {@link GatewayStore}: every mission is one entity of kind {@link #KIND}
 * (key {@code <fleet>/<id>}), written event by event ({@link MissionRecord}'s events); a write
 * returns once the event is in the journal (else {@link StateUnavailableException}). {@link #restore}
 * reads them all back at start. Thread-safe.
 */
public final class MissionJournal {
  /** Missions; key {@code <fleet>/<id>}. */
  public static final EntityKind<MissionRecord, MissionRecord.Event> KIND =
      new EntityKind<>("mission", MissionRecord.NONE);

  private final GatewayStore store;
  private final Clock clock;

  /** The missions kept in {@code store} (the journal, or memory). */
  public MissionJournal(GatewayStore store) {
    this(store, Clock.systemUTC());
  }

  MissionJournal(GatewayStore store, Clock clock) {
    if (store == null || clock == null) {
      throw new IllegalArgumentException("store and clock must not be null");
    }
    this.store = store;
    this.clock = clock;
  }

  /** The time events are stamped with (epoch ms). */
  public long nowMs() {
    return clock.millis();
  }

  /** Writes an event of mission {@code id} of {@code fleet}; returns the mission after it. */
  public MissionRecord record(String fleet, String id, MissionRecord.Event event) {
    return store.backend().persist(KIND, key(fleet, id), event);
  }

  /** The mission as kept, if it was ever submitted. */
  public Optional<MissionRecord> find(String fleet, String id) {
    MissionRecord r = store.backend().read(KIND, key(fleet, id));
    return r.state().isEmpty() ? Optional.empty() : Optional.of(r);
  }

  /**
   * Every mission in the store, oldest first.
   *
   * @throws StateUnavailableException when one cannot be recovered (nothing is reset)
   */
  public List<MissionRecord> restore() {
    return restore(null);
  }

  /**
   * The missions of {@code fleet} in the store (every fleet's when null), oldest first.
   *
   * @throws StateUnavailableException when one cannot be recovered (nothing is reset)
   */
  public List<MissionRecord> restore(String fleet) {
    List<MissionRecord> out = new ArrayList<>();
    for (String pid : store.backend().persistenceIds()) {
      Optional<String> k = KIND.keyOf(pid);
      if (k.isPresent() && (fleet == null || k.get().startsWith(fleet + "/"))) {
        MissionRecord r = store.backend().read(KIND, k.get());
        if (!r.state().isEmpty()) {
          out.add(r);
        }
      }
    }
    out.sort(Comparator.comparingLong(MissionRecord::order));
    return out;
  }

  /** The fleets that have missions in the store, sorted. */
  public List<String> fleets() {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (String pid : store.backend().persistenceIds()) {
      KIND.keyOf(pid).filter(k -> k.indexOf('/') > 0).ifPresent(k -> out.add(k.substring(0, k.indexOf('/'))));
    }
    return List.copyOf(out);
  }

  /**
   * Forgets what this node holds of mission {@code id} of {@code fleet} (its next read recovers it
   * from the journal): the fleet's home is leaving this node and another node may write it next.
   */
  public void release(String fleet, String id) {
    store.backend().release(KIND, key(fleet, id));
  }

  private static String key(String fleet, String id) {
    return fleet + "/" + id;
  }
}
