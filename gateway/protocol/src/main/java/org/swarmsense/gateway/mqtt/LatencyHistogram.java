package org.swarmsense.gateway.mqtt;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts latencies in whole milliseconds, 0..60,000 (more counts as 60,001), and answers quantiles.
 * Thread-safe, lock-free.
 */
public final class LatencyHistogram {
  private static final int MAX_MS = 60_000;
  private final AtomicLongArray counts = new AtomicLongArray(MAX_MS + 2);

  /** Records one latency; negative ones (clock skew) count as 0. */
  public void record(long latencyMs) {
    counts.incrementAndGet(latencyMs < 0 ? 0 : (int) Math.min(latencyMs, MAX_MS + 1));
  }

  /** How many latencies were recorded. */
  public long count() {
    long total = 0;
    for (int i = 0; i < counts.length(); i++) {
      total += counts.get(i);
    }
    return total;
  }

  /** The latency at quantile {@code q} (0..1) in milliseconds; -1 when nothing was recorded. */
  public long quantileMs(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be 0..1, was " + q);
    }
    long total = count();
    if (total == 0) {
      return -1;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return i;
      }
    }
    return MAX_MS + 1;
  }
}
