package org.swarmsense.gateway.offload;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.swarmsense.epos.sensing.report.OffloadFigures;
import org.swarmsense.semantic.control.Evaluation;

/**
 * The answers a simulated fleet's offloading drones receive, counted: served, refused by the edge
 * node's reason, detections, answers the patch defence ran on and those where it masked a region, and the delay from capture to answer (the latest {@link #MAX_DELAYS}
 * kept for the percentiles). The drones' own counters (tasks sent, captures without a node, bytes)
 * are added in {@link #figures}. Thread-safe (synchronized): every drone's MQTT callback calls {@link #accept}.
 */
public final class OffloadStats implements java.util.function.Consumer<OffloadingDrone.Result> {

  /** Most delays kept (a ring: the latest win). */
  public static final int MAX_DELAYS = 100_000;

  private long results;
  private long served;
  private long detections;
  private long defended;
  private long masked;
  private final Map<String, Long> refused = new TreeMap<>();
  private final double[] delaysMs = new double[MAX_DELAYS];

  @Override
  public synchronized void accept(OffloadingDrone.Result r) {
    if (r.result().ok()) {
      served++;
      detections += r.result().detections().size();
      defended += r.result().defended() ? 1 : 0;
      masked += r.result().masked().isEmpty() ? 0 : 1;
    } else {
      refused.merge(r.result().reason(), 1L, Long::sum);
    }
    delaysMs[(int) (results++ % MAX_DELAYS)] = r.roundTripMs();
  }

  /** Answers received so far. */
  public synchronized long results() {
    return results;
  }

  /** Boxes in the served answers so far. */
  public synchronized long detections() {
    return detections;
  }

  /**
   * The figures with the drones' own counters.
   *
   * @param tasksSent tasks the drones sent
   * @param capturesWithoutEdge captures with no reachable node
   * @param bytesSent task bytes the drones sent
   */
  public synchronized OffloadFigures figures(long tasksSent, long capturesWithoutEdge, long bytesSent) {
    double[] sorted = Arrays.copyOf(delaysMs, (int) Math.min(results, MAX_DELAYS));
    Arrays.sort(sorted);
    boolean none = results == 0;
    return new OffloadFigures(tasksSent, capturesWithoutEdge, results, served, refused, detections, defended, masked,
        bytesSent, none ? Double.NaN : Evaluation.percentile(sorted, 0.5), none ? Double.NaN : Evaluation.percentile(sorted, 0.99));
  }
}
