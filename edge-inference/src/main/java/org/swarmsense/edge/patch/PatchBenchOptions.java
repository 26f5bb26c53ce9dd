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
 * @param cocoModel the COCO detector ONNX file (tests and benchmarks only)
 * @param imageQueries query budget per photo, 1..2000
 * @param vehicleQueries query budget per rendered frame, 1..2000
 * @param videoQueries query budget for the video's patch (found on its first frame), 1..2000
 * @param videoFrames consecutive video frames measured, >= 1
 * @param vehicleCount rendered frames attacked, >= 1
 * @param maxImages at most this many photos (in name order), >= 1
 * @param calibrationFrames clean frames that calibrate the defence per detector, disjoint from the
 *     measured ones, >= 1 ({@value #CALIBRATION_FRAMES} by default)
 * @param seed seed of the attacks and the noise patches
 * @param workDir where split models and extracted frames are cached
 */
public record PatchBenchOptions(Path images, Path video, Path vehicleFrames, Path gradientPatch, Path cocoModel,
    int imageQueries, int vehicleQueries, int videoQueries, int videoFrames, int vehicleCount, int maxImages,
    int calibrationFrames, long seed, Path workDir) {

  /** Default number of clean frames that calibrate the defence, per detector. */
  public static final int CALIBRATION_FRAMES = 10;
  /** First video frame used for calibration (the measured ones start at 0). */
  public static final int VIDEO_CALIBRATION_START = 200;
  /** Reporting threshold of the attacks' queries (scores below it are invisible to the attacker). */
  public static final double QUERY_SCORE = 0.05;
  /** Patch area as a share of the image: the maximum. */
  public static final double PATCH_AREA = Patches.MAX_AREA_SHARE;

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
