package org.swarmsense.epos;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Set;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.core.GlobalCosts;
import org.swarmsense.epos.core.LocalCost;
import org.swarmsense.epos.core.ReorganisationStrategy;
import org.swarmsense.epos.core.Scaling;

/**
 * Typed settings of the epos-planner module, read once from {@code swarmsense.epos} (defaults and
 * their meaning in {@code reference.conf}). Immutable and thread-safe.
 *
 * @param iterations T, >= 1
 * @param repetitions S, >= 1
 * @param children k, 1..12
 * @param maxPlans K, plans read per agent, >= 1
 * @param alpha unfairness weight
 * @param beta local-cost weight
 * @param globalCost name of the global cost (see {@link GlobalCosts#NAMES})
 * @param scaling RSS scaling
 * @param localCost local cost
 * @param seed master seed
 * @param threads fast-engine threads, 0 = all processors
 * @param reorganisation never, periodically, convergence or globalCostReduction
 * @param reorganisationPeriod P, >= 1
 */
public record EposSettings(
    int iterations,
    int repetitions,
    int children,
    int maxPlans,
    double alpha,
    double beta,
    String globalCost,
    Scaling scaling,
    LocalCost localCost,
    long seed,
    int threads,
    String reorganisation,
    int reorganisationPeriod) {

  private static final Set<String> KNOWN_KEYS = Set.of("iterations", "repetitions", "children", "max-plans",
      "alpha", "beta", "global-cost", "scaling", "local-cost", "seed", "threads", "reorganisation",
      "reorganisation-period", "sensing");

  /** Validates every field by building the run configuration it describes (without a goal). */
  public EposSettings {
    if (maxPlans < 1) {
      throw new IllegalArgumentException("maxPlans must be >= 1, got: " + maxPlans);
    }
    if (globalCost == null || !GlobalCosts.NAMES.contains(globalCost.trim().toUpperCase(java.util.Locale.ROOT))
        && !globalCost.equalsIgnoreCase("variance")) {
      throw new IllegalArgumentException("globalCost must be one of " + GlobalCosts.NAMES + ", got: " + globalCost);
    }
    if (scaling == null || localCost == null) {
      throw new IllegalArgumentException("scaling and localCost must not be null");
    }
    new EposConfig(iterations, repetitions, children, alpha, beta, GlobalCosts.variance(), localCost, seed,
        ReorganisationStrategy.of(reorganisation, reorganisationPeriod), java.util.List.of(), threads);
  }

  /**
   * Settings as {@code ConfigFactory.load()} would give them (system properties over
   * application.conf over reference.conf), but parsing only this module's own reference.conf: the
   * classpath of the command line also holds the large reference.conf files of Pekko and HiveMQ,
   * which {@code ConfigFactory.load()} would parse and merge (most of a second of a short
   * {@code swarmsense epos} run) although no {@code swarmsense.epos} key can come from them.
   */
  public static EposSettings load() {
    Config own = ConfigFactory.parseURL(ownReferenceConf());
    Config config = ConfigFactory.defaultOverrides()
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(own)
        .resolve();
    return create(config);
  }

  /** This module's reference.conf: the one in the jar (or folder) EposSettings was loaded from. */
  static java.net.URL ownReferenceConf() {
    try {
      java.net.URL here = EposSettings.class.getResource("EposSettings.class");
      String s = here.toString();
      String prefix = s.substring(0, s.length() - "org/swarmsense/epos/EposSettings.class".length());
      return new java.net.URL(prefix + "reference.conf");
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException("cannot locate epos-planner's reference.conf", e);
    }
  }

  /**
   * Settings from the {@code swarmsense.epos} section of {@code config}; unknown keys are refused
   * so that a typo does not silently fall back to a default ({@code sensing} is left to the
   * sensing model).
   */
  public static EposSettings create(Config config) {
    Config c = config.getConfig("swarmsense.epos");
    for (String key : c.root().keySet()) {
      if (!KNOWN_KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown key swarmsense.epos." + key + " (known: " + KNOWN_KEYS
            + ", see epos-planner reference.conf)");
      }
    }
    return new EposSettings(c.getInt("iterations"), c.getInt("repetitions"), c.getInt("children"),
        c.getInt("max-plans"), c.getDouble("alpha"), c.getDouble("beta"), c.getString("global-cost"),
        Scaling.byName(c.getString("scaling")), LocalCost.byName(c.getString("local-cost")), c.getLong("seed"),
        c.getInt("threads"), c.getString("reorganisation"), c.getInt("reorganisation-period"));
  }

  /** The run configuration these settings describe, with the goal (null if none) for goal-based costs. */
  public EposConfig toConfig(double[] goalOrNull) {
    return new EposConfig(iterations, repetitions, children, alpha, beta,
        GlobalCosts.byName(globalCost, goalOrNull, scaling), localCost, seed,
        ReorganisationStrategy.of(reorganisation, reorganisationPeriod), java.util.List.of(), threads);
  }

  /** Whether the global cost needs a goal signal. */
  public boolean needsGoal() {
    String n = globalCost.trim().toUpperCase(java.util.Locale.ROOT);
    return !(n.equals("VAR") || n.equals("VARIANCE") || n.equals("STD"));
  }

  /** Copy with the given fields replaced where non-null (command-line overrides). */
  public EposSettings with(Integer iterations, Integer repetitions, Integer children, Integer maxPlans,
      Double alpha, Double beta, String globalCost, Scaling scaling, LocalCost localCost, Long seed,
      Integer threads, String reorganisation, Integer reorganisationPeriod) {
    return new EposSettings(
        iterations != null ? iterations : this.iterations,
        repetitions != null ? repetitions : this.repetitions,
        children != null ? children : this.children,
        maxPlans != null ? maxPlans : this.maxPlans,
        alpha != null ? alpha : this.alpha,
        beta != null ? beta : this.beta,
        globalCost != null ? globalCost : this.globalCost,
        scaling != null ? scaling : this.scaling,
        localCost != null ? localCost : this.localCost,
        seed != null ? seed : this.seed,
        threads != null ? threads : this.threads,
        reorganisation != null ? reorganisation : this.reorganisation,
        reorganisationPeriod != null ? reorganisationPeriod : this.reorganisationPeriod);
  }
}
