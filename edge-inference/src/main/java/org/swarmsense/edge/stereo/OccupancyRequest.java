package org.swarmsense.edge.stereo;

import java.time.Duration;

/**
 * One occupancy question for an {@link OccupancyService}: a rectified pair, its calibration, the box
 * to voxelise and how long the caller can wait for the answer. Immutable (the images are records
 * over arrays the caller must not change while the request is served).
 *
 * @param left left image
 * @param right right image, the same size
 * @param calibration the pair's calibration
 * @param box the occupancy box in the left camera's coordinates
 * @param deadline time from the start of serving to the latest useful answer, positive
 */
public record OccupancyRequest(GrayImage left, GrayImage right, StereoCalibration calibration, VoxelBox box,
    Duration deadline) {

  /** Smallest image side served: the half-size pass must keep a census window and some disparities. */
  public static final int MIN_SIDE_PX = 16;

  /** Validates every field; the message names the field and the bad value. */
  public OccupancyRequest {
    if (left == null || right == null) {
      throw new IllegalArgumentException("left and right must be set, got " + left + ", " + right);
    }
    if (left.widthPx() != right.widthPx() || left.heightPx() != right.heightPx()) {
      throw new IllegalArgumentException("left " + left.widthPx() + "x" + left.heightPx() + " and right " + right.widthPx() + "x"
          + right.heightPx() + " differ in size");
    }
    if (left.widthPx() < MIN_SIDE_PX || left.heightPx() < MIN_SIDE_PX) {
      throw new IllegalArgumentException("images must be at least " + MIN_SIDE_PX + " px on each side, got " + left.widthPx()
          + "x" + left.heightPx());
    }
    if (calibration == null || box == null) {
      throw new IllegalArgumentException("calibration and box must be set, got " + calibration + ", " + box);
    }
    if (deadline == null || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
  }
}
