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
    int k = dynamics.model().levels();
    SlotDecision best = SlotDecision.uniform(state.deviceCount(), k, true);
    double bestReward = reward(state, best);
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      boolean changed = false;
      for (int n = 0; n < state.deviceCount(); n++) {
        for (int level = 1; level <= k; level++) {
          for (boolean edge : new boolean[] {true, false}) {
            if (level == best.level(n) && edge == best.atEdge(n)) {
              continue;
            }
            SlotDecision candidate = best.with(n, level, edge);
            double r = reward(state, candidate);
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

  private double reward(SlotState state, SlotDecision decision) {
    return dynamics.outcome(state, decision, EdgeSplit.CLOSED_FORM).reward();
  }
}
