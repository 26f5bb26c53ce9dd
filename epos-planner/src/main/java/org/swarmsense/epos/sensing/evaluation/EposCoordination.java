package org.swarmsense.epos.sensing.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.Constraint;
import org.swarmsense.epos.core.Epos;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.core.EposProgress;
import org.swarmsense.epos.core.EposResult;
import org.swarmsense.epos.core.GlobalCosts;
import org.swarmsense.epos.core.LocalCost;
import org.swarmsense.epos.core.ReorganisationStrategy;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.mission.Mission.Planner;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * Runs I-EPOS (org.swarmsense.epos.core) on the drones' candidate plans: plan vectors are hover
 * seconds per (cell, slot) times {@link Objective#valueScale()} (so that I-EPOS's G is the
 * normalised G / G(0) of {@link Objective} and beta weighs comparable terms), plan costs are
 * normalised energy used with local cost DISC, the global
 * cost is SQR or L1 against the goal r, and with {@code capFactor > 0} every (cell, slot) gets the
 * core's hard constraint sensing <= capFactor x r. Of several repetitions the one with the lowest
 * final combined cost is returned. Stateless and thread-safe.
 */
public final class EposCoordination {

  private EposCoordination() {}

  /** The selection (plan index per drone) I-EPOS converges to, using every processor. */
  public static int[] select(List<List<CandidatePlan>> plans, double[] goal, Planner planner,
      EposProgress progress) {
    return select(plans, goal, planner, progress, 0);
  }

  /** As {@link #select}, on {@code threads} threads (0 = all processors; same result). */
  public static int[] select(List<List<CandidatePlan>> plans, double[] goal, Planner planner,
      EposProgress progress, int threads) {
    int d = goal.length;
    double scale = new Objective(goal, planner.cost(), 0, 0).valueScale();
    double[] scaledGoal = new double[d];
    for (int j = 0; j < d; j++) {
      scaledGoal[j] = goal[j] * scale;
    }
    List<AgentPlans> agents = new ArrayList<>(plans.size());
    for (int i = 0; i < plans.size(); i++) {
      List<CandidatePlan> ps = plans.get(i);
      double[] costs = new double[ps.size()];
      double[] values = new double[ps.size() * d];
      for (int k = 0; k < ps.size(); k++) {
        CandidatePlan p = ps.get(k);
        costs[k] = p.cost();
        for (int j = 0; j < p.nonZeros(); j++) {
          values[k * d + p.indexAt(j)] = p.hoverAt(j) * scale;
        }
      }
      agents.add(AgentPlans.ofFlat(i, d, costs, values));
    }
    List<Constraint> constraints = new ArrayList<>();
    if (planner.capFactor() > 0) {
      for (int j = 0; j < d; j++) {
        constraints.add(Constraint.atMost(j, planner.capFactor() * scaledGoal[j]));
      }
    }
    EposConfig config = EposConfig.defaults()
        .withIterations(planner.iterations())
        .withRepetitions(planner.repetitions())
        .withChildren(planner.children())
        .withWeights(planner.alpha(), planner.beta())
        .withGlobalCost(GlobalCosts.byName(
            planner.cost() == CostFunction.SQR ? "SQR" : "L1", scaledGoal, null))
        .withLocalCost(LocalCost.DISC)
        .withSeed(planner.seed())
        .withReorg(ReorganisationStrategy.never())
        .withConstraints(constraints)
        .withThreads(threads);
    EposResult result = Epos.run(agents, config, progress);
    int best = 0;
    int last = result.iterations() - 1;
    for (int r = 1; r < result.repetitions(); r++) {
      if (result.complexCost(r, last) < result.complexCost(best, last)) {
        best = r;
      }
    }
    return result.selectedPlans(best);
  }
}
