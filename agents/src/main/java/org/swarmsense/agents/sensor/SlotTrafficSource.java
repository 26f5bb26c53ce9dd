package org.swarmsense.agents.sensor;

import java.util.Arrays;

/**
 * Traffic from vehicle-seconds per time slot (the demand of one cell of a sensing problem): in slot
 * t the cell holds on average vehicleSeconds[t] / slotS vehicles; after the last slot it holds
 * none. A factor scales every count (to simulate demand drifting from the forecast). Immutable,
 * thread-safe.
 */
public final class SlotTrafficSource implements TrafficSource {
  private final double[] vehicleSeconds;
  private final double slotS;
  private final double factor;

  /** Counts from {@code vehicleSeconds} per slot of {@code slotS} seconds, times {@code factor}. */
  public SlotTrafficSource(double[] vehicleSeconds, double slotS, double factor) {
    if (vehicleSeconds == null || vehicleSeconds.length == 0) {
      throw new IllegalArgumentException("vehicleSeconds must hold at least one slot");
    }
    for (int i = 0; i < vehicleSeconds.length; i++) {
      if (!(vehicleSeconds[i] >= 0) || !Double.isFinite(vehicleSeconds[i])) {
        throw new IllegalArgumentException("vehicleSeconds[" + i + "] must be finite and >= 0, got: " + vehicleSeconds[i]);
      }
    }
    if (!(slotS > 0) || !Double.isFinite(slotS)) {
      throw new IllegalArgumentException("slotS must be finite and > 0, got: " + slotS);
    }
    if (!(factor >= 0) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException("factor must be finite and >= 0, got: " + factor);
    }
    this.vehicleSeconds = vehicleSeconds.clone();
    this.slotS = slotS;
    this.factor = factor;
  }

  /** The traffic of {@code cell} in a (cell, slot) flat vector ({@code cell * slots + slot}). */
  public static SlotTrafficSource ofCell(double[] vehicleSecondsPerCellSlot, int slots, int cell, double slotS) {
    if (slots < 1 || cell < 0 || (long) (cell + 1) * slots > vehicleSecondsPerCellSlot.length) {
      throw new IllegalArgumentException("cell " + cell + " with " + slots + " slots is outside a vector of "
          + vehicleSecondsPerCellSlot.length + " entries");
    }
    return new SlotTrafficSource(Arrays.copyOfRange(vehicleSecondsPerCellSlot, cell * slots, (cell + 1) * slots), slotS, 1);
  }

  /** The same traffic times {@code f}. */
  public SlotTrafficSource scaled(double f) {
    return new SlotTrafficSource(vehicleSeconds, slotS, factor * f);
  }

  @Override
  public double vehicleCountAt(double tS) {
    if (!(tS >= 0)) {
      return 0;
    }
    int slot = (int) Math.floor(tS / slotS);
    return slot < vehicleSeconds.length ? factor * vehicleSeconds[slot] / slotS : 0;
  }
}
