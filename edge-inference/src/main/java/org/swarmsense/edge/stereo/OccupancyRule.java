package org.swarmsense.edge.stereo;

/**
 * When a voxel counts as occupied, given how many points fell in it and in its two neighbours along
 * depth (Z, which is close to the viewing ray inside the camera's +-23 degree field of view).
 *
 * <p>Depth noise moves points along the ray: at 5 m one pixel of disparity is 13 cm, more than a
 * 64^3 voxel. A surface inside one voxel then leaks the tail of its depth error into the voxels in
 * front of and behind it, and under "one point is enough" every leak becomes a false voxel. This
 * rule keeps a voxel only if its own support is at least {@code depthNeighbourFraction} of the
 * larger depth neighbour's, i.e. a non-maximum suppression along depth with a tolerance. A
 * fraction of 0 is the reference rule (at least one point). Immutable.
 *
 * @param depthNeighbourFraction 0..1; 0 = any point occupies its voxel
 */
public record OccupancyRule(double depthNeighbourFraction) {

  /** Validates the fraction. */
  public OccupancyRule {
    if (!(depthNeighbourFraction >= 0 && depthNeighbourFraction <= 1)) {
      throw new IllegalArgumentException("depthNeighbourFraction must be in [0,1], got " + depthNeighbourFraction);
    }
  }

  /** The reference rule: a voxel with at least one point is occupied (also used for ground truth). */
  public static OccupancyRule anyPoint() {
    return new OccupancyRule(0);
  }

  /**
   * The default, fixed before any measurement: a voxel needs a tenth of its larger depth neighbour's
   * points. Reasoning: with the matcher's typical sub-pixel error a surface leaks a few per cent of
   * its points into the next voxel, while a real surface crossing two voxels puts a sizeable share
   * in each; a tenth sits between the two by an order of magnitude on either side.
   */
  public static OccupancyRule depthNoiseTolerant() {
    return new OccupancyRule(0.1);
  }

  /** Whether a voxel holding {@code count} points, with {@code nearer} and {@code farther} along Z, is occupied. */
  public boolean occupied(int count, int nearer, int farther) {
    return count > 0 && count >= depthNeighbourFraction * Math.max(nearer, farther);
  }
}
