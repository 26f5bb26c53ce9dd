package org.swarmsense.epos.sensing.evaluation;

import java.util.List;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * The objective I-EPOS minimises, evaluated centrally for the baselines and reports: O = (1 - alpha
 * - beta) G(m) + alpha U + beta L, with G = SQR (sum (m - r)^2) or L1 (sum |m - r|) of the sensing
 * aggregate m against the goal r, L the mean and U the population standard deviation of the selected
 * plans' costs (energy / battery capacity). Immutable and thread-safe.
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
    int n = selection.length;
    double l = sum / n;
    double var = sq / n - l * l;
    double u = var < 1e-9 ? 0 : Math.sqrt(var);
    return (1 - alpha - beta) * global(m) + alpha * u + beta * l;
  }

  @Override
  public double[] goal() {
    return goal.clone();
  }
}
