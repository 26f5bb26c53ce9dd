package org.swarmsense.epos.sensing.plans;

import java.util.List;

/**
 * Routes one free-flight leg in local metres (x east, y north). Implementations must be
 * thread-safe; {@link #straight()} is the router without no-fly zones.
 */
public interface LegRouter {

  /** A routed leg: waypoints from start to end inclusive ({x, y} pairs) and its length, m. */
  record Leg(List<double[]> waypoints, double lengthM) {
    public Leg {
      waypoints = List.copyOf(waypoints);
      if (!(lengthM >= 0) || !Double.isFinite(lengthM)) {
        throw new IllegalArgumentException("lengthM must be finite and >= 0, got " + lengthM);
      }
    }
  }

  /** The leg from (x1, y1) to (x2, y2); throws IllegalArgumentException if no route exists. */
  Leg route(double x1, double y1, double x2, double y2);

  /** True if (x, y) may not be sensed or flown over (inside a no-fly zone). */
  boolean forbidden(double x, double y);

  /** Straight legs everywhere, nothing forbidden. */
  static LegRouter straight() {
    return new LegRouter() {
      @Override
      public Leg route(double x1, double y1, double x2, double y2) {
        return new Leg(List.of(new double[] {x1, y1}, new double[] {x2, y2}),
            Math.hypot(x2 - x1, y2 - y1));
      }

      @Override
      public boolean forbidden(double x, double y) {
        return false;
      }
    };
  }
}
