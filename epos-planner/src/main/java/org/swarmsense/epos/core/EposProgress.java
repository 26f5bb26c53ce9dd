package org.swarmsense.epos.core;

/**
 * Called by {@link Epos#run} after every iteration (from the calling thread), e.g. to print a
 * progress line. Implementations must be quick.
 */
@FunctionalInterface
public interface EposProgress {

  /** Iteration {@code iteration} of repetition {@code repetition} finished with global cost {@code globalCost}. */
  void iterationDone(int repetition, int iteration, double globalCost);

  /** A listener that does nothing. */
  static EposProgress none() {
    return (r, t, g) -> { };
  }
}
