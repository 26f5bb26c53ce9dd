package org.swarmsense.edge.serving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.swarmsense.edge.runtime.Tensor;

/**
 * {@link StageExecutor} on the stage's ONNX Runtime session: stacks the samples' inputs along the
 * batch axis, runs, and cuts every output back into samples. A frequency level is emulated by a
 * slowdown factor: after a run that took t, the executor waits (slowdown - 1) t more, as if the
 * processor were clocked {@code slowdown} times slower. Used by one thread.
 */
public final class OnnxStageExecutor implements StageExecutor {

  private final FrequencyLevel frequency;

  /** An executor at the nominal frequency. */
  public OnnxStageExecutor() {
    this(new FrequencyLevel());
  }

  /** An executor that emulates a shared frequency level. */
  public OnnxStageExecutor(FrequencyLevel frequency) {
    this.frequency = java.util.Objects.requireNonNull(frequency, "frequency");
  }

  /** The emulated slowdown factor (1 = nominal frequency). */
  public double slowdown() {
    return frequency.slowdown();
  }

  @Override
  public List<Map<String, Tensor>> run(Stage stage, List<Map<String, Tensor>> samples) {
    long t0 = System.nanoTime();
    Map<String, Tensor> feed = new HashMap<>();
    for (String input : stage.session().inputNames()) {
      List<Tensor> parts = new ArrayList<>(samples.size());
      for (Map<String, Tensor> s : samples) {
        Tensor t = s.get(input);
        if (t == null) {
          throw new IllegalArgumentException("stage " + stage.name() + " needs tensor " + input + ", sample has: "
              + s.keySet());
        }
        parts.add(t);
      }
      feed.put(input, Tensor.stack(parts));
    }
    Map<String, Tensor> out = stage.session().run(feed);
    List<Map<String, Tensor>> result = new ArrayList<>(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      Map<String, Tensor> m = new HashMap<>();
      for (Map.Entry<String, Tensor> e : out.entrySet()) {
        m.put(e.getKey(), e.getValue().sample(i));
      }
      result.add(m);
    }
    double f = frequency.slowdown();
    if (f > 1.0) {
      long extra = (long) ((f - 1.0) * (System.nanoTime() - t0));
      long until = System.nanoTime() + extra;
      for (long left = extra; left > 0; left = until - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
    }
    return result;
  }
}
