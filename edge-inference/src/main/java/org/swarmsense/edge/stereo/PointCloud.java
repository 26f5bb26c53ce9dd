package org.swarmsense.edge.stereo;

/**
 * The points of a disparity map that fall in a {@link VoxelBox}, each stored as its voxel at the
 * finest resolution {@link #FINEST} (coarser voxels are the same indices shifted right). Camera
 * coordinates come from {@link StereoCalibration}. Immutable once built; safe to share.
 */
public final class PointCloud {

  /** Finest grid resolution kept per point. */
  public static final int FINEST = 64;
  private static final int BITS = 6;

  private final int[] voxel; // x | y << 6 | z << 12 at 64^3
  private final int size;

  private PointCloud(int[] voxel, int size) {
    this.voxel = voxel;
    this.size = size;
  }

  /** Projects every pixel with a disparity; points outside {@code box} are dropped. */
  public static PointCloud fromDisparity(DisparityMap disparity, StereoCalibration calibration, VoxelBox box) {
    int w = disparity.widthPx();
    int h = disparity.heightPx();
    float[] d = disparity.disparityPx();
    int[] out = new int[w * h];
    int n = 0;
    double scale = FINEST / box.sideM();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float dp = d[y * w + x];
        if (Float.isNaN(dp)) {
          continue;
        }
        double z = calibration.depthM(dp);
        double px = (x - calibration.principalXPx()) * z / calibration.focalPx();
        double py = (y - calibration.principalYPx()) * z / calibration.focalPx();
        int v = voxelOf(px, py, z, box, scale);
        if (v >= 0) {
          out[n++] = v;
        }
      }
    }
    return new PointCloud(out, n);
  }

  /** A cloud of explicit points in metres ({@code xyzM} = x0, y0, z0, x1, ...); outside points dropped. */
  public static PointCloud fromPoints(double[] xyzM, VoxelBox box) {
    if (xyzM.length % 3 != 0) {
      throw new IllegalArgumentException("xyzM must hold triples, got " + xyzM.length + " values");
    }
    int[] out = new int[xyzM.length / 3];
    int n = 0;
    double scale = FINEST / box.sideM();
    for (int i = 0; i < xyzM.length; i += 3) {
      int v = voxelOf(xyzM[i], xyzM[i + 1], xyzM[i + 2], box, scale);
      if (v >= 0) {
        out[n++] = v;
      }
    }
    return new PointCloud(out, n);
  }

  private static int voxelOf(double x, double y, double z, VoxelBox box, double scale) {
    if (!box.contains(x, y, z)) {
      return -1;
    }
    int ix = Math.min(FINEST - 1, (int) ((x - box.minXM()) * scale));
    int iy = Math.min(FINEST - 1, (int) ((y - box.minYM()) * scale));
    int iz = Math.min(FINEST - 1, (int) ((z - box.minZM()) * scale));
    return ix | iy << BITS | iz << (2 * BITS);
  }

  /** Number of points in the box. */
  public int size() {
    return size;
  }

  /** Index of point {@code i}'s voxel in an {@code n^3} grid (x fastest), n a power of two <= 64. */
  int voxelAt(int i, int n) {
    int v = voxel[i];
    int shift = Integer.numberOfTrailingZeros(FINEST / n);
    int x = (v & 63) >> shift;
    int y = ((v >> BITS) & 63) >> shift;
    int z = (v >> (2 * BITS)) >> shift;
    return (z * n + y) * n + x;
  }
}
