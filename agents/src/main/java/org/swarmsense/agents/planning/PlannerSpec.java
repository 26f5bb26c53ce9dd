package org.swarmsense.agents.planning;

import java.util.List;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.sensing.evaluation.EposCoordination;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;

/**
 * How a mission's I-EPOS runs, as plain values that can cross nodes. A mission's planner settings
 * become an {@link EposConfig} and candidate plans become {@link AgentPlans} by the in-process sensing
 * coordination's own translation ({@link EposCoordination#config}, {@link
 * EposCoordination#agentPlans}; one copy for both): plan vectors are hover seconds
 * per (cell, slot) times the objective's scale, local cost DISC (normalised energy), global
 * cost SQR, L1 or COVER against the scaled goal, optional per-cell cap constraints. Immutable (arrays
 * copied), thread-safe.
 *
 * @param iterations I-EPOS iterations
 * @param repetitions repetitions (trees); the best final combined cost wins
 * @param children children per tree vertex
 * @param alpha unfairness weight
 * @param beta local-cost weight
 * @param cost SQR, L1 or COVER
 * @param seed master seed
 * @param capFactor per-(cell, slot) cap as a multiple of the goal, 0 for none
 * @param goal the required sensing per (cell, slot), drone-seconds (unscaled)
 * @param slotS the mission's slot length, s (COVER's saturation; SQR and L1 do not read it)
 */
public record PlannerSpec(int iterations, int repetitions, int children, double alpha, double beta, String cost,
    long seed, double capFactor, double[] goal, double slotS) implements CborSerializable {

  /** Validates (the cost's name, the planner's ranges, COVER's slot) and copies the goal. */
  public PlannerSpec {
    if (goal == null || goal.length == 0) {
      throw new IllegalArgumentException("goal must hold at least one value");
    }
    goal = goal.clone();
    if (!"SQR".equals(cost) && !"L1".equals(cost) && !"COVER".equals(cost)) {
      throw new IllegalArgumentException("cost must be SQR, L1 or COVER, got: " + cost);
    }
    if (!(slotS > 0 && slotS < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("slotS must be > 0 and finite, got: " + slotS);
    }
  }

  /** The spec of a mission's planner settings for {@code problem}'s goal and slot. */
  public static PlannerSpec of(Mission.Planner planner, SensingProblem problem) {
    return new PlannerSpec(planner.iterations(), planner.repetitions(), planner.children(), planner.alpha(),
        planner.beta(), planner.cost().name(), planner.seed(), planner.capFactor(), problem.goal(),
        problem.slotS());
  }

  @Override
  public double[] goal() {
    return goal.clone();
  }

  /** The same spec for another goal (re-planning). */
  public PlannerSpec withGoal(double[] g) {
    return new PlannerSpec(iterations, repetitions, children, alpha, beta, cost, seed, capFactor, g, slotS);
  }

  /** Dimension d (cells x slots). */
  public int dimension() {
    return goal.length;
  }

  /** The mission planner these values stand for. */
  public Mission.Planner planner() {
    return new Mission.Planner(iterations, repetitions, children, alpha, beta, Mission.CostFunction.valueOf(cost), seed,
        capFactor);
  }

  /** The I-EPOS configuration: the in-process one ({@link EposCoordination#config}), without a budget. */
  public EposConfig config() {
    return EposCoordination.config(goal, slotS, planner(), beta, Double.POSITIVE_INFINITY);
  }

  /** The plans of agent {@code agentId} from its candidate plans ({@link EposCoordination#agentPlans}). */
  public AgentPlans agentPlans(int agentId, List<CandidatePlan> candidates) {
    return EposCoordination.agentPlans(agentId, candidates, goal, slotS, Mission.CostFunction.valueOf(cost), false);
  }
}
