package org.swarmsense.agents.edge;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.swarmsense.edge.offload.OffloadServer;
import org.swarmsense.edge.offload.PatchDefencePolicy;

/**
 * Settings of the edge nodes, read once from {@code swarmsense.agents.edge-node} (every key and its
 * meaning in the agents' {@code reference.conf}; unknown keys are refused), a nested block of the
 * module's {@link org.swarmsense.agents.settings.AgentsSettings} ({@code
 * AgentsSettings.defaults().edgeNode()}). Immutable and thread-safe.
 *
 * @param count edge nodes {@code serve} and the demo start, >= 0 (their {@code --edge-nodes N})
 * @param telemetryInterval period of each node's telemetry (queue, load, counters), > 0
 * @param queueCapacity open tasks a node holds at once, >= 1
 * @param maxTaskBytes largest task a node accepts (declared packets x 1,200 B), bytes
 * @param maxFramePixels largest declared frame, pixels
 * @param detectorModel a COCO-format ONNX detector the nodes run, or empty for the shipped vehicle detector
 * @param detectorThreads ONNX Runtime intra-op threads per node, >= 1
 * @param minScore detections below this score are not reported, 0..1
 * @param patchDefence when the nodes run the adversarial-patch defence (shipped vehicle detector only)
 * @param patchCalibration the defence's calibration file (a deployment's own, written by {@code swarmsense
 *     calibrate-defence}), or empty for the one shipped with the detector
 */
public record EdgeNodeSettings(int count, Duration telemetryInterval, int queueCapacity, long maxTaskBytes,
    long maxFramePixels, Optional<Path> detectorModel, int detectorThreads, double minScore,
    PatchDefencePolicy patchDefence, Optional<Path> patchCalibration) {

  private static final Set<String> KNOWN = Set.of("count", "telemetry-interval", "queue-capacity", "max-task-bytes",
      "max-frame-pixels", "detector-model", "detector-threads", "min-score", "patch-defence", "patch-calibration");

  /** Validates every field; the message names the key and the bad value. */
  public EdgeNodeSettings {
    if (count < 0) {
      throw new IllegalArgumentException("edge-node.count must be >= 0, got: " + count);
    }
    if (telemetryInterval == null || telemetryInterval.isNegative() || telemetryInterval.isZero()) {
      throw new IllegalArgumentException("edge-node.telemetry-interval must be > 0, got: " + telemetryInterval);
    }
    if (detectorThreads < 1) {
      throw new IllegalArgumentException("edge-node.detector-threads must be >= 1, got: " + detectorThreads);
    }
    if (!(minScore >= 0 && minScore <= 1)) {
      throw new IllegalArgumentException("edge-node.min-score must be in [0, 1], got: " + minScore);
    }
    if (detectorModel == null) {
      throw new IllegalArgumentException("edge-node.detector-model must not be null (empty for none)");
    }
    if (patchDefence == null) {
      throw new IllegalArgumentException("edge-node.patch-defence must be one of off, on-request, always, got: null");
    }
    if (patchCalibration == null) {
      throw new IllegalArgumentException("edge-node.patch-calibration must not be null (empty for the shipped one)");
    }
    new OffloadServer.Limits(queueCapacity, maxTaskBytes, maxFramePixels); // range checks
  }

  /** The settings in {@code config} (which must contain the reference defaults). */
  public static EdgeNodeSettings create(Config config) {
    Config c = config.getConfig("swarmsense.agents.edge-node");
    for (String key : c.root().keySet()) {
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException("unknown key swarmsense.agents.edge-node." + key + " (known: "
            + new java.util.TreeSet<>(KNOWN) + ", see the agents' reference.conf)");
      }
    }
    String model = c.getString("detector-model").strip();
    String calibration = c.getString("patch-calibration").strip();
    return new EdgeNodeSettings(c.getInt("count"), c.getDuration("telemetry-interval"), c.getInt("queue-capacity"),
        c.getBytes("max-task-bytes"), c.getLong("max-frame-pixels"),
        model.isEmpty() ? Optional.empty() : Optional.of(Path.of(model)), c.getInt("detector-threads"),
        c.getDouble("min-score"), PatchDefencePolicy.parse("swarmsense.agents.edge-node.patch-defence",
        c.getString("patch-defence")), calibration.isEmpty() ? Optional.empty() : Optional.of(Path.of(calibration)));
  }

  /** The node limits these settings give. */
  public OffloadServer.Limits limits() {
    return new OffloadServer.Limits(queueCapacity, maxTaskBytes, maxFramePixels);
  }

  /** Copy with another node count. */
  public EdgeNodeSettings withCount(int n) {
    return new EdgeNodeSettings(n, telemetryInterval, queueCapacity, maxTaskBytes, maxFramePixels, detectorModel,
        detectorThreads, minScore, patchDefence, patchCalibration);
  }

  /** Copy with another detector model. */
  public EdgeNodeSettings withDetectorModel(Path model) {
    return new EdgeNodeSettings(count, telemetryInterval, queueCapacity, maxTaskBytes, maxFramePixels,
        Optional.ofNullable(model), detectorThreads, minScore, patchDefence, patchCalibration);
  }

  /** Copy with another patch defence policy. */
  public EdgeNodeSettings withPatchDefence(PatchDefencePolicy policy) {
    return new EdgeNodeSettings(count, telemetryInterval, queueCapacity, maxTaskBytes, maxFramePixels, detectorModel,
        detectorThreads, minScore, policy, patchCalibration);
  }

  /** Copy with another patch defence calibration file (null: the shipped one). */
  public EdgeNodeSettings withPatchCalibration(Path file) {
    return new EdgeNodeSettings(count, telemetryInterval, queueCapacity, maxTaskBytes, maxFramePixels, detectorModel,
        detectorThreads, minScore, patchDefence, Optional.ofNullable(file));
  }
}
