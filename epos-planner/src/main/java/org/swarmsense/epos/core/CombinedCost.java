package org.swarmsense.epos.core;

/**
 * The one formula of the combined cost I-EPOS minimises, O = (1 - alpha - beta) G + alpha U + beta L,
 * where L is the mean and U the population standard deviation (unfairness) of the n agents' local
 * costs, given as their sum and sum of squares. Every place that needs O (both engines, the result
 * metrics, the central evaluation of the sensing model, the greedy baseline and the agents'
 * decentralized rounds) calls this, so they agree to the bit. Stateless, thread-safe.
 */
public final class CombinedCost {
  /** Below this radicand the unfairness is 0 (rounding of sumL2 / n - L^2 is not unfairness). */
  private static final double ZERO_RADICAND = 1e-9;

  private CombinedCost() {}

  /**
   * O for a global cost {@code g} and local-cost sums over {@code n} agents.
   *
   * @param g global cost G (already normalised if the caller normalises it)
   * @param sumL sum of the agents' local costs
   * @param sumL2 sum of the squares of the agents' local costs
   * @param n number of agents, at least 1
   * @param alpha unfairness weight, 0..1
   * @param beta local-cost weight, 0..1 - alpha
   */
  public static double of(double g, double sumL, double sumL2, int n, double alpha, double beta) {
    if (alpha == 0 && beta == 0) {
      return g;
    }
    double mean = sumL / n;
    return (1 - alpha - beta) * g + alpha * unfairness(sumL, sumL2, n) + beta * mean;
  }

  /** Unfairness U of local-cost sums over n agents: their population standard deviation. */
  public static double unfairness(double sumL, double sumL2, int n) {
    double mean = sumL / n;
    double rad = sumL2 / n - mean * mean;
    return rad < ZERO_RADICAND ? 0 : Math.sqrt(rad);
  }
}
