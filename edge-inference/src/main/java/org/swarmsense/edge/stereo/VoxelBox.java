package org.swarmsense.edge.stereo;

/**
 * An axis-aligned cube in camera coordinates (metres, X right, Y down, Z forward) that occupancy
 * grids divide into {@code n^3} equal voxels. Intervals are half-open: a point on the upper face is
 * outside. Immutable.
 *
 * @param minXM lower X bound, metres
 * @param minYM lower Y bound, metres
 * @param minZM lower Z bound, metres
 * @param sideM edge length, metres
 */
public record VoxelBox(double minXM, double minYM, double minZM, double sideM) {

  /** Validates the bounds. */
  public VoxelBox {
    if (!Double.isFinite(minXM) || !Double.isFinite(minYM) || !Double.isFinite(minZM)) {
      throw new IllegalArgumentException("box corner must be finite, got (" + minXM + ", " + minYM + ", " + minZM + ")");
    }
    if (!(sideM > 0) || Double.isInfinite(sideM)) {
      throw new IllegalArgumentException("sideM must be positive and finite, got " + sideM);
    }
  }

  /** The fixed box: X and Y in [-2, 2] m, Z in [1.5, 5.5] m (voxels 0.5 m to 0.0625 m). */
  public static VoxelBox standard() {
    return new VoxelBox(-2, -2, 1.5, 4);
  }

  /** Voxel edge at resolution {@code n}, metres. */
  public double voxelM(int n) {
    return sideM / n;
  }

  /** Whether the point lies in the box. */
  public boolean contains(double xM, double yM, double zM) {
    return xM >= minXM && xM < minXM + sideM && yM >= minYM && yM < minYM + sideM && zM >= minZM && zM < minZM + sideM;
  }
}
