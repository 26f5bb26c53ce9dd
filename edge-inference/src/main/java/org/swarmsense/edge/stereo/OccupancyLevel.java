package org.swarmsense.edge.stereo;

/**
 * One level of an {@link OccupancyPyramid}: the grid, how many voxels were evaluated to get it, and
 * the wall time from the start of the pyramid to the end of this level.
 *
 * @param grid the occupied voxels
 * @param evaluatedVoxels voxels whose occupancy was decided (n^3 dense, 8 per occupied parent pruned)
 * @param elapsedMs milliseconds from the start of the pyramid to this level (cumulative)
 */
public record OccupancyLevel(OccupancyGrid grid, long evaluatedVoxels, double elapsedMs) {

  /** Validates the counts. */
  public OccupancyLevel {
    if (grid == null) {
      throw new IllegalArgumentException("grid must be set");
    }
    if (evaluatedVoxels < 0 || elapsedMs < 0) {
      throw new IllegalArgumentException("evaluatedVoxels and elapsedMs must be >= 0, got " + evaluatedVoxels + " and " + elapsedMs);
    }
  }

  /** Voxels per axis. */
  public int resolution() {
    return grid.resolution();
  }
}
