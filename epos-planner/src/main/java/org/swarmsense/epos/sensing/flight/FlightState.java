package org.swarmsense.epos.sensing.flight;

/**
 * The kinematic and energy state of a drone at one instant of its {@link FlightTimeline}. Immutable,
 * thread-safe (the agents send it inside their cluster messages as it is).
 *
 * @param tS time on the timeline's clock, s
 * @param xM position east, local metres
 * @param yM position north, local metres
 * @param altitudeM altitude above ground, m (0 on the ground)
 * @param speedMps speed along the flown leg, m/s (0 unless flying)
 * @param phase what the drone is doing
 * @param cell the sensed cell index while hovering, else -1
 * @param batteryJ energy left in the current battery, J
 * @param batteryPercent batteryJ as a percentage of one full battery
 * @param energyUsedJ energy used since the timeline's start over all batteries, J
 * @param flightsDone sorties completed (landed and battery swapped) so far
 */
public record FlightState(double tS, double xM, double yM, double altitudeM, double speedMps,
    FlightPhase phase, int cell, double batteryJ, double batteryPercent, double energyUsedJ,
    int flightsDone) {

  /** Validates the fields. */
  public FlightState {
    if (!Double.isFinite(tS) || !Double.isFinite(xM) || !Double.isFinite(yM)) {
      throw new IllegalArgumentException("tS, xM, yM must be finite, got: " + tS + ", " + xM + ", " + yM);
    }
    if (phase == null) {
      throw new IllegalArgumentException("phase must not be null");
    }
  }
}
