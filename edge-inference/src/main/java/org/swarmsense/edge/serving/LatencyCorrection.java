package org.swarmsense.edge.serving;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Corrects the start-up {@link LatencyTable}s online from the stage times observed while serving.
 *
 * <p>Rule: every stage run of b samples at slowdown f that took t is compared with its prediction
 * p = table(stage, b) x f; the ratio t / p, clamped to [1 / maxRatio, maxRatio] so that one
 * preempted run cannot swing it, enters an exponentially weighted moving average of log(t / p)
 * with weight {@link SwitchSettings#ewmaWeight()} (a plain mean while fewer than 1 / weight
 * runs were seen, so the first run does not dominate), kept per (stage, batch size). An average
 * is trusted once it has {@link SwitchSettings#minObservations()} observations. A corrected
 * prediction is p x exp(average): the (stage, batch size)'s own average when trusted, else the
 * shared one, the mean of all trusted averages (the machine's load, learned from the stages that
 * do run, is the best guess for a stage that has not run yet; a mean of smoothed averages, so it
 * is as steady as they are), else 1 (the table as measured). Logs, not ratios, so that a run twice as slow
 * and one twice as fast cancel. Stages are known by the variants given at construction; a stage is
 * identified by the object (not by name), and with its table row, so truncated (early-exit) variants share their parent's rows.
 * Not thread-safe: one serving thread observes and predicts.
 */
public final class LatencyCorrection {

  private record Row(LatencyTable table, int stage) {}

  /** A moving average of log ratios and its number of observations. */
  private static final class Average {
    double logRatio;
    long n;

    void add(double logSample, double weight) {
      n++;
      logRatio += Math.max(weight, 1.0 / n) * (logSample - logRatio);
    }
  }

  private final SwitchSettings settings;
  private final Map<Stage, Row> rows = new IdentityHashMap<>();
  private final Map<Stage, Map<Integer, Average>> perStage = new IdentityHashMap<>();

  /** A correction for every stage of {@code variants}, starting from their tables as measured. */
  public LatencyCorrection(List<Variant> variants, SwitchSettings settings) {
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
    if (variants == null || variants.isEmpty()) {
      throw new IllegalArgumentException("variants must not be empty");
    }
    for (Variant v : variants) {
      for (int s = 0; s < v.model().depth(); s++) {
        rows.putIfAbsent(v.model().stages().get(s), new Row(v.table(), s));
      }
    }
  }

  /** Whether {@code stage} belongs to one of the variants this correction knows. */
  public boolean knows(Stage stage) {
    return rows.containsKey(stage);
  }

  /**
   * Records that {@code stage} ran a batch of {@code batch} samples at slowdown {@code slowdown} in
   * {@code observedNanos}.
   */
  public void observe(Stage stage, int batch, double slowdown, long observedNanos) {
    Row row = row(stage);
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got: " + batch);
    }
    if (!(slowdown >= 1) || Double.isInfinite(slowdown)) {
      throw new IllegalArgumentException("slowdown must be >= 1, got: " + slowdown);
    }
    if (observedNanos <= 0) {
      throw new IllegalArgumentException("observedNanos must be > 0, got: " + observedNanos);
    }
    double predicted = row.table().nanos(row.stage(), batch) * slowdown;
    double limit = Math.log(settings.maxRatio());
    double logSample = Math.max(-limit, Math.min(limit, Math.log(observedNanos / predicted)));
    perStage.computeIfAbsent(stage, k -> new HashMap<>()).computeIfAbsent(batch, k -> new Average()).add(logSample, settings.ewmaWeight());
  }

  /** The factor that corrects {@code stage}'s table time at {@code batch} (1 until anything is observed). */
  public double ratio(Stage stage, int batch) {
    row(stage);
    Average own = perStage.getOrDefault(stage, Map.of()).get(batch);
    if (own != null && own.n >= settings.minObservations()) {
      return Math.exp(own.logRatio);
    }
    return Math.exp(sharedLogRatio());
  }

  /** Mean of the trusted (stage, batch size) averages' log ratios; 0 (ratio 1) while none is trusted. */
  private double sharedLogRatio() {
    double sum = 0;
    int n = 0;
    for (Map<Integer, Average> byBatch : perStage.values()) {
      for (Average a : byBatch.values()) {
        if (a.n >= settings.minObservations()) {
          sum += a.logRatio;
          n++;
        }
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /** Observations of {@code stage} at {@code batch} so far. */
  public long observations(Stage stage, int batch) {
    Average own = perStage.getOrDefault(stage, Map.of()).get(batch);
    return own == null ? 0 : own.n;
  }

  /** Corrected batch-1 full-depth latency of {@code variant} at slowdown {@code slowdown}. */
  public long predictedNanos(Variant variant, double slowdown) {
    double sum = 0;
    for (int s = 0; s < variant.model().depth(); s++) {
      Stage stage = variant.model().stages().get(s);
      sum += variant.table().nanos(s, 1) * slowdown * ratio(stage, 1);
    }
    return Math.round(sum);
  }

  private Row row(Stage stage) {
    Row row = rows.get(stage);
    if (row == null) {
      throw new IllegalArgumentException("stage " + (stage == null ? null : stage.name())
          + " belongs to no variant of this correction");
    }
    return row;
  }
}
