package org.swarmsense.epos.sensing.energy;

/**
 * Physical parameters of one multirotor drone, SI units throughout. Defaults ({@link #defaults()})
 * are a 1.38 kg quadcopter (the parameter set quoted in specs/sensing.md, after Stolaroff et al.
 * 2018); they are our choice, not the published swarm-sensing paper's (which are not available).
 * Immutable and thread-safe.
 *
 * @param bodyMassKg mass without the battery
 * @param batteryMassKg battery mass
 * @param batteryCapacityJ usable energy of one battery
 * @param rotors number of rotors
 * @param rotorDiameterM diameter of one rotor
 * @param bodyFrontalAreaM2 frontal area of the body (drag with C_D = 1.49)
 * @param batteryFrontalAreaM2 frontal area of the battery (drag coefficient 1)
 * @param efficiency power transfer efficiency (0, 1]
 * @param groundSpeedMps cruise speed over ground
 * @param airSpeedMps speed relative to the air (ground speed plus head wind)
 */
public record DroneModel(
    double bodyMassKg,
    double batteryMassKg,
    double batteryCapacityJ,
    int rotors,
    double rotorDiameterM,
    double bodyFrontalAreaM2,
    double batteryFrontalAreaM2,
    double efficiency,
    double groundSpeedMps,
    double airSpeedMps) {

  public DroneModel {
    positive("bodyMassKg", bodyMassKg);
    positive("batteryMassKg", batteryMassKg);
    positive("batteryCapacityJ", batteryCapacityJ);
    if (rotors < 1 || rotors > 16) {
      throw new IllegalArgumentException("rotors must be in 1..16, got " + rotors);
    }
    positive("rotorDiameterM", rotorDiameterM);
    nonNegative("bodyFrontalAreaM2", bodyFrontalAreaM2);
    nonNegative("batteryFrontalAreaM2", batteryFrontalAreaM2);
    if (!(efficiency > 0 && efficiency <= 1)) {
      throw new IllegalArgumentException("efficiency must be in (0, 1], got " + efficiency);
    }
    positive("groundSpeedMps", groundSpeedMps);
    positive("airSpeedMps", airSpeedMps);
  }

  /** The 1.38 kg quadcopter of specs/sensing.md: about 95 W hover, 106 W flight, 48 min hover. */
  public static DroneModel defaults() {
    return new DroneModel(1.07, 0.31, 275_000, 4, 0.35, 0.0599, 0.0037, 0.8, 6.94, 8.5);
  }

  /** Total mass, kg. */
  public double massKg() {
    return bodyMassKg + batteryMassKg;
  }

  private static void positive(String field, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(field + " must be a positive finite number, got " + v);
    }
  }

  private static void nonNegative(String field, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + v);
    }
  }
}
