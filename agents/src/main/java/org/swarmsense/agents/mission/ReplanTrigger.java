package org.swarmsense.agents.mission;

import java.util.Optional;

/**
 * Decides when readings show demand drifting from the forecast: per slot it sums the vehicle counts
 * read and the forecast counts of the same areas. A reading of a whole cell (a sensor) is compared
 * with the cell's forecast mean (vehicle-seconds / slot length); a reading of another area (a
 * drone's camera footprint, or a whole cell when the forecast counts a camera's footprint) with that
 * mean times the {@code cellShare}, the reading's area over the forecast's: vehicles are taken to
 * spread evenly over a cell. It fires once for a slot (never for the
 * last slot: nothing would remain to re-plan) when all three hold:
 * <ul>
 *   <li>the slot has at least {@code minReadings} readings;
 *   <li>|observed / expected - 1| exceeds {@code threshold} (the drift is large);
 *   <li>|observed - expected| exceeds {@code noiseZ} x sqrt(expected) (the drift is not counting
 *       noise: counts of vehicles are taken as Poisson around the expected total, the readings as
 *       independent, so the standard deviation of the observed total is sqrt(expected); z = 2.58
 *       lets an unchanged demand fire in about 1 % of the slots judged, two-sided, by the normal
 *       approximation; z = 0 turns the rule off).
 * </ul>
 * Mutable; confined to one actor (not thread-safe).
 */
public final class ReplanTrigger {
  private final double[] vehicleSeconds;
  private final int slots;
  private final double slotS;
  private final double threshold;
  private final int minReadings;
  private final double noiseZ;
  private final double[] observed;
  private final double[] forecast;
  private final int[] readings;
  private final boolean[] fired;

  /** What to re-plan: the slots from {@code fromSlot} on, with demand scaled by {@code driftRatio}. */
  public record Replan(int slot, int fromSlot, double driftRatio, int readings) {}

  /**
   * A trigger over the forecast {@code vehicleSeconds} per (cell, slot) (flat {@code cell * slots + slot}).
   *
   * @param noiseZ how many Poisson standard deviations (sqrt of the expected count) the observed total
   *     must be away from the expected one, >= 0 (0: no noise rule)
   */
  public ReplanTrigger(double[] vehicleSeconds, int slots, double slotS, double threshold, int minReadings,
      double noiseZ) {
    if (slots < 1 || vehicleSeconds == null || vehicleSeconds.length % slots != 0) {
      throw new IllegalArgumentException("vehicleSeconds must hold cells x slots values, slots = " + slots);
    }
    if (!(slotS > 0) || !(threshold > 0) || minReadings < 1) {
      throw new IllegalArgumentException("need slotS > 0, threshold > 0, minReadings >= 1, got: " + slotS + ", "
          + threshold + ", " + minReadings);
    }
    if (!(noiseZ >= 0) || !Double.isFinite(noiseZ)) {
      throw new IllegalArgumentException("noiseZ must be a finite number >= 0, got: " + noiseZ);
    }
    this.vehicleSeconds = vehicleSeconds.clone();
    this.slots = slots;
    this.slotS = slotS;
    this.threshold = threshold;
    this.minReadings = minReadings;
    this.noiseZ = noiseZ;
    this.observed = new double[slots];
    this.forecast = new double[slots];
    this.readings = new int[slots];
    this.fired = new boolean[slots];
  }

  /** Records a reading of {@code count} vehicles in the whole of {@code cell} at {@code tS}; see {@link #observe(int, double, double, double)}. */
  public Optional<Replan> observe(int cell, double tS, double count) {
    return observe(cell, tS, count, 1);
  }

  /**
   * Records a reading of {@code count} vehicles on {@code cellShare} (finite, &gt; 0) times the area of
   * {@code cell} the forecast counts, at {@code tS}; returns a re-plan if one is due.
   */
  public Optional<Replan> observe(int cell, double tS, double count, double cellShare) {
    if (!(cellShare > 0) || Double.isInfinite(cellShare)) {
      throw new IllegalArgumentException("cellShare must be a finite number > 0, got: " + cellShare);
    }
    int slot = (int) Math.floor(tS / slotS);
    if (slot < 0 || slot >= slots || cell < 0 || (long) cell * slots + slot >= vehicleSeconds.length) {
      return Optional.empty();
    }
    observed[slot] += count;
    forecast[slot] += cellShare * vehicleSeconds[cell * slots + slot] / slotS;
    readings[slot]++;
    if (fired[slot] || slot == slots - 1 || readings[slot] < minReadings || forecast[slot] <= 0) {
      return Optional.empty();
    }
    double ratio = observed[slot] / forecast[slot];
    boolean beyondNoise = Math.abs(observed[slot] - forecast[slot]) > noiseZ * Math.sqrt(forecast[slot]);
    if (Math.abs(ratio - 1) > threshold && beyondNoise) {
      fired[slot] = true;
      return Optional.of(new Replan(slot, slot + 1, ratio, readings[slot]));
    }
    return Optional.empty();
  }

  /**
   * The goal for re-planning: entries of slots before {@code fromSlot} set to zero, the rest
   * multiplied by {@code ratio}.
   */
  public static double[] driftedGoal(double[] goal, int slots, int fromSlot, double ratio) {
    double[] g = new double[goal.length];
    for (int i = 0; i < goal.length; i++) {
      g[i] = i % slots >= fromSlot ? goal[i] * ratio : 0;
    }
    return g;
  }
}
