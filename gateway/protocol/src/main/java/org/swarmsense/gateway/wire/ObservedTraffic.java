package org.swarmsense.gateway.wire;

/**
 * What a device counted below it with its telemetry sample (JSON {@code "observed":{"vehicles":N}}
 * inside a telemetry payload): the vehicles it saw under its camera footprint at the sample's
 * {@code alt_m} (a drone: part of a mission cell) or in its view (a sensor: taken as the whole
 * mission cell it stands in), at the sample's {@code t_ms} and position. Optional on the wire; the gateway
 * feeds it to the fleet's flying mission as observed demand. Immutable.
 *
 * @param vehicles vehicles counted, 0..{@value #MAX_VEHICLES}
 */
public record ObservedTraffic(int vehicles) {
  /**
   * The most vehicles one observation may carry: a nadir footprint of a few hundred metres holds far
   * fewer (a 100 m x 100 m cell of jammed four-lane road about 130 cars); more is refused as forged.
   */
  public static final int MAX_VEHICLES = 1000;

  /** Validates the count; the error names the JSON field and the value. */
  public ObservedTraffic {
    Payloads.requireInteger("observed.vehicles", vehicles, 0, MAX_VEHICLES);
  }
}
