package org.swarmsense.agents.alarm;

import org.swarmsense.agents.cluster.CborSerializable;

/**
 * An alarm raised (or cleared) for one device. Immutable, thread-safe.
 *
 * @param deviceId the drone or sensor id
 * @param kind what is wrong
 * @param raised true when the condition starts, false when it clears
 * @param tS simulated time, s (for LINK_LOST: seconds since the registry started)
 * @param detail a human-readable explanation with the measured value
 */
public record Alarm(String deviceId, AlarmKind kind, boolean raised, double tS, String detail)
    implements CborSerializable {

  /** Validates the fields. */
  public Alarm {
    if (deviceId == null || deviceId.isBlank()) {
      throw new IllegalArgumentException("deviceId must not be blank, got: " + deviceId);
    }
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
  }
}
