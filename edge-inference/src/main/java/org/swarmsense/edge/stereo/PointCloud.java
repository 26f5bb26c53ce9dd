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

  /** Projects every pixel with a disparity, one point each ({@link PixelFootprint#CENTRE}); points outside {@code box} are dropped. */
  public static PointCloud fromDisparity(DisparityMap disparity, StereoCalibration calibration, VoxelBox box) {
    return fromDisparity(disparity, calibration, box, PixelFootprint.CENTRE);
  }

  /**
   * Points of every pixel with a disparity, as {@code footprint} says: its centre, and with {@link
   * PixelFootprint#TO_NEIGHBOURS} also samples of the segments to its valid 4-neighbours, at most half
   * a finest voxel apart in depth (the segment clipped to the box's depth range first). Points outside
   * {@code box} are dropped; within a segment a sample in the same finest voxel as the one before it
   * is not repeated.
   */
  public static PointCloud fromDisparity(DisparityMap disparity, StereoCalibration calibration, VoxelBox box,
      PixelFootprint footprint) {
    if (disparity == null || calibration == null || box == null || footprint == null) {
      throw new IllegalArgumentException("disparity, calibration, box and footprint must be set, got " + disparity + ", "
          + calibration + ", " + box + ", " + footprint);
    }
    int w = disparity.widthPx();
    int h = disparity.heightPx();
    float[] d = disparity.disparityPx();
    double[] depth = new double[w * h];
    int[] out = new int[w * h + (footprint == PixelFootprint.TO_NEIGHBOURS ? w * h / 4 : 0)];
    int n = 0;
    double scale = FINEST / box.sideM();
    double f = calibration.focalPx();
    double cx = calibration.principalXPx();
    double cy = calibration.principalYPx();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float dp = d[y * w + x];
        if (Float.isNaN(dp)) {
          depth[y * w + x] = Double.NaN;
          continue;
        }
        double z = calibration.depthM(dp);
        depth[y * w + x] = z;
        int v = voxelOf((x - cx) * z / f, (y - cy) * z / f, z, box, scale);
        if (v >= 0) {
          out[n++] = v;
        }
      }
    }
    if (footprint == PixelFootprint.TO_NEIGHBOURS) {
      Segments s = new Segments(out, n, box, scale, f, cx, cy);
      double step = s.stepM;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double z = depth[y * w + x];
          if (Double.isNaN(z)) {
            continue;
          }
          // a segment whose depth changes by at most one step has no inner sample (NaN compares false)
          double right = x + 1 < w ? depth[y * w + x + 1] : Double.NaN;
          if (Math.abs(right - z) > step) {
            s.sample(x, y, z, x + 1, y, right);
          }
          double below = y + 1 < h ? depth[(y + 1) * w + x] : Double.NaN;
          if (Math.abs(below - z) > step) {
            s.sample(x, y, z, x, y + 1, below);
          }
        }
      }
      out = s.out;
      n = s.size;
    }
    return new PointCloud(out, n);
  }

  /** Samples the inner points of segments between two pixels' 3-D points into a growing voxel list. */
  private static final class Segments {
    private int[] out;
    private int size;
    private final VoxelBox box;
    private final double scale;
    private final double stepM;
    private final double focalPx;
    private final double cx;
    private final double cy;

    Segments(int[] out, int size, VoxelBox box, double scale, double focalPx, double cx, double cy) {
      this.out = out;
      this.size = size;
      this.box = box;
      this.scale = scale;
      this.stepM = box.sideM() / FINEST / 2;
      this.focalPx = focalPx;
      this.cx = cx;
      this.cy = cy;
    }

    /** Pixel (xa, ya) at depth za to pixel (xb, yb) at depth zb, both ends excluded (they are the pixels' own points). */
    void sample(int xa, int ya, double za, int xb, int yb, double zb) {
      double dz = zb - za;
      double t0 = 0;
      double t1 = 1;
      if (dz != 0) { // clip to the box's depth range
        double tLow = (box.minZM() - za) / dz;
        double tHigh = (box.minZM() + box.sideM() - za) / dz;
        t0 = Math.max(0, Math.min(tLow, tHigh));
        t1 = Math.min(1, Math.max(tLow, tHigh));
      }
      if (t1 <= t0) {
        return;
      }
      int steps = (int) Math.ceil(Math.abs(dz) * (t1 - t0) / stepM);
      if (steps < 1) {
        return; // no depth change: the segment lies between two points a pixel apart, in their voxels
      }
      int last = -1;
      for (int k = 0; k <= steps; k++) {
        double t = t0 + (t1 - t0) * k / steps;
        if (t <= 0 || t >= 1) {
          continue;
        }
        double z = za + t * dz;
        double u = xa + t * (xb - xa);
        double v = ya + t * (yb - ya);
        int voxel = voxelOf((u - cx) * z / focalPx, (v - cy) * z / focalPx, z, box, scale);
        if (voxel >= 0 && voxel != last) {
          if (size == out.length) {
            out = java.util.Arrays.copyOf(out, out.length * 2);
          }
          out[size++] = voxel;
          last = voxel;
        }
      }
    }
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
