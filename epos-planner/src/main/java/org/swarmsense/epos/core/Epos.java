package org.swarmsense.epos.core;

import java.util.List;

/**
 * Entry points of I-EPOS: {@link #run} (the fast level-by-level engine, parallel over each tree
 * level) and {@link #runMessageByMessage} (every agent step and message delivered one at a time
 * through {@link AgentStep}, as the actor version does). Both give identical selections and costs.
 * Stateless and thread-safe.
 */
public final class Epos {
  private Epos() {}

  /** Runs I-EPOS on {@code agents} (agent i at list index i) with the fast engine. */
  public static EposResult run(List<AgentPlans> agents, EposConfig config) {
    return run(agents, config, EposProgress.none());
  }

  /** As {@link #run(List, EposConfig)}, reporting every finished iteration to {@code progress}. */
  public static EposResult run(List<AgentPlans> agents, EposConfig config, EposProgress progress) {
    check(agents, config);
    return new LevelEngine(agents, config, progress == null ? EposProgress.none() : progress).run();
  }

  /** Runs I-EPOS message by message through {@link AgentStep}; slower, single-threaded, same answers. */
  public static EposResult runMessageByMessage(List<AgentPlans> agents, EposConfig config) {
    return runMessageByMessage(agents, config, EposProgress.none());
  }

  /** As {@link #runMessageByMessage(List, EposConfig)}, with a progress listener. */
  public static EposResult runMessageByMessage(List<AgentPlans> agents, EposConfig config, EposProgress progress) {
    check(agents, config);
    return new MessageEngine(agents, config, progress == null ? EposProgress.none() : progress).run();
  }

  private static void check(List<AgentPlans> agents, EposConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    if (agents == null || agents.isEmpty()) {
      throw new IllegalArgumentException("agents must not be empty");
    }
    int d = agents.get(0).dimension();
    for (int i = 0; i < agents.size(); i++) {
      AgentPlans a = agents.get(i);
      if (a.agentId() != i) {
        throw new IllegalArgumentException("agent at list index " + i + " has id " + a.agentId() + "; ids must be 0..N-1 in order");
      }
      if (a.dimension() != d) {
        throw new IllegalArgumentException("agent " + i + " has plan dimension " + a.dimension() + ", agent 0 has " + d);
      }
    }
    new StepArithmetic(config).checkDimension(d);
  }
}
