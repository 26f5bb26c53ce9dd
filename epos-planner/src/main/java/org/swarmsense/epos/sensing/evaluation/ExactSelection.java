package org.swarmsense.epos.sensing.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.swarmsense.epos.core.CombinedCost;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * The exact optimum of {@link Objective} over every selection (one candidate plan per drone) whose
 * fleet energy is within a budget and whose sensing stays within the planner's cap per (cell, slot),
 * if it has one: the reference that says how far a planner's selection is from the best its candidate
 * plans allow (issue 14: is a miss the search or the objective?). Small fleets only: the search
 * enumerates depth first, drone by drone, and cuts a branch only when its energy plus the cheapest
 * plans of the drones left exceeds the budget or when a plan pushes a (cell, slot) over its cap (both
 * only grow down a branch). Exact duplicates of a drone's plan (same vector, energy and cost) are
 * searched once. Of selections whose objectives agree within 1e-12 (summed in another order they
 * would), the one with less energy wins, then the first in plan order. It stops after {@code
 * maxNodes} nodes; then the answer is the best found and {@link #exact()} is false. Stateless,
 * thread-safe.
 *
 * @param selection the plan index per drone
 * @param objective the selection's objective ({@link Objective#of})
 * @param energyJ the selection's fleet energy ({@link EposCoordination#energyJ}), J
 * @param exact true when every selection was searched, false when the search stopped at its node limit
 * @param nodes search nodes visited
 */
public record ExactSelection(int[] selection, double objective, double energyJ, boolean exact, long nodes) {

  /**
   * How far above a budget a sum of plan energies may lie and still count as within it, J: a budget is
   * often a sum of the same energies in another order, and that selection must fit its own budget.
   */
  public static final double BUDGET_SLACK_J = 1e-6;

  /** Copies and validates. */
  public ExactSelection {
    if (selection == null || !Double.isFinite(objective) || !(energyJ >= 0) || nodes < 0) {
      throw new IllegalArgumentException("selection, a finite objective, energyJ >= 0 and nodes >= 0 are needed");
    }
    selection = selection.clone();
  }

  @Override
  public int[] selection() {
    return selection.clone();
  }

  /**
   * Searches every selection within {@code maxFleetEnergyJ} (and the cap).
   *
   * @param plans the drones' candidate plans, at least one drone, each with at least one plan
   * @param objective what to minimise (its goal is r per (cell, slot))
   * @param capFactor as the planner's: {@code > 0} holds sensing to at most capFactor x r per (cell,
   *     slot), 0 for no cap
   * @param maxFleetEnergyJ the budget, J, or {@code +Infinity} for none
   * @param maxNodes the node limit, > 0
   * @throws IllegalArgumentException on bad arguments, or when no selection is within the budget and cap
   */
  public static ExactSelection search(List<List<CandidatePlan>> plans, Objective objective, double capFactor,
      double maxFleetEnergyJ, long maxNodes) {
    if (plans == null || plans.isEmpty() || plans.stream().anyMatch(p -> p == null || p.isEmpty())) {
      throw new IllegalArgumentException("plans must hold at least one drone, each with at least one plan");
    }
    if (objective == null || !(capFactor >= 0) || !(maxFleetEnergyJ >= 0) || maxNodes <= 0) {
      throw new IllegalArgumentException("objective must be given, capFactor >= 0, maxFleetEnergyJ >= 0 and maxNodes"
          + " > 0, got: " + capFactor + ", " + maxFleetEnergyJ + ", " + maxNodes);
    }
    return new Search(plans, objective, capFactor, maxFleetEnergyJ, maxNodes).run();
  }

  /** Objectives this close (relative, at least 1) are equal, and the one with less energy wins. */
  private static final double TIE = 1e-12;

  /** One search's state (one per call). */
  private static final class Search {
    private final List<List<CandidatePlan>> plans;
    private final int[][] distinct; // drone -> indices of its plans searched (first of each duplicate group)
    private final Objective objective;
    private final double[] cap; // null: no cap
    private final double budgetJ;
    private final long maxNodes;
    private final double[] cheapestAfter;
    private final double[] m;
    private final int[] chosen;
    private final double zeroCost;
    private long nodes;
    private double best = Double.POSITIVE_INFINITY;
    private double bestEnergy = Double.POSITIVE_INFINITY;
    private int[] bestChosen;

    Search(List<List<CandidatePlan>> plans, Objective objective, double capFactor, double budgetJ, long maxNodes) {
      this.plans = plans;
      this.objective = objective;
      this.budgetJ = budgetJ;
      this.maxNodes = maxNodes;
      double[] goal = objective.goal();
      this.m = new double[goal.length];
      this.zeroCost = objective.zeroCost();
      if (capFactor > 0) {
        cap = new double[goal.length];
        for (int j = 0; j < goal.length; j++) {
          cap[j] = capFactor * goal[j];
        }
      } else {
        cap = null;
      }
      int n = plans.size();
      distinct = new int[n][];
      cheapestAfter = new double[n + 1];
      for (int i = n - 1; i >= 0; i--) {
        List<CandidatePlan> ps = plans.get(i);
        List<Integer> keep = new ArrayList<>();
        double cheapest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < ps.size(); k++) {
          CandidatePlan p = ps.get(k);
          cheapest = Math.min(cheapest, p.energyJ());
          boolean repeat = false;
          for (int q : keep) {
            repeat |= same(ps.get(q), p);
          }
          if (!repeat) {
            keep.add(k);
          }
        }
        distinct[i] = keep.stream().mapToInt(Integer::intValue).toArray();
        cheapestAfter[i] = cheapestAfter[i + 1] + cheapest;
      }
      chosen = new int[n];
    }

    private static boolean same(CandidatePlan a, CandidatePlan b) {
      return a.energyJ() == b.energyJ() && a.cost() == b.cost() && Arrays.equals(a.indices(), b.indices())
          && Arrays.equals(a.hoverS(), b.hoverS());
    }

    ExactSelection run() {
      dfs(0, 0, objective.global(m), 0, 0);
      if (bestChosen == null) {
        if (nodes >= maxNodes) {
          throw new IllegalArgumentException("no selection within the budget and cap found in " + maxNodes + " nodes");
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "no selection is within %.3f J%s",
            budgetJ, cap == null ? "" : " and the sensing cap"));
      }
      return new ExactSelection(bestChosen, objective.of(plans, bestChosen), EposCoordination.energyJ(plans,
          bestChosen), nodes < maxNodes, nodes);
    }

    private void dfs(int i, double e, double g, double sumL, double sumL2) {
      if (nodes >= maxNodes) {
        return;
      }
      nodes++;
      if (i == plans.size()) {
        double o = CombinedCost.of(g / zeroCost, sumL, sumL2, i, objective.alpha(), objective.beta());
        double tie = bestChosen == null ? 0 : TIE * Math.max(1, Math.abs(best));
        if (bestChosen == null || o < best - tie || (o <= best + tie && e < bestEnergy)) {
          best = o;
          bestEnergy = e;
          bestChosen = chosen.clone();
        }
        return;
      }
      for (int k : distinct[i]) {
        CandidatePlan p = plans.get(i).get(k);
        double e2 = e + p.energyJ();
        if (e2 + cheapestAfter[i + 1] > budgetJ + BUDGET_SLACK_J) {
          continue;
        }
        double g2 = g + objective.delta(m, p, 1);
        p.addTo(m, 1);
        if (withinCap(p)) {
          chosen[i] = k;
          dfs(i + 1, e2, g2, sumL + p.cost(), sumL2 + p.cost() * p.cost());
        }
        p.addTo(m, -1);
      }
    }

    private boolean withinCap(CandidatePlan p) {
      if (cap == null) {
        return true;
      }
      for (int j = 0; j < p.nonZeros(); j++) {
        int at = p.indexAt(j);
        if (m[at] > cap[at] * (1 + 1e-12)) {
          return false;
        }
      }
      return true;
    }
  }
}
