package org.swarmsense.gateway.persistence;

import java.util.Optional;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * A kind of persistent entity: its name (the first part of the persistence id {@code <name>|<key>})
 * and its state before any event. One constant per kind; device entities ({@code device},
 * key {@code fleet/kind/id}) and missions ({@code mission}, key {@code fleet/id}) are added here the
 * same way.
 *
 * @param name the entity type name, lower case with dashes
 * @param empty the state before the first event
 * @param <S> the state type
 * @param <E> its event type
 */
public record EntityKind<S extends EntityState<S, E>, E>(String name, S empty) {
  /** A fleet's automatic HTTP token (its digest only); key: the fleet. */
  public static final EntityKind<TokenState, TokenState.Issued> FLEET_TOKEN =
      new EntityKind<>("fleet-token", TokenState.NONE);
  /** A fleet's no-fly zones and geofences; key: the fleet. */
  public static final EntityKind<FenceState, FenceState.Set> FLEET_FENCES =
      new EntityKind<>("fleet-fences", FenceState.EMPTY);

  /** The separator of kind and key in a persistence id (Pekko's convention). */
  public static final String SEPARATOR = "|";

  /** Validates the values. */
  public EntityKind {
    if (name == null || !name.matches("[a-z][a-z-]{0,40}")) {
      throw new IllegalArgumentException("entity kind name must be lower case letters and dashes, was " + name);
    }
    if (empty == null) {
      throw new IllegalArgumentException("entity kind " + name + ": empty state must not be null");
    }
  }

  /** A fleet's audit log, keeping the newest {@code retained} entries readable; key: the fleet. */
  public static EntityKind<AuditLog, AuditLog.Appended> fleetAudit(int retained) {
    return new EntityKind<>("fleet-audit", AuditLog.empty(retained));
  }

  /** The persistence id of this kind's entity for {@code key}. */
  public PersistenceId id(String key) {
    if (key == null || key.isBlank() || key.length() > 200 || key.contains(SEPARATOR)) {
      throw new IllegalArgumentException(name + " key must be 1-200 characters without '|', was " + key);
    }
    return PersistenceId.of(name, key, SEPARATOR);
  }

  /** The key of a persistence id of this kind, or empty when it is of another kind. */
  public Optional<String> keyOf(String persistenceId) {
    String prefix = name + SEPARATOR;
    return persistenceId.startsWith(prefix) ? Optional.of(persistenceId.substring(prefix.length())) : Optional.empty();
  }
}
