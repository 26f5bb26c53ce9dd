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

  /**
   * The box of a nadir stereo pair taken {@code altitudeM} above flat ground (Z down): a 32 m cube
   * centred under the left camera, X and Y in [-16, 16) m (the middle 142 px of a 512 px image with a
   * 60 degree field of view at 100 m, seen by both cameras of a 9.5 m baseline), Z from 28.25 m above
   * the ground to 3.75 m below it, i.e. [A - 28.25, A + 3.75). The 0.25 m puts the ground at the middle
   * of a finest (64^3, 0.5 m) voxel, never on a voxel face at any level; every surface of the shipped
   * maps (under 12 m high) lies inside. Voxels 4, 2, 1 and 0.5 m. Chosen before any pair was matched.
   */
  public static VoxelBox nadirBelow(double altitudeM) {
    if (!(altitudeM > 28.25) || Double.isInfinite(altitudeM)) {
      throw new IllegalArgumentException("altitudeM must be finite and above 28.25 m (the box's height above the ground), got "
          + altitudeM);
    }
    return new VoxelBox(-16, -16, altitudeM - 28.25, 32);
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
