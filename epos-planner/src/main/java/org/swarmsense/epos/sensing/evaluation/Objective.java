package org.swarmsense.epos.sensing.evaluation;

import java.util.List;
import org.swarmsense.epos.core.CombinedCost;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * The objective I-EPOS minimises, evaluated centrally for the baselines and reports: the
 * {@link CombinedCost} of G(m) / G(0), with G = SQR (sum (m - r)^2) or L1 (sum |m - r|) of the
 * sensing aggregate m against the goal r, normalised by G(0) (the cost of sensing nothing, so the
 * quality term is 1 when no drone flies), L the mean and U the population standard deviation of
 * the selected plans' costs (energy / battery capacity). With that normalisation beta trades
 * comparable quantities: quality relative to doing nothing against batteries used per drone.
 * {@link EposCoordination} hands I-EPOS plans and goal scaled so that its G equals G(m) / G(0).
 * Immutable and thread-safe.
 *
 * @param goal r, per (cell, slot)
 * @param cost SQR or L1
 * @param alpha unfairness weight
 * @param beta local-cost weight
 */
public record Objective(double[] goal, CostFunction cost, double alpha, double beta) {

  public Objective {
    goal = goal.clone();
  }

  /** G(0), the cost of sensing nothing: sum r^2 (SQR) or sum r (L1); 1 if the goal is zero. */
  public double zeroCost() {
    double g = global(new double[goal.length]);
    return g > 0 ? g : 1;
  }

  /**
   * The factor s by which I-EPOS sees plan values and goal (x s) so that its G equals G / G(0):
   * 1 / sqrt(G(0)) for SQR, 1 / G(0) for L1.
   */
  public double valueScale() {
    return cost == CostFunction.SQR ? 1 / Math.sqrt(zeroCost()) : 1 / zeroCost();
  }

  /** G of an aggregate. */
  public double global(double[] m) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      s += term(m[i], goal[i]);
    }
    return s;
  }

  /** One entry's contribution to G. */
  public double term(double m, double r) {
    double e = m - r;
    return cost == CostFunction.SQR ? e * e : Math.abs(e);
  }

  /** Change of G when {@code plan} is added (sign 1) or removed (sign -1) from {@code m}. */
  public double delta(double[] m, CandidatePlan plan, double sign) {
    double d = 0;
    for (int i = 0; i < plan.nonZeros(); i++) {
      int j = plan.indexAt(i);
      double r = goal[j];
      d += term(m[j] + sign * plan.hoverAt(i), r) - term(m[j], r);
    }
    return d;
  }

  /** The full objective of a selection (one plan per drone). */
  public double of(List<List<CandidatePlan>> plans, int[] selection) {
    double[] m = new double[goal.length];
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < selection.length; i++) {
      CandidatePlan p = plans.get(i).get(selection[i]);
      p.addTo(m, 1);
      sum += p.cost();
      sq += p.cost() * p.cost();
    }
    return CombinedCost.of(global(m) / zeroCost(), sum, sq, selection.length, alpha, beta);
  }

  @Override
  public double[] goal() {
    return goal.clone();
  }
}
