package org.swarmsense.epos.core;

import java.util.Locale;

/**
 * When to re-shuffle the tree between two iterations of one repetition. Immutable, thread-safe.
 *
 * <p>Rule, checked after iteration t (0-based) has finished, never after the last one; "since the
 * last reorganisation" counts iterations from the start of the repetition or from the last
 * reorganisation, whichever is later:
 * <ul>
 *   <li>{@link Kind#NEVER}: never.</li>
 *   <li>{@link Kind#PERIODICALLY}: when {@code period} iterations have run since the last
 *       reorganisation (so after iterations P-1, 2P-1, ...).</li>
 *   <li>{@link Kind#CONVERGENCE}: when G has not changed (equal as doubles) over the last
 *       {@code period} iterations, i.e. G_t == G_{t-1} == ... == G_{t-P}, all of them since the last
 *       reorganisation.</li>
 *   <li>{@link Kind#GLOBAL_COST_REDUCTION}: when G did not decrease, G_t >= G_{t-1}, both since
 *       the last reorganisation.</li>
 * </ul>
 * A reorganisation shuffles the current vertex-to-agent list with
 * {@code Collections.shuffle(list, new java.util.Random(seed))}, where the m-th reorganisation
 * (m = 1, 2, ...) of repetition s uses {@code seed = reorganisationSeed(runSeed, s, m)}; every agent
 * keeps its selected plan, the subtree responses are recomputed on the new tree, and the next
 * iteration proceeds as any iteration t > 0 from that state.
 *
 * @param kind when to reorganise
 * @param period P, in iterations, >= 1 (ignored by NEVER and GLOBAL_COST_REDUCTION)
 */
public record ReorganisationStrategy(Kind kind, int period) {

  /** The strategies. */
  public enum Kind {
    /** Keep one tree for the whole repetition (the reference default). */
    NEVER,
    /** Every P iterations. */
    PERIODICALLY,
    /** When G is unchanged for P iterations. */
    CONVERGENCE,
    /** When an iteration did not lower G. */
    GLOBAL_COST_REDUCTION
  }

  /** Validates the kind and the period. */
  public ReorganisationStrategy {
    if (kind == null) {
      throw new IllegalArgumentException("reorganisation kind must not be null");
    }
    if (period < 1) {
      throw new IllegalArgumentException("reorganisation period must be >= 1, got: " + period);
    }
  }

  /** Never reorganise. */
  public static ReorganisationStrategy never() {
    return new ReorganisationStrategy(Kind.NEVER, 1);
  }

  /** Parses never, periodically, convergence or globalCostReduction (any case, - or _ allowed). */
  public static ReorganisationStrategy of(String name, int period) {
    String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    Kind kind = switch (n) {
      case "NEVER" -> Kind.NEVER;
      case "PERIODICALLY", "PERIODIC" -> Kind.PERIODICALLY;
      case "CONVERGENCE" -> Kind.CONVERGENCE;
      case "GLOBALCOSTREDUCTION" -> Kind.GLOBAL_COST_REDUCTION;
      default -> throw new IllegalArgumentException("unknown reorganisation strategy: " + name
          + " (expected never, periodically, convergence or globalCostReduction)");
    };
    return new ReorganisationStrategy(kind, period);
  }

  /** The seed of the m-th reorganisation (m >= 1) of repetition {@code repetition}. */
  public static long reorganisationSeed(long runSeed, int repetition, int m) {
    return 1_000_003L * (1_000_003L * runSeed + repetition) + m;
  }

  /**
   * Whether to reorganise after the iteration whose global cost is last in {@code costs}, which
   * holds the global costs since the last reorganisation (oldest first).
   */
  public boolean shouldReorganise(double[] costs, int count) {
    return switch (kind) {
      case NEVER -> false;
      case PERIODICALLY -> count >= period;
      case CONVERGENCE -> {
        if (count < period + 1) {
          yield false;
        }
        double last = costs[count - 1];
        for (int i = count - 1 - period; i < count - 1; i++) {
          if (costs[i] != last) {
            yield false;
          }
        }
        yield true;
      }
      case GLOBAL_COST_REDUCTION -> count >= 2 && costs[count - 1] >= costs[count - 2];
    };
  }
}
