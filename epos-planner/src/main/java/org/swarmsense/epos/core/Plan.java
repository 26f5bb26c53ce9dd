package org.swarmsense.epos.core;

import java.util.Arrays;

/**
 * One candidate plan of an agent: a vector of {@code values} (one per dimension of the global
 * response, in whatever unit the dataset uses) and the plan's own {@code cost} (its
 * "discomfort", read from the dataset file; used by {@link LocalCost#DISC} and {@link
 * LocalCost#PREF}). Immutable: the values are copied in and out. Thread-safe.
 *
 * @param cost the plan's own cost, finite
 * @param values the plan vector, at least one finite value
 */
public record Plan(double cost, double[] values) {

  /** Validates that the cost and every value are finite and copies the values. */
  public Plan {
    if (!Double.isFinite(cost)) {
      throw new IllegalArgumentException("plan cost must be finite, got: " + cost);
    }
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("plan values must hold at least one value, got: "
          + (values == null ? "null" : "[]"));
    }
    values = values.clone();
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw new IllegalArgumentException("plan value " + j + " must be finite, got: " + values[j]);
      }
    }
  }

  /** A copy of the plan vector. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** Number of dimensions of the plan vector. */
  public int dimension() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Plan p
        && Double.compare(p.cost, cost) == 0
        && Arrays.equals(p.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(cost) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Plan[cost=" + cost + ", d=" + values.length + "]";
  }
}
