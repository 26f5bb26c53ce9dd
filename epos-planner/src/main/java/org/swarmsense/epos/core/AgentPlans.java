package org.swarmsense.epos.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The candidate plans of one agent, all of the same dimension, stored compactly: one flat
 * {@code double[]} of K x d values (plan k occupies {@code [k*d, (k+1)*d)}) and one array of K plan
 * costs. A million agents' plans therefore cost one array object each, not K. Immutable once built
 * (the flat arrays are never handed out); thread-safe.
 */
public final class AgentPlans {
  private final int agentId;
  private final int dimension;
  private final double[] costs;
  private final double[] values;

  private AgentPlans(int agentId, int dimension, double[] costs, double[] values) {
    if (agentId < 0) {
      throw new IllegalArgumentException("agentId must be >= 0, got: " + agentId);
    }
    if (costs.length == 0) {
      throw new IllegalArgumentException("agent " + agentId + " must have at least one plan, got 0");
    }
    if (dimension <= 0 || values.length != costs.length * dimension) {
      throw new IllegalArgumentException("agent " + agentId + ": values length " + values.length
          + " is not plans (" + costs.length + ") x dimension (" + dimension + ")");
    }
    this.agentId = agentId;
    this.dimension = dimension;
    this.costs = costs;
    this.values = values;
  }

  /**
   * Plans of agent {@code agentId} from a list of plans, which must all have the same dimension.
   */
  public AgentPlans(int agentId, List<Plan> plans) {
    this(agentId, dimensionOf(agentId, plans), costsOf(plans), valuesOf(agentId, plans));
  }

  /**
   * Plans of agent {@code agentId} from flat arrays WITHOUT copying them (for large generated
   * datasets): the caller hands over ownership and must not modify the arrays afterwards. Every
   * value is checked to be finite.
   *
   * @param costs plan costs, one per plan
   * @param values plan vectors back to back, {@code costs.length * dimension} values
   */
  public static AgentPlans ofFlat(int agentId, int dimension, double[] costs, double[] values) {
    for (int i = 0; i < costs.length; i++) {
      if (!Double.isFinite(costs[i])) {
        throw new IllegalArgumentException("agent " + agentId + " plan " + i + " cost must be finite, got: " + costs[i]);
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("agent " + agentId + " plan " + (i / Math.max(1, dimension))
            + " value " + (i % Math.max(1, dimension)) + " must be finite, got: " + values[i]);
      }
    }
    return new AgentPlans(agentId, dimension, costs, values);
  }

  private static int dimensionOf(int agentId, List<Plan> plans) {
    if (plans == null || plans.isEmpty()) {
      throw new IllegalArgumentException("agent " + agentId + " must have at least one plan, got: " + plans);
    }
    return plans.get(0).dimension();
  }

  private static double[] costsOf(List<Plan> plans) {
    double[] c = new double[plans.size()];
    for (int k = 0; k < c.length; k++) {
      c[k] = plans.get(k).cost();
    }
    return c;
  }

  private static double[] valuesOf(int agentId, List<Plan> plans) {
    int d = plans.get(0).dimension();
    double[] v = new double[plans.size() * d];
    for (int k = 0; k < plans.size(); k++) {
      double[] p = plans.get(k).values();
      if (p.length != d) {
        throw new IllegalArgumentException("agent " + agentId + " plan " + k + " has dimension "
            + p.length + ", expected " + d + " like plan 0");
      }
      System.arraycopy(p, 0, v, k * d, d);
    }
    return v;
  }

  /** The agent's id (its index in the dataset, {@code agent_<id>.plans}). */
  public int agentId() {
    return agentId;
  }

  /** Number of plans K. */
  public int size() {
    return costs.length;
  }

  /** Dimension d of every plan. */
  public int dimension() {
    return dimension;
  }

  /** Plan {@code k} as a value (a copy). */
  public Plan plan(int k) {
    double[] v = new double[dimension];
    System.arraycopy(values, k * dimension, v, 0, dimension);
    return new Plan(costs[k], v);
  }

  /** All plans as values (copies). */
  public List<Plan> plans() {
    List<Plan> out = new ArrayList<>(costs.length);
    for (int k = 0; k < costs.length; k++) {
      out.add(plan(k));
    }
    return Collections.unmodifiableList(out);
  }

  /** The plan's own cost (from the dataset file). */
  public double cost(int k) {
    return costs[k];
  }

  /** Value {@code j} of plan {@code k}. */
  public double value(int k, int j) {
    return values[k * dimension + j];
  }

  /** The flat value array, for the engines in this package only (never modified by them). */
  double[] flatValues() {
    return values;
  }

  @Override
  public String toString() {
    return "AgentPlans[agent=" + agentId + ", plans=" + costs.length + ", d=" + dimension + "]";
  }
}
