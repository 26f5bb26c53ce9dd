package org.swarmsense.edge.serving;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * SLO metrics of one serving run over the requests of one window (all, in bursts, outside bursts).
 * Latencies are over answered requests; the SLO counts a request as satisfied when it was answered
 * by its deadline (a rejection never satisfies it). Immutable.
 *
 * @param requests requests in the window
 * @param answered of them answered (at any exit)
 * @param early of them answered before the last stage
 * @param meanMs mean latency (finish - arrival) of answered requests, ms
 * @param p50Ms median latency, ms
 * @param p99Ms 99th-percentile latency, ms
 * @param sloRate fraction of the window's requests answered by their deadline
 * @param accuracy fraction of answered labelled requests whose class is right (NaN without labels)
 * @param throughputPerS answered requests per second of the window's length
 */
public record ServingSummary(int requests, int answered, int early, double meanMs, double p50Ms, double p99Ms,
    double sloRate, double accuracy, double throughputPerS) {

  /** Summarises {@code responses} to the requests of {@code trace} that {@code window} accepts. */
  public static ServingSummary of(List<Request> trace, List<Response> responses, Predicate<Request> window,
      double windowSeconds) {
    Map<Long, Response> byId = new HashMap<>();
    for (Response r : responses) {
      if (byId.put(r.requestId(), r) != null) {
        throw new IllegalArgumentException("two responses to request " + r.requestId());
      }
    }
    int n = 0;
    int answered = 0;
    int early = 0;
    int slo = 0;
    int labelled = 0;
    int correct = 0;
    double[] lat = new double[trace.size()];
    for (Request q : trace) {
      if (!window.test(q)) {
        continue;
      }
      n++;
      Response r = byId.get(q.id());
      if (r == null) {
        throw new IllegalArgumentException("no response to request " + q.id());
      }
      if (!r.answered()) {
        continue;
      }
      lat[answered++] = (r.finishNanos() - q.arrivalNanos()) / 1e6;
      early += r.fullDepth() ? 0 : 1;
      slo += r.finishNanos() <= q.deadlineNanos() ? 1 : 0;
      if (q.label() >= 0) {
        labelled++;
        correct += r.predictedClass() == q.label() ? 1 : 0;
      }
    }
    double[] l = Arrays.copyOf(lat, answered);
    Arrays.sort(l);
    double mean = answered == 0 ? Double.NaN : Arrays.stream(l).sum() / answered;
    return new ServingSummary(n, answered, early, mean, percentile(l, 0.50), percentile(l, 0.99),
        n == 0 ? Double.NaN : (double) slo / n, labelled == 0 ? Double.NaN : (double) correct / labelled,
        answered / windowSeconds);
  }

  /** Nearest-rank percentile of sorted values, NaN if empty. */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
