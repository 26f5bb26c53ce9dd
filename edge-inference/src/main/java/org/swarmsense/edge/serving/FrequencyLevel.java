package org.swarmsense.edge.serving;

/**
 * The processor's frequency level as a slowdown factor (1 = nominal, 2 = half the clock): one value
 * that the executor emulates and the registry predicts with, so the two can never disagree.
 * Thread-safe (a volatile value).
 */
public final class FrequencyLevel {
  private volatile double slowdown = 1.0;

  /** The current slowdown factor, at least 1. */
  public double slowdown() {
    return slowdown;
  }

  /** Sets the slowdown factor, at least 1 and finite. */
  public void set(double factor) {
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("slowdown factor must be >= 1, got: " + factor);
    }
    this.slowdown = factor;
  }
}
