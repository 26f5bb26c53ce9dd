package org.swarmsense.maps;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Set;
import org.swarmsense.maps.camera.CameraSettings;
import org.swarmsense.maps.camera.StereoRigSettings;

/**
 * Typed settings of the maps module, read once from {@code swarmsense.maps} (defaults and their
 * meaning in {@code reference.conf}). Immutable and thread-safe.
 *
 * @param cacheDir directory of cached road graphs
 * @param roadProfile routing profile of road graphs ("car")
 * @param maxSnapDistanceM furthest a point may be from a road to be snapped, metres
 * @param noFlyClearanceM clearance kept around no-fly polygons by the free-flight router, metres
 * @param gpsSigmaM standard deviation of GPS error used by map matching, metres
 * @param camera the simulated nadir camera ({@code swarmsense.maps.camera})
 * @param stereoRig the simulated nadir stereo rig ({@code swarmsense.maps.stereo-rig})
 */
public record MapsSettings(
    Path cacheDir,
    String roadProfile,
    double maxSnapDistanceM,
    double noFlyClearanceM,
    double gpsSigmaM,
    CameraSettings camera,
    StereoRigSettings stereoRig) {

  private static final Set<String> KNOWN_KEYS = Set.of("cache-dir", "road-profile", "max-snap-distance-m",
      "no-fly-clearance-m", "gps-sigma-m", "camera", "stereo-rig");
  private static final Set<String> STEREO_RIG_KEYS = Set.of("baseline-m", "horizontal-fov-deg", "width-px", "height-px");
  private static final Set<String> CAMERA_KEYS =
      Set.of("altitude-m", "horizontal-fov-deg", "width-px", "height-px", "exposure-s", "max-noise-sigma");

  /**
   * Settings with the reference camera and stereo rig ({@code reference.conf}'s {@code
   * swarmsense.maps.camera} and {@code swarmsense.maps.stereo-rig}).
   */
  public MapsSettings(Path cacheDir, String roadProfile, double maxSnapDistanceM, double noFlyClearanceM, double gpsSigmaM) {
    this(cacheDir, roadProfile, maxSnapDistanceM, noFlyClearanceM, gpsSigmaM,
        camera(ConfigFactory.defaultReference().getConfig("swarmsense.maps.camera")),
        stereoRig(ConfigFactory.defaultReference().getConfig("swarmsense.maps.stereo-rig")));
  }

  /** Validates every field; the message names the field and the bad value. */
  public MapsSettings {
    if (cacheDir == null) {
      throw new IllegalArgumentException("cacheDir must not be null");
    }
    if (!"car".equals(roadProfile)) {
      throw new IllegalArgumentException("roadProfile must be \"car\", got: " + roadProfile);
    }
    requirePositive("maxSnapDistanceM", maxSnapDistanceM);
    if (!(noFlyClearanceM >= 0) || Double.isInfinite(noFlyClearanceM)) {
      throw new IllegalArgumentException("noFlyClearanceM must be >= 0, got: " + noFlyClearanceM);
    }
    requirePositive("gpsSigmaM", gpsSigmaM);
    if (camera == null) {
      throw new IllegalArgumentException("camera must not be null");
    }
    if (stereoRig == null) {
      throw new IllegalArgumentException("stereoRig must not be null");
    }
  }

  /** Settings from {@code ConfigFactory.load()} (reference.conf plus application.conf). */
  public static MapsSettings load() {
    return create(ConfigFactory.load());
  }

  /**
   * Settings from the {@code swarmsense.maps} section of {@code config}; unknown keys in that
   * section are refused so that a typo does not silently fall back to a default.
   */
  public static MapsSettings create(Config config) {
    Config c = config.getConfig("swarmsense.maps");
    for (var entry : c.root().keySet()) {
      if (!KNOWN_KEYS.contains(entry)) {
        throw new IllegalArgumentException(
            "unknown key swarmsense.maps." + entry + " (known: " + KNOWN_KEYS + ", see maps reference.conf)");
      }
    }
    return new MapsSettings(
        Path.of(c.getString("cache-dir")),
        c.getString("road-profile"),
        c.getDouble("max-snap-distance-m"),
        c.getDouble("no-fly-clearance-m"),
        c.getDouble("gps-sigma-m"),
        camera(c.getConfig("camera")),
        stereoRig(c.getConfig("stereo-rig")));
  }

  private static CameraSettings camera(Config c) {
    for (var entry : c.root().keySet()) {
      if (!CAMERA_KEYS.contains(entry)) {
        throw new IllegalArgumentException(
            "unknown key swarmsense.maps.camera." + entry + " (known: " + CAMERA_KEYS + ", see maps reference.conf)");
      }
    }
    return new CameraSettings(c.getDouble("altitude-m"), c.getDouble("horizontal-fov-deg"), c.getInt("width-px"),
        c.getInt("height-px"), c.getDouble("exposure-s"), c.getDouble("max-noise-sigma"));
  }

  private static StereoRigSettings stereoRig(Config c) {
    for (var entry : c.root().keySet()) {
      if (!STEREO_RIG_KEYS.contains(entry)) {
        throw new IllegalArgumentException("unknown key swarmsense.maps.stereo-rig." + entry + " (known: " + STEREO_RIG_KEYS
            + ", see maps reference.conf)");
      }
    }
    return new StereoRigSettings(c.getDouble("baseline-m"), c.getDouble("horizontal-fov-deg"), c.getInt("width-px"),
        c.getInt("height-px"));
  }

  private static void requirePositive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be a positive finite number, got: " + value);
    }
  }
}
