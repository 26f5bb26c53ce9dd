package org.swarmsense.edge;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Typed settings of the edge-inference module, read once from {@code swarmsense.edge-inference}
 * (defaults and their meaning in {@code reference.conf}). Immutable and thread-safe.
 *
 * @param intraOpThreads ONNX Runtime threads inside one operator
 * @param latencyTableBatchSizes batch sizes of the start-up latency tables, increasing from 1
 * @param latencyTableRepeats timed runs per (stage, batch size)
 * @param maxBatchSize largest fluid batch of the exit-aware scheduler
 * @param priorityBoostFullDepthLatencies slack credit per priority level, in full-depth batch-1 latencies
 * @param lateExitMaxAccuracyLossPoints largest accuracy loss (points) of an exit that answers a late sample
 * @param detectorIntraOpThreads ONNX Runtime threads inside one operator of the vehicle detector
 * @param plainVehicleScoreThreshold lowest heatmap score the plain vehicle detector reports, (0, 1)
 * @param robustVehicleScoreThreshold lowest heatmap score the robust vehicle detector reports, (0, 1)
 */
public record EdgeInferenceSettings(int intraOpThreads, int[] latencyTableBatchSizes, int latencyTableRepeats,
    int maxBatchSize, double priorityBoostFullDepthLatencies, double lateExitMaxAccuracyLossPoints,
    int detectorIntraOpThreads, double plainVehicleScoreThreshold, double robustVehicleScoreThreshold) {

  private static final Set<String> KNOWN_SERVING_KEYS = Set.of("intra-op-threads", "latency-table-batch-sizes",
      "latency-table-repeats", "max-batch-size", "priority-boost-full-depth-latencies",
      "late-exit-max-accuracy-loss-points");
  private static final Set<String> KNOWN_DETECTOR_KEYS = Set.of("intra-op-threads", "plain-score-threshold",
      "robust-score-threshold");

  /** Validates every field; the message names the field and the bad value. */
  public EdgeInferenceSettings {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be >= 1, got: " + intraOpThreads);
    }
    if (latencyTableBatchSizes == null || latencyTableBatchSizes.length == 0 || latencyTableBatchSizes[0] != 1) {
      throw new IllegalArgumentException("latencyTableBatchSizes must start at 1, got: "
          + Arrays.toString(latencyTableBatchSizes));
    }
    latencyTableBatchSizes = latencyTableBatchSizes.clone();
    for (int i = 1; i < latencyTableBatchSizes.length; i++) {
      if (latencyTableBatchSizes[i] <= latencyTableBatchSizes[i - 1]) {
        throw new IllegalArgumentException("latencyTableBatchSizes must increase, got: "
            + Arrays.toString(latencyTableBatchSizes));
      }
    }
    if (latencyTableRepeats < 1) {
      throw new IllegalArgumentException("latencyTableRepeats must be >= 1, got: " + latencyTableRepeats);
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, got: " + maxBatchSize);
    }
    if (!(priorityBoostFullDepthLatencies >= 0) || Double.isInfinite(priorityBoostFullDepthLatencies)) {
      throw new IllegalArgumentException("priorityBoostFullDepthLatencies must be >= 0, got: "
          + priorityBoostFullDepthLatencies);
    }
    if (!(lateExitMaxAccuracyLossPoints >= 0)) {
      throw new IllegalArgumentException("lateExitMaxAccuracyLossPoints must be >= 0, got: "
          + lateExitMaxAccuracyLossPoints);
    }
    if (detectorIntraOpThreads < 1) {
      throw new IllegalArgumentException("detectorIntraOpThreads must be >= 1, got: " + detectorIntraOpThreads);
    }
    if (!(plainVehicleScoreThreshold > 0 && plainVehicleScoreThreshold < 1)) {
      throw new IllegalArgumentException("plainVehicleScoreThreshold must be in (0, 1), got: "
          + plainVehicleScoreThreshold);
    }
    if (!(robustVehicleScoreThreshold > 0 && robustVehicleScoreThreshold < 1)) {
      throw new IllegalArgumentException("robustVehicleScoreThreshold must be in (0, 1), got: "
          + robustVehicleScoreThreshold);
    }
  }

  /** Settings from {@code ConfigFactory.load()} (reference.conf plus application.conf). */
  public static EdgeInferenceSettings load() {
    return create(ConfigFactory.load());
  }

  /** Settings from {@code config}; unknown keys under {@code serving} and {@code detector} are refused. */
  public static EdgeInferenceSettings create(Config config) {
    Config c = section(config, "serving", KNOWN_SERVING_KEYS);
    Config d = section(config, "detector", KNOWN_DETECTOR_KEYS);
    List<Integer> sizes = c.getIntList("latency-table-batch-sizes");
    return new EdgeInferenceSettings(c.getInt("intra-op-threads"), sizes.stream().mapToInt(Integer::intValue).toArray(),
        c.getInt("latency-table-repeats"), c.getInt("max-batch-size"), c.getDouble("priority-boost-full-depth-latencies"),
        c.getDouble("late-exit-max-accuracy-loss-points"), d.getInt("intra-op-threads"),
        d.getDouble("plain-score-threshold"), d.getDouble("robust-score-threshold"));
  }

  private static Config section(Config config, String name, Set<String> known) {
    Config c = config.getConfig("swarmsense.edge-inference." + name);
    for (String key : c.root().keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown key swarmsense.edge-inference." + name + "." + key + " (known: "
            + known + ", see edge-inference reference.conf)");
      }
    }
    return c;
  }
}
