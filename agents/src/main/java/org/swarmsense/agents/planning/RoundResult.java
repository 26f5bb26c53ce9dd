package org.swarmsense.agents.planning;

import java.util.List;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.epos.core.CombinedCost;

/**
 * The outcome of one decentralized I-EPOS round (one repetition on one tree). Immutable (arrays
 * copied in and out), thread-safe.
 *
 * @param round the round id
 * @param repetition the repetition index (tree shuffle)
 * @param globalCost G of the global response after each completed iteration
 * @param finalGlobal the global response after the last completed iteration
 * @param finalGlobalLocalCost the sum of local costs of that response
 * @param finalGlobalSquaredLocalCost the sum of squared local costs of that response
 * @param selected the selected plan per agent id after the last iteration, -1 for an agent that did
 *     not report (it keeps its last plan; see {@link PlanningAgent} for the fault rule)
 * @param missedChildren how many times an agent closed an iteration without a child's message
 * @param complete whether every iteration finished and every agent reported
 */
public record RoundResult(long round, int repetition, double[] globalCost, double[] finalGlobal,
    double finalGlobalLocalCost, double finalGlobalSquaredLocalCost, int[] selected, int missedChildren, boolean complete) implements CborSerializable {

  /** Copies the arrays. */
  public RoundResult {
    globalCost = globalCost.clone();
    finalGlobal = finalGlobal.clone();
    selected = selected.clone();
  }

  @Override
  public double[] globalCost() {
    return globalCost.clone();
  }

  @Override
  public double[] finalGlobal() {
    return finalGlobal.clone();
  }

  @Override
  public int[] selected() {
    return selected.clone();
  }

  /**
   * The combined cost after the last completed iteration, (1 - alpha - beta) G + alpha U + beta L
   * over {@code agents} agents (U = population standard deviation of local costs, 0 below 1e-9
   * radicand), or +infinity when no iteration completed.
   */
  public double combinedCost(double alpha, double beta, int agents) {
    if (globalCost.length == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return CombinedCost.of(globalCost[globalCost.length - 1], finalGlobalLocalCost, finalGlobalSquaredLocalCost,
        agents, alpha, beta);
  }

  /** Iterations completed. */
  public int iterationsDone() {
    return globalCost.length;
  }

  /** Agent ids that did not report a final selection. */
  public List<Integer> unresponsive() {
    java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
    for (int i = 0; i < selected.length; i++) {
      if (selected[i] < 0) {
        out.add(i);
      }
    }
    return List.copyOf(out);
  }
}
