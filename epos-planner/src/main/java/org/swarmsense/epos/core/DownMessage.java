package org.swarmsense.epos.core;

/**
 * What an agent receives from its parent (or the root from itself) in the top-down phase: the new
 * global response g_t, the global local-cost sums, the number of agents N, and whether the parent
 * approved this agent's proposal. The array is not copied: treat it as read-only. Thread-safe if so.
 *
 * @param global the global response, length d
 * @param globalLocalCost sum of l(s_i) over all agents
 * @param globalSquaredLocalCost sum of l(s_i)^2 over all agents
 * @param numAgents N, >= 1
 * @param approved whether the parent approved the proposal
 */
public record DownMessage(double[] global, double globalLocalCost, double globalSquaredLocalCost,
    int numAgents, boolean approved) {

  /** Validates the fields. */
  public DownMessage {
    if (global == null || global.length == 0) {
      throw new IllegalArgumentException("global must hold at least one value");
    }
    if (numAgents < 1) {
      throw new IllegalArgumentException("numAgents must be >= 1, got: " + numAgents);
    }
  }

  /** The message the root gives itself from its own up message: it always approves itself. */
  public static DownMessage fromRoot(UpMessage rootUp) {
    return new DownMessage(rootUp.response(), rootUp.sumLocalCost(), rootUp.sumSquaredLocalCost(),
        rootUp.subtreeSize(), true);
  }
}
