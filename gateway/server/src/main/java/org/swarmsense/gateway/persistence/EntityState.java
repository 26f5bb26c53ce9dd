package org.swarmsense.gateway.persistence;

import org.swarmsense.agents.cluster.CborSerializable;

/**
 * The state of one persistent entity: an immutable record whose {@link #apply} is the only way it
 * changes, used both when an event is first persisted and when it is replayed (so the two cannot
 * differ). Snapshots are the state itself, serialized with Jackson CBOR.
 *
 * @param <S> the state type
 * @param <E> its event type
 */
public interface EntityState<S extends EntityState<S, E>, E> extends CborSerializable {
  /** The state after {@code event}. */
  S apply(E event);

  /**
   * Whether the events a snapshot covers are deleted from the journal once it is written (states
   * written often whose history is not needed: devices, pending commands). Default: kept.
   */
  default boolean deleteEventsOnSnapshot() {
    return false;
  }
}
