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

  /**
   * Settings of the classical stereo occupancy path, read from {@code swarmsense.edge-inference.stereo}
   * (meaning and reasons in {@code reference.conf}). Immutable and thread-safe.
   *
   * @param matcher the semi-global matcher's settings
   * @param box the occupancy box in camera coordinates
   * @param occupancy when a voxel counts as occupied, which is also the octree-pruning threshold
   * @param footprint which points one pixel of a disparity map gives the occupancy grids
   */
  public record Stereo(org.swarmsense.edge.stereo.SgmSettings matcher, org.swarmsense.edge.stereo.VoxelBox box,
      org.swarmsense.edge.stereo.OccupancyRule occupancy, org.swarmsense.edge.stereo.PixelFootprint footprint) {

    private static final String PATH = "swarmsense.edge-inference.stereo";

    /** Validates that every part is set (each part validates its own fields). */
    public Stereo {
      if (matcher == null || box == null || occupancy == null || footprint == null) {
        throw new IllegalArgumentException("matcher, box, occupancy and footprint must be set, got " + matcher + ", " + box
            + ", " + occupancy + ", " + footprint);
      }
    }

    /** Stereo settings from {@code ConfigFactory.load()} (reference.conf plus application.conf). */
    public static Stereo load() {
      return create(ConfigFactory.load());
    }

    /**
     * Stereo settings from {@code config}; a missing or mistyped key, or a bad value, fails with a
     * message naming the key and the value.
     */
    public static Stereo create(Config config) {
      Config c = config.getConfig(PATH);
      try {
        Config m = c.getConfig("matcher");
        List<Integer> window = m.getIntList("census-window-px");
        if (window.size() != 2) {
          throw new IllegalArgumentException(PATH + ".matcher.census-window-px must be [width, height], got " + window);
        }
        String subpixel = m.getString("subpixel");
        org.swarmsense.edge.stereo.SgmSettings.Subpixel mode;
        try {
          mode = org.swarmsense.edge.stereo.SgmSettings.Subpixel.valueOf(subpixel.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(PATH + ".matcher.subpixel must be parabola or equiangular, got " + subpixel, e);
        }
        var matcher = new org.swarmsense.edge.stereo.SgmSettings(integer(m, PATH, "matcher.disparities"), window.get(0), window.get(1),
            integer(m, PATH, "matcher.small-penalty"), integer(m, PATH, "matcher.large-penalty"), integer(m, PATH, "matcher.edge-grey-levels"),
            integer(m, PATH, "matcher.uniqueness-percent"), (float) number(m, PATH, "matcher.left-right-max-diff-px"), integer(m, PATH, "matcher.speckle-window-px"),
            (float) number(m, PATH, "matcher.speckle-range-px"), mode, integer(m, PATH, "matcher.threads"));
        Config b = c.getConfig("box");
        var box = new org.swarmsense.edge.stereo.VoxelBox(number(b, PATH, "box.min-x-m"), number(b, PATH, "box.min-y-m"), number(b, PATH, "box.min-z-m"),
            number(b, PATH, "box.side-m"));
        String footprint = c.getString("pixel-footprint");
        org.swarmsense.edge.stereo.PixelFootprint pixels;
        try {
          pixels = org.swarmsense.edge.stereo.PixelFootprint.parse(footprint);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(PATH + ".pixel-footprint must be centre or to-neighbours, got " + footprint, e);
        }
        return new Stereo(matcher, box, new org.swarmsense.edge.stereo.OccupancyRule(number(c, PATH, "depth-neighbour-fraction")),
            pixels);
      } catch (com.typesafe.config.ConfigException e) {
        throw new IllegalArgumentException("bad stereo setting under " + PATH + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(PATH)) {
          throw e;
        }
        throw new IllegalArgumentException("bad stereo setting under " + PATH + ": " + e.getMessage(), e);
      }
    }

  }

  /**
   * Settings of the patch defences (issue 20), read from {@code swarmsense.edge-inference.patch}
   * (meaning and reasons in {@code reference.conf}): ours and the ObjectSeeker baseline. Immutable and
   * thread-safe.
   *
   * @param defence our importance-map defence's parameters
   * @param objectSeeker the ObjectSeeker baseline's parameters
   */
  public record Patch(org.swarmsense.edge.patch.ImportanceDefence.Settings defence,
      org.swarmsense.edge.patch.ObjectSeeker.Settings objectSeeker) {

    private static final String PATH = "swarmsense.edge-inference.patch";
    private static final Set<String> KNOWN_DEFENCE_KEYS = Set.of("top-channels", "window-side", "quantile",
        "key-frame-interval", "min-new-detections");
    private static final Set<String> KNOWN_OBJECT_SEEKER_KEYS = Set.of("lines", "prune-ioa");

    /** Validates that both parts are set (each part validates its own fields). */
    public Patch {
      if (defence == null || objectSeeker == null) {
        throw new IllegalArgumentException("defence and objectSeeker must be set, got " + defence + ", " + objectSeeker);
      }
    }

    /** Patch settings from {@code ConfigFactory.load()} (reference.conf plus application.conf). */
    public static Patch load() {
      return create(ConfigFactory.load());
    }

    /**
     * Patch settings from {@code config}; an unknown or mistyped key, or a bad value, fails with a
     * message naming the key and the value.
     */
    public static Patch create(Config config) {
      Config c = config.getConfig(PATH);
      for (String key : c.root().keySet()) {
        if (!key.equals("defence") && !key.equals("object-seeker")) {
          throw new IllegalArgumentException("unknown key " + PATH + "." + key + " (known: [defence, object-seeker],"
              + " see edge-inference reference.conf)");
        }
      }
      Config d = known(c.getConfig("defence"), "defence", KNOWN_DEFENCE_KEYS);
      Config o = known(c.getConfig("object-seeker"), "object-seeker", KNOWN_OBJECT_SEEKER_KEYS);
      try {
        return new Patch(new org.swarmsense.edge.patch.ImportanceDefence.Settings(integer(d, PATH, "defence.top-channels"),
            number(d, PATH, "defence.window-side"), number(d, PATH, "defence.quantile"),
            integer(d, PATH, "defence.key-frame-interval"), integer(d, PATH, "defence.min-new-detections")),
            new org.swarmsense.edge.patch.ObjectSeeker.Settings(integer(o, PATH, "object-seeker.lines"),
                number(o, PATH, "object-seeker.prune-ioa")));
      } catch (com.typesafe.config.ConfigException | IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(PATH)) {
          throw e;
        }
        throw new IllegalArgumentException("bad patch setting under " + PATH + ": " + e.getMessage(), e);
      }
    }


    private static Config known(Config c, String name, Set<String> known) {
      for (String key : c.root().keySet()) {
        if (!known.contains(key)) {
          throw new IllegalArgumentException("unknown key " + PATH + "." + name + "." + key + " (known: "
              + new java.util.TreeSet<>(known) + ", see edge-inference reference.conf)");
        }
      }
      return c;
    }
  }

  /**
   * Settings of the online-corrected pruning-level switch from {@code ConfigFactory.load()}, read from
   * {@code swarmsense.edge-inference.switching}.
   */
  public static org.swarmsense.edge.serving.SwitchSettings switching() {
    return switching(ConfigFactory.load());
  }

  /**
   * Settings of the online-corrected pruning-level switch from {@code config}; an unknown or mistyped
   * key, or a bad value, fails with a message naming the key and the value.
   */
  public static org.swarmsense.edge.serving.SwitchSettings switching(Config config) {
    String path = "swarmsense.edge-inference.switching";
    Set<String> known = Set.of("ewma-weight", "min-observations", "max-ratio", "hysteresis", "dwell-requests");
    Config c = config.getConfig(path);
    for (String key : c.root().keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown key " + path + "." + key + " (known: "
            + new java.util.TreeSet<>(known) + ", see edge-inference reference.conf)");
      }
    }
    try {
      return new org.swarmsense.edge.serving.SwitchSettings(number(c, path, "ewma-weight"),
          integer(c, path, "min-observations"), number(c, path, "max-ratio"), number(c, path, "hysteresis"),
          integer(c, path, "dwell-requests"));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(path)) {
        throw e;
      }
      throw new IllegalArgumentException("bad switching setting under " + path + ": " + e.getMessage(), e);
    }
  }

  /** The integer at {@code block}.{@code path} ("section.key" or "key") of {@code c}, the section's config. */
  private static int integer(Config c, String block, String path) {
    String key = path.substring(path.indexOf('.') + 1);
    if (c.hasPath(key) && c.getValue(key).unwrapped() instanceof Number n && n.doubleValue() != Math.rint(n.doubleValue())) {
      // Config.getInt would silently truncate 2.5 to 2
      throw new IllegalArgumentException(block + "." + path + " must be an integer, got " + c.getValue(key).render());
    }
    try {
      return c.getInt(key);
    } catch (com.typesafe.config.ConfigException.WrongType e) {
      throw new IllegalArgumentException(block + "." + path + " must be an integer, got " + c.getValue(key).render(), e);
    }
  }

  /** The number at {@code block}.{@code path} ("section.key" or "key") of {@code c}, the section's config. */
  private static double number(Config c, String block, String path) {
    String key = path.substring(path.indexOf('.') + 1);
    try {
      return c.getDouble(key);
    } catch (com.typesafe.config.ConfigException.WrongType e) {
      throw new IllegalArgumentException(block + "." + path + " must be a number, got " + c.getValue(key).render(), e);
    }
  }
}
