package org.swarmsense.edge.stereo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OccupancyGridTest {

  private static final VoxelBox BOX = new VoxelBox(0, 0, 0, 4); // 4^3 grid: 1 m voxels

  private static OccupancyGrid grid(int n, int[]... voxels) {
    boolean[] occ = new boolean[n * n * n];
    for (int[] v : voxels) {
      occ[(v[2] * n + v[1]) * n + v[0]] = true;
    }
    return new OccupancyGrid(n, BOX, occ);
  }

  @Test
  void iouAddsOneToBothSides() {
    OccupancyGrid p = grid(4, new int[] {0, 0, 0}, new int[] {1, 0, 0});
    OccupancyGrid g = grid(4, new int[] {1, 0, 0}, new int[] {2, 0, 0});
    // |P and G| = 1, |P or G| = 3: (1 + 1) / (3 + 1)
    assertEquals(0.5, p.iou(g), 1e-12);
    // both empty: (0 + 1) / (0 + 1)
    assertEquals(1.0, grid(4).iou(grid(4)), 1e-12);
  }

  @Test
  void chamferSumsBothMeanNearestDistances() {
    OccupancyGrid p = grid(4, new int[] {0, 0, 0});
    OccupancyGrid g = grid(4, new int[] {0, 0, 0}, new int[] {3, 0, 0});
    // P -> G: 0; G -> P: (0 + 3) / 2 = 1.5; voxels are 1 m
    assertEquals(1.5, p.chamferM(g), 1e-9);
    OccupancyGrid diagonal = grid(4, new int[] {1, 1, 1});
    // sqrt(3) each way
    assertEquals(2 * Math.sqrt(3), p.chamferM(diagonal), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, p.chamferM(grid(4)));
  }

  @Test
  void distanceTransformMatchesBruteForce() {
    long seed = 19;
    System.out.println("OccupancyGridTest.distanceTransformMatchesBruteForce seed " + seed);
    Random random = new Random(seed);
    int n = 9;
    for (int trial = 0; trial < 20; trial++) {
      boolean[] occ = new boolean[n * n * n];
      int count = 1 + random.nextInt(12);
      for (int k = 0; k < count; k++) {
        occ[random.nextInt(occ.length)] = true;
      }
      double[] fast = OccupancyGrid.squaredDistanceTransform(occ, n);
      for (int v = 0; v < occ.length; v++) {
        double best = Double.POSITIVE_INFINITY;
        for (int u = 0; u < occ.length; u++) {
          if (occ[u]) {
            int dx = v % n - u % n;
            int dy = (v / n) % n - (u / n) % n;
            int dz = v / (n * n) - u / (n * n);
            best = Math.min(best, dx * dx + dy * dy + dz * dz);
          }
        }
        assertEquals(best, fast[v], 1e-9, "trial " + trial + " voxel " + v);
      }
    }
  }

  @Test
  void refusesGridsOfDifferentShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> grid(4).iou(grid(2)));
    assertEquals(true, e.getMessage().contains("4^3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new OccupancyGrid(4, BOX, new boolean[63]));
  }
}
