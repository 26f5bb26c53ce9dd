package org.swarmsense.epos.sensing.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a live fleet's frame offloading did during a mission, for report.json's {@code offload}
 * section and report.html's offload table: counted by the simulated drones (capture to result, as
 * the drone sees it). Immutable.
 *
 * @param tasksSent frames captured while hovering and sent to an edge node
 * @param capturesWithoutEdge captures dropped because no edge node was reachable (none heard, or all full)
 * @param results answers received (served plus refused)
 * @param served answers with detections
 * @param refusalsByReason refused or failed tasks by the edge node's reason code
 * @param detections boxes in the served answers
 * @param defended served answers the edge node's adversarial-patch defence ran on
 * @param masked served answers in which the defence masked a region (a suspected patch)
 * @param bytesSent bytes of task messages sent over the uplink
 * @param delayP50Ms median delay from capture to the answer's arrival, milliseconds (NaN without answers)
 * @param delayP99Ms 99th percentile of that delay, milliseconds (NaN without answers)
 */
public record OffloadFigures(long tasksSent, long capturesWithoutEdge, long results, long served,
    Map<String, Long> refusalsByReason, long detections, long defended, long masked, long bytesSent, double delayP50Ms,
    double delayP99Ms) {

  /** Checks counts are non-negative and consistent. */
  public OffloadFigures {
    if (tasksSent < 0 || capturesWithoutEdge < 0 || results < 0 || served < 0 || detections < 0 || bytesSent < 0) {
      throw new IllegalArgumentException("offload counts must be >= 0");
    }
    if (masked < 0 || masked > defended || defended > served) {
      throw new IllegalArgumentException("need 0 <= masked (" + masked + ") <= defended (" + defended + ") <= served ("
          + served + ")");
    }
    if (served > results) {
      throw new IllegalArgumentException("served (" + served + ") must be <= results (" + results + ")");
    }
    refusalsByReason = Map.copyOf(new TreeMap<>(refusalsByReason == null ? Map.of() : refusalsByReason));
    long refused = refusalsByReason.values().stream().mapToLong(Long::longValue).sum();
    if (served + refused != results) {
      throw new IllegalArgumentException("served (" + served + ") plus refusals (" + refused + ") must equal results ("
          + results + ")");
    }
    if (results == 0 != (Double.isNaN(delayP50Ms) && Double.isNaN(delayP99Ms))) {
      throw new IllegalArgumentException("delays are NaN exactly when there are no results, results " + results
          + ", delayP50Ms " + delayP50Ms);
    }
  }

  /** Whether the fleet offloaded at all (a capture was attempted). */
  public boolean any() {
    return tasksSent + capturesWithoutEdge > 0;
  }
}
