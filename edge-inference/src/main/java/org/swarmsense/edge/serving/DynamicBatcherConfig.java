package org.swarmsense.edge.serving;

import java.util.Arrays;

/**
 * Settings of the Triton-style {@link DynamicBatcher}, named after Triton's {@code dynamic_batching}
 * fields.
 *
 * @param preferredBatchSizes {@code preferred_batch_size}: sizes formed as soon as enough requests wait
 * @param maxBatchSize {@code max_batch_size}: the largest batch
 * @param maxQueueDelayNanos {@code max_queue_delay_microseconds} (here in ns): how long the oldest
 *     request may wait for a preferred size before a smaller batch is sent
 * @param priorityLevels {@code priority_levels}: request priorities are clamped to [0, levels-1],
 *     higher served first
 * @param rejectOnTimeout queue policy {@code timeout_action}: REJECT (true) a request still queued
 *     at its timeout (its deadline, as a per-request {@code timeout_microseconds}), or DELAY (false)
 * @param maxQueueSize {@code max_queue_size}: arrivals beyond it are rejected (0 = unbounded)
 */
public record DynamicBatcherConfig(int[] preferredBatchSizes, int maxBatchSize, long maxQueueDelayNanos,
    int priorityLevels, boolean rejectOnTimeout, int maxQueueSize) {

  /** Validates every field. */
  public DynamicBatcherConfig {
    if (preferredBatchSizes == null || preferredBatchSizes.length == 0) {
      throw new IllegalArgumentException("preferredBatchSizes must not be empty");
    }
    preferredBatchSizes = preferredBatchSizes.clone();
    Arrays.sort(preferredBatchSizes);
    if (preferredBatchSizes[0] < 1 || preferredBatchSizes[preferredBatchSizes.length - 1] > maxBatchSize) {
      throw new IllegalArgumentException("preferredBatchSizes must be in [1, maxBatchSize=" + maxBatchSize + "], got: "
          + Arrays.toString(preferredBatchSizes));
    }
    if (maxQueueDelayNanos < 0) {
      throw new IllegalArgumentException("maxQueueDelayNanos must be >= 0, got: " + maxQueueDelayNanos);
    }
    if (priorityLevels < 1) {
      throw new IllegalArgumentException("priorityLevels must be >= 1, got: " + priorityLevels);
    }
    if (maxQueueSize < 0) {
      throw new IllegalArgumentException("maxQueueSize must be >= 0, got: " + maxQueueSize);
    }
  }

  /** The setting in one line, e.g. {@code pref=[4, 8] delay=1.5ms prio=2 timeout=REJECT}. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "pref=%s delay=%.1fms prio=%d timeout=%s",
        Arrays.toString(preferredBatchSizes).replace(" ", ""), maxQueueDelayNanos / 1e6, priorityLevels,
        rejectOnTimeout ? "REJECT" : "DELAY");
  }
}
