package org.swarmsense.gateway.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** States in memory only (tests, and gateways started without a data directory). Thread-safe. */
final class MemoryBackend implements StateBackend {
  private final Map<String, Object> states = new HashMap<>();
  private long writes;

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <S extends EntityState<S, E>, E> S read(EntityKind<S, E> kind, String key) {
    return (S) states.getOrDefault(kind.id(key).id(), kind.empty());
  }

  @Override
  public synchronized <S extends EntityState<S, E>, E> S persist(EntityKind<S, E> kind, String key, E event) {
    S next = read(kind, key).apply(event);
    writes++;
    states.put(kind.id(key).id(), next);
    return next;
  }

  @Override
  public synchronized WriteCounts counts() {
    return new WriteCounts(false, writes, 0, writes);
  }

  @Override
  public synchronized List<String> persistenceIds() {
    return new ArrayList<>(states.keySet());
  }

  @Override
  public void close() {
    // nothing held
  }
}
