package org.swarmsense.epos.core;

/**
 * Each agent's own random generator, a SplitMix64 state held in one {@code long}, used only to
 * break exact ties (reservoir sampling: the j-th tied candidate replaces the kept one with
 * probability 1/j, so every tied candidate is equally likely). Stateless; thread-safe as long as
 * each state slot is used by one thread at a time.
 */
final class TieBreak {
  private TieBreak() {}

  /** The initial generator state of an agent in a repetition, derived from the run's master seed. */
  static long initialState(long seed, int repetition, int agentId) {
    return mix(mix(seed ^ 0x5DEECE66DL) + 0x9E3779B97F4A7C15L * (repetition + 1) + agentId);
  }

  /** Advances {@code rng[at]} and returns true with probability 1/ties. */
  static boolean pick(long[] rng, int at, int ties) {
    long s = rng[at] + 0x9E3779B97F4A7C15L;
    rng[at] = s;
    long r = mix(s) >>> 1;
    return r % ties == 0;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
