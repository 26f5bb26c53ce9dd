package org.swarmsense.gateway.mqtt;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The reconnect rule: before attempt {@code n} (0 for the first after a loss) wait {@code d =
 * min(max, initial * 2^n)} with equal jitter, i.e. a uniformly random time in {@code [d/2, d]}, so
 * that a fleet whose broker restarts does not reconnect in lockstep. Immutable and thread-safe.
 *
 * @param initial the nominal first wait, positive
 * @param max the cap on the nominal wait, at least {@code initial}
 */
public record ReconnectBackoff(Duration initial, Duration max) {
  /** Validates: positive initial, max not below initial. */
  public ReconnectBackoff {
    if (initial == null || initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("reconnect-initial must be > 0, was " + initial);
    }
    if (max == null || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "reconnect-max must be >= reconnect-initial (" + initial + "), was " + max);
    }
  }

  /**
   * The wait before attempt {@code attempt}.
   *
   * @param attempt 0 for the first attempt after a loss
   * @param uniform a source of numbers in [0, 1)
   */
  public Duration delay(int attempt, DoubleSupplier uniform) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be >= 0, was " + attempt);
    }
    long nominal = nominalNanos(attempt);
    long half = nominal / 2;
    return Duration.ofNanos(half + (long) (uniform.getAsDouble() * (nominal - half)));
  }

  /** The wait before jitter: {@code min(max, initial * 2^attempt)}. */
  public Duration nominal(int attempt) {
    return Duration.ofNanos(nominalNanos(attempt));
  }

  private long nominalNanos(int attempt) {
    long cap = max.toNanos();
    long d = initial.toNanos();
    for (int i = 0; i < attempt && d < cap; i++) {
      d = d > cap / 2 ? cap : d * 2;
    }
    return Math.min(d, cap);
  }
}
