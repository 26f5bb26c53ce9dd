package org.swarmsense.gateway.wire;

/**
 * A point to fly to (JSON {@code {"lat_deg":..,"lon_deg":..,"alt_m":..}}). Immutable.
 *
 * @param latDeg WGS84 latitude in degrees, -90..90
 * @param lonDeg WGS84 longitude in degrees, -180..180
 * @param altM altitude above take-off in metres, 0..20000
 */
public record Waypoint(double latDeg, double lonDeg, double altM) {
  /** Validates the ranges; errors name the field and the value. */
  public Waypoint {
    Payloads.requireRange("lat_deg", latDeg, -90, 90);
    Payloads.requireRange("lon_deg", lonDeg, -180, 180);
    Payloads.requireRange("alt_m", altM, 0, 20_000);
  }
}
