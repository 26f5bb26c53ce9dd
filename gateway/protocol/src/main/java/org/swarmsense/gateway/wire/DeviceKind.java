package org.swarmsense.gateway.wire;

import java.util.Locale;

/** The kind of a device in the topic tree: a drone, a fixed IoT sensor or an edge node. */
public enum DeviceKind {
  DRONE,
  SENSOR,
  EDGE;

  /** The lower-case topic level ({@code drone}, {@code sensor}, {@code edge}). */
  public String level() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a topic level; the error names the value and the allowed ones. */
  public static DeviceKind fromLevel(String level) {
    for (DeviceKind k : values()) {
      if (k.level().equals(level)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "kind must be drone, sensor or edge, was '" + level + "'");
  }
}
