package org.swarmsense.agents.detect;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How {@code mission plan --detect} flies a mission with cameras, read once from {@code
 * swarmsense.agents.mission-detect} (every key and its meaning in the agents' {@code
 * reference.conf}; unknown keys refused), a nested block of the module's {@link
 * org.swarmsense.agents.settings.AgentsSettings} ({@code AgentsSettings.defaults().missionDetect()}).
 * Chosen and written down before any figure was measured. Immutable and thread-safe.
 *
 * @param captureIntervalS seconds of hover between two frames of a drone (the sampling rate is its
 *     inverse), whole seconds, 1..3600
 * @param quickCaptureIntervalS the same for {@code --quick} runs (tests), whole seconds, 1..3600
 * @param quality JPEG quality of the codec's quantisation, 1..100
 * @param deadline how long the edge node waits for a task's packets; the uplink carries at most
 *     rate x deadline bytes of a frame, 1 ms..60 s
 * @param uplinkRateBytesPerS the drone's uplink, bytes per second, &gt; 0
 * @param meanLoss mean packet loss of the uplink (Gilbert-Elliott bursts), 0..0.5
 * @param minIou least IoU of a detection matched to a ground-truth box, (0, 1]
 * @param cocoVehicleClassIds class ids counted as vehicles when the detector is a COCO-format model
 *     given as a file (others are ignored), non-empty
 * @param seed seed of the camera (lighting, noise) and of the channel's losses
 * @param control the capture-rate and offloading control of the run (issue 15 part 4)
 */
