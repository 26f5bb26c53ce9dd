package org.swarmsense.gateway.wire;

import java.util.Optional;

/**
 * One telemetry sample of a device (JSON fields {@code v, t_ms, lat_deg, lon_deg, alt_m, speed_m_s,
 * heading_deg, battery_percent, state}, and optionally {@code observed}: the traffic the device
 * counted below it). Immutable.
 *
 * @param v payload version, 1
 * @param tMs sample time, milliseconds since the Unix epoch (publisher clock)
 * @param latDeg WGS84 latitude in degrees, -90..90
 * @param lonDeg WGS84 longitude in degrees, -180..180
 * @param altM altitude above take-off in metres, -500..20000
 * @param speedMps ground speed in metres per second, 0..150
 * @param headingDeg course over ground in degrees clockwise from north, 0..<360
 * @param batteryPercent remaining battery charge, 0..100
 * @param state the device's state, a short lower-case word (idle, flying, landed, charging, ...)
 * @param observed the vehicles the device counted below it at this sample, if it counts (absent on
 *     the wire: empty)
 */
public record Telemetry(
    int v,
    long tMs,
    double latDeg,
    double lonDeg,
    double altM,
    double speedMps,
    double headingDeg,
    double batteryPercent,
    String state,
    Optional<ObservedTraffic> observed) {

  /** A sample without an observation of traffic. */
  public Telemetry(int v, long tMs, double latDeg, double lonDeg, double altM, double speedMps, double headingDeg,
      double batteryPercent, String state) {
    this(v, tMs, latDeg, lonDeg, altM, speedMps, headingDeg, batteryPercent, state, Optional.empty());
  }

  /** The same sample with {@code o} as its observation of traffic. */
  public Telemetry withObserved(ObservedTraffic o) {
    return new Telemetry(v, tMs, latDeg, lonDeg, altM, speedMps, headingDeg, batteryPercent, state, Optional.of(o));
  }

  /** Validates every field; errors name the JSON field and the value. */
  public Telemetry {
    Payloads.requireVersion(v);
    Payloads.requireTime("t_ms", tMs);
    Payloads.requireRange("lat_deg", latDeg, -90, 90);
    Payloads.requireRange("lon_deg", lonDeg, -180, 180);
    Payloads.requireRange("alt_m", altM, -500, 20_000);
    Payloads.requireRange("speed_m_s", speedMps, 0, 150);
    Payloads.requireRange("heading_deg", headingDeg, 0, 360);
    if (headingDeg == 360) {
      throw new PayloadException(Rejection.BAD_VALUE, "heading_deg must be 0..<360, was 360.0");
    }
    Payloads.requireRange("battery_percent", batteryPercent, 0, 100);
    Payloads.requireWord("state", state);
    if (observed == null) {
      throw new IllegalArgumentException("observed must be an Optional, was null");
    }
  }
}
