package org.swarmsense.edge.serving;

import java.util.List;
import java.util.Map;
import org.swarmsense.edge.runtime.Tensor;

/**
 * A {@link StageExecutor} that times every stage run of another executor on a {@link Clock} and
 * reports it, with the batch size and the current {@link FrequencyLevel}, to a {@link
 * LatencyCorrection}. Used by one thread.
 */
public final class ObservingExecutor implements StageExecutor {

  private final StageExecutor executor;
  private final Clock clock;
  private final FrequencyLevel frequency;
  private final LatencyCorrection correction;

  /** Observes {@code executor}'s runs on {@code clock} at {@code frequency} into {@code correction}. */
  public ObservingExecutor(StageExecutor executor, Clock clock, FrequencyLevel frequency,
      LatencyCorrection correction) {
    this.executor = java.util.Objects.requireNonNull(executor, "executor");
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    this.frequency = java.util.Objects.requireNonNull(frequency, "frequency");
    this.correction = java.util.Objects.requireNonNull(correction, "correction");
  }

  @Override
  public List<Map<String, Tensor>> run(Stage stage, List<Map<String, Tensor>> samples) {
    if (!correction.knows(stage)) {
      throw new IllegalArgumentException("stage " + stage.name() + " belongs to no variant of the correction");
    }
    double slowdown = frequency.slowdown();
    long t0 = clock.nanos();
    List<Map<String, Tensor>> out = executor.run(stage, samples);
    correction.observe(stage, samples.size(), slowdown, Math.max(1, clock.nanos() - t0));
    return out;
  }
}
