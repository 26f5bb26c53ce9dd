package org.swarmsense.epos.sensing.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a live fleet's leg checks did during a mission (issue 19 part 4), for report.json's {@code
 * legChecks} section and report.html's leg-check table: counted by the simulated drones (request sent
 * to answer, as the drone sees it). A hit is an answer whose finest level has an occupied voxel in
 * the leg's corridor; each is scored against the rendered truth. Immutable.
 *
 * @param checksSent occupancy requests sent to an edge node
 * @param checksWithoutEdge checks dropped because no edge node was reachable
 * @param checksTooLow checks skipped because the drone flew below the lowest altitude checked
 * @param results answers received (answered plus refused)
 * @param answered answers with occupancy (late ones included)
 * @param late answers that came after their deadline
 * @param refusalsByReason error answers by the edge node's reason code
 * @param answersByResolution answers by the finest level reached (16, 32 or 64 voxels per axis)
 * @param hits answers that blocked the leg
 * @param trueHits hits where the rendered truth has a surface in the corridor
 * @param missed answers without a hit where the truth has one
 * @param bytesSent bytes of occupancy requests sent
 * @param latencyP50Ms median time from the request leaving the drone to its answer, ms (NaN without answers)
 * @param latencyP99Ms 99th percentile of that time, ms (NaN without answers)
 */
public record LegCheckFigures(long checksSent, long checksWithoutEdge, long checksTooLow, long results, long answered,
    long late, Map<String, Long> refusalsByReason, Map<Integer, Long> answersByResolution, long hits, long trueHits,
    long missed, long bytesSent, double latencyP50Ms, double latencyP99Ms) {

  /** Checks counts are non-negative and consistent. */
  public LegCheckFigures {
    if (checksSent < 0 || checksWithoutEdge < 0 || checksTooLow < 0 || results < 0 || answered < 0 || late < 0
        || hits < 0 || trueHits < 0 || missed < 0 || bytesSent < 0) {
      throw new IllegalArgumentException("leg-check counts must be >= 0");
    }
    if (late > answered || hits > answered || trueHits > hits || missed > answered - hits || answered > results) {
      throw new IllegalArgumentException("need late (" + late + "), hits (" + hits + ") <= answered (" + answered
          + ") <= results (" + results + "), trueHits (" + trueHits + ") <= hits, missed (" + missed
          + ") <= answered - hits");
    }
    refusalsByReason = Map.copyOf(new TreeMap<>(refusalsByReason == null ? Map.of() : refusalsByReason));
    answersByResolution = Map.copyOf(new TreeMap<>(answersByResolution == null ? Map.of() : answersByResolution));
    long refused = refusalsByReason.values().stream().mapToLong(Long::longValue).sum();
    if (answered + refused != results) {
      throw new IllegalArgumentException("answered (" + answered + ") plus refusals (" + refused
          + ") must equal results (" + results + ")");
    }
    long byLevel = answersByResolution.values().stream().mapToLong(Long::longValue).sum();
    if (byLevel != answered) {
      throw new IllegalArgumentException("answers by resolution (" + byLevel + ") must equal answered (" + answered + ")");
    }
    if (results == 0 != (Double.isNaN(latencyP50Ms) && Double.isNaN(latencyP99Ms))) {
      throw new IllegalArgumentException("latencies are NaN exactly when there are no results, results " + results
          + ", latencyP50Ms " + latencyP50Ms);
    }
  }

  /** Hits where the truth has nothing in the corridor. */
  public long falseHits() {
    return hits - trueHits;
  }

  /** Whether the fleet checked at all (a check was attempted). */
  public boolean any() {
    return checksSent + checksWithoutEdge + checksTooLow > 0;
  }
}
