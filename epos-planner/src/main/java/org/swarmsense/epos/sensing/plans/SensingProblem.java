package org.swarmsense.epos.sensing.plans;

import java.util.Arrays;
import java.util.List;

/**
 * What the fleet must sense: cells (centres in local metres), time slots, the vehicle-seconds per
 * (cell, slot) and the goal r(c, t) in drone-seconds, all indexed {@code cell * slots + slot}; the
 * bases in local metres. The goal is vehicle-seconds scaled so that its total equals
 * {@code coverageTarget} x the fleet's hover capacity (see {@link #withGoalFor}). Immutable (arrays
 * are copied in and out) and thread-safe.
 *
 * @param cellX cell centres, x (east), m
 * @param cellY cell centres, y (north), m
 * @param cellIds the cells' ids (grid ids or the cells file's ids)
 * @param slots number of time slots
 * @param slotS slot length, s (the last slot may be shorter: {@link #slotLengthS})
 * @param windowS window length, s
 * @param vehicleSeconds traffic per (cell, slot), vehicle-seconds (relative units for cells files)
 * @param goal required sensing per (cell, slot), drone-seconds
 * @param baseX bases, x, m
 * @param baseY bases, y, m
 */
public record SensingProblem(
    double[] cellX,
    double[] cellY,
    int[] cellIds,
    int slots,
    double slotS,
    double windowS,
    double[] vehicleSeconds,
    double[] goal,
    double[] baseX,
    double[] baseY) {

  public SensingProblem {
    cellX = cellX.clone();
    cellY = cellY.clone();
    cellIds = cellIds.clone();
    vehicleSeconds = vehicleSeconds.clone();
    goal = goal.clone();
    baseX = baseX.clone();
    baseY = baseY.clone();
    int n = cellX.length;
    if (n == 0 || cellY.length != n || cellIds.length != n) {
      throw new IllegalArgumentException("cells: need >= 1 cell with matching x, y, id arrays");
    }
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be >= 1, got " + slots);
    }
    if (vehicleSeconds.length != n * slots || goal.length != n * slots) {
      throw new IllegalArgumentException(
          "vehicleSeconds and goal need cells x slots = " + n * slots + " entries, got "
              + vehicleSeconds.length + " and " + goal.length);
    }
    for (int i = 0; i < goal.length; i++) {
      if (!(vehicleSeconds[i] >= 0) || !(goal[i] >= 0) || !Double.isFinite(goal[i])) {
        throw new IllegalArgumentException("vehicleSeconds/goal must be finite and >= 0 at index "
            + i + ": " + vehicleSeconds[i] + ", " + goal[i]);
      }
    }
    if (baseX.length == 0 || baseY.length != baseX.length) {
      throw new IllegalArgumentException("need >= 1 base with matching x, y arrays");
    }
  }

  /** A problem with zero goal, to be scaled by {@link #withGoalFor}. */
  public static SensingProblem of(List<double[]> cellsXy, int[] ids, int slots, double slotS,
      double windowS, double[] vehicleSeconds, List<double[]> bases) {
    double[] x = cellsXy.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = cellsXy.stream().mapToDouble(p -> p[1]).toArray();
    return new SensingProblem(x, y, ids, slots, slotS, windowS, vehicleSeconds,
        new double[vehicleSeconds.length], bases.stream().mapToDouble(p -> p[0]).toArray(),
        bases.stream().mapToDouble(p -> p[1]).toArray());
  }

  /** The goal r = vehicleSeconds scaled to total {@code coverageTarget * fleetHoverCapacityS}. */
  public SensingProblem withGoalFor(double coverageTarget, double fleetHoverCapacityS) {
    if (!(coverageTarget > 0) || !(fleetHoverCapacityS > 0)) {
      throw new IllegalArgumentException("coverageTarget and fleetHoverCapacityS must be > 0, got "
          + coverageTarget + ", " + fleetHoverCapacityS);
    }
    double total = Arrays.stream(vehicleSeconds).sum();
    if (!(total > 0)) {
      throw new IllegalArgumentException("the demand is zero everywhere: nothing to sense");
    }
    double k = coverageTarget * fleetHoverCapacityS / total;
    double[] g = new double[vehicleSeconds.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = vehicleSeconds[i] * k;
    }
    return new SensingProblem(cellX, cellY, cellIds, slots, slotS, windowS, vehicleSeconds, g,
        baseX, baseY);
  }

  /** Number of cells. */
  public int cells() {
    return cellX.length;
  }

  /** Plan dimension d = cells x slots. */
  public int dimension() {
    return cellX.length * slots;
  }

  /** Length of slot {@code t}, s (the last one may be partial). */
  public double slotLengthS(int t) {
    return Math.min(slotS, windowS - t * slotS);
  }

  @Override
  public double[] goal() {
    return goal.clone();
  }

  @Override
  public double[] vehicleSeconds() {
    return vehicleSeconds.clone();
  }

  @Override
  public double[] cellX() {
    return cellX.clone();
  }

  @Override
  public double[] cellY() {
    return cellY.clone();
  }

  @Override
  public int[] cellIds() {
    return cellIds.clone();
  }

  @Override
  public double[] baseX() {
    return baseX.clone();
  }

  @Override
  public double[] baseY() {
    return baseY.clone();
  }

  /** Goal at (cell, slot) without copying. */
  public double goalAt(int cell, int slot) {
    return goal[cell * slots + slot];
  }

  /** Vehicle-seconds at flat index {@code i} without copying. */
  public double vehicleSecondsAt(int i) {
    return vehicleSeconds[i];
  }

  /** Goal at flat index {@code i} without copying. */
  public double goalAt(int i) {
    return goal[i];
  }

  /** Cell centre x without copying. */
  public double x(int cell) {
    return cellX[cell];
  }

  /** Cell centre y without copying. */
  public double y(int cell) {
    return cellY[cell];
  }

  /** Base x without copying. */
  public double bx(int base) {
    return baseX[base];
  }

  /** Base y without copying. */
  public double by(int base) {
    return baseY[base];
  }

  /** Number of bases. */
  public int bases() {
    return baseX.length;
  }
}
