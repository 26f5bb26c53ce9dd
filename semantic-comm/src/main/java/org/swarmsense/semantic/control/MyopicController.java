package org.swarmsense.semantic.control;

/**
 * The paper's delay-myopic baseline: each slot, the decision with the best one-step reward (same
 * reward and virtual queues as the learner, closed-form edge split), found by coordinate ascent
 * over devices (K x 2 choices each) from "all at the edge, top rate" until a sweep changes nothing
 * (at most 10 sweeps). Stateless; thread-safe.
 */
public final class MyopicController implements Controller {

  private static final int MAX_SWEEPS = 10;
  private final SlotDynamics dynamics;

  public MyopicController(SlotDynamics dynamics) {
    this.dynamics = dynamics;
  }

  @Override
  public String name() {
    return "myopic";
  }

  @Override
  public SlotDecision decide(SlotState state) {
    return climb(dynamics, state, SlotDecision.uniform(state.deviceCount(), dynamics.model().levels(), true));
  }

  /**
   * Coordinate ascent on the one-slot reward of {@code dynamics} (closed-form edge split) from {@code
   * start}: each device in turn takes the best of its K x 2 choices while the others stay, until a sweep
   * changes nothing (at most 10 sweeps). Also {@link DriftPlusPenaltyController}'s fallback.
   */
  static SlotDecision climb(SlotDynamics dynamics, SlotState state, SlotDecision start) {
    int k = dynamics.model().levels();
    SlotDecision best = start;
    double bestReward = reward(dynamics, state, best);
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      boolean changed = false;
      for (int n = 0; n < state.deviceCount(); n++) {
        for (int level = 1; level <= k; level++) {
          for (boolean edge : new boolean[] {true, false}) {
            if (level == best.level(n) && edge == best.atEdge(n)) {
              continue;
            }
            SlotDecision candidate = best.with(n, level, edge);
            double r = reward(dynamics, state, candidate);
            if (r > bestReward + 1e-12) {
              best = candidate;
              bestReward = r;
              changed = true;
            }
          }
        }
      }
      if (!changed) {
        break;
      }
    }
    return best;
  }

  private static double reward(SlotDynamics dynamics, SlotState state, SlotDecision decision) {
    return dynamics.outcome(state, decision, EdgeSplit.CLOSED_FORM).reward();
  }
}
