package org.swarmsense.edge.stereo;

/**
 * Occupied voxels of an {@code n^3} grid over a {@link VoxelBox}, index {@code (z * n + y) * n + x}.
 * The array is not copied: callers must not change it after building the record. Safe to share.
 *
 * @param resolution voxels per axis
 * @param box the space the grid divides
 * @param occupied {@code n^3} flags
 */
public record OccupancyGrid(int resolution, VoxelBox box, boolean[] occupied) {

  /** Validates the size. */
  public OccupancyGrid {
    if (resolution < 1 || resolution > 1024) {
      throw new IllegalArgumentException("resolution must be in [1,1024], got " + resolution);
    }
    if (box == null) {
      throw new IllegalArgumentException("box must be set");
    }
    if (occupied == null || occupied.length != resolution * resolution * resolution) {
      throw new IllegalArgumentException("occupied must hold resolution^3=" + (resolution * resolution * resolution)
          + " flags, got " + (occupied == null ? "null" : occupied.length));
    }
  }

  /** Whether voxel (x, y, z) is occupied. */
  public boolean isOccupied(int x, int y, int z) {
    return occupied[(z * resolution + y) * resolution + x];
  }

  /** Number of occupied voxels. */
  public int occupiedCount() {
    int n = 0;
    for (boolean b : occupied) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** IoU as the issue defines it: (|P and G| + 1) / (|P or G| + 1), this grid being P. */
  public double iou(OccupancyGrid truth) {
    requireSameGrid(truth);
    long both = 0;
    long either = 0;
    for (int i = 0; i < occupied.length; i++) {
      both += occupied[i] && truth.occupied[i] ? 1 : 0;
      either += occupied[i] || truth.occupied[i] ? 1 : 0;
    }
    return (both + 1.0) / (either + 1.0);
  }

  /**
   * Chamfer distance between occupied voxel centres, metres: the mean distance from each occupied
   * voxel of this grid to the nearest one of {@code truth}, plus the same from {@code truth} to
   * this grid. Infinite when exactly one grid is empty, 0 when both are.
   */
  public double chamferM(OccupancyGrid truth) {
    requireSameGrid(truth);
    int a = occupiedCount();
    int b = truth.occupiedCount();
    if (a == 0 || b == 0) {
      return a == b ? 0 : Double.POSITIVE_INFINITY;
    }
    return (meanNearest(this, truth) + meanNearest(truth, this)) * box.voxelM(resolution);
  }

  /** Mean over occupied voxels of {@code from} of the distance in voxels to the nearest of {@code to}. */
  private static double meanNearest(OccupancyGrid from, OccupancyGrid to) {
    double[] squared = squaredDistanceTransform(to.occupied, to.resolution);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < from.occupied.length; i++) {
      if (from.occupied[i]) {
        sum += Math.sqrt(squared[i]);
        n++;
      }
    }
    return sum / n;
  }

  /**
   * Exact squared Euclidean distance, in voxels, from every voxel to the nearest occupied one: the
   * separable lower-envelope-of-parabolas method of Felzenszwalb and Huttenlocher (2012), one axis
   * at a time.
   */
  static double[] squaredDistanceTransform(boolean[] occupied, int n) {
    double far = 1e20;
    double[] g = new double[occupied.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = occupied[i] ? 0 : far;
    }
    double[] f = new double[n];
    double[] out = new double[n];
    int[] v = new int[n];
    double[] z = new double[n + 1];
    int[] strides = {1, n, n * n};
    for (int axis = 0; axis < 3; axis++) {
      int stride = strides[axis];
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          int start = switch (axis) {
            case 0 -> (a * n + b) * n;
            case 1 -> a * n * n + b;
            default -> a * n + b;
          };
          for (int i = 0; i < n; i++) {
            f[i] = g[start + i * stride];
          }
          lowerEnvelope(f, n, out, v, z);
          for (int i = 0; i < n; i++) {
            g[start + i * stride] = out[i];
          }
        }
      }
    }
    return g;
  }

  private static void lowerEnvelope(double[] f, int n, double[] d, int[] v, double[] z) {
    int k = 0;
    v[0] = 0;
    z[0] = Double.NEGATIVE_INFINITY;
    z[1] = Double.POSITIVE_INFINITY;
    for (int q = 1; q < n; q++) {
      double s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
      while (s <= z[k]) {
        k--;
        s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
      }
      k++;
      v[k] = q;
      z[k] = s;
      z[k + 1] = Double.POSITIVE_INFINITY;
    }
    k = 0;
    for (int q = 0; q < n; q++) {
      while (z[k + 1] < q) {
        k++;
      }
      d[q] = (double) (q - v[k]) * (q - v[k]) + f[v[k]];
    }
  }

  private void requireSameGrid(OccupancyGrid other) {
    if (other.resolution != resolution || !other.box.equals(box)) {
      throw new IllegalArgumentException("grids differ: " + resolution + "^3 over " + box + " vs " + other.resolution
          + "^3 over " + other.box);
    }
  }
}
