package org.swarmsense.gateway.persistence;

import java.util.List;

/** Where {@link GatewayStore} keeps entity states: the journal, or memory (no data directory). */
interface StateBackend extends AutoCloseable {
  /** The entity's current state (its kind's empty state when it has no events). */
  <S extends EntityState<S, E>, E> S read(EntityKind<S, E> kind, String key);

  /** Writes {@code event}, then returns the state after it. */
  <S extends EntityState<S, E>, E> S persist(EntityKind<S, E> kind, String key, E event);

  /**
   * Forgets what this node holds of the entity (its actor and recovered state), so the next read
   * recovers it from the journal afresh: called when another node may write it next (a fleet's
   * home moved). Memory keeps nothing apart from the state itself.
   */
  default void release(EntityKind<?, ?> kind, String key) {}

  /** What this node wrote since it started. */
  WriteCounts counts();

  /** The persistence ids that have events. */
  List<String> persistenceIds();

  @Override
  void close();
}
