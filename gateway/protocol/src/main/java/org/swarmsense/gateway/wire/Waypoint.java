package org.swarmsense.gateway.wire;

/**
 * A point to fly to (JSON {@code {"lat_deg":..,"lon_deg":..,"alt_m":..,"hold_s":..}}, {@code hold_s}
 * optional). A plan is a list of waypoints: the drone flies to each and holds there for {@code
 * hold_s} (hovering to sense in the air; on the ground at altitude 0, a battery swap). Immutable.
 *
 * @param latDeg WGS84 latitude in degrees, -90..90
 * @param lonDeg WGS84 longitude in degrees, -180..180
 * @param altM altitude above take-off in metres, 0..20000
 * @param holdS time to stay at the point once reached, seconds, 0..86400
 */
public record Waypoint(double latDeg, double lonDeg, double altM, double holdS) {
  /** Validates the ranges; errors name the field and the value. */
  public Waypoint {
    Payloads.requireRange("lat_deg", latDeg, -90, 90);
    Payloads.requireRange("lon_deg", lonDeg, -180, 180);
    Payloads.requireRange("alt_m", altM, 0, 20_000);
    Payloads.requireRange("hold_s", holdS, 0, 86_400);
  }

  /** A point to pass through without holding. */
  public Waypoint(double latDeg, double lonDeg, double altM) {
    this(latDeg, lonDeg, altM, 0);
  }
}
