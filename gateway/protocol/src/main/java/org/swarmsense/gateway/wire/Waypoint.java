package org.swarmsense.gateway.wire;

/**
 * A point to fly to (JSON {@code {"lat_deg":..,"lon_deg":..,"alt_m":..,"hold_s":..,"until_s":..}},
 * {@code hold_s} and {@code until_s} optional). A plan is a list of waypoints: the drone flies to each
 * and holds there (hovering to sense in the air; on the ground at altitude 0, waiting or a battery
 * swap) until the later of {@code hold_s} after reaching it and {@code until_s} after it took the
 * plan: a duration for what takes its time wherever it starts (a swap), a time for what is planned in
 * time (a hover stop ends at its planned end however late the drone got there; a take-off waits for
 * its time). Immutable.
 *
 * @param latDeg WGS84 latitude in degrees, -90..90
 * @param lonDeg WGS84 longitude in degrees, -180..180
 * @param altM altitude above take-off in metres, 0..20000
 * @param holdS time to stay at the point once reached, seconds, 0..86400
 * @param untilS stay at least until this many seconds after the plan was taken, 0..86400 (0: no bound;
 *     a time already past when the point is reached: no hold)
 */
public record Waypoint(double latDeg, double lonDeg, double altM, double holdS, double untilS) {
  /** Validates the ranges; errors name the field and the value. */
  public Waypoint {
    Payloads.requireRange("lat_deg", latDeg, -90, 90);
    Payloads.requireRange("lon_deg", lonDeg, -180, 180);
    Payloads.requireRange("alt_m", altM, 0, 20_000);
    Payloads.requireRange("hold_s", holdS, 0, 86_400);
    Payloads.requireRange("until_s", untilS, 0, 86_400);
  }

  /** A point held {@code holdS} once reached (no time bound). */
  public Waypoint(double latDeg, double lonDeg, double altM, double holdS) {
    this(latDeg, lonDeg, altM, holdS, 0);
  }

  /** A point to pass through without holding. */
  public Waypoint(double latDeg, double lonDeg, double altM) {
    this(latDeg, lonDeg, altM, 0);
  }
}
