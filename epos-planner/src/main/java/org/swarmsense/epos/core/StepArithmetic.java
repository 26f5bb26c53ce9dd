package org.swarmsense.epos.core;

import java.util.List;

/**
 * The arithmetic every agent step shares: the combined cost O of a candidate ({@link CombinedCost}), constraint violation,
 * and the two choices of an agent (which children to approve, which plan to select), with ties
 * broken by the agent's own generator. Both engines and {@link AgentStep} call these, so they give
 * bit-identical answers. Immutable, thread-safe (scratch arrays and generator state are passed in).
 */
final class StepArithmetic {
  private final GlobalCostFunction global;
  private final double alpha;
  private final double beta;
  private final LocalCost localCost;
  private final int[] constraintDims;
  private final Constraint[] constraints;

  StepArithmetic(EposConfig config) {
    this.global = config.globalCost();
    this.alpha = config.alpha();
    this.beta = config.beta();
    this.localCost = config.localCost();
    List<Constraint> cs = config.constraints();
    this.constraints = cs.toArray(new Constraint[0]);
    this.constraintDims = new int[constraints.length];
    for (int i = 0; i < constraints.length; i++) {
      constraintDims[i] = constraints[i].dimension();
    }
  }

  double localCost(AgentPlans plans, int k) {
    return localCost.of(k, plans.cost(k));
  }

  /** {@link CombinedCost} of a candidate aggregate and local-cost sums over n agents. */
  double value(double[] candidate, double sumL, double sumL2, int n) {
    return CombinedCost.of(global.cost(candidate), sumL, sumL2, n, alpha, beta);
  }

  /** {@link CombinedCost} of a global cost already computed. */
  double complexCost(double g, double sumL, double sumL2, int n) {
    return CombinedCost.of(g, sumL, sumL2, n, alpha, beta);
  }

  /** As {@link #value} for the candidate base + add[addOff..], which is left in {@code candidate}. */
  double valueOfSum(double[] base, double[] add, int addOff, double[] candidate, double sumL, double sumL2, int n) {
    return CombinedCost.of(global.costOfSum(base, add, addOff, candidate), sumL, sumL2, n, alpha, beta);
  }

  /** Sum of constraint violations of a candidate aggregate (0 = feasible). */
  double violation(double[] candidate) {
    double v = 0;
    for (int i = 0; i < constraints.length; i++) {
      v += constraints[i].violation(candidate[constraintDims[i]]);
    }
    return v;
  }

  boolean hasConstraints() {
    return constraints.length > 0;
  }

  void checkDimension(int d) {
    for (int dim : constraintDims) {
      if (dim >= d) {
        throw new IllegalArgumentException("constraint dimension " + dim + " is outside the plans' dimension " + d);
      }
    }
    int need = global.requiredDimension();
    if (need >= 0 && need != d) {
      throw new IllegalArgumentException("the goal has " + need + " values but the plans have dimension " + d);
    }
  }

  /**
   * Picks the subset of children to approve at an iteration t > 0; returns a bit mask (bit c =
   * child c approved). Candidate = (g - sum_c prev_c) + sum_c (approved ? proposal_c : prev_c),
   * child 0 varying fastest; ties are broken uniformly at random with {@code rng[rngAt]}.
   */
  int chooseChildren(int d, int nc, double[] g, double gL, double gL2, int n,
      double[] prop, int propOff, double[] propL, double[] propL2, int propSumOff,
      double[] prev, int prevOff, double[] prevL, double[] prevL2, int prevSumOff,
      double[] outside, double[] cand, long[] rng, int rngAt) {
    // per dimension: ((g - prev_0) - prev_1) - ...; looped child by child so the loops vectorise
    System.arraycopy(g, 0, outside, 0, d);
    for (int c = 0; c < nc; c++) {
      int off = prevOff + c * d;
      for (int j = 0; j < d; j++) {
        outside[j] -= prev[off + j];
      }
    }
    double oL = gL;
    double oL2 = gL2;
    for (int c = 0; c < nc; c++) {
      oL -= prevL[prevSumOff + c];
      oL2 -= prevL2[prevSumOff + c];
    }
    int best = 0;
    double bestViolation = Double.POSITIVE_INFINITY;
    double bestCost = Double.POSITIVE_INFINITY;
    int ties = 0;
    for (int mask = 0, masks = 1 << nc; mask < masks; mask++) {
      // per dimension: ((outside + x_0) + x_1) + ..., x_c = proposal or previous response of child c
      System.arraycopy(outside, 0, cand, 0, d);
      for (int c = 0; c < nc; c++) {
        boolean in = ((mask >> c) & 1) != 0;
        double[] row = in ? prop : prev;
        int off = (in ? propOff : prevOff) + c * d;
        for (int j = 0; j < d; j++) {
          cand[j] += row[off + j];
        }
      }
      double cL = oL;
      double cL2 = oL2;
      for (int c = 0; c < nc; c++) {
        boolean in = ((mask >> c) & 1) != 0;
        cL += in ? propL[propSumOff + c] : prevL[prevSumOff + c];
        cL2 += in ? propL2[propSumOff + c] : prevL2[prevSumOff + c];
      }
      double viol = violation(cand);
      double cost = value(cand, cL, cL2, n);
      if (viol < bestViolation || (viol == bestViolation && cost < bestCost)) {
        best = mask;
        bestViolation = viol;
        bestCost = cost;
        ties = 1;
      } else if (viol == bestViolation && cost == bestCost) {
        ties++;
        if (TieBreak.pick(rng, rngAt, ties)) {
          best = mask;
        }
      }
    }
    return best;
  }

  /**
   * Picks the plan minimising O(other + p_k) with l(p_k) added to the sums; ties broken uniformly
   * at random with {@code rng[rngAt]}.
   */
  int choosePlan(int d, AgentPlans plans, double[] other, double otherL, double otherL2, int n,
      double[] cand, long[] rng, int rngAt) {
    double[] values = plans.flatValues();
    int best = 0;
    double bestViolation = Double.POSITIVE_INFINITY;
    double bestCost = Double.POSITIVE_INFINITY;
    int ties = 0;
    for (int k = 0, kk = plans.size(); k < kk; k++) {
      double l = localCost(plans, k);
      double cost = valueOfSum(other, values, k * d, cand, otherL + l, otherL2 + l * l, n);
      double viol = violation(cand);
      if (viol < bestViolation || (viol == bestViolation && cost < bestCost)) {
        best = k;
        bestViolation = viol;
        bestCost = cost;
        ties = 1;
      } else if (viol == bestViolation && cost == bestCost) {
        ties++;
        if (TieBreak.pick(rng, rngAt, ties)) {
          best = k;
        }
      }
    }
    return best;
  }
}
