package org.swarmsense.edge.stereo;

import java.util.Locale;

/**
 * Which part of the scene one pixel of a disparity map stands for when it becomes points for the
 * occupancy grids ({@link PointCloud#fromDisparity(DisparityMap, StereoCalibration, VoxelBox,
 * PixelFootprint)}).
 *
 * <p>{@link #CENTRE} is the reference voxelisation (also used for the ground truth): one point
 * per pixel, at its centre's depth. {@link #TO_NEIGHBOURS} treats the depth map as a surface: each
 * pixel is joined to each valid 4-neighbour by the straight segment between the two pixels' 3-D
 * points (depth, and the image position, linear along it), sampled at depth steps of at most half a
 * finest voxel, so every voxel that segment runs through at the finest level gets a point (apart from
 * voxels it only clips at a corner, within half a step). A pixel sees a square, not a point: where
 * two neighbours differ in depth, the scene between their centres lies somewhere between the two
 * depths, and a pixel straddling a depth edge (a thin part, a silhouette) mixes both. The rule has no
 * parameter. On a smooth surface the segments stay in the voxels of their end points, so it changes
 * nothing there; at a depth edge it fills the ray gap between foreground and background, which the
 * ground truth of the evaluation pair also covers with pixels of intermediate disparity (measured in
 * {@code edge-inference/README.md}, "Where occupancy IoU is lost"). Invalid pixels join nothing.
 */
public enum PixelFootprint {
  /** One point per valid pixel, at its centre (the reference rule). */
  CENTRE,
  /** The segments from each valid pixel to its valid 4-neighbours, sampled. */
  TO_NEIGHBOURS;

  /** The name in {@code reference.conf} and in printed tables: {@code centre} or {@code to-neighbours}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@code centre} or {@code to-neighbours} (case-insensitive), naming the value when it is neither. */
  public static PixelFootprint parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (PixelFootprint f : values()) {
      if (f.configName().equals(t)) {
        return f;
      }
    }
    throw new IllegalArgumentException("pixel footprint must be centre or to-neighbours, got '" + text + "'");
  }
}
