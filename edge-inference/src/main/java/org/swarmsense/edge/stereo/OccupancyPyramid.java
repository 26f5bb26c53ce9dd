package org.swarmsense.edge.stereo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Occupancy grids at 8^3, 16^3, 32^3 and 64^3 from a {@link PointCloud}, coarse to fine.
 *
 * <p>{@link #coarseToFine} prunes like an octree: a level is computed only inside the voxels its
 * parent level found occupied (by the same {@link OccupancyRule}); points under an empty parent are
 * dropped, and only the 8 children of an occupied parent are evaluated. After each level the caller
 * decides whether to go finer, so a deadline can stop it at any level, coarse first. {@link #dense}
 * evaluates every voxel of every level, as the yardstick for pruning.
 *
 * <p>Stateless after construction: thread-safe.
 */
public final class OccupancyPyramid {

  /** Resolutions of the levels, coarse to fine. */
  private static final int[] RESOLUTIONS = {8, 16, 32, 64};

  private final VoxelBox box;
  private final OccupancyRule rule;

  /** A pyramid over {@code box} deciding occupancy by {@code rule}. */
  public OccupancyPyramid(VoxelBox box, OccupancyRule rule) {
    if (box == null || rule == null) {
      throw new IllegalArgumentException("box and rule must be set, got box=" + box + " rule=" + rule);
    }
    this.box = box;
    this.rule = rule;
  }

  /** The level resolutions, coarse to fine: 8, 16, 32, 64. */
  public static int[] resolutions() {
    return RESOLUTIONS.clone();
  }

  /** All four levels with pruning. */
  public List<OccupancyLevel> coarseToFine(PointCloud cloud) {
    return coarseToFine(cloud, level -> true);
  }

  /**
   * Levels coarse to fine with octree pruning; after each level {@code goFiner} says whether to
   * compute the next (e.g. whether the deadline still allows it).
   */
  public List<OccupancyLevel> coarseToFine(PointCloud cloud, Predicate<OccupancyLevel> goFiner) {
    long start = System.nanoTime();
    List<OccupancyLevel> levels = new ArrayList<>();
    int alive = cloud.size();
    int[] points = new int[alive];
    for (int i = 0; i < alive; i++) {
      points[i] = i;
    }
    boolean[] parent = null;
    for (int n : RESOLUTIONS) {
      int[] counts = new int[n * n * n];
      boolean[] occupied = new boolean[n * n * n];
      long evaluated = 0;
      if (parent == null) {
        for (int k = 0; k < alive; k++) {
          counts[cloud.voxelAt(points[k], n)]++;
        }
        for (int v = 0; v < counts.length; v++) {
          occupied[v] = decide(counts, v, n);
        }
        evaluated = counts.length;
      } else {
        int half = n / 2;
        int kept = 0;
        for (int k = 0; k < alive; k++) {
          int p = points[k];
          if (parent[cloud.voxelAt(p, half)]) {
            points[kept++] = p;
            counts[cloud.voxelAt(p, n)]++;
          }
        }
        alive = kept;
        for (int pv = 0; pv < parent.length; pv++) {
          if (!parent[pv]) {
            continue;
          }
          int px = pv % half;
          int py = (pv / half) % half;
          int pz = pv / (half * half);
          for (int c = 0; c < 8; c++) {
            int v = ((2 * pz + (c >> 2)) * n + 2 * py + ((c >> 1) & 1)) * n + 2 * px + (c & 1);
            occupied[v] = decide(counts, v, n);
          }
          evaluated += 8;
        }
      }
      OccupancyLevel level = new OccupancyLevel(new OccupancyGrid(n, box, occupied), evaluated,
          (System.nanoTime() - start) / 1e6);
      levels.add(level);
      parent = occupied;
      if (!goFiner.test(level)) {
        break;
      }
    }
    return levels;
  }

  /** All four levels, every voxel evaluated, each level from all points. */
  public List<OccupancyLevel> dense(PointCloud cloud) {
    long start = System.nanoTime();
    List<OccupancyLevel> levels = new ArrayList<>();
    for (int n : RESOLUTIONS) {
      int[] counts = new int[n * n * n];
      for (int k = 0; k < cloud.size(); k++) {
        counts[cloud.voxelAt(k, n)]++;
      }
      boolean[] occupied = new boolean[counts.length];
      for (int v = 0; v < counts.length; v++) {
        occupied[v] = decide(counts, v, n);
      }
      levels.add(new OccupancyLevel(new OccupancyGrid(n, box, occupied), counts.length, (System.nanoTime() - start) / 1e6));
    }
    return levels;
  }

  private boolean decide(int[] counts, int v, int n) {
    int plane = n * n;
    int z = v / plane;
    int nearer = z > 0 ? counts[v - plane] : 0;
    int farther = z < n - 1 ? counts[v + plane] : 0;
    return rule.occupied(counts[v], nearer, farther);
  }
}
