package org.swarmsense.epos.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A hard constraint on one dimension of the global response: {@code g[dimension] <= bound},
 * {@code >= bound} or {@code = bound} (equality within 1e-9 x max(1, |bound|)). The drone use case
 * caps the sensing per cell with {@link #atMost}. Immutable, thread-safe.
 *
 * <p>Rule the engine applies: every candidate an agent compares (a subset of children to approve, or
 * one of its plans) is scored first by its total violation (sum over constraints of how far the
 * candidate aggregate lies outside the bound) and only then by the objective; so a violating
 * candidate is never chosen while a feasible one (violation 0) exists, and among infeasible ones
 * the least violating wins. At iteration 0 (the greedy bottom-up pass) every child is approved, so
 * only each agent's own plan choice is constrained, and on its partial (subtree) aggregate: the
 * first global response may violate a bound. From iteration 1 on, the candidate is the full global
 * response with the agent's change applied, and since keeping the previous response is always one
 * of the root's options, the total violation of the global response never increases from one
 * iteration to the next (and is 0 from the first iteration that reaches a feasible response).
 *
 * @param dimension index of the constrained dimension, >= 0
 * @param relation the comparison
 * @param bound the finite bound, in the unit of the plans
 */
public record Constraint(int dimension, Relation relation, double bound) {

  /** The comparison of a constraint. */
  public enum Relation {
    /** g[dimension] must not exceed the bound. */
    AT_MOST,
    /** g[dimension] must reach the bound. */
    AT_LEAST,
    /** g[dimension] must equal the bound (within 1e-9 x max(1, |bound|)). */
    EQUAL
  }

  /** Validates the dimension, relation and bound. */
  public Constraint {
    if (dimension < 0) {
      throw new IllegalArgumentException("constraint dimension must be >= 0, got: " + dimension);
    }
    if (relation == null) {
      throw new IllegalArgumentException("constraint relation must not be null");
    }
    if (!Double.isFinite(bound)) {
      throw new IllegalArgumentException("constraint bound must be finite, got: " + bound);
    }
  }

  /** g[dimension] <= bound. */
  public static Constraint atMost(int dimension, double bound) {
    return new Constraint(dimension, Relation.AT_MOST, bound);
  }

  /** g[dimension] >= bound. */
  public static Constraint atLeast(int dimension, double bound) {
    return new Constraint(dimension, Relation.AT_LEAST, bound);
  }

  /** g[dimension] = bound. */
  public static Constraint equalTo(int dimension, double bound) {
    return new Constraint(dimension, Relation.EQUAL, bound);
  }

  /** The same cap on each of {@code dimensions} dimensions (e.g. sensing per cell). */
  public static List<Constraint> atMostEverywhere(int dimensions, double bound) {
    List<Constraint> out = new ArrayList<>(dimensions);
    for (int j = 0; j < dimensions; j++) {
      out.add(atMost(j, bound));
    }
    return List.copyOf(out);
  }

  /**
   * Parses {@code <dim><op><bound>} with op one of {@code <=, >=, =}, e.g. {@code 3<=12.5}; a
   * dimension of {@code *} means every dimension of a {@code dimensions}-long response.
   */
  public static List<Constraint> parse(String text, int dimensions) {
    String t = text == null ? "" : text.replace(" ", "");
    int at;
    Relation rel;
    int opLen = 2;
    if ((at = t.indexOf("<=")) > 0) {
      rel = Relation.AT_MOST;
    } else if ((at = t.indexOf(">=")) > 0) {
      rel = Relation.AT_LEAST;
    } else if ((at = t.indexOf('=')) > 0) {
      rel = Relation.EQUAL;
      opLen = 1;
    } else {
      throw new IllegalArgumentException("constraint must look like DIM<=BOUND, DIM>=BOUND or DIM=BOUND (DIM may be *), got: " + text);
    }
    String dim = t.substring(0, at);
    double bound;
    try {
      bound = Double.parseDouble(t.substring(at + opLen));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("constraint bound is not a number in: " + text);
    }
    List<Constraint> out = new ArrayList<>();
    if (dim.equals("*")) {
      for (int j = 0; j < dimensions; j++) {
        out.add(new Constraint(j, rel, bound));
      }
    } else {
      int j;
      try {
        j = Integer.parseInt(dim);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("constraint dimension must be an integer or *, got: " + dim + " in: " + text);
      }
      out.add(new Constraint(j, rel, bound));
    }
    return List.copyOf(out);
  }

  /** How far {@code value} lies outside this constraint (0 when satisfied). */
  public double violation(double value) {
    return switch (relation) {
      case AT_MOST -> Math.max(0, value - bound);
      case AT_LEAST -> Math.max(0, bound - value);
      case EQUAL -> {
        double e = Math.abs(value - bound);
        yield e <= 1e-9 * Math.max(1, Math.abs(bound)) ? 0 : e;
      }
    };
  }
}
