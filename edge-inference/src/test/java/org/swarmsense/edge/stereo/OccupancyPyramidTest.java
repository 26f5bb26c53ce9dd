package org.swarmsense.edge.stereo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OccupancyPyramidTest {

  private static final VoxelBox BOX = VoxelBox.standard();

  @Test
  void knownPointsLandInKnownVoxels() {
    PointCloud cloud = PointCloud.fromPoints(new double[] {
        0, 0, 3.5, // 8^3: x (0+2)/0.5 = 4, y 4, z (3.5-1.5)/0.5 = 4
        -2, -2, 1.5, // the box's lower corner: voxel (0,0,0)
        1.99, 0.3, 5.49, // 8^3: (7, 4, 7); 64^3: (63, 36, 63)
        2, 0, 3, // on the upper X face: outside (half-open box)
        0, 0, 1.0}, BOX); // in front of the box: outside
    assertEquals(3, cloud.size());
    List<OccupancyLevel> levels = new OccupancyPyramid(BOX, OccupancyRule.anyPoint()).dense(cloud);
    OccupancyGrid g8 = levels.get(0).grid();
    assertEquals(3, g8.occupiedCount());
    assertTrue(g8.isOccupied(4, 4, 4));
    assertTrue(g8.isOccupied(0, 0, 0));
    assertTrue(g8.isOccupied(7, 4, 7));
    assertTrue(levels.get(3).grid().isOccupied(63, 36, 63));
    assertTrue(levels.get(3).grid().isOccupied(32, 32, 32));
  }

  @Test
  void disparityBecomesPointsThroughTheCalibration() {
    // f 100 px, c (50, 50), doffs 0, B 0.1 m; d 5 px at (60, 50): Z = 100 * 0.1 / 5 = 2 m, X = 10 * 2 / 100 = 0.2 m, Y = 0
    StereoCalibration calib = new StereoCalibration(100, 50, 50, 0, 0.1);
    float[] d = new float[101 * 101];
    java.util.Arrays.fill(d, Float.NaN);
    d[50 * 101 + 60] = 5;
    PointCloud cloud = PointCloud.fromDisparity(new DisparityMap(101, 101, d), calib, BOX);
    OccupancyGrid g8 = new OccupancyPyramid(BOX, OccupancyRule.anyPoint()).dense(cloud).get(0).grid();
    // 8^3: x (0.2 + 2) / 0.5 = 4.4 -> 4, y 4, z (2 - 1.5) / 0.5 = 1
    assertEquals(1, g8.occupiedCount());
    assertTrue(g8.isOccupied(4, 4, 1));
  }

  @Test
  void pruningWithAnyPointRuleEqualsDenseAndEvaluatesEightPerOccupiedParent() {
    long seed = 7;
    System.out.println("OccupancyPyramidTest.pruning seed " + seed);
    Random random = new Random(seed);
    double[] xyz = new double[3 * 2000];
    for (int i = 0; i < 2000; i++) { // a slanted plane plus a few strays
      double x = -2 + 4 * random.nextDouble();
      double y = -2 + 4 * random.nextDouble();
      boolean stray = i % 50 == 0;
      xyz[3 * i] = x;
      xyz[3 * i + 1] = y;
      xyz[3 * i + 2] = stray ? 1.5 + 4 * random.nextDouble() : 3.5 + 0.3 * x;
    }
    PointCloud cloud = PointCloud.fromPoints(xyz, BOX);
    OccupancyPyramid pyramid = new OccupancyPyramid(BOX, OccupancyRule.anyPoint());
    List<OccupancyLevel> pruned = pyramid.coarseToFine(cloud);
    List<OccupancyLevel> dense = pyramid.dense(cloud);
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(dense.get(i).grid().occupied(), pruned.get(i).grid().occupied(), "level " + i);
      assertEquals((long) Math.pow(8 << i, 3), dense.get(i).evaluatedVoxels());
    }
    assertEquals(512, pruned.get(0).evaluatedVoxels());
    for (int i = 1; i < 4; i++) {
      assertEquals(8L * pruned.get(i - 1).grid().occupiedCount(), pruned.get(i).evaluatedVoxels());
    }
  }

  @Test
  void coarseToFineStopsWhenTheCallerSaysSo() {
    PointCloud cloud = PointCloud.fromPoints(new double[] {0, 0, 3}, BOX);
    List<OccupancyLevel> levels = new OccupancyPyramid(BOX, OccupancyRule.anyPoint())
        .coarseToFine(cloud, level -> level.resolution() < 16);
    assertEquals(2, levels.size());
    assertEquals(16, levels.get(1).resolution());
  }

  @Test
  void depthNeighbourRuleDropsTheThinTailOfAStrongVoxel() {
    OccupancyRule rule = new OccupancyRule(0.1);
    assertTrue(rule.occupied(10, 100, 0)); // exactly a tenth of the nearer neighbour
    assertFalse(rule.occupied(9, 0, 100)); // under a tenth of the farther one
    assertFalse(rule.occupied(0, 0, 0));
    assertTrue(OccupancyRule.anyPoint().occupied(1, 1000, 1000));
  }
}
