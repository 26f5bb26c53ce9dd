package org.swarmsense.semantic.control;

/**
 * How the edge CPU is divided among the services in a slot. With L_m the cycles of service m's
 * offloaded work (queue and waiting terms included), the edge part of the summed delay is
 * sum_m L_m / (c_m f_b) ({@link #edgeDelaySumS}); {@link #CLOSED_FORM} minimises it over c_m >= 0,
 * sum c_m = 1 (Wu et al.: c_m = sqrt(L_m) / sum_j sqrt(L_j), from the KKT conditions). Thread-safe.
 */
public enum EdgeSplit {
  /** c_m = sqrt(L_m) / sum_j sqrt(L_j): the optimum. */
  CLOSED_FORM,
  /** c_m = L_m / sum_j L_j: intuitive, but not optimal. */
  PROPORTIONAL,
  /** c_m = 1 / M whatever the load. */
  EQUAL;

  /**
   * Shares c_m (summing to 1) for the loads in cycles. A service without load gets no share under
   * {@link #CLOSED_FORM} and {@link #PROPORTIONAL}; when no service has load all get 1/M.
   */
  public double[] shares(double[] loadCycles) {
    int m = loadCycles.length;
    double[] c = new double[m];
    double total = 0;
    for (int i = 0; i < m; i++) {
      double l = loadCycles[i];
      if (!(l >= 0) || Double.isInfinite(l)) {
        throw new IllegalArgumentException("loadCycles[" + i + "] must be a finite number >= 0, got: " + l);
      }
      c[i] = switch (this) {
        case CLOSED_FORM -> Math.sqrt(l);
        case PROPORTIONAL -> l;
        case EQUAL -> 1;
      };
      total += c[i];
    }
    for (int i = 0; i < m; i++) {
      c[i] = total > 0 ? c[i] / total : 1.0 / m;
    }
    return c;
  }

  /**
   * sum_m L_m / (c_m f_b), seconds: the edge compute-and-queue part of the delay summed over the
   * offloading devices. Infinite if a loaded service gets no CPU.
   */
  public static double edgeDelaySumS(double[] loadCycles, double[] shares, double edgeCpuHz) {
    double sum = 0;
    for (int i = 0; i < loadCycles.length; i++) {
      if (loadCycles[i] > 0) {
        sum += shares[i] > 0 ? loadCycles[i] / (shares[i] * edgeCpuHz) : Double.POSITIVE_INFINITY;
      }
    }
    return sum;
  }
}
