package org.swarmsense.edge.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.swarmsense.edge.runtime.Tensor;

/**
 * Generates the arrivals of a {@link Workload}: every device is a Poisson process (rate = total /
 * devices, times the burst factor inside bursts, drawn by thinning), deadlines and inputs per
 * request. Deterministic for a seed. Stateless and thread-safe.
 */
public final class LoadGenerator {

  /** An input of the trace: the tensor and its true class (-1 if none). */
  public record Input(Tensor tensor, int label) {}

  private LoadGenerator() {}

  /**
   * The trace of {@code workload} for a model whose batch-1 full-depth latency is {@code
   * fullDepthNanos}; request {@code i} (in arrival order) gets {@code inputs.apply(i)}.
   */
  public static List<Request> generate(Workload workload, long fullDepthNanos, IntFunction<Input> inputs) {
    if (fullDepthNanos <= 0) {
      throw new IllegalArgumentException("fullDepthNanos must be > 0, got: " + fullDepthNanos);
    }
    SplittableRandom rnd = new SplittableRandom(workload.seed());
    double totalPerNano = workload.loadFraction() / fullDepthNanos;
    double devicePeakPerNano = totalPerNano * workload.burstFactor() / workload.devices();
    long end = workload.duration().toNanos();
    record Arrival(int device, long nanos, long deadlineNanos) {}
    List<Arrival> arrivals = new ArrayList<>();
    for (int d = 0; d < workload.devices(); d++) {
      SplittableRandom dr = rnd.split();
      double t = 0;
      while (true) {
        t += -Math.log(1.0 - dr.nextDouble()) / devicePeakPerNano;
        if (t >= end) {
          break;
        }
        double accept = workload.inBurst((long) t) ? 1.0 : 1.0 / workload.burstFactor();
        double u = dr.nextDouble();
        double rel = workload.deadlineMin() + dr.nextDouble() * (workload.deadlineMax() - workload.deadlineMin());
        if (u < accept) {
          arrivals.add(new Arrival(d, (long) t, (long) t + Math.max(1, Math.round(rel * fullDepthNanos))));
        }
      }
    }
    arrivals.sort(Comparator.comparingLong(Arrival::nanos).thenComparingInt(Arrival::device));
    List<Request> trace = new ArrayList<>(arrivals.size());
    for (int i = 0; i < arrivals.size(); i++) {
      Arrival a = arrivals.get(i);
      Input in = inputs.apply(i);
      int priority = a.device() < workload.highPriorityDevices() ? 1 : 0;
      trace.add(new Request(i, a.device(), a.nanos(), a.deadlineNanos(), priority, in.label(), in.tensor()));
    }
    return trace;
  }
}