public record MissionDetectSettings(int captureIntervalS, int quickCaptureIntervalS, int quality, Duration deadline,
    double uplinkRateBytesPerS, double meanLoss, double minIou, List<Integer> cocoVehicleClassIds, long seed,
    Control control) {

  private static final Set<String> KNOWN = Set.of("capture-interval-s", "quick-capture-interval-s", "quality",
      "deadline", "uplink-rate-bytes-per-s", "mean-loss", "min-iou", "coco-vehicle-class-ids", "seed", "control");
  private static final Set<String> KNOWN_CONTROL = Set.of("enabled", "levels", "accuracy-target",
      "on-board-relative-accuracy", "on-board-cpu-hz", "on-board-cycles-per-frame", "edge-cpu-hz",
      "edge-cycles-per-frame", "local-queue-cap-frames", "edge-queue-cap-frames", "goal-delay-reduction",
      "price-steps", "live-sampling-accuracy");

  /**
   * The control's parameters (every key and its meaning in the agents' reference.conf, {@code
   * mission-detect.control}); chosen and written down before any figure was measured.
   *
   * @param enabled whether the detect run computes the comparison
   * @param levels K: level k captures k/K of the full rate (one frame per capture interval of hover), 1..16
   * @param accuracyTarget the detection service's long-run accuracy target, (0, 1]
   * @param onBoardRelativeAccuracy h of the drone's on-board model relative to the edge node's, (0, 1]
   * @param onBoardCpuHz the drone's compute for the on-board model, Hz, &gt; 0
   * @param onBoardCyclesPerFrame cycles of the on-board model per frame, &gt; 0
   * @param edgeCpuHz the edge node's compute for the fleet's frames, Hz, &gt; 0
   * @param edgeCyclesPerFrame cycles of the edge node's detector per frame, &gt; 0
   * @param localQueueCapFrames a drone's queue cap, frames, &gt; 0
   * @param edgeQueueCapFrames the edge node's queue cap, frames, &gt; 0
   * @param goalDelayReduction the goal: the controller's mean delay at most (1 - this) of the best
   *     fixed rate's, (0, 1)
   * @param priceSteps the controller's price rule: V = priceSteps A_th / mu0, so that one slot's
   *     largest accuracy gap moves the price of accuracy by at most mu0 / priceSteps, &gt; 0
   * @param liveSamplingAccuracy g(k) of the live fleet ({@code demo}, {@code simulate --capture-control}),
   *     one per level, each in (0, 1]: the live drones have no ground truth per frame to measure it, so
   *     it is the detect run's measured g(k) on the same map (agents README, "Capture-rate control of
   *     the live fleet")
   */
  public record Control(boolean enabled, int levels, double accuracyTarget, double onBoardRelativeAccuracy,
      double onBoardCpuHz, double onBoardCyclesPerFrame, double edgeCpuHz, double edgeCyclesPerFrame,
      double localQueueCapFrames, double edgeQueueCapFrames, double goalDelayReduction, double priceSteps,
      List<Double> liveSamplingAccuracy) {

    /** Validates every field; the message names the key and the bad value. */
    public Control {
      if (levels < 1 || levels > 16) {
        throw new IllegalArgumentException("mission-detect.control.levels must be 1..16, got: " + levels);
      }
      unit("accuracy-target", accuracyTarget);
      unit("on-board-relative-accuracy", onBoardRelativeAccuracy);
      positive("on-board-cpu-hz", onBoardCpuHz);
      positive("on-board-cycles-per-frame", onBoardCyclesPerFrame);
      positive("edge-cpu-hz", edgeCpuHz);
      positive("edge-cycles-per-frame", edgeCyclesPerFrame);
      positive("local-queue-cap-frames", localQueueCapFrames);
      positive("edge-queue-cap-frames", edgeQueueCapFrames);
      positive("price-steps", priceSteps);
      if (liveSamplingAccuracy == null || liveSamplingAccuracy.size() != levels) {
        throw new IllegalArgumentException("mission-detect.control.live-sampling-accuracy must have one value per level ("
            + levels + "), got: " + liveSamplingAccuracy);
      }
      for (double g : liveSamplingAccuracy) {
        unit("live-sampling-accuracy", g);
      }
      liveSamplingAccuracy = List.copyOf(liveSamplingAccuracy);
      if (!(goalDelayReduction > 0 && goalDelayReduction < 1)) {
        throw new IllegalArgumentException("mission-detect.control.goal-delay-reduction must be in (0, 1), got: "
            + goalDelayReduction);
      }
    }

    private static void unit(String key, double v) {
      if (!(v > 0 && v <= 1)) {
        throw new IllegalArgumentException("mission-detect.control." + key + " must be in (0, 1], got: " + v);
      }
    }

    private static void positive(String key, double v) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("mission-detect.control." + key + " must be a finite number > 0, got: "
            + v);
      }
    }

    /** A number setting; a value of another type is refused naming the key and the value. */
    private static double number(Config c, String key) {
      try {
        return c.getDouble(key);
      } catch (com.typesafe.config.ConfigException.WrongType e) {
        throw new IllegalArgumentException("mission-detect.control." + key + " must be a number, got: "
            + c.getValue(key).render(), e);
      }
    }

    /** A list of numbers; anything else is refused naming the key and the value. */
    private static List<Double> numbers(Config c, String key) {
      try {
        return c.getDoubleList(key);
      } catch (com.typesafe.config.ConfigException.WrongType e) {
        throw new IllegalArgumentException("mission-detect.control." + key + " must be a list of numbers, got: "
            + c.getValue(key).render(), e);
      }
    }

    static Control create(Config c) {
      for (String key : c.root().keySet()) {
        if (!KNOWN_CONTROL.contains(key)) {
          throw new IllegalArgumentException("unknown key swarmsense.agents.mission-detect.control." + key
              + " (known: " + new java.util.TreeSet<>(KNOWN_CONTROL) + ", see the agents' reference.conf)");
        }
      }
      return new Control(c.getBoolean("enabled"), c.getInt("levels"), number(c, "accuracy-target"),
          number(c, "on-board-relative-accuracy"), number(c, "on-board-cpu-hz"),
          number(c, "on-board-cycles-per-frame"), number(c, "edge-cpu-hz"), number(c, "edge-cycles-per-frame"),
          number(c, "local-queue-cap-frames"), number(c, "edge-queue-cap-frames"),
          number(c, "goal-delay-reduction"), number(c, "price-steps"), numbers(c, "live-sampling-accuracy"));
    }
  }

  /** Validates every field; the message names the key and the bad value. */
  public MissionDetectSettings {
    if (captureIntervalS < 1 || captureIntervalS > 3600) {
      throw new IllegalArgumentException("mission-detect.capture-interval-s must be 1..3600, got: " + captureIntervalS);
    }
    if (quickCaptureIntervalS < 1 || quickCaptureIntervalS > 3600) {
      throw new IllegalArgumentException("mission-detect.quick-capture-interval-s must be 1..3600, got: "
          + quickCaptureIntervalS);
    }
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("mission-detect.quality must be 1..100, got: " + quality);
    }
    if (deadline == null || deadline.toMillis() < 1 || deadline.toMillis() > 60_000) {
      throw new IllegalArgumentException("mission-detect.deadline must be 1 ms..60 s, got: " + deadline);
    }
    if (!(uplinkRateBytesPerS > 0) || Double.isInfinite(uplinkRateBytesPerS)) {
      throw new IllegalArgumentException("mission-detect.uplink-rate-bytes-per-s must be > 0, got: "
          + uplinkRateBytesPerS);
    }
    if (!(meanLoss >= 0 && meanLoss <= 0.5)) {
      throw new IllegalArgumentException("mission-detect.mean-loss must be in [0, 0.5], got: " + meanLoss);
    }
    if (!(minIou > 0 && minIou <= 1)) {
      throw new IllegalArgumentException("mission-detect.min-iou must be in (0, 1], got: " + minIou);
    }
    if (cocoVehicleClassIds == null || cocoVehicleClassIds.isEmpty()
        || cocoVehicleClassIds.stream().anyMatch(c -> c == null || c < 0)) {
      throw new IllegalArgumentException("mission-detect.coco-vehicle-class-ids must be non-empty ids >= 0, got: "
          + cocoVehicleClassIds);
    }
    cocoVehicleClassIds = List.copyOf(cocoVehicleClassIds);
    if (control == null) {
      throw new IllegalArgumentException("mission-detect.control must be given");
    }
  }

  /** The settings in {@code config} (which must contain the reference defaults). */
  public static MissionDetectSettings create(Config config) {
    Config c = config.getConfig("swarmsense.agents.mission-detect");
    for (String key : c.root().keySet()) {
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException("unknown key swarmsense.agents.mission-detect." + key + " (known: "
            + new java.util.TreeSet<>(KNOWN) + ", see the agents' reference.conf)");
      }
    }
    return new MissionDetectSettings(c.getInt("capture-interval-s"), c.getInt("quick-capture-interval-s"),
        c.getInt("quality"), c.getDuration("deadline"), c.getDouble("uplink-rate-bytes-per-s"),
        c.getDouble("mean-loss"), c.getDouble("min-iou"), c.getIntList("coco-vehicle-class-ids"), c.getLong("seed"),
        Control.create(c.getConfig("control")));
  }

  /** The capture interval of a normal or a {@code --quick} run, seconds. */
  public int captureIntervalS(boolean quick) {
    return quick ? quickCaptureIntervalS : captureIntervalS;
  }

  /**
   * One line for reports: codec (with the band order the frames went in, {@code order}, or "not
   * encoded" for a sender that does not encode), uplink and deadline.
   */
  public String linkDescription(java.util.Optional<org.swarmsense.semantic.codec.BandOrder> order) {
    String bands = order.map(o -> o.id() == 0 ? "zig-zag band order" : "band order id " + o.id() + " (" + o.name() + ")")
        .orElse("frames not encoded");
    return String.format(java.util.Locale.ROOT,
        "semantic codec quality %d, %s; uplink %.0f B/s, Gilbert-Elliott mean loss %.3f;"
            + " deadline %d ms (at most %.0f B per frame)", quality, bands, uplinkRateBytesPerS, meanLoss,
        deadline.toMillis(), uplinkRateBytesPerS * deadline.toMillis() / 1000.0);
  }
}
