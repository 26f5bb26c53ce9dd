package org.swarmsense.agents.planning;

import java.util.ArrayList;
import java.util.List;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.Constraint;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.core.GlobalCosts;
import org.swarmsense.epos.core.LocalCost;
import org.swarmsense.epos.core.ReorganisationStrategy;
import org.swarmsense.epos.sensing.evaluation.Objective;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * How a mission's I-EPOS runs, as plain values that can cross nodes: the same translation of a
 * mission's planner settings into an {@link EposConfig} and of candidate plans into {@link
 * AgentPlans} as the in-process sensing coordination
 * ({@code org.swarmsense.epos.sensing.evaluation.EposCoordination}): plan vectors are hover seconds
 * per (cell, slot) times the objective's value scale, local cost DISC (normalised energy), global
 * cost SQR or L1 against the scaled goal, optional per-cell cap constraints. Immutable (arrays
 * copied), thread-safe.
 *
 * @param iterations I-EPOS iterations
 * @param repetitions repetitions (trees); the best final combined cost wins
 * @param children children per tree vertex
 * @param alpha unfairness weight
 * @param beta local-cost weight
 * @param cost SQR or L1
 * @param seed master seed
 * @param capFactor per-(cell, slot) cap as a multiple of the goal, 0 for none
 * @param goal the required sensing per (cell, slot), drone-seconds (unscaled)
 */
public record PlannerSpec(int iterations, int repetitions, int children, double alpha, double beta, String cost,
    long seed, double capFactor, double[] goal) implements CborSerializable {

  /** Validates through {@link #config()} and copies the goal. */
  public PlannerSpec {
    if (goal == null || goal.length == 0) {
      throw new IllegalArgumentException("goal must hold at least one value");
    }
    goal = goal.clone();
    if (!"SQR".equals(cost) && !"L1".equals(cost)) {
      throw new IllegalArgumentException("cost must be SQR or L1, got: " + cost);
    }
  }

  /** The spec of a mission's planner settings for {@code goal}. */
  public static PlannerSpec of(Mission.Planner planner, double[] goal) {
    return new PlannerSpec(planner.iterations(), planner.repetitions(), planner.children(), planner.alpha(),
        planner.beta(), planner.cost().name(), planner.seed(), planner.capFactor(), goal);
  }

  @Override
  public double[] goal() {
    return goal.clone();
  }

  /** The same spec for another goal (re-planning). */
  public PlannerSpec withGoal(double[] g) {
    return new PlannerSpec(iterations, repetitions, children, alpha, beta, cost, seed, capFactor, g);
  }

  /** Dimension d (cells x slots). */
  public int dimension() {
    return goal.length;
  }

  /** The factor plan values and the goal are multiplied by (so G is normalised). */
  public double valueScale() {
    return new Objective(goal, Mission.CostFunction.valueOf(cost), 0, 0).valueScale();
  }

  /** The I-EPOS configuration. */
  public EposConfig config() {
    double scale = valueScale();
    double[] scaledGoal = new double[goal.length];
    for (int j = 0; j < goal.length; j++) {
      scaledGoal[j] = goal[j] * scale;
    }
    List<Constraint> constraints = new ArrayList<>();
    if (capFactor > 0) {
      for (int j = 0; j < goal.length; j++) {
        constraints.add(Constraint.atMost(j, capFactor * scaledGoal[j]));
      }
    }
    return EposConfig.defaults()
        .withIterations(iterations)
        .withRepetitions(repetitions)
        .withChildren(children)
        .withWeights(alpha, beta)
        .withGlobalCost(GlobalCosts.byName(cost, scaledGoal, null))
        .withLocalCost(LocalCost.DISC)
        .withSeed(seed)
        .withReorg(ReorganisationStrategy.never())
        .withConstraints(constraints);
  }

  /** The plans of agent {@code agentId} from its candidate plans. */
  public AgentPlans agentPlans(int agentId, List<CandidatePlan> candidates) {
    int d = goal.length;
    double scale = valueScale();
    double[] costs = new double[candidates.size()];
    double[] values = new double[candidates.size() * d];
    for (int k = 0; k < candidates.size(); k++) {
      CandidatePlan p = candidates.get(k);
      costs[k] = p.cost();
      for (int j = 0; j < p.nonZeros(); j++) {
        if (p.indexAt(j) >= d) {
          throw new IllegalArgumentException("plan " + k + " of agent " + agentId + " has entry " + p.indexAt(j)
              + " beyond dimension " + d);
        }
        values[k * d + p.indexAt(j)] = p.hoverAt(j) * scale;
      }
    }
    return AgentPlans.ofFlat(agentId, d, costs, values);
  }
}
