package org.swarmsense.agents.airspace;

import java.util.Locale;

/**
 * What the gateway does when a drone breaches a fence: always an alarm; for {@link #HOLD} and
 * {@link #RTL} also the matching command to the drone.
 */
public enum FenceAction {
  /** Raise the alarm only. */
  ALARM,
  /** Raise the alarm and command the drone to hold its position (hover where it is). */
  HOLD,
  /** Raise the alarm and command the drone to return to its base and land (return to launch). */
  RTL;

  /** The JSON value: {@code alarm}, {@code hold}, {@code rtl}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the JSON value.
   *
   * @param field where the value was found, for the message (e.g. {@code features[2].properties.action})
   * @throws IllegalArgumentException naming {@code field} and the value when it is not one of the codes
   */
  public static FenceAction fromCode(String field, Object value) {
    for (FenceAction a : values()) {
      if (a.code().equals(value)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        field + " must be alarm, hold or rtl, was " + (value instanceof String ? "'" + value + "'" : value));
  }
}
