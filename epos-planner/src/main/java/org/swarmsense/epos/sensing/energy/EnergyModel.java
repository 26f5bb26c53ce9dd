package org.swarmsense.epos.sensing.energy;

/**
 * Hover and forward-flight power of a multirotor, after the rotorcraft model of Stolaroff et al.
 * 2018 (Nature Communications 9:409), with rho = 1.225 kg/m^3, g = 9.81 m/s^2, C_D = 1.49:
 *
 * <ul>
 *   <li>F_drag = 0.5 rho v_air^2 (C_D A_body + A_batt); pitch theta = atan(F_drag / (m g)); thrust
 *       T = m g + F_drag.
 *   <li>hover power P_h = T^1.5 / (eta sqrt(0.5 pi D^2 n rho)) (holding position against the air
 *       speed, so the drag term stays in T);
 *   <li>induced velocity v_i: the positive root of A^2 v_i^4 + 2 A^2 v sin(theta) v_i^3 + (A v)^2
 *       v_i^2 - 4 T^2 = 0 with A = pi D^2 n rho and v the ground speed; flight power P_f = (v_air
 *       sin(theta) + v_i) T / eta.
 * </ul>
 *
 * <p>Which speed enters where is our reading of the spec; it is the combination that reproduces the
 * sanity figures quoted for the default 1.38 kg quadcopter (95.5 W hover, 106.5 W flight, 48.0
 * min of hover per 275 kJ battery; tested). Construction runs {@link #sanityCheck} and rejects
 * parameter sets whose power is physically absurd. Immutable and thread-safe.
 */
public final class EnergyModel {

  /** Air density, kg/m^3. */
  public static final double RHO = 1.225;
  /** Gravity, m/s^2. */
  public static final double G = 9.81;
  /** Drag coefficient of the body. */
  public static final double DRAG_COEFFICIENT = 1.49;
  /** Plausible hover power per kg of a real multirotor: below or above is rejected, W/kg. */
  public static final double MIN_SPECIFIC_POWER_W_PER_KG = 30;
  /** Upper bound of plausible hover power per kg, W/kg (a 32 g drone drawing 90 W is ~2,800). */
  public static final double MAX_SPECIFIC_POWER_W_PER_KG = 600;

  private final DroneModel drone;
  private final double hoverPowerW;
  private final double flightPowerW;

  private EnergyModel(DroneModel drone) {
    this.drone = drone;
    double m = drone.massKg();
    double vAir = drone.airSpeedMps();
    double v = drone.groundSpeedMps();
    double drag =
        0.5
            * RHO
            * vAir
            * vAir
            * (DRAG_COEFFICIENT * drone.bodyFrontalAreaM2() + drone.batteryFrontalAreaM2());
    double theta = Math.atan(drag / (m * G));
    double thrust = m * G + drag;
    double d = drone.rotorDiameterM();
    int n = drone.rotors();
    double eta = drone.efficiency();
    this.hoverPowerW = Math.pow(thrust, 1.5) / (eta * Math.sqrt(0.5 * Math.PI * d * d * n * RHO));
    double a = Math.PI * d * d * n * RHO;
    double sin = Math.sin(theta);
    double vi = inducedVelocity(a, v, sin, thrust);
    this.flightPowerW = (vAir * sin + vi) * thrust / eta;
    sanityCheck(drone, hoverPowerW, flightPowerW);
  }

  /** Builds the model of {@code drone}; throws IllegalArgumentException if its power is absurd. */
  public static EnergyModel of(DroneModel drone) {
    return new EnergyModel(drone);
  }

  /** Bisection on the quartic's positive root (the polynomial is increasing for v_i > 0). */
  private static double inducedVelocity(double a, double v, double sin, double thrust) {
    double lo = 0;
    double hi = 1;
    while (quartic(a, v, sin, thrust, hi) < 0) {
      hi *= 2;
      if (hi > 1e6) {
        throw new IllegalArgumentException("no induced velocity below 1e6 m/s: absurd drone");
      }
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = 0.5 * (lo + hi);
      if (quartic(a, v, sin, thrust, mid) > 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  private static double quartic(double a, double v, double sin, double t, double x) {
    double a2 = a * a;
    return a2 * x * x * x * x + 2 * a2 * v * sin * x * x * x + a2 * v * v * x * x - 4 * t * t;
  }

  private static void sanityCheck(DroneModel drone, double hoverW, double flightW) {
    double specific = hoverW / drone.massKg();
    if (!Double.isFinite(hoverW) || !Double.isFinite(flightW)) {
      throw new IllegalArgumentException("drone model gives non-finite power: " + drone);
    }
    if (specific < MIN_SPECIFIC_POWER_W_PER_KG || specific > MAX_SPECIFIC_POWER_W_PER_KG) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "drone model is physically absurd: hover power %.1f W for %.3f kg is %.0f W/kg"
                  + " (plausible: %.0f..%.0f W/kg); check masses, rotorDiameterM, rotors, efficiency",
              hoverW,
              drone.massKg(),
              specific,
              MIN_SPECIFIC_POWER_W_PER_KG,
              MAX_SPECIFIC_POWER_W_PER_KG));
    }
    if (flightW > 5 * hoverW) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "drone model is physically absurd: flight power %.1f W is over 5x hover power %.1f W"
                  + " (check airSpeedMps and frontal areas)",
              flightW,
              hoverW));
    }
  }

  /** The drone this model describes. */
  public DroneModel drone() {
    return drone;
  }

  /** Power while hovering, W. */
  public double hoverPowerW() {
    return hoverPowerW;
  }

  /** Power while cruising at the ground speed, W. */
  public double flightPowerW() {
    return flightPowerW;
  }

  /** Hover time on one full battery, s. */
  public double hoverEnduranceS() {
    return drone.batteryCapacityJ() / hoverPowerW;
  }

  /** Energy to hover for {@code seconds}, J. */
  public double hoverEnergyJ(double seconds) {
    return hoverPowerW * seconds;
  }

  /** Energy to fly {@code lengthM} at the cruise ground speed, J. */
  public double flightEnergyJ(double lengthM) {
    return flightPowerW * lengthM / drone.groundSpeedMps();
  }

  /** Time to fly {@code lengthM} at the cruise ground speed, s. */
  public double flightTimeS(double lengthM) {
    return lengthM / drone.groundSpeedMps();
  }
}
