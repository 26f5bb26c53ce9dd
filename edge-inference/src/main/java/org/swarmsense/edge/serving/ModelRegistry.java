package org.swarmsense.edge.serving;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Variants of one task with their measured (latency, accuracy) profiles. Per request it picks the
 * most accurate variant predicted to meet the deadline (HALP-style selection); the frequency level,
 * given as a slowdown factor, scales every prediction, so a slower processor is answered with a
 * more pruned variant and latency stays stable (All-in-One-style switching). Thread-safe for
 * reads; {@link #setSlowdown} is volatile.
 */
public final class ModelRegistry implements VariantChooser {

  private final List<Variant> variants;
  private volatile double slowdown = 1.0;

  /** A registry over {@code variants} (at least one). */
  public ModelRegistry(List<Variant> variants) {
    if (variants == null || variants.isEmpty()) {
      throw new IllegalArgumentException("variants must not be empty");
    }
    this.variants = List.copyOf(variants);
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
    return slowdown;
  }

  /** Sets the frequency level as a slowdown factor, at least 1. */
  public void setSlowdown(double factor) {
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("slowdown factor must be >= 1, got: " + factor);
    }
    this.slowdown = factor;
  }

  /**
   * Among variants accepted by {@code filter}, the most accurate one predicted (at the current
   * slowdown) to take at most {@code budgetNanos}; the fastest accepted one if none is.
   */
  public Variant choose(long budgetNanos, Predicate<Variant> filter) {
    double f = slowdown;
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
    long budget = request.deadlineNanos() - nowNanos - Math.round(backlogNanos * slowdown);
    return choose(budget, v -> true).model();
  }

  /**
   * The frequency-level switch: among full-depth variants of every pruning level, the one whose
   * predicted latency at the current slowdown is closest to {@code targetNanos} (the unpruned
   * model's nominal latency keeps latency stable); on a tie, the less pruned.
   */
  public Variant pruningLevelFor(long targetNanos) {
    double f = slowdown;
    Variant best = null;
    for (Variant v : variants) {
      if (v.model().depth() != v.exits() || v.model().name().contains("-e")) {
        continue;
      }
      long d = Math.abs(v.predictedNanos(f) - targetNanos);
      if (best == null || d < Math.abs(best.predictedNanos(f) - targetNanos)
          || (d == Math.abs(best.predictedNanos(f) - targetNanos) && v.pruningLevel() < best.pruningLevel())) {
        best = v;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no full-depth variant registered");
    }
    return best;
  }

  /** The most accurate variant overall. */
  public Variant mostAccurate() {
    return variants.stream().max(Comparator.comparingDouble(Variant::accuracy)).orElseThrow();
  }
}
