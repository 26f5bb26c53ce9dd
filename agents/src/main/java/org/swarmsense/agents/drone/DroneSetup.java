package org.swarmsense.agents.drone;

import org.swarmsense.agents.alarm.Geofence;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.epos.sensing.energy.DroneModel;

/**
 * The fixed facts about one drone: its base, flight altitude, battery swap time, physical model and
 * geofence. Immutable, thread-safe.
 *
 * @param baseXM base position east, local metres
 * @param baseYM base position north, local metres
 * @param altitudeM flight altitude, m, >= 0
 * @param batterySwapS time on the ground to swap a battery, s, >= 0
 * @param model the drone's physical model (energy)
 * @param geofence where it may fly
 */
public record DroneSetup(double baseXM, double baseYM, double altitudeM, double batterySwapS,
    DroneModel model, Geofence geofence) implements CborSerializable {

  /** Validates the fields. */
  public DroneSetup {
    if (!Double.isFinite(baseXM) || !Double.isFinite(baseYM)) {
      throw new IllegalArgumentException("base position must be finite, got: " + baseXM + ", " + baseYM);
    }
    if (!(altitudeM >= 0) || !Double.isFinite(altitudeM)) {
      throw new IllegalArgumentException("altitudeM must be finite and >= 0, got: " + altitudeM);
    }
    if (!(batterySwapS >= 0) || !Double.isFinite(batterySwapS)) {
      throw new IllegalArgumentException("batterySwapS must be finite and >= 0, got: " + batterySwapS);
    }
    if (model == null || geofence == null) {
      throw new IllegalArgumentException("model and geofence must not be null");
    }
  }

  /** The default quadcopter at (x, y), 50 m altitude, 120 s swaps, no geofence. */
  public static DroneSetup at(double baseXM, double baseYM) {
    return new DroneSetup(baseXM, baseYM, 50, 120, DroneModel.defaults(), Geofence.unbounded());
  }

  /** Copy with another geofence. */
  public DroneSetup withGeofence(Geofence g) {
    return new DroneSetup(baseXM, baseYM, altitudeM, batterySwapS, model, g);
  }
}
