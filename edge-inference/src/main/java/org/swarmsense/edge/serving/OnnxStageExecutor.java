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

  private volatile double slowdown = 1.0;

  /** The emulated slowdown factor (1 = nominal frequency). */
  public double slowdown() {
    return slowdown;
  }

  /** Sets the emulated slowdown factor, at least 1. */
  public void setSlowdown(double factor) {
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("slowdown factor must be >= 1, got: " + factor);
    }
    this.slowdown = factor;
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
    double f = slowdown;
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
