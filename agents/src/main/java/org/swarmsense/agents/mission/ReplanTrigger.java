package org.swarmsense.agents.mission;

import java.util.Optional;

/**
 * Decides when sensors show demand drifting from the forecast: per slot it sums the vehicle counts
 * the sensors read and the forecast counts at the same cells (vehicle-seconds / slot length); once
 * a slot has at least {@code minReadings} readings and |observed / forecast - 1| exceeds the
 * threshold, it fires once for that slot (never for the last slot: nothing would remain to
 * re-plan). Mutable; confined to one actor (not thread-safe).
 */
public final class ReplanTrigger {
  private final double[] vehicleSeconds;
  private final int slots;
  private final double slotS;
  private final double threshold;
  private final int minReadings;
  private final double[] observed;
  private final double[] forecast;
  private final int[] readings;
  private final boolean[] fired;

  /** What to re-plan: the slots from {@code fromSlot} on, with demand scaled by {@code driftRatio}. */
  public record Replan(int slot, int fromSlot, double driftRatio, int readings) {}

  /**
   * A trigger over the forecast {@code vehicleSeconds} per (cell, slot) (flat {@code cell * slots + slot}).
   */
  public ReplanTrigger(double[] vehicleSeconds, int slots, double slotS, double threshold, int minReadings) {
    if (slots < 1 || vehicleSeconds == null || vehicleSeconds.length % slots != 0) {
      throw new IllegalArgumentException("vehicleSeconds must hold cells x slots values, slots = " + slots);
    }
    if (!(slotS > 0) || !(threshold > 0) || minReadings < 1) {
      throw new IllegalArgumentException("need slotS > 0, threshold > 0, minReadings >= 1, got: " + slotS + ", "
          + threshold + ", " + minReadings);
    }
    this.vehicleSeconds = vehicleSeconds.clone();
    this.slots = slots;
    this.slotS = slotS;
    this.threshold = threshold;
    this.minReadings = minReadings;
    this.observed = new double[slots];
    this.forecast = new double[slots];
    this.readings = new int[slots];
    this.fired = new boolean[slots];
  }

  /** Records a reading of {@code count} vehicles in {@code cell} at {@code tS}; returns a re-plan if one is due. */
  public Optional<Replan> observe(int cell, double tS, double count) {
    int slot = (int) Math.floor(tS / slotS);
    if (slot < 0 || slot >= slots || cell < 0 || (long) cell * slots + slot >= vehicleSeconds.length) {
      return Optional.empty();
    }
    observed[slot] += count;
    forecast[slot] += vehicleSeconds[cell * slots + slot] / slotS;
    readings[slot]++;
    if (fired[slot] || slot == slots - 1 || readings[slot] < minReadings || forecast[slot] <= 0) {
      return Optional.empty();
    }
    double ratio = observed[slot] / forecast[slot];
    if (Math.abs(ratio - 1) > threshold) {
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
