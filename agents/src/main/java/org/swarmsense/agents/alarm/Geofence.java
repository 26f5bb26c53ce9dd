package org.swarmsense.agents.alarm;

import org.swarmsense.agents.cluster.CborSerializable;

/**
 * An axis-aligned rectangle in local metres a drone must stay inside. Immutable, thread-safe.
 *
 * @param minXM west edge, m
 * @param minYM south edge, m
 * @param maxXM east edge, m
 * @param maxYM north edge, m
 */
public record Geofence(double minXM, double minYM, double maxXM, double maxYM) implements CborSerializable {

  /** Validates that the rectangle is finite and non-empty. */
  public Geofence {
    if (!Double.isFinite(minXM) || !Double.isFinite(minYM) || !Double.isFinite(maxXM) || !Double.isFinite(maxYM)) {
      throw new IllegalArgumentException("geofence bounds must be finite, got: " + minXM + ", " + minYM + ", " + maxXM + ", " + maxYM);
    }
    if (minXM > maxXM || minYM > maxYM) {
      throw new IllegalArgumentException("geofence min must not exceed max, got x " + minXM + ".." + maxXM + ", y " + minYM + ".." + maxYM);
    }
  }

  /** A fence that nothing can breach. */
  public static Geofence unbounded() {
    return new Geofence(-Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE);
  }

  /** Whether (x, y) is inside or on the edge. */
  public boolean contains(double xM, double yM) {
    return xM >= minXM && xM <= maxXM && yM >= minYM && yM <= maxYM;
  }
}
