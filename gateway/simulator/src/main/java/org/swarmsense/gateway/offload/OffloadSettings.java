package org.swarmsense.gateway.offload;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Set;

/**
 * How a drone offloads its frames, read once from {@code swarmsense.simulator.offload} (every key
 * and its meaning in this module's {@code reference.conf}; unknown keys refused). Immutable.
 *
 * @param samplingHz frames captured per second while hovering, (0, 30]; the sampling-rate controller
 *     changes it at run time ({@link OffloadingDrone#setSamplingHz})
 * @param quality JPEG quality of the codec's quantisation, 1..100
 * @param deadline how long after the edge node gets a task's first packet it answers, 1 ms..60 s
 * @param uplinkRateBytesPerS the drone's radio uplink, bytes per second (a deadline carries at most
 *     rate x deadline bytes), > 0
 * @param meanLoss mean packet loss of the uplink (Gilbert-Elliott bursts, mean burst 4 packets), 0..0.5
 * @param seed seed of the loss process (each frame draws from seed + frame index)
 * @param defendPatches ask the edge node for its adversarial-patch defence on every frame (the task's
 *     {@code defend}; the node's policy decides)
 */
public record OffloadSettings(double samplingHz, int quality, Duration deadline, double uplinkRateBytesPerS,
    double meanLoss, long seed, boolean defendPatches) {

  private static final Set<String> KNOWN = Set.of("sampling-hz", "quality", "deadline", "uplink-rate-bytes-per-s",
      "mean-loss", "seed", "defend-patches");

  /** Settings that do not ask for the patch defence. */
  public OffloadSettings(double samplingHz, int quality, Duration deadline, double uplinkRateBytesPerS, double meanLoss,
      long seed) {
    this(samplingHz, quality, deadline, uplinkRateBytesPerS, meanLoss, seed, false);
  }

  /** Validates every field; the message names the key and the bad value. */
  public OffloadSettings {
    if (!(samplingHz > 0 && samplingHz <= 30)) {
      throw new IllegalArgumentException("offload.sampling-hz must be in (0, 30], got: " + samplingHz);
    }
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("offload.quality must be 1..100, got: " + quality);
    }
    if (deadline == null || deadline.toMillis() < 1 || deadline.toMillis() > 60_000) {
      throw new IllegalArgumentException("offload.deadline must be 1 ms..60 s, got: " + deadline);
    }
    if (!(uplinkRateBytesPerS > 0) || Double.isInfinite(uplinkRateBytesPerS)) {
      throw new IllegalArgumentException("offload.uplink-rate-bytes-per-s must be > 0, got: " + uplinkRateBytesPerS);
    }
    if (!(meanLoss >= 0 && meanLoss <= 0.5)) {
      throw new IllegalArgumentException("offload.mean-loss must be in [0, 0.5], got: " + meanLoss);
    }
  }

  /** The settings in {@code config} (which must contain the reference defaults). */
  public static OffloadSettings create(Config config) {
    Config c = config.getConfig("swarmsense.simulator.offload");
    for (String key : c.root().keySet()) {
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException("unknown key swarmsense.simulator.offload." + key + " (known: "
            + new java.util.TreeSet<>(KNOWN) + ", see gateway-simulator's reference.conf)");
      }
    }
    return new OffloadSettings(c.getDouble("sampling-hz"), c.getInt("quality"), c.getDuration("deadline"),
        c.getDouble("uplink-rate-bytes-per-s"), c.getDouble("mean-loss"), c.getLong("seed"),
        c.getBoolean("defend-patches"));
  }

  /** The defaults of reference.conf (plus application.conf). */
  public static OffloadSettings load() {
    return create(ConfigFactory.load());
  }

  /** Copy with another uplink. */
  public OffloadSettings withUplink(double rateBytesPerS, double loss) {
    return new OffloadSettings(samplingHz, quality, deadline, rateBytesPerS, loss, seed, defendPatches);
  }

  /** Copy with another deadline. */
  public OffloadSettings withDeadline(Duration d) {
    return new OffloadSettings(samplingHz, quality, d, uplinkRateBytesPerS, meanLoss, seed, defendPatches);
  }

  /** Copy that asks for the patch defence, or not. */
  public OffloadSettings withDefendPatches(boolean defend) {
    return new OffloadSettings(samplingHz, quality, deadline, uplinkRateBytesPerS, meanLoss, seed, defend);
  }
}
