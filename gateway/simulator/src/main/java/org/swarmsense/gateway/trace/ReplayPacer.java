package org.swarmsense.gateway.trace;

import java.util.Locale;

/**
 * Keeps a replay on the trace's timing divided by a speed factor: the first message goes out at
 * once, and a message stamped {@code t_ms} is due {@code (t_ms - first t_ms) / speed} after it on the
 * replay clock. Due times are computed from the start, never from the previous message, so waits do
 * not accumulate drift; a message that is already late goes out at once. A message stamped earlier
 * than the first is due at once. Speed {@link Double#POSITIVE_INFINITY} ({@code --speed max}) never
 * waits. Not thread-safe (one replay).
 */
public final class ReplayPacer {
  private final ReplayClock clock;
  private final double speed;
  private long firstMs = -1;
  private long startNanos;

  /** A pacer at {@code speed} (> 0, or infinity for as fast as possible). */
  public ReplayPacer(ReplayClock clock, double speed) {
    if (clock == null) {
      throw new IllegalArgumentException("clock must not be null");
    }
    this.clock = clock;
    this.speed = requireSpeed(speed);
  }

  /** Checks a speed factor: positive, or positive infinity for "max". */
  public static double requireSpeed(double speed) {
    if (!(speed > 0) || Double.isNaN(speed)) {
      throw new IllegalArgumentException("speed must be > 0 or max, was " + speed);
    }
    return speed;
  }

  /** Parses {@code --speed}: a positive number ({@code 1}, {@code 20}, {@code 0.5}) or {@code max}. */
  public static double parseSpeed(String text) {
    if (text == null) {
      throw new IllegalArgumentException("speed must be > 0 or max, was null");
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("max")) {
      return Double.POSITIVE_INFINITY;
    }
    if (t.endsWith("x")) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      double v = Double.parseDouble(t);
      if (v > 0 && Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new IllegalArgumentException("speed must be a number > 0 or max, was '" + text + "'");
  }

  /** The speed factor. */
  public double speed() {
    return speed;
  }

  /**
   * Waits until the message stamped {@code tMs} is due and returns how long it waited, ns (0 when it
   * was due already).
   */
  public long awaitDue(long tMs) throws InterruptedException {
    if (firstMs < 0) {
      firstMs = tMs;
      startNanos = clock.nanoTime();
      return 0;
    }
    if (Double.isInfinite(speed) || tMs <= firstMs) {
      return 0;
    }
    long dueNanos = startNanos + (long) ((tMs - firstMs) * 1e6 / speed);
    long wait = dueNanos - clock.nanoTime();
    if (wait <= 0) {
      return 0;
    }
    clock.sleepNanos(wait);
    return wait;
  }
}
