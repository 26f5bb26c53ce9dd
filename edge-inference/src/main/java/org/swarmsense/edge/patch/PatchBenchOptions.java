package org.swarmsense.edge.patch;

import java.nio.file.Path;

/**
 * What {@code swarmsense bench patch} measures. All frame sets and parameters are fixed here before
 * any measurement (see the edge-inference README, "Patch robustness").
 *
 * @param images folder of photos for the COCO detector (each photo with at least one clean
 *     detection is attacked), or null to skip
 * @param video a video for the COCO detector (e.g. opencv-doc's vtest.avi), or null to skip
 * @param vehicleFrames folder of rendered frames (PNG, sorted by name): the first {@code
 *     vehicleCount} are attacked, the next {@value #CALIBRATION_FRAMES} calibrate; or null to skip
 * @param gradientPatch the gradient script's patch (PNG) against the plain vehicle detector, or null
 * @param framePatches the gradient script's per-frame white-box patches against the plain vehicle
 *     detector ({@link FramePatches}: a folder keyed by each frame's pixels), or null
 * @param videoPatches the gradient script's white-box patch for the video's frames ({@code --video}: the same
 *     patch at the same place, one entry per frame keyed by its pixels), or null
 * @param cocoModel the COCO detector ONNX file (tests and benchmarks only)
 * @param imageQueries query budget per photo, 1..2000
 * @param vehicleQueries query budget per rendered frame, 1..2000
 * @param videoQueries query budget for the video's patch (found on its first frame), 1..2000
 * @param videoFrames consecutive video frames measured, >= 1
 * @param vehicleCount rendered frames attacked, >= 1
 * @param maxImages at most this many photos (in name order), >= 1
 * @param calibrationFrames clean rendered frames that calibrate the vehicle defence (and the COCO
 *     defence when there is no video), disjoint from the measured ones, >= 1 ({@value
 *     #CALIBRATION_FRAMES} by default); with a video the COCO defence calibrates on every {@value
 *     #VIDEO_CALIBRATION_STEP}-th frame after the measured ones ({@link #videoCalibrationStart})
 * @param seed seed of the attacks and the noise patches
 * @param workDir where split models and extracted frames are cached
 * @param diagnose also print, per attacked single image, where the patch's window ranks among the
 *     stage-1 anomaly windows (off by default: no noise in the table's output)
 * @param vehicleCalibration the vehicle defence's calibration as an edge node loads it (the shipped one,
 *     or a file written by {@code swarmsense calibrate-defence}), or null to calibrate on the {@code
 *     calibrationFrames} rendered frames after the measured ones (which are read either way, so the
 *     attacked frames are the same)
 */
public record PatchBenchOptions(Path images, Path video, Path vehicleFrames, Path gradientPatch, Path framePatches,
    Path videoPatches, Path cocoModel,
    int imageQueries, int vehicleQueries, int videoQueries, int videoFrames, int vehicleCount, int maxImages,
    int calibrationFrames, long seed, Path workDir, boolean diagnose, StoredCalibration vehicleCalibration) {

  /**
   * A calibration as an edge node loads it.
   *
   * @param calibration the parsed calibration
   * @param source what the report calls it: "the shipped one" or "stored in FILE"
   */
  public record StoredCalibration(ImportanceDefence.Calibration calibration, String source) {
    /** Checks both are given. */
    public StoredCalibration {
      if (calibration == null || source == null || source.isBlank()) {
        throw new IllegalArgumentException("calibration and source must be given");
      }
    }

    /** The calibration shipped with the plain vehicle detector. */
    public static StoredCalibration shipped() {
      return new StoredCalibration(ImportanceDefence.shippedVehicleCalibration(), "the shipped one");
    }

    /** A calibration read from {@code file}. */
    public static StoredCalibration stored(ImportanceDefence.Calibration calibration, Path file) {
      return new StoredCalibration(calibration, "stored in " + file);
    }
  }
  /** Default number of clean frames that calibrate the defence, per detector. */
  public static final int CALIBRATION_FRAMES = 10;
  /**
   * The COCO defence's video calibration frames: every {@value}-th frame of the video from the first
   * multiple of it after the measured frames (which start at 0) to the video's end, at most {@link
   * #VIDEO_CALIBRATION_MAX} (fixed 2026-12-02 15:20 UTC before measuring; it replaces 10 consecutive
   * frames from frame 200, beaten by a clean key frame: see the README).
   */
  public static final int VIDEO_CALIBRATION_STEP = 10;
  /** At most this many video calibration frames. */
  public static final int VIDEO_CALIBRATION_MAX = 1000;
  /** Reporting threshold of the attacks' queries (scores below it are invisible to the attacker). */
  public static final double QUERY_SCORE = 0.05;
  /** Patch area as a share of the image: the maximum. */
  public static final double PATCH_AREA = Patches.MAX_AREA_SHARE;

  /** The first video calibration frame: the first multiple of {@link #VIDEO_CALIBRATION_STEP} after the measured frames. */
  public int videoCalibrationStart() {
    return (videoFrames + VIDEO_CALIBRATION_STEP - 1) / VIDEO_CALIBRATION_STEP * VIDEO_CALIBRATION_STEP;
  }

  /** Validates the ranges. */
  public PatchBenchOptions {
    for (int q : new int[] {imageQueries, vehicleQueries, videoQueries}) {
      if (q < 1 || q > 2000) {
        throw new IllegalArgumentException("query budgets must be in [1, 2000], got: " + q);
      }
    }
    if (videoFrames < 1 || videoFrames > 10_000) {
      throw new IllegalArgumentException("videoFrames must be in [1, 10000], got: " + videoFrames);
    }
    if (vehicleCount < 1 || vehicleCount > 10_000) {
      throw new IllegalArgumentException("vehicleCount must be in [1, 10000], got: " + vehicleCount);
    }
    if (maxImages < 1) {
      throw new IllegalArgumentException("maxImages must be >= 1, got: " + maxImages);
    }
    if (calibrationFrames < 1 || calibrationFrames > 1000) {
      throw new IllegalArgumentException("calibrationFrames must be in [1, 1000], got: " + calibrationFrames);
    }
    if (workDir == null) {
      throw new IllegalArgumentException("workDir must not be null");
    }
  }
}
