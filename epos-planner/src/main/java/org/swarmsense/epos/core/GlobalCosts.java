package org.swarmsense.epos.core;

import java.util.List;
import java.util.Locale;

/**
 * The named global cost functions of the I-EPOS spec, plus the sensing mismatches the drone use
 * case needs. g is the aggregate, h the goal; means and deviations are population ones.
 *
 * <table>
 * <caption>Global costs</caption>
 * <tr><th>name</th><th>value</th></tr>
 * <tr><td>VAR</td><td>(1/d) sum (g_j - mean g)^2</td></tr>
 * <tr><td>STD</td><td>sqrt(VAR)</td></tr>
 * <tr><td>SQR</td><td>sum (g_j - h_j)^2</td></tr>
 * <tr><td>RSS</td><td>sum (s(g)_j - s(h)_j)^2 for a {@link Scaling} s</td></tr>
 * <tr><td>RMSE</td><td>x = (sd g / (sd h + 1e-10)) (h - mean h) + mean g; sqrt((1/d) sum (g - x)^2)</td></tr>
 * <tr><td>XCORR</td><td>-sum (g_j - mean g)(h_j - mean h) / (d sd(g) sd(h) + 1e-10)</td></tr>
 * <tr><td>DOT</td><td>sum h_j g_j</td></tr>
 * <tr><td>L1</td><td>sum |g_j - h_j| (sensing provided vs required, absolute mismatch)</td></tr>
 * <tr><td>UNDER</td><td>sum max(0, h_j - g_j) (under-sensing only)</td></tr>
 * <tr><td>OVER</td><td>sum max(0, g_j - h_j) (over-sensing only)</td></tr>
 * </table>
 *
 * <p>Every function returned is immutable and thread-safe.
 */
public final class GlobalCosts {

  /** Names accepted by {@link #byName}, in the order of the table above. */
  public static final List<String> NAMES =
      List.of("VAR", "STD", "SQR", "RSS", "RMSE", "XCORR", "DOT", "L1", "UNDER", "OVER");

  private GlobalCosts() {}

  /**
   * The global cost function called {@code name} (case-insensitive; "variance" is accepted for
   * VAR as the reference logs it). Every name but VAR and STD needs a goal; {@code scaling} is used
   * by RSS only (null means STD).
   *
   * @throws IllegalArgumentException naming the bad name, a missing goal, a goal with a non-finite
   *     value, or a flat goal under MIN-MAX scaling
   */
  public static GlobalCostFunction byName(String name, double[] goalOrNull, Scaling scaling) {
    String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    if (n.equals("VARIANCE")) {
      n = "VAR";
    }
    if (!NAMES.contains(n)) {
      throw new IllegalArgumentException("unknown global cost: " + name + " (expected one of " + NAMES + ")");
    }
    if (n.equals("VAR")) {
      return variance();
    }
    if (n.equals("STD")) {
      return standardDeviation();
    }
    if (goalOrNull == null) {
      throw new IllegalArgumentException("global cost " + n + " needs a goal signal (--goal FILE or a single *.target in the dataset)");
    }
    double[] h = goalOrNull.clone();
    for (int j = 0; j < h.length; j++) {
      if (!Double.isFinite(h[j])) {
        throw new IllegalArgumentException("goal value " + j + " must be finite, got: " + h[j]);
      }
    }
    return switch (n) {
      case "SQR" -> squaredError(h);
      case "RSS" -> residualSumOfSquares(h, scaling == null ? Scaling.STD : scaling);
      case "RMSE" -> rootMeanSquaredShapeError(h);
      case "XCORR" -> crossCorrelation(h);
      case "DOT" -> dot(h);
      case "L1" -> absoluteError(h);
      case "UNDER" -> underSensing(h);
      default -> overSensing(h);
    };
  }

  /** VAR: population variance of the aggregate's values. */
  public static GlobalCostFunction variance() {
    return new Named("VAR", -1) {
      @Override
      public double cost(double[] g) {
        return variance(g, mean(g));
      }

      @Override
      public double costOfSum(double[] base, double[] add, int addOff, double[] g) {
        return fastVariance(g, addAndMean(base, add, addOff, g));
      }
    };
  }

  /** STD: population standard deviation of the aggregate's values. */
  public static GlobalCostFunction standardDeviation() {
    return new Named("STD", -1) {
      @Override
      public double cost(double[] g) {
        return Math.sqrt(variance(g, mean(g)));
      }

      @Override
      public double costOfSum(double[] base, double[] add, int addOff, double[] g) {
        return Math.sqrt(fastVariance(g, addAndMean(base, add, addOff, g)));
      }
    };
  }

  /** SQR: sum of squared differences to the goal. */
  public static GlobalCostFunction squaredError(double[] goal) {
    double[] h = goal.clone();
    return new Named("SQR", h.length) {
      @Override
      public double cost(double[] g) {
        double s = 0;
        for (int j = 0; j < h.length; j++) {
          double e = g[j] - h[j];
          s += e * e;
        }
        return s;
      }
    };
  }

  /** L1: sum of absolute differences to the goal. */
  public static GlobalCostFunction absoluteError(double[] goal) {
    double[] h = goal.clone();
    return new Named("L1", h.length) {
      @Override
      public double cost(double[] g) {
        double s = 0;
        for (int j = 0; j < h.length; j++) {
          s += Math.abs(g[j] - h[j]);
        }
        return s;
      }
    };
  }

