package org.swarmsense.epos.sensing.evaluation;

import java.util.List;
import java.util.Random;
import org.swarmsense.epos.core.CombinedCost;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * The four baselines of specs/sensing.md, each choosing one plan per drone from the same candidate
 * plans I-EPOS chooses from. Stateless and thread-safe.
 *
 * <ul>
 *   <li>{@link #random}: uniformly random plan per drone (seeded).
 *   <li>{@link #greedy}: uncoordinated; each drone alone minimises (1 - beta) G(p vs r / N) /
 *       G(0 vs r / N) + beta cost(p), i.e. matches its 1/N share of the goal.
 *   <li>{@link #evenCoverage}: static even coverage (a demand-blind sweep); drones in turn pick the
 *       plan that brings the aggregate closest to a flat goal (the goal's total spread evenly over
 *       every (cell, slot)).
 *   <li>{@link #localSearch}: centralised best response, the upper reference: from each of several
 *       starts (the greedy selection and {@link #LOCAL_SEARCH_RANDOM_STARTS} seeded random ones)
 *       repeatedly let each drone in turn switch to the plan minimising the full objective given
 *       all others, until a round changes nothing or {@code maxRounds}; keep the best end point.
 * </ul>
 */
public final class Baselines {

  /** Random starts of the local search besides the greedy one. */
  public static final int LOCAL_SEARCH_RANDOM_STARTS = 4;

  private Baselines() {}

  /** Uniformly random selection. */
  public static int[] random(List<List<CandidatePlan>> plans, long seed) {
    Random rng = new Random(seed);
    int[] s = new int[plans.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = rng.nextInt(plans.get(i).size());
    }
    return s;
  }

  /** Uncoordinated greedy: each drone matches r / N alone. */
  public static int[] greedy(List<List<CandidatePlan>> plans, Objective objective) {
    int n = plans.size();
    double[] share = objective.goal();
    for (int j = 0; j < share.length; j++) {
      share[j] /= n;
    }
    Objective alone = objective.with(share, 0, objective.beta());
    double[] zero = new double[share.length];
    double g0 = alone.global(zero);
    double norm = alone.zeroCost();
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      double best = Double.POSITIVE_INFINITY;
      List<CandidatePlan> ps = plans.get(i);
      for (int k = 0; k < ps.size(); k++) {
        double g = (g0 + alone.delta(zero, ps.get(k), 1)) / norm;
        double l = ps.get(k).cost();
        double o = CombinedCost.of(g, l, l * l, 1, 0, objective.beta()); // one drone alone: no unfairness
        if (o < best) {
          best = o;
          s[i] = k;
        }
      }
    }
    return s;
  }

  /** Static even coverage: sequential matching of a flat goal with the same total. */
  public static int[] evenCoverage(List<List<CandidatePlan>> plans, Objective objective) {
    double[] goal = objective.goal();
    double total = 0;
    for (double g : goal) {
      total += g;
    }
    double[] flat = new double[goal.length];
    java.util.Arrays.fill(flat, total / goal.length);
    Objective even = objective.with(flat, 0, 0);
    double[] m = new double[goal.length];
    int[] s = new int[plans.size()];
    for (int i = 0; i < s.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      List<CandidatePlan> ps = plans.get(i);
      for (int k = 0; k < ps.size(); k++) {
        double dlt = even.delta(m, ps.get(k), 1);
        if (dlt < best) {
          best = dlt;
          s[i] = k;
        }
      }
      ps.get(s[i]).addTo(m, 1);
    }
    return s;
  }

  /** Centralised best-response local search from greedy and random starts (seeded). */
  public static int[] localSearch(List<List<CandidatePlan>> plans, Objective objective,
      int maxRounds, long seed) {
    int[] best = bestResponse(plans, objective, maxRounds, greedy(plans, objective));
    double bestO = objective.of(plans, best);
    for (int r = 0; r < LOCAL_SEARCH_RANDOM_STARTS; r++) {
      int[] s = bestResponse(plans, objective, maxRounds, random(plans, seed + 31L * (r + 1)));
      double o = objective.of(plans, s);
      if (o < bestO) {
        best = s;
        bestO = o;
      }
    }
    return best;
  }

  /** Best-response rounds from {@code start} until no drone changes or {@code maxRounds}. */
  public static int[] bestResponse(List<List<CandidatePlan>> plans, Objective objective,
      int maxRounds, int[] start) {
    int n = plans.size();
    int[] s = start.clone();
    double[] m = SensingMetrics.aggregate(plans, s, objective.goal().length);
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double c = plans.get(i).get(s[i]).cost();
      sum += c;
      sq += c * c;
    }
    double a = objective.alpha();
    double b = objective.beta();
    double g0 = objective.zeroCost();
    for (int round = 0; round < maxRounds; round++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        List<CandidatePlan> ps = plans.get(i);
        CandidatePlan cur = ps.get(s[i]);
        cur.addTo(m, -1);
        double sumO = sum - cur.cost();
        double sqO = sq - cur.cost() * cur.cost();
        int bestK = s[i];
        double best = Double.POSITIVE_INFINITY;
        double curScore = Double.NaN;
        for (int k = 0; k < ps.size(); k++) {
          CandidatePlan p = ps.get(k);
          double g = objective.delta(m, p, 1) / g0;
          double l = (sumO + p.cost()) / n;
          double var = (sqO + p.cost() * p.cost()) / n - l * l;
          double u = var < 1e-9 ? 0 : Math.sqrt(var);
          double o = (1 - a - b) * g + a * u + b * l;
          if (k == s[i]) {
            curScore = o;
          }
          if (o < best) {
            best = o;
            bestK = k;
          }
        }
        if (bestK != s[i] && best < curScore - 1e-12 * Math.max(1, Math.abs(curScore))) {
          s[i] = bestK;
          changed = true;
        }
        CandidatePlan chosen = ps.get(s[i]);
        chosen.addTo(m, 1);
        sum = sumO + chosen.cost();
        sq = sqO + chosen.cost() * chosen.cost();
      }
      if (!changed) {
        break;
      }
    }
    return s;
  }
}
