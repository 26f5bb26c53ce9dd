package org.swarmsense.edge.serving;

/**
 * Settings of the {@link ExitAwareScheduler}.
 *
 * @param maxBatchSize largest batch of one stage
 * @param latePolicy what to do with a sample that can no longer meet its deadline
 * @param priorityBoostNanos slack credited per priority level: a sample of priority p is ordered as
 *     if its slack were {@code p * priorityBoostNanos} smaller (so low priorities are delayed, never
 *     starved: their slack shrinks until they come first)
 * @param confidentExits whether a sample leaves at an early exit whose confidence reaches the
 *     stage's threshold
 * @param lateExitMaxAccuracyLoss a late sample is answered from its deepest exit only if that exit's
 *     measured accuracy is at most this much (0..1) below the last exit's; otherwise it is rejected
 *     (infinity: any exit; exits without a measured accuracy always qualify)
 */
public record ExitAwareConfig(int maxBatchSize, LatePolicy latePolicy, long priorityBoostNanos,
    boolean confidentExits, double lateExitMaxAccuracyLoss) {

  /** Validates every field. */
  public ExitAwareConfig {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, got: " + maxBatchSize);
    }
    if (latePolicy == null) {
      throw new IllegalArgumentException("latePolicy must not be null");
    }
    if (priorityBoostNanos < 0) {
      throw new IllegalArgumentException("priorityBoostNanos must be >= 0, got: " + priorityBoostNanos);
    }
    if (!(lateExitMaxAccuracyLoss >= 0)) {
      throw new IllegalArgumentException("lateExitMaxAccuracyLoss must be >= 0, got: " + lateExitMaxAccuracyLoss);
    }
  }
}

