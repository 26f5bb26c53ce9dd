package org.swarmsense.edge.serving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;
import org.swarmsense.edge.runtime.InferenceSession;
import org.swarmsense.edge.runtime.Tensor;

/**
 * A three-stage model whose stages take scripted times on a {@link FakeClock}. A sample's tensor
 * carries its request id and the number of stages it has passed, so every stage checks that it
 * was handed the sample's own parked tensor. Exit k of request i predicts class (3 i + k) mod 10
 * with confidence {@code confidence.applyAsLong(i) / 100}.
 */
final class ScriptedStages implements StageExecutor {
  static final int DEPTH = 3;

  final FakeClock clock = new FakeClock();
  final StagedModel model;
  final long stageNanos;
  final long perSampleNanos;
  final LongUnaryOperator confidencePercent;
  final List<String> violations = new ArrayList<>();
  final List<List<Long>> batches = new ArrayList<>();

  /**
   * Stage time for a batch of n = {@code stageNanos + (n - 1) * perSampleNanos}; exits 1 and 2 have
   * confidence threshold {@code threshold}.
   */
  ScriptedStages(long stageNanos, long perSampleNanos, double threshold, LongUnaryOperator confidencePercent) {
    this(stageNanos, perSampleNanos, threshold, confidencePercent, new double[] {Double.NaN, Double.NaN, Double.NaN});
  }

  /** As above, with a measured accuracy per exit. */
  ScriptedStages(long stageNanos, long perSampleNanos, double threshold, LongUnaryOperator confidencePercent,
      double[] exitAccuracy) {
    this.stageNanos = stageNanos;
    this.perSampleNanos = perSampleNanos;
    this.confidencePercent = confidencePercent;
    List<Stage> stages = new ArrayList<>();
    for (int k = 1; k <= DEPTH; k++) {
      String in = k == 1 ? "image" : "features" + (k - 1);
      List<String> outs = k < DEPTH ? List.of("features" + k, "probs" + k) : List.of("probs" + k);
      stages.add(new Stage("scripted/" + k, new Names(in, outs), Optional.of("probs" + k),
          k < DEPTH ? threshold : Double.POSITIVE_INFINITY, exitAccuracy[k - 1]));
    }
    model = new StagedModel("scripted", stages);
  }

  /** The exact latency table of the script (batch sizes 1..16). */
  LatencyTable table() {
    int[] sizes = {1, 2, 4, 8, 16};
    long[][] rows = new long[DEPTH][sizes.length];
    for (int s = 0; s < DEPTH; s++) {
      for (int i = 0; i < sizes.length; i++) {
        rows[s][i] = stageNanos + (sizes[i] - 1) * perSampleNanos;
      }
    }
    return new LatencyTable(model.name(), sizes, rows);
  }

  /** The input of request {@code id}. */
  static Tensor input(long id) {
    return new Tensor(new long[] {1, 2}, new float[] {id, 0});
  }

  /** Class predicted by exit {@code k} (1-based) for request {@code id}. */
  static int exitClass(long id, int k) {
    return (int) ((3 * id + k) % 10);
  }

  @Override
  public List<Map<String, Tensor>> run(Stage stage, List<Map<String, Tensor>> samples) {
    int k = model.stages().indexOf(stage) + 1;
    if (k == 0) {
      throw new IllegalArgumentException("unknown stage " + stage.name());
    }
    String in = stage.session().inputNames().get(0);
    List<Long> ids = new ArrayList<>();
    List<Map<String, Tensor>> out = new ArrayList<>();
    for (Map<String, Tensor> s : samples) {
      float[] t = s.get(in).data();
      long id = (long) t[0];
      ids.add(id);
      if (t[1] != k - 1) {
        violations.add("stage " + k + " got request " + id + "'s tensor after " + t[1] + " stages");
      }
      Map<String, Tensor> m = new HashMap<>();
      if (k < DEPTH) {
        m.put("features" + k, new Tensor(new long[] {1, 2}, new float[] {id, k}));
      }
      float[] probs = new float[10];
      float conf = confidencePercent.applyAsLong(id) / 100f;
      java.util.Arrays.fill(probs, (1 - conf) / 9);
      probs[exitClass(id, k)] = conf;
      m.put("probs" + k, new Tensor(new long[] {1, 10}, probs));
      out.add(m);
    }
    batches.add(ids);
    clock.advance(stageNanos + (samples.size() - 1) * perSampleNanos);
    return out;
  }

  /** A session that only names its inputs and outputs; the executor above does the work. */
  private record Names(String input, List<String> outputs) implements InferenceSession {
    @Override
    public List<String> inputNames() {
      return List.of(input);
    }

    @Override
    public List<String> outputNames() {
      return outputs;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
      throw new UnsupportedOperationException("scripted stages run in ScriptedStages.run");
    }

    @Override
    public void close() {}
  }
}
