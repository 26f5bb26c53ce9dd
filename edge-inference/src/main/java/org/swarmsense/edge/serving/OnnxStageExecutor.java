package org.swarmsense.edge.serving;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.swarmsense.edge.runtime.Tensor;

/**
 * {@link StageExecutor} on the stage's ONNX Runtime session: stacks the samples' inputs along the
 * batch axis, runs, and cuts every output back into samples. A frequency level is emulated by a
 * slowdown factor: after a run that used c of CPU time on the calling thread (ONNX Runtime runs a
 * one-thread session there), the executor keeps the core busy (slowdown - 1) c more, as if the
 * processor were clocked {@code slowdown} times slower. CPU time, not wall time, so that time the
 * OS kept the thread off the core is not stretched; busy, not parked, so that no wake-up delay is
 * added (a slower clock keeps the core busy too). Used by one thread.
 */
public final class OnnxStageExecutor implements StageExecutor {

  private static final ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();

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
    double f = frequency.slowdown();
    long cpu0 = f > 1.0 ? THREAD_CPU.getCurrentThreadCpuTime() : 0;
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
    if (f > 1.0) {
      long extra = (long) ((f - 1.0) * (THREAD_CPU.getCurrentThreadCpuTime() - cpu0));
      long until = System.nanoTime() + extra;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    }
    return result;
  }
}
