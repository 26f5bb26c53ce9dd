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
 * seconds per (cell, slot) times {@link Objective#entryScale()} (so that I-EPOS's G is the
 * normalised G / G(0) of {@link Objective} and beta weighs comparable terms), plan costs are
 * normalised energy used with local cost DISC, the global cost is SQR or L1 against the goal r, or
 * for COVER the core's UNDER against S per (cell, slot) at the same scale (S the slot length, which
 * only COVER reads), and with {@code capFactor > 0} every (cell, slot) gets the
 * core's hard constraint sensing <= capFactor x r; a fleet energy budget that binds is held by the
 * hard constraint and by a price on energy, whichever selection is better (see the budgeted {@link
 * #select}). Of several repetitions the one with the lowest final combined cost (within the budget
 * first, if any) is returned. Stateless and thread-safe.
 */
public final class EposCoordination {

  private EposCoordination() {}

  /**
   * The selection (plan index per drone) I-EPOS converges to, using every processor.
   *
   * @param slotS the slot length S, s: COVER needs it; SQR and L1 ignore it (NaN will do)
   */
  public static int[] select(List<List<CandidatePlan>> plans, double[] goal, double slotS, Planner planner,
      EposProgress progress) {
    return select(plans, goal, slotS, planner, progress, 0);
  }

  /** As {@link #select}, on {@code threads} threads (0 = all processors; same result). */
  public static int[] select(List<List<CandidatePlan>> plans, double[] goal, double slotS, Planner planner,
      EposProgress progress, int threads) {
    return select(plans, goal, slotS, planner, progress, threads, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #select}, with the selected plans' summed energy held to at most {@code
   * maxFleetEnergyJ} ({@code +Infinity}: no budget). I-EPOS first runs without the budget; if its
   * selection fits, that is the answer, so a budget that does not bind selects exactly what no budget
   * selects. Otherwise the candidates are (a) the hard budget: a constraint of the core ({@link
   * Constraint}: every candidate is ranked first by its violation) on one extra dimension of every plan
   * vector that holds the plan's energy in J and that the global cost does not see, at the planner's
   * own weights; and (b) energy priced instead (Lagrangian relaxation): runs without the hard budget
   * whose local-cost weight beta' is bisected on [beta, 1 - alpha) in {@link #PRICE_STEPS} steps, a
   * run that fits lowering the upper end and one that does not raising the lower end. The answer is
   * the candidate that exceeds the budget least, then the one with the lowest {@link Objective} at the
   * planner's own alpha and beta, then (a). Within a run, of several repetitions the least violating
   * one (by the plans' own energy sums) wins, then the lowest combined cost. A selection within the
   * budget exists whenever the drones' cheapest plans fit; (a) reaches one from iteration 1 then.
   * {@code progress} hears the run without the budget and run (a).
   *
   * @param maxFleetEnergyJ the budget, J: >= 0, or {@code +Infinity} for none
   */
  public static int[] select(List<List<CandidatePlan>> plans, double[] goal, double slotS, Planner planner,
      EposProgress progress, int threads, double maxFleetEnergyJ) {
    return selectWithin(plans, goal, slotS, planner, progress, threads, maxFleetEnergyJ).selection();
  }

  /** How the budgeted {@link #select} found its answer. */
  public enum Found {
    /** The run without the budget fits it (or there is no budget). */
    UNBOUND,
    /** The hard-budget run: no price on energy found a better selection within the budget. */
    HARD_BUDGET,
    /** A run with energy priced at {@link Budgeted#priceBeta()}: better than the hard budget's. */
    PRICED
  }

  /**
   * The budgeted {@link #select}'s answer and how it was found.
   *
   * @param selection plan index per drone
   * @param found which candidate won
   * @param priceBeta the local-cost weight of the winning priced run; NaN unless {@code PRICED}
   * @param objective the winner's {@link Objective} at the planner's own weights; NaN when {@code UNBOUND}
   * @param hardBudgetObjective the hard-budget run's objective; NaN when {@code UNBOUND}
   */
  public record Budgeted(int[] selection, Found found, double priceBeta, double objective,
      double hardBudgetObjective) {
    public Budgeted {
      selection = selection.clone();
    }

    @Override
    public int[] selection() {
      return selection.clone();
    }

    /** One line for a progress log, e.g. "the hard budget's selection; no price on energy beat its objective 0.82". */
    public String describe() {
      return switch (found) {
        case UNBOUND -> "the selection without the budget fits it";
        case HARD_BUDGET -> String.format(java.util.Locale.ROOT,
            "the hard budget's selection (objective %.6f); no price on energy found a better one", objective);
        case PRICED -> String.format(java.util.Locale.ROOT,
            "energy priced at beta' %.4f: objective %.6f, the hard budget's %.6f", priceBeta, objective,
            hardBudgetObjective);
      };
    }
  }

  /** As the budgeted {@link #select}, saying how the answer was found. */
  public static Budgeted selectWithin(List<List<CandidatePlan>> plans, double[] goal, double slotS, Planner planner,
      EposProgress progress, int threads, double maxFleetEnergyJ) {
    if (!(maxFleetEnergyJ >= 0)) {
      throw new IllegalArgumentException("maxFleetEnergyJ must be >= 0 (or +Infinity for none), got: "
          + maxFleetEnergyJ);
    }
    Objective objective = objective(goal, slotS, planner);
    List<AgentPlans> unbudgeted = agents(plans, objective, false);
    int[] free = run(plans, unbudgeted, objective, planner, planner.beta(), progress, threads,
        Double.POSITIVE_INFINITY);
    if (over(plans, free, maxFleetEnergyJ) == 0) {
      return new Budgeted(free, Found.UNBOUND, Double.NaN, Double.NaN, Double.NaN);
    }
    int[] best = run(plans, agents(plans, objective, true), objective, planner, planner.beta(), progress, threads,
        maxFleetEnergyJ);
    double bestOver = over(plans, best, maxFleetEnergyJ);
    double bestCost = objective.of(plans, best);
    double hardCost = bestCost;
    double bestPrice = Double.NaN;
    double lo = planner.beta();
    double hi = 1 - planner.alpha();
    for (int step = 0; step < PRICE_STEPS; step++) {
      double price = (lo + hi) / 2;
      int[] s = run(plans, unbudgeted, objective, planner, price, (r, t, g) -> { }, threads,
          Double.POSITIVE_INFINITY);
      double o = over(plans, s, maxFleetEnergyJ);
      if (o > 0) {
        lo = price;
        continue;
      }
      hi = price;
      double c = objective.of(plans, s);
      if (o < bestOver || (o == bestOver && c < bestCost)) {
        best = s;
        bestOver = o;
        bestCost = c;
        bestPrice = price;
      }
    }
    return new Budgeted(best, Double.isNaN(bestPrice) ? Found.HARD_BUDGET : Found.PRICED, bestPrice, bestCost,
        hardCost);
  }

  /** Candidate (a) alone: the hard budget at the planner's own weights (the search before search32; for tests). */
  static int[] hardBudgetOnly(List<List<CandidatePlan>> plans, double[] goal, double slotS, Planner planner,
      int threads, double maxFleetEnergyJ) {
    Objective objective = objective(goal, slotS, planner);
    return run(plans, agents(plans, objective, true), objective, planner, planner.beta(), (r, t, g) -> { }, threads,
        maxFleetEnergyJ);
  }

  /** The {@link Objective} {@code planner} minimises against {@code goal} at its own weights. */
  private static Objective objective(double[] goal, double slotS, Planner planner) {
    return new Objective(goal, planner.cost(), slotS, planner.alpha(), planner.beta());
  }

  /** Bisection steps of the price on energy when a budget binds (resolution (1 - alpha - beta) / 256). */
  public static final int PRICE_STEPS = 8;

  /** Every drone's {@link #agentPlans}, built once for the runs that share them. */
  private static List<AgentPlans> agents(List<List<CandidatePlan>> plans, Objective objective, boolean energyEntry) {
    double[] scale = objective.entryScale();
    List<AgentPlans> agents = new ArrayList<>(plans.size());
    for (int i = 0; i < plans.size(); i++) {
      agents.add(agentPlans(i, plans.get(i), scale, energyEntry));
    }
    return agents;
  }

  /**
   * One I-EPOS run of {@code agents} (with the energy entry when {@code maxFleetEnergyJ} is finite) at
   * local-cost weight {@code beta} (the planner's alpha and other settings), with {@code maxFleetEnergyJ}
   * as the core's hard constraint unless it is {@code +Infinity}; of several repetitions the least
   * violating, then the lowest final combined cost.
   */
  private static int[] run(List<List<CandidatePlan>> plans, List<AgentPlans> agents, Objective objective,
      Planner planner, double beta, EposProgress progress, int threads, double maxFleetEnergyJ) {
    EposResult result = Epos.run(agents, config(objective, planner, beta, maxFleetEnergyJ).withThreads(threads),
        progress);
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

  /**
   * One drone's candidate plans as I-EPOS sees them, the one translation of the in-process run and the
   * actors' ({@code org.swarmsense.agents.planning.PlannerSpec}): per plan the hover seconds per (cell,
   * slot) times the objective's {@link Objective#entryScale()} and the plan's cost (energy / battery)
   * as its local cost; with {@code energyEntry}, one more entry after the d sensing ones holding the
   * plan's energy in J, for a fleet energy budget.
   *
   * @param slotS the slot length S, s (COVER needs it; SQR and L1 ignore it)
   * @throws IllegalArgumentException when a plan has an entry at or beyond d = {@code goal.length}
   */
  public static AgentPlans agentPlans(int agentId, List<CandidatePlan> candidates, double[] goal, double slotS,
      CostFunction cost, boolean energyEntry) {
    return agentPlans(agentId, candidates, new Objective(goal, cost, slotS, 0, 0).entryScale(), energyEntry);
  }

  private static AgentPlans agentPlans(int agentId, List<CandidatePlan> candidates, double[] scale,
      boolean energyEntry) {
    int d = scale.length;
    int dims = energyEntry ? d + 1 : d;
    double[] costs = new double[candidates.size()];
    double[] values = new double[candidates.size() * dims];
    for (int k = 0; k < candidates.size(); k++) {
      CandidatePlan p = candidates.get(k);
      costs[k] = p.cost();
      for (int j = 0; j < p.nonZeros(); j++) {
        if (p.indexAt(j) >= d) {
          throw new IllegalArgumentException("plan " + k + " of agent " + agentId + " has entry " + p.indexAt(j)
              + " beyond dimension " + d);
        }
        values[k * dims + p.indexAt(j)] = p.hoverAt(j) * scale[p.indexAt(j)];
      }
      if (energyEntry) {
        values[k * dims + d] = p.energyJ();
      }
    }
    return AgentPlans.ofFlat(agentId, dims, costs, values);
  }

  /**
   * The I-EPOS configuration of {@code planner} at local-cost weight {@code beta} (the planner's own,
   * or a price on energy): SQR or L1 against the scaled goal (COVER: UNDER against {@link
   * Objective#scaledGoal}), local cost DISC, no reorganisation, with
   * {@code capFactor > 0} the cap sensing <= capFactor x r on every (cell, slot), and with a finite
   * {@code maxFleetEnergyJ} the budget on the energy entry of {@link #agentPlans} (which G does not
   * see). Threads: the default (all processors; results do not depend on it).
   */
  public static EposConfig config(double[] goal, double slotS, Planner planner, double beta,
      double maxFleetEnergyJ) {
    return config(objective(goal, slotS, planner), planner, beta,
        maxFleetEnergyJ);
  }

  private static EposConfig config(Objective objective, Planner planner, double beta, double maxFleetEnergyJ) {
    boolean budget = maxFleetEnergyJ < Double.POSITIVE_INFINITY;
    double[] scaledGoal = objective.scaledGoal();
    int d = scaledGoal.length;
    List<Constraint> constraints = new ArrayList<>();
    if (planner.capFactor() > 0) {
      for (int j = 0; j < d; j++) {
        constraints.add(Constraint.atMost(j, planner.capFactor() * scaledGoal[j]));
      }
    }
    GlobalCostFunction global = GlobalCosts.byName(switch (planner.cost()) {
      case SQR -> "SQR";
      case L1 -> "L1";
      case COVER -> "UNDER";
    }, scaledGoal, null);
    if (budget) {
      constraints.add(Constraint.atMost(d, maxFleetEnergyJ));
      global = sensingOnly(global, d);
    }
    return EposConfig.defaults()
        .withIterations(planner.iterations())
        .withRepetitions(planner.repetitions())
        .withChildren(planner.children())
        .withWeights(planner.alpha(), beta)
        .withGlobalCost(global)
        .withLocalCost(LocalCost.DISC)
        .withSeed(planner.seed())
        .withReorg(ReorganisationStrategy.never())
        .withConstraints(constraints);
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