  /** UNDER: total shortfall below the goal. */
  public static GlobalCostFunction underSensing(double[] goal) {
    double[] h = goal.clone();
    return new Named("UNDER", h.length) {
      @Override
      public double cost(double[] g) {
        double s = 0;
        for (int j = 0; j < h.length; j++) {
          s += Math.max(0, h[j] - g[j]);
        }
        return s;
      }
    };
  }

  /** OVER: total excess above the goal. */
  public static GlobalCostFunction overSensing(double[] goal) {
    double[] h = goal.clone();
    return new Named("OVER", h.length) {
      @Override
      public double cost(double[] g) {
        double s = 0;
        for (int j = 0; j < h.length; j++) {
          s += Math.max(0, g[j] - h[j]);
        }
        return s;
      }
    };
  }

  /** RSS: squared differences after scaling both vectors. */
  public static GlobalCostFunction residualSumOfSquares(double[] goal, Scaling scaling) {
    if (scaling == Scaling.MIN_MAX) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : goal) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      if (!(max > min)) {
        throw new IllegalArgumentException("MIN-MAX scaling needs a goal that is not flat, got min = max = " + min);
      }
    }
    double[] sh = scaling.apply(goal);
    return new Named("RSS(" + scaling + ")", sh.length) {
      @Override
      public double cost(double[] g) {
        double[] sg = scaling.apply(g);
        double s = 0;
        for (int j = 0; j < sh.length; j++) {
          double e = sg[j] - sh[j];
          s += e * e;
        }
        return s;
      }
    };
  }

  /** RMSE: root mean squared error after matching the goal's shape to the aggregate's mean and spread. */
  public static GlobalCostFunction rootMeanSquaredShapeError(double[] goal) {
    double[] h = goal.clone();
    double mh = mean(h);
    double sdh = Math.sqrt(variance(h, mh));
    return new Named("RMSE", h.length) {
      @Override
      public double cost(double[] g) {
        double mg = mean(g);
        double factor = Math.sqrt(variance(g, mg)) / (sdh + 1e-10);
        double s = 0;
        for (int j = 0; j < h.length; j++) {
          double x = factor * (h[j] - mh) + mg;
          double e = g[j] - x;
          s += e * e;
        }
        return Math.sqrt(s / h.length);
      }
    };
  }

  /** XCORR: negative Pearson correlation with the goal. */
  public static GlobalCostFunction crossCorrelation(double[] goal) {
    double[] h = goal.clone();
    double mh = mean(h);
    double sdh = Math.sqrt(variance(h, mh));
    return new Named("XCORR", h.length) {
      @Override
      public double cost(double[] g) {
        double mg = mean(g);
        double sdg = Math.sqrt(variance(g, mg));
        double s = 0;
        for (int j = 0; j < h.length; j++) {
          s += (g[j] - mg) * (h[j] - mh);
        }
        return -s / (h.length * sdg * sdh + 1e-10);
      }
    };
  }

  /** DOT: inner product with the goal (e.g. a price signal). */
  public static GlobalCostFunction dot(double[] goal) {
    double[] h = goal.clone();
    return new Named("DOT", h.length) {
      @Override
      public double cost(double[] g) {
        double s = 0;
        for (int j = 0; j < h.length; j++) {
          s += h[j] * g[j];
        }
        return s;
      }
    };
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static double variance(double[] x, double mean) {
    double s = 0;
    for (double v : x) {
      double e = v - mean;
      s += e * e;
    }
    return s / x.length;
  }

  // The fast forms below, used only by costOfSum (plan and subset selection), sum with four
  // interleaved accumulators combined as (s0 + s1) + (s2 + s3): a fixed order, so results are
  // reproducible, that lets the CPU overlap the additions. They may differ from mean/variance in
  // the last bits; reported costs always use mean/variance (sequential, as the reference).

  static double fastVariance(double[] x, double mean) {
    int d = x.length;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < d; j += 4) {
      double e0 = x[j] - mean;
      double e1 = x[j + 1] - mean;
      double e2 = x[j + 2] - mean;
      double e3 = x[j + 3] - mean;
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    for (; j < d; j++) {
      double e = x[j] - mean;
      s0 += e * e;
    }
    return ((s0 + s1) + (s2 + s3)) / d;
  }

  /** Writes base + add[addOff..] into out and returns its mean (four accumulators). */
  static double addAndMean(double[] base, double[] add, int addOff, double[] out) {
    int d = base.length;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < d; j += 4) {
      double v0 = base[j] + add[addOff + j];
      double v1 = base[j + 1] + add[addOff + j + 1];
      double v2 = base[j + 2] + add[addOff + j + 2];
      double v3 = base[j + 3] + add[addOff + j + 3];
      out[j] = v0;
      out[j + 1] = v1;
      out[j + 2] = v2;
      out[j + 3] = v3;
      s0 += v0;
      s1 += v1;
      s2 += v2;
      s3 += v3;
    }
    for (; j < d; j++) {
      double v = base[j] + add[addOff + j];
      out[j] = v;
      s0 += v;
    }
    return ((s0 + s1) + (s2 + s3)) / d;
  }

  private abstract static class Named implements GlobalCostFunction {
    private final String name;
    private final int dimension;

    Named(String name, int dimension) {
      this.name = name;
      this.dimension = dimension;
    }

    @Override
    public int requiredDimension() {
      return dimension;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
