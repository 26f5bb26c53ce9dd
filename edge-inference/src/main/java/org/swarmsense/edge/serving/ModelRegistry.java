package org.swarmsense.edge.serving;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Variants of one task with their measured (latency, accuracy) profiles. Per request it picks the
 * most accurate variant predicted to meet the deadline (HALP-style selection); the frequency level,
 * given as a slowdown factor, scales every prediction, so a slower processor is answered with a
 * more pruned variant and latency stays stable (All-in-One-style switching). Thread-safe for
 * reads; the level is a shared {@link FrequencyLevel}.
 */
public final class ModelRegistry implements VariantChooser {

  private final List<Variant> variants;
  private final FrequencyLevel frequency;

  /** A registry over {@code variants} (at least one) with a frequency level of its own. */
  public ModelRegistry(List<Variant> variants) {
    this(variants, new FrequencyLevel());
  }

  /** A registry over {@code variants} (at least one) predicting at a shared frequency level. */
  public ModelRegistry(List<Variant> variants, FrequencyLevel frequency) {
    if (variants == null || variants.isEmpty()) {
      throw new IllegalArgumentException("variants must not be empty");
    }
    this.variants = List.copyOf(variants);
    this.frequency = java.util.Objects.requireNonNull(frequency, "frequency");
  }

  /** All variants, in registration order. */
  public List<Variant> variants() {
    return variants;
  }

  /** Latency tables by model name, for a scheduler. */
  public Map<String, LatencyTable> tables() {
    Map<String, LatencyTable> m = new HashMap<>();
    variants.forEach(v -> m.put(v.model().name(), v.table()));
    return m;
  }

  /** The current frequency level as a slowdown factor (1 = nominal). */
  public double slowdown() {
    return frequency.slowdown();
  }

  /** Sets the frequency level as a slowdown factor, at least 1. */
  public void setSlowdown(double factor) {
    frequency.set(factor);
  }

  /**
   * Among variants accepted by {@code filter}, the most accurate one predicted (at the current
   * slowdown) to take at most {@code budgetNanos}; the fastest accepted one if none is.
   */
  public Variant choose(long budgetNanos, Predicate<Variant> filter) {
    double f = frequency.slowdown();
    Variant best = null;
    Variant fastest = null;
    for (Variant v : variants) {
      if (!filter.test(v)) {
        continue;
      }
      if (fastest == null || v.predictedNanos(f) < fastest.predictedNanos(f)) {
        fastest = v;
      }
      if (v.predictedNanos(f) <= budgetNanos && (best == null || v.accuracy() > best.accuracy())) {
        best = v;
      }
    }
    if (fastest == null) {
      throw new IllegalArgumentException("no variant passes the filter");
    }
    return best != null ? best : fastest;
  }

  @Override
  public StagedModel choose(Request request, long nowNanos, long backlogNanos) {
    long budget = request.deadlineNanos() - nowNanos - Math.round(backlogNanos * frequency.slowdown());
    return choose(budget, v -> true).model();
  }

  /** How the frequency-level switch ranks the pruning levels that fit the target latency. */
  public enum SwitchRule {
    /** The most accurate level that fits; on equal accuracy the less pruned. */
    MOST_ACCURATE,
    /** The least pruned level that fits (the slowest within the target), whatever the accuracies say. */
    LEAST_PRUNED
  }

  /**
   * The frequency-level switch: among the full-depth variants of every pruning level, the one that
   * {@code rule} ranks first among those whose predicted latency at the current slowdown stays
   * within {@code targetNanos} (the unpruned model's nominal latency, so latency stays stable); the
   * fastest when none fits.
   */
  public Variant pruningLevelFor(long targetNanos, SwitchRule rule) {
    double f = frequency.slowdown();
    return pruningLevelFor(targetNanos, rule, v -> v.predictedNanos(f));
  }

  /**
   * The same switch on other predictions: {@code predictedNanos} gives each pruning level's
   * full-depth batch-1 latency (e.g. corrected online by {@link LatencyCorrection}).
   */
  public Variant pruningLevelFor(long targetNanos, SwitchRule rule, ToLongFunction<Variant> predictedNanos) {
    Variant best = null;
    Variant fastest = null;
    long fastestNanos = Long.MAX_VALUE;
    for (Variant v : pruningLevels()) {
      long t = predictedNanos.applyAsLong(v);
      if (fastest == null || t < fastestNanos) {
        fastest = v;
        fastestNanos = t;
      }
      if (t > targetNanos) {
        continue;
      }
      boolean better = best == null
          || (rule == SwitchRule.MOST_ACCURATE
              ? v.accuracy() > best.accuracy() || (v.accuracy() == best.accuracy() && v.pruningLevel() < best.pruningLevel())
              : v.pruningLevel() < best.pruningLevel());
      if (better) {
        best = v;
      }
    }
    if (fastest == null) {
      throw new IllegalStateException("no full-depth variant registered");
    }
    return best != null ? best : fastest;
  }

  /** The full-depth variant of every pruning level (no early-exit truncations), in registration order. */
  public List<Variant> pruningLevels() {
    return variants.stream().filter(v -> v.model().depth() == v.exits() && !v.model().name().contains("-e")).toList();
  }

  /** The most accurate variant overall. */
  public Variant mostAccurate() {
    return variants.stream().max(Comparator.comparingDouble(Variant::accuracy)).orElseThrow();
  }
}
