package org.swarmsense.gateway.offload;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.swarmsense.epos.sensing.report.LegCheckFigures;
import org.swarmsense.semantic.control.Evaluation;

/**
 * The leg-check answers a simulated fleet's drones receive, counted (issue 19 part 4): answered, late,
 * refused by the edge node's reason, finest level reached, hits scored against the rendered truth, and
 * the time from request to answer (the latest {@link #MAX_LATENCIES} kept for the percentiles). The
 * drones' own counters are added in {@link #figures}. Thread-safe (synchronized).
 */
public final class LegCheckStats implements java.util.function.Consumer<OffloadingDrone.LegCheck> {

  /** Most latencies kept (a ring: the latest win). */
  public static final int MAX_LATENCIES = 100_000;

  private long results;
  private long answered;
  private long late;
  private long hits;
  private long trueHits;
  private long missed;
  private final Map<String, Long> refused = new TreeMap<>();
  private final Map<Integer, Long> byResolution = new TreeMap<>();
  private final double[] latenciesMs = new double[MAX_LATENCIES];

  @Override
  public synchronized void accept(OffloadingDrone.LegCheck c) {
    if (c.result().ok()) {
      answered++;
      late += c.result().late() ? 1 : 0;
      byResolution.merge(c.result().resolution(), 1L, Long::sum);
      if (c.hit()) {
        hits++;
        trueHits += c.truthBlocked() ? 1 : 0;
      } else if (c.truthBlocked()) {
        missed++;
      }
    } else {
      refused.merge(c.result().reason(), 1L, Long::sum);
    }
    latenciesMs[(int) (results++ % MAX_LATENCIES)] = c.roundTripMs();
  }

  /** Answers received so far. */
  public synchronized long results() {
    return results;
  }

  /**
   * The figures with the drones' own counters.
   *
   * @param sent checks sent to a node
   * @param withoutEdge checks with no reachable node
   * @param tooLow checks skipped below the lowest altitude
   * @param bytesSent request bytes sent
   */
  public synchronized LegCheckFigures figures(long sent, long withoutEdge, long tooLow, long bytesSent) {
    double[] sorted = Arrays.copyOf(latenciesMs, (int) Math.min(results, MAX_LATENCIES));
    Arrays.sort(sorted);
    boolean none = results == 0;
    return new LegCheckFigures(sent, withoutEdge, tooLow, results, answered, late, refused, byResolution, hits, trueHits,
        missed, bytesSent, none ? Double.NaN : Evaluation.percentile(sorted, 0.5),
        none ? Double.NaN : Evaluation.percentile(sorted, 0.99));
  }
}
