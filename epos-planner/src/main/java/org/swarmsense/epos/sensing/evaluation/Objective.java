package org.swarmsense.epos.sensing.evaluation;

import java.util.List;
import org.swarmsense.epos.core.CombinedCost;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * The objective I-EPOS minimises, evaluated centrally for the baselines and reports: the
 * {@link CombinedCost} of G(m) / G(0), with G of the sensing aggregate m (hover seconds per (cell,
 * slot)) against the goal r one of
 * <ul>
 *   <li>SQR: sum (m - r)^2;</li>
 *   <li>L1: sum |m - r|;</li>
 *   <li>COVER: sum (r / S) max(0, S - m), S the slot length: the demand-weighted shortfall of each
 *       (cell, slot)'s hover below one full slot, so that G(0) - G(m) counts the demand's vehicle-seconds
 *       the hover covers, each second of a (cell, slot) once (hover beyond the slot gains nothing);</li>
 * </ul>
 * normalised by G(0) (the cost of sensing nothing, so the quality term is 1 when no drone flies), L
 * the mean and U the population standard deviation of the selected plans' costs (energy / battery
 * capacity). With that normalisation beta trades comparable quantities: quality relative to doing
 * nothing against batteries used per drone. {@link EposCoordination} hands I-EPOS plan entries and
 * goal scaled by {@link #entryScale} so that its G equals G(m) / G(0). Immutable and thread-safe.
 *
 * @param goal r, per (cell, slot)
 * @param cost SQR, L1 or COVER
 * @param slotS S, the slot length in seconds: > 0 for COVER, NaN (unused) for SQR and L1
 * @param alpha unfairness weight
 * @param beta local-cost weight
 */
public record Objective(double[] goal, CostFunction cost, double slotS, double alpha, double beta) {

  /** Copies the goal; COVER needs a slot length > 0. */
  public Objective {
    goal = goal.clone();
    if (cost == CostFunction.COVER && !(slotS > 0 && slotS < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("cost COVER needs the slot length in seconds > 0, got: " + slotS);
    }
  }

  /** An SQR or L1 objective (no slot length). */
  public Objective(double[] goal, CostFunction cost, double alpha, double beta) {
    this(goal, cost, Double.NaN, alpha, beta);
  }

  /** The same objective against another goal with other weights (a baseline's view of it). */
  public Objective with(double[] otherGoal, double otherAlpha, double otherBeta) {
    return new Objective(otherGoal, cost, slotS, otherAlpha, otherBeta);
  }

  /** G(0), the cost of sensing nothing: sum r^2 (SQR) or sum r (L1, COVER); 1 if the goal is zero. */
  public double zeroCost() {
    double g = global(new double[goal.length]);
    return g > 0 ? g : 1;
  }

  /**
   * The factor s_j by which I-EPOS sees the plan entries of (cell, slot) j so that its G (SQR, L1, or
   * the core's UNDER for COVER, against {@link #scaledGoal}) equals G / G(0): 1 / sqrt(G(0)) for SQR,
   * 1 / G(0) for L1, r_j / (S G(0)) for COVER (UNDER's sum max(0, s_j S - s_j m_j) is then COVER's G / G(0)).
   */
  public double[] entryScale() {
    double g0 = zeroCost();
    double[] s = new double[goal.length];
    for (int j = 0; j < s.length; j++) {
      s[j] = switch (cost) {
        case SQR -> 1 / Math.sqrt(g0);
        case L1 -> 1 / g0;
        case COVER -> goal[j] / (slotS * g0);
      };
    }
    return s;
  }

  /** The goal I-EPOS sees, at the scale of {@link #entryScale}: r_j s_j, or S s_j for COVER. */
  public double[] scaledGoal() {
    double[] s = entryScale();
    for (int j = 0; j < s.length; j++) {
      s[j] *= cost == CostFunction.COVER ? slotS : goal[j];
    }
    return s;
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
    return switch (cost) {
      case SQR -> e * e;
      case L1 -> Math.abs(e);
      case COVER -> r / slotS * Math.max(0, slotS - m);
    };
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

  /**
   * How far beta is from moving a selection towards less energy (a diagnosis, issue 14): the
   * smallest local-cost weight beta (alpha 0) at which some single drone of {@code selection} would
   * lower the combined cost by switching to one of its cheaper plans, the others kept. A drone
   * switching from plan p to a plan q with cost c_q < c_p changes the combined cost by (1 - beta)
   * dG + beta (c_q - c_p) / N (dG the change of the normalised G, L the mean cost over the N
   * drones), so it switches once beta > dG / (dG + (c_p - c_q) / N). 0 when a cheaper plan is no
   * worse for G already; +Infinity when no drone has a cheaper plan.
   *
   * @return {beta, drone, from plan, to plan}, drone and plans -1 when there is none
   */
  public double[] smallestSwitchingBeta(List<List<CandidatePlan>> plans, int[] selection) {
    double[] m = new double[goal.length];
    for (int i = 0; i < selection.length; i++) {
      plans.get(i).get(selection[i]).addTo(m, 1);
    }
    double g0 = zeroCost();
    int n = selection.length;
    double[] best = {Double.POSITIVE_INFINITY, -1, -1, -1};
    for (int i = 0; i < n; i++) {
      CandidatePlan p = plans.get(i).get(selection[i]);
      double[] without = m.clone();
      p.addTo(without, -1);
      double gp = delta(without, p, 1);
      for (int k = 0; k < plans.get(i).size(); k++) {
        CandidatePlan q = plans.get(i).get(k);
        double saved = p.cost() - q.cost();
        if (!(saved > 0)) {
          continue;
        }
        double dg = (delta(without, q, 1) - gp) / g0;
        double beta = dg <= 0 ? 0 : dg / (dg + saved / n);
        if (beta < best[0]) {
          best = new double[] {beta, i, selection[i], k};
        }
      }
    }
    return best;
  }

  @Override
  public double[] goal() {
    return goal.clone();
  }
}
