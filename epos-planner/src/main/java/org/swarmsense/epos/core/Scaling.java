package org.swarmsense.epos.core;

/**
 * Scaling applied to both the aggregate and the goal before the RSS global cost compares them.
 * Thread-safe.
 */
public enum Scaling {
  /** (x - mean) / (sd + 1e-10), population standard deviation. */
  STD,
  /** (x - min) / (max - min); a flat goal is refused (it would divide by zero). */
  MIN_MAX,
  /** x / (euclidean norm + 1e-10). */
  UNIT_LENGTH;

  /** Accepts STD, MIN-MAX / MIN_MAX / MINMAX and UNIT-LENGTH / UNIT_LENGTH, any case. */
  public static Scaling byName(String name) {
    String n = name == null ? "" : name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    switch (n) {
      case "STD": return STD;
      case "MIN_MAX": case "MINMAX": return MIN_MAX;
      case "UNIT_LENGTH": case "UNITLENGTH": return UNIT_LENGTH;
      default:
        throw new IllegalArgumentException("unknown scaling: " + name + " (expected STD, MIN-MAX or UNIT-LENGTH)");
    }
  }

  /** The scaled copy of {@code x}; MIN-MAX maps a flat vector to zeros. */
  double[] apply(double[] x) {
    int d = x.length;
    double[] out = new double[d];
    switch (this) {
      case STD -> {
        double mean = GlobalCosts.mean(x);
        double sd = Math.sqrt(GlobalCosts.variance(x, mean));
        for (int j = 0; j < d; j++) {
          out[j] = (x[j] - mean) / (sd + 1e-10);
        }
      }
      case MIN_MAX -> {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        double range = max - min;
        if (range > 0) {
          for (int j = 0; j < d; j++) {
            out[j] = (x[j] - min) / range;
          }
        }
      }
      case UNIT_LENGTH -> {
        double s = 0;
        for (double v : x) {
          s += v * v;
        }
        double norm = Math.sqrt(s);
        for (int j = 0; j < d; j++) {
          out[j] = x[j] / (norm + 1e-10);
        }
      }
    }
    return out;
  }
}
