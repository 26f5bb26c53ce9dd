package org.swarmsense.agents.airspace;

import java.util.Locale;

/** Which side of a fence's polygon is forbidden. */
public enum FenceKind {
  /** A no-fly zone: entering the polygon is a breach. */
  NO_FLY_ZONE,
  /** A geofence: leaving the polygon is a breach. */
  GEOFENCE;

  private final String code = name().toLowerCase(Locale.ROOT);

  /** The word used in alarms and messages: {@code no_fly_zone}, {@code geofence}. */
  public String code() {
    return code;
  }

  /** The alarm type of a breach of this kind of fence: {@code no_fly_zone_breach}, {@code geofence_breach}. */
  public String alarm() {
    return code() + "_breach";
  }

  /** How messages name a fence of this kind, e.g. {@code no-fly zone 'stadium'}. */
  String describe(String name) {
    return (this == NO_FLY_ZONE ? "no-fly zone '" : "geofence '") + name + "'";
  }
}
