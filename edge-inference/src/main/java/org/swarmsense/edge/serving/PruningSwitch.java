package org.swarmsense.edge.serving;

import java.util.HashMap;
import java.util.Map;

/**
 * The frequency-level switch on corrected predictions, with hysteresis.
 *
 * <p>Target: the unpruned model's nominal latency as corrected by the {@link LatencyCorrection}
 * (at nominal frequency the unpruned model runs, so it is observed all the time). Candidate: the
 * {@link ModelRegistry.SwitchRule#LEAST_PRUNED} level among those whose corrected prediction at the
 * registry's current slowdown is within the target (the fastest when none is). The switch keeps
 * one current level per frequency level and moves to the candidate only when (a) the current
 * level has served at least {@link SwitchSettings#dwellRequests()} requests at that frequency level
 * since it was chosen, so that its own correction has been observed, and (b) the candidate is
 * more pruned and the current level's corrected prediction exceeds the target by more than
 * {@link SwitchSettings#hysteresis()}, or the candidate is less pruned and its corrected prediction
 * is below the target by more than the hysteresis. The first request at a frequency level takes
 * the candidate. Not thread-safe: one serving thread asks.
 */
public final class PruningSwitch {

  private static final class State {
    Variant current;
    long served;
  }

  private final ModelRegistry registry;
  private final LatencyCorrection correction;
  private final SwitchSettings settings;
  private final Variant unpruned;
  private final Map<Double, State> perFrequency = new HashMap<>();
  private long switches;

  /** A switch over {@code registry}'s pruning levels predicting with {@code correction}. */
  public PruningSwitch(ModelRegistry registry, LatencyCorrection correction, SwitchSettings settings) {
    this.registry = java.util.Objects.requireNonNull(registry, "registry");
    this.correction = java.util.Objects.requireNonNull(correction, "correction");
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
    this.unpruned = leastPruned(registry);
  }

  /** The least pruned full-depth level of {@code registry}: its nominal latency is the target. */
  static Variant leastPruned(ModelRegistry registry) {
    Variant least = null;
    for (Variant v : registry.pruningLevels()) {
      if (least == null || v.pruningLevel() < least.pruningLevel()) {
        least = v;
      }
    }
    if (least == null) {
      throw new IllegalArgumentException("the registry has no full-depth pruning level");
    }
    return least;
  }

  /** The target: the least pruned level's corrected nominal (slowdown 1) batch-1 latency. */
  public long targetNanos() {
    return correction.predictedNanos(unpruned, 1.0);
  }

  /** The pruning level for the next request at the registry's current frequency level. */
  public Variant levelFor() {
    double f = registry.slowdown();
    long target = targetNanos();
    Variant candidate = registry.pruningLevelFor(target, ModelRegistry.SwitchRule.LEAST_PRUNED,
        v -> correction.predictedNanos(v, f));
    State st = perFrequency.computeIfAbsent(f, k -> new State());
    if (st.current == null) {
      st.current = candidate;
    } else if (candidate != st.current && st.served >= settings.dwellRequests()) {
      boolean move = candidate.pruningLevel() > st.current.pruningLevel()
          ? correction.predictedNanos(st.current, f) > target * (1 + settings.hysteresis())
          : correction.predictedNanos(candidate, f) < target * (1 - settings.hysteresis());
      if (move) {
        st.current = candidate;
        st.served = 0;
        switches++;
      }
    }
    st.served++;
    return st.current;
  }

  /** Switches made so far, over all frequency levels (a level's first choice is not a switch). */
  public long switches() {
    return switches;
  }
}
