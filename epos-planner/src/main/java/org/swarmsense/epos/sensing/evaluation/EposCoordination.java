package org.swarmsense.epos.sensing.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.Constraint;
import org.swarmsense.epos.core.Epos;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.core.EposProgress;
import org.swarmsense.epos.core.EposResult;
import org.swarmsense.epos.core.GlobalCostFunction;
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
 * core's hard constraint sensing <= capFactor x r; with a fleet energy budget, the selected plans'
 * summed energy is a hard constraint too. Of several repetitions the one with the lowest final
 * combined cost (within the budget first, if any) is returned. Stateless and thread-safe.
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
    return select(plans, goal, planner, progress, threads, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #select}, with the selected plans' summed energy held to at most {@code
   * maxFleetEnergyJ} ({@code +Infinity}: no budget, exactly the run without one). The budget is a
   * hard constraint of the core ({@link Constraint}: every candidate is ranked first by its
   * violation) on one extra dimension of every plan vector that holds the plan's energy in J and
   * that the global cost does not see (G is computed on the d sensing dimensions only), so a budget
   * never changes the objective, only which selections are allowed. Of several repetitions, the
   * least violating one (by the plans' own energy sums) wins, then the lowest combined cost. Iteration
   * 0 only sees partial aggregates, so it may break the budget; from iteration 1 the violation
   * never increases, and a selection within it exists whenever the drones' cheapest plans fit.
   *
   * @param maxFleetEnergyJ the budget, J: >= 0, or {@code +Infinity} for none
   */
  public static int[] select(List<List<CandidatePlan>> plans, double[] goal, Planner planner,
      EposProgress progress, int threads, double maxFleetEnergyJ) {
    if (!(maxFleetEnergyJ >= 0)) {
      throw new IllegalArgumentException("maxFleetEnergyJ must be >= 0 (or +Infinity for none), got: "
          + maxFleetEnergyJ);
    }
    boolean budget = maxFleetEnergyJ < Double.POSITIVE_INFINITY;
    int d = goal.length;
    int dims = budget ? d + 1 : d;
    double scale = new Objective(goal, planner.cost(), 0, 0).valueScale();
    double[] scaledGoal = new double[d];
    for (int j = 0; j < d; j++) {
      scaledGoal[j] = goal[j] * scale;
    }
    List<AgentPlans> agents = new ArrayList<>(plans.size());
    for (int i = 0; i < plans.size(); i++) {
      List<CandidatePlan> ps = plans.get(i);
      double[] costs = new double[ps.size()];
      double[] values = new double[ps.size() * dims];
      for (int k = 0; k < ps.size(); k++) {
        CandidatePlan p = ps.get(k);
        costs[k] = p.cost();
        for (int j = 0; j < p.nonZeros(); j++) {
          values[k * dims + p.indexAt(j)] = p.hoverAt(j) * scale;
        }
        if (budget) {
          values[k * dims + d] = p.energyJ();
        }
      }
      agents.add(AgentPlans.ofFlat(i, dims, costs, values));
    }
    List<Constraint> constraints = new ArrayList<>();
    if (planner.capFactor() > 0) {
      for (int j = 0; j < d; j++) {
        constraints.add(Constraint.atMost(j, planner.capFactor() * scaledGoal[j]));
      }
    }
    GlobalCostFunction sensing = GlobalCosts.byName(
        planner.cost() == CostFunction.SQR ? "SQR" : "L1", scaledGoal, null);
    GlobalCostFunction global = sensing;
    if (budget) {
      constraints.add(Constraint.atMost(d, maxFleetEnergyJ));
      global = sensingOnly(sensing, d);
    }
    EposConfig config = EposConfig.defaults()
        .withIterations(planner.iterations())
        .withRepetitions(planner.repetitions())
        .withChildren(planner.children())
        .withWeights(planner.alpha(), planner.beta())
        .withGlobalCost(global)
        .withLocalCost(LocalCost.DISC)
        .withSeed(planner.seed())
        .withReorg(ReorganisationStrategy.never())
        .withConstraints(constraints)
        .withThreads(threads);
    EposResult result = Epos.run(agents, config, progress);
    int best = 0;
    int last = result.iterations() - 1;
    double bestOver = over(plans, result.selectedPlans(0), maxFleetEnergyJ);
    for (int r = 1; r < result.repetitions(); r++) {
      double o = over(plans, result.selectedPlans(r), maxFleetEnergyJ);
      if (o < bestOver || (o == bestOver && result.complexCost(r, last) < result.complexCost(best, last))) {
        best = r;
        bestOver = o;
      }
    }
    return result.selectedPlans(best);
  }

  /** The fleet energy of a selection, J (the sum {@link SensingMetrics} reports, in drone order). */
  public static double energyJ(List<List<CandidatePlan>> plans, int[] selection) {
    double e = 0;
    for (int i = 0; i < selection.length; i++) {
      e += plans.get(i).get(selection[i]).energyJ();
    }
    return e;
  }

  /** J by which a selection exceeds the budget (0 within it, and always 0 without a budget). */
  private static double over(List<List<CandidatePlan>> plans, int[] selection, double maxFleetEnergyJ) {
    return Math.max(0, energyJ(plans, selection) - maxFleetEnergyJ);
  }

  /** {@code g} of the first {@code d} entries of a longer aggregate (the energy entry is not costed). */
  private static GlobalCostFunction sensingOnly(GlobalCostFunction g, int d) {
    return new GlobalCostFunction() {
      @Override
      public double cost(double[] aggregate) {
        return g.cost(aggregate.length == d ? aggregate : Arrays.copyOf(aggregate, d));
      }

      @Override
      public int requiredDimension() {
        return d + 1;
      }
    };
  }
}
