package org.swarmsense.edge.stereo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pixel footprints on synthetic disparity maps whose voxels follow by hand from the calibration:
 * f = 100 px, principal point (50, 50), doffs 0, B = 0.1 m, so Z = 10 / d metres, X = (x - 50) Z / 100.
 */
class PixelFootprintTest {

  private static final VoxelBox BOX = VoxelBox.standard();
  private static final StereoCalibration CALIB = new StereoCalibration(100, 50, 50, 0, 0.1);
  private static final int SIZE = 101;

  /** Columns 0..60 at Z = 2 m (d = 5 px), columns 61..100 at Z = 4 m (d = 2.5 px): a vertical depth edge. */
  private static float[] twoLayers() {
    float[] d = new float[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        d[y * SIZE + x] = x <= 60 ? 5f : 2.5f;
      }
    }
    return d;
  }

  private static List<OccupancyLevel> levels(float[] d, PixelFootprint footprint) {
    return new OccupancyPyramid(BOX, OccupancyRule.anyPoint())
        .dense(PointCloud.fromDisparity(new DisparityMap(SIZE, SIZE, d), CALIB, BOX, footprint));
  }

  @Test
  void centreLeavesTheRayGapOfADepthEdgeEmptyAndToNeighboursFillsItAlongTheEdgeRaysOnly() {
    // 8^3 voxels are 0.5 m: the foreground (Z 2 m) is slab iz = 1, the background (Z 4 m) slab iz = 5;
    // the rays between columns 60 and 61 (x = 60.5) run at X = 0.105 Z = 0.21..0.42 m, i.e. ix = 4
    OccupancyGrid centre = levels(twoLayers(), PixelFootprint.CENTRE).get(0).grid();
    OccupancyGrid sheet = levels(twoLayers(), PixelFootprint.TO_NEIGHBOURS).get(0).grid();
    for (int iz = 2; iz <= 4; iz++) {
      for (int iy = 0; iy < 8; iy++) {
        for (int ix = 0; ix < 8; ix++) {
          assertFalse(centre.isOccupied(ix, iy, iz), "centre: gap voxel " + ix + "," + iy + "," + iz);
          if (ix != 4) {
            assertFalse(sheet.isOccupied(ix, iy, iz), "to-neighbours off the edge rays: " + ix + "," + iy + "," + iz);
          }
        }
      }
      // row 50 (Y = 0) crosses every gap slab at ix = 4, iy = 4
      assertTrue(sheet.isOccupied(4, 4, iz), "to-neighbours: gap voxel 4,4," + iz);
    }
    // the layers' slabs keep every voxel and gain some only on the edge rays (ix = 4: where the
    // segments leave the foreground's row span, e.g. row 0 runs from Y = -1 m at 2 m to -2 m at 4 m)
    for (int iz : new int[] {1, 5}) {
      for (int iy = 0; iy < 8; iy++) {
        for (int ix = 0; ix < 8; ix++) {
          if (centre.isOccupied(ix, iy, iz)) {
            assertTrue(sheet.isOccupied(ix, iy, iz), "layer voxel kept " + ix + "," + iy + "," + iz);
          } else if (ix != 4) {
            assertFalse(sheet.isOccupied(ix, iy, iz), "no gain off the edge rays " + ix + "," + iy + "," + iz);
          }
        }
      }
    }
    assertTrue(sheet.isOccupied(4, 1, 1) && !centre.isOccupied(4, 1, 1), "row 0's segment at Z 2-2.5 m, Y -1..-1.25 m");
  }

  @Test
  void anInvalidPixelBetweenTheLayersJoinsNothing() {
    float[] d = twoLayers();
    for (int y = 0; y < SIZE; y++) {
      d[y * SIZE + 61] = Float.NaN; // the first background column is unknown: no neighbour pair spans the edge
    }
    List<OccupancyLevel> centre = levels(d, PixelFootprint.CENTRE);
    List<OccupancyLevel> sheet = levels(d, PixelFootprint.TO_NEIGHBOURS);
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(centre.get(i).grid().occupied(), sheet.get(i).grid().occupied(), "level " + i);
    }
  }

  @Test
  void aSlantedPlaneGivesTheSameVoxelsUnderBothRules() {
    // Z = 10 / d with d falling 0.02 px per column from 5 px: a plane receding 2.0 -> 3.3 m left to
    // right; neighbours differ by at most Z^2 / 10 * 0.02 = 2.2 cm in depth, under the 3.125 cm step,
    // so no segment gets an inner sample: the surface is its pixels' points
    float[] d = new float[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        d[y * SIZE + x] = 5f - 0.02f * x;
      }
    }
    List<OccupancyLevel> centre = levels(d, PixelFootprint.CENTRE);
    List<OccupancyLevel> sheet = levels(d, PixelFootprint.TO_NEIGHBOURS);
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(centre.get(i).grid().occupied(), sheet.get(i).grid().occupied(), "level " + i);
    }
    assertEquals(PointCloud.fromDisparity(new DisparityMap(SIZE, SIZE, d), CALIB, BOX).size(),
        PointCloud.fromDisparity(new DisparityMap(SIZE, SIZE, d), CALIB, BOX, PixelFootprint.TO_NEIGHBOURS).size());
  }

  @Test
  void aSegmentToABackgroundFarBeyondTheBoxIsClippedToTheBoxDepth() {
    float[] d = twoLayers();
    for (int y = 0; y < SIZE; y++) {
      for (int x = 61; x < SIZE; x++) {
        d[y * SIZE + x] = 0.01f; // Z = 1000 m
      }
    }
    PointCloud cloud = PointCloud.fromDisparity(new DisparityMap(SIZE, SIZE, d), CALIB, BOX, PixelFootprint.TO_NEIGHBOURS);
    // clipped: the 101 edge segments run 2 -> 5.5 m inside the box, 3.5 m / 3.125 cm = 112 samples each;
    // unclipped they would need 31,936 each
    int foreground = 61 * SIZE;
    assertTrue(cloud.size() > foreground && cloud.size() <= foreground + SIZE * 113, "points " + cloud.size());
    OccupancyGrid g8 = new OccupancyPyramid(BOX, OccupancyRule.anyPoint()).dense(cloud).get(0).grid();
    // the edge ray of row 50 at Z 5.4 m: X = 0.1 * 5.4 = 0.54 m -> ix 5, Y 0 -> iy 4, iz (5.4 - 1.5) / 0.5 -> 7
    assertTrue(g8.isOccupied(5, 4, 7), "the edge ray reaches the back of the box");
  }

  @Test
  void pruningStaysExactUnderToNeighbours() {
    PointCloud cloud = PointCloud.fromDisparity(new DisparityMap(SIZE, SIZE, twoLayers()), CALIB, BOX,
        PixelFootprint.TO_NEIGHBOURS);
    OccupancyPyramid pyramid = new OccupancyPyramid(BOX, OccupancyRule.anyPoint());
    List<OccupancyLevel> pruned = pyramid.coarseToFine(cloud);
    List<OccupancyLevel> dense = pyramid.dense(cloud);
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(dense.get(i).grid().occupied(), pruned.get(i).grid().occupied(), "level " + i);
    }
  }

  @Test
  void parseAcceptsBothNamesAndNamesABadValue() {
    assertEquals(PixelFootprint.CENTRE, PixelFootprint.parse("centre"));
    assertEquals(PixelFootprint.TO_NEIGHBOURS, PixelFootprint.parse(" To-Neighbours "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PixelFootprint.parse("mesh"));
    assertTrue(e.getMessage().contains("'mesh'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PixelFootprint.parse(null));
    assertThrows(IllegalArgumentException.class, () -> PointCloud.fromDisparity(
        new DisparityMap(SIZE, SIZE, new float[SIZE * SIZE]), CALIB, BOX, null));
    assertEquals(2, Arrays.stream(PixelFootprint.values()).count());
  }
}
