package org.swarmsense.agents.drone;

import org.swarmsense.agents.cluster.CborSerializable;

/**
 * The kinematic and energy state of a simulated drone at one instant. Immutable, thread-safe.
 *
 * @param tS simulated time since the window start, s
 * @param xM position east, local metres
 * @param yM position north, local metres
 * @param altitudeM altitude above ground, m (0 on the ground)
 * @param speedMps ground speed, m/s
 * @param phase what the drone is doing
 * @param cell the sensed cell index while hovering, else -1
 * @param batteryJ energy left in the current battery, J
 * @param batteryPercent batteryJ as a percentage of one full battery
 * @param energyUsedJ energy used since the window start over all batteries, J
 * @param flightsDone sorties completed (landed) so far
 */
public record FlightState(double tS, double xM, double yM, double altitudeM, double speedMps,
    FlightPhase phase, int cell, double batteryJ, double batteryPercent, double energyUsedJ,
    int flightsDone) implements CborSerializable {

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
