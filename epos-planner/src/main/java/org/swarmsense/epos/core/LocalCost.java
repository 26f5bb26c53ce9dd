package org.swarmsense.epos.core;

/**
 * The local cost l(p) of a plan, as seen by its own agent (dimensionless). Thread-safe.
 */
public enum LocalCost {
  /** The plan's position 0..K-1 in the agent's list (plans are listed by preference). */
  INDEX,
  /** The plan's own cost from its file ("discomfort"). */
  DISC,
  /** 1 - the plan's own cost (the file holds a preference score). */
  PREF;

  /** The local cost of plan {@code index} whose file cost is {@code planCost}. */
  public double of(int index, double planCost) {
    return switch (this) {
      case INDEX -> index;
      case DISC -> planCost;
      case PREF -> 1.0 - planCost;
    };
  }

  /** Case-insensitive lookup that names the accepted values on failure. */
  public static LocalCost byName(String name) {
    for (LocalCost c : values()) {
      if (c.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown local cost: " + name + " (expected INDEX, DISC or PREF)");
  }
}
