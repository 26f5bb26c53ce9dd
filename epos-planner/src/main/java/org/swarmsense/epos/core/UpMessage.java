package org.swarmsense.epos.core;

/**
 * What an agent sends its parent in the bottom-up phase: its subtree's proposed response (its
 * approved children's responses plus its own selected plan), the subtree's local-cost sum and sum
 * of squares, and the subtree size. Carries aggregates only, never another agent's plans. The
 * array is not copied: senders and receivers must treat it as read-only. Thread-safe if so.
 *
 * @param response the subtree's response vector, length d
 * @param sumLocalCost sum of l(s_i) over the subtree
 * @param sumSquaredLocalCost sum of l(s_i)^2 over the subtree
 * @param subtreeSize number of agents in the subtree, >= 1
 */
public record UpMessage(double[] response, double sumLocalCost, double sumSquaredLocalCost, int subtreeSize) {

  /** Validates the fields. */
  public UpMessage {
    if (response == null || response.length == 0) {
      throw new IllegalArgumentException("response must hold at least one value");
    }
    if (subtreeSize < 1) {
      throw new IllegalArgumentException("subtreeSize must be >= 1, got: " + subtreeSize);
    }
  }
}
