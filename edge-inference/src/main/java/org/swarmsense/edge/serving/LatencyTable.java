package org.swarmsense.edge.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.swarmsense.edge.runtime.Tensor;

/**
 * Measured time of every stage of one model per batch size (nanoseconds), the input of every
 * scheduling decision. Sizes between measured ones are interpolated linearly; sizes above the
 * largest are extrapolated at its per-sample cost. Immutable and thread-safe.
 *
 * @param model model name
 * @param batchSizes measured batch sizes, strictly increasing, starting at 1
 * @param stageNanos {@code stageNanos[stage][i]}: median time of the stage at {@code batchSizes[i]}
 */
public record LatencyTable(String model, int[] batchSizes, long[][] stageNanos) {

  /** Validates the table's shape and values. */
  public LatencyTable {
    if (batchSizes == null || batchSizes.length == 0 || batchSizes[0] != 1) {
      throw new IllegalArgumentException("batchSizes must start at 1, got: " + Arrays.toString(batchSizes));
    }
    for (int i = 1; i < batchSizes.length; i++) {
      if (batchSizes[i] <= batchSizes[i - 1]) {
        throw new IllegalArgumentException("batchSizes must increase, got: " + Arrays.toString(batchSizes));
      }
    }
    if (stageNanos == null || stageNanos.length == 0) {
      throw new IllegalArgumentException("stageNanos must have a row per stage");
    }
    for (long[] row : stageNanos) {
      if (row.length != batchSizes.length) {
        throw new IllegalArgumentException("every stage row needs " + batchSizes.length + " entries, got: "
            + row.length);
      }
      for (long v : row) {
        if (v <= 0) {
          throw new IllegalArgumentException("stage times must be > 0 ns, got: " + Arrays.toString(row));
        }
      }
    }
  }

  /**
   * Measures every stage of {@code model} at every batch size on {@code executor} (a warm-up pass
   * over all sizes, then per size one warm-up run and the median of {@code repeats}), feeding each
   * stage the previous stage's real outputs.
   */
  public static LatencyTable measure(StagedModel model, StageExecutor executor, Tensor sampleInput,
      int[] batchSizes, int repeats) {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got: " + repeats);
    }
    long[][] nanos = new long[model.depth()][batchSizes.length];
    for (int pass = 0; pass < 2; pass++) { // pass 0 warms up ONNX Runtime's arenas and the JIT at every size
      measurePass(model, executor, sampleInput, batchSizes, pass == 0 ? 1 : repeats, nanos);
    }
    return new LatencyTable(model.name(), batchSizes, nanos);
  }

  /**
   * The entry-wise lower of two tables of the same model and batch sizes. Interference from other
   * work on the machine (another process, the JIT compiling, a collection) only ever adds time, so
   * of two medians measured apart in time the lower is the better estimate of the stage's own time.
   */
  public static LatencyTable lower(LatencyTable a, LatencyTable b) {
    if (!a.model().equals(b.model()) || !Arrays.equals(a.batchSizes(), b.batchSizes())
        || a.depth() != b.depth()) {
      throw new IllegalArgumentException("tables differ in model, batch sizes or depth: " + a.model() + " "
          + Arrays.toString(a.batchSizes()) + " vs " + b.model() + " " + Arrays.toString(b.batchSizes()));
    }
    long[][] rows = new long[a.depth()][];
    for (int s = 0; s < rows.length; s++) {
      rows[s] = new long[a.batchSizes().length];
      for (int i = 0; i < rows[s].length; i++) {
        rows[s][i] = Math.min(a.stageNanos()[s][i], b.stageNanos()[s][i]);
      }
    }
    return new LatencyTable(a.model(), a.batchSizes(), rows);
  }

  private static void measurePass(StagedModel model, StageExecutor executor, Tensor sampleInput, int[] batchSizes,
      int repeats, long[][] nanos) {
    for (int bi = 0; bi < batchSizes.length; bi++) {
      List<Map<String, Tensor>> batch = new ArrayList<>();
      for (int i = 0; i < batchSizes[bi]; i++) {
        Map<String, Tensor> m = new HashMap<>();
        m.put(model.inputName(), sampleInput);
        batch.add(m);
      }
      for (int s = 0; s < model.depth(); s++) {
        Stage stage = model.stages().get(s);
        List<Map<String, Tensor>> out = executor.run(stage, batch);
        long[] times = new long[repeats];
        for (int r = 0; r < repeats; r++) {
          long t0 = System.nanoTime();
          out = executor.run(stage, batch);
          times[r] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        nanos[s][bi] = Math.max(1, times[repeats / 2]);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).putAll(out.get(i));
        }
      }
    }
  }

  /** Number of stages. */
  public int depth() {
    return stageNanos.length;
  }

  /** Predicted time of {@code stage} (0-based) on a batch of {@code batch} samples. */
  public long nanos(int stage, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got: " + batch);
    }
    long[] row = stageNanos[stage];
    int last = batchSizes.length - 1;
    if (batch >= batchSizes[last]) {
      return row[last] * batch / batchSizes[last];
    }
    int i = 0;
    while (batchSizes[i + 1] < batch) {
      i++;
    }
    if (batchSizes[i] == batch) {
      return row[i];
    }
    if (batchSizes[i + 1] == batch) {
      return row[i + 1];
    }
    double f = (double) (batch - batchSizes[i]) / (batchSizes[i + 1] - batchSizes[i]);
    return Math.round(row[i] + f * (row[i + 1] - row[i]));
  }

  /** Predicted batch-1 time of stages {@code fromStage} .. last. */
  public long remainingNanos(int fromStage) {
    long sum = 0;
    for (int s = fromStage; s < stageNanos.length; s++) {
      sum += stageNanos[s][0];
    }
    return sum;
  }

  /** Predicted batch-1 time of the whole model. */
  public long fullDepthNanos() {
    return remainingNanos(0);
  }

  /** Predicted time of the whole model on a batch of {@code batch}. */
  public long fullDepthNanos(int batch) {
    long sum = 0;
    for (int s = 0; s < stageNanos.length; s++) {
      sum += nanos(s, batch);
    }
    return sum;
  }
}
