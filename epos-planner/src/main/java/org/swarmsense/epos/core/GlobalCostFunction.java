package org.swarmsense.epos.core;

/**
 * A global cost G of the aggregate ("global response") g, the sum of every agent's selected plan.
 * Lower is better. Implementations must be pure and thread-safe (the engines call one instance
 * from several threads at once).
 */
@FunctionalInterface
public interface GlobalCostFunction {

  /** G(g) for an aggregate of the dataset's dimension; must not modify {@code aggregate}. */
  double cost(double[] aggregate);

  /**
   * G(base + add[addOff .. addOff+d)) where d = base.length; on return {@code scratch} (length d)
   * holds that sum. The engines rank candidates with this; reported costs use {@link #cost}.
   * Overridden by functions that can fuse the addition into their first pass; an override must be
   * deterministic and equal {@code cost(scratch)} up to rounding (summation order).
   */
  default double costOfSum(double[] base, double[] add, int addOff, double[] scratch) {
    for (int j = 0; j < base.length; j++) {
      scratch[j] = base[j] + add[addOff + j];
    }
    return cost(scratch);
  }

  /**
   * The dimension this function needs (the goal's length), or -1 when any dimension will do. The
   * engine refuses a dataset of another dimension up front.
   */
  default int requiredDimension() {
    return -1;
  }
}
