package org.swarmsense.gateway.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.swarmsense.gateway.wire.OccupancyResult;
import org.swarmsense.maps.camera.StereoPair;
import org.swarmsense.maps.camera.StereoRigSettings;

/**
 * The leg check's box, hit rule and truth, worked by hand at 50 m: at 16^3 the box's voxels are 2 m,
 * centres X = -15 + 2i, Y = -23 + 2j (ahead is Y &lt; 0), height above the ground 27.25 - 2k.
 */
class LegCorridorTest {
  static final LegCheckSettings S = new LegCheckSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), 5, 5);
  static final int N = 16;

  static OccupancyResult answer(int[]... voxels) {
    boolean[] grid = new boolean[N * N * N];
    for (int[] v : voxels) {
      grid[(v[2] * N + v[1]) * N + v[0]] = true;
    }
    return OccupancyResult.answer(1_700_000_000_000L, "d0001-leg-0", N, false, OccupancyResult.bits(grid), 12, false);
  }

  @Test
  void theBoxAndTheBaselineFollowTheAltitude() {
    double[] b = LegCorridor.box(50);
    assertEquals(-16, b[0]);
    assertEquals(-24, b[1]);
    assertEquals(21.75, b[2]);
    assertEquals(32, b[3]);
    StereoRigSettings rig = new StereoRigSettings(9.5, 60, 512, 512);
    assertEquals(9.5, LegCorridor.rigAt(rig, 100).baselineM(), 1e-12);
    assertEquals(9.5 * 38 / 88, LegCorridor.rigAt(rig, 50).baselineM(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> LegCorridor.rigAt(rig, 29.9));
  }

  @Test
  void onlyTallEnoughVoxelsAheadInTheCorridorCount() {
    int[] inside = {8, 5, 8}; // X 1, Y -13, 11.25 m high
    int[] ground = {8, 5, 12}; // 3.25 m high: below the obstacle height
    int[] aside = {11, 5, 8}; // X 7: outside the 5 m half-width
    int[] behind = {8, 12, 8}; // Y 1: behind the drone
    int[] edge = {10, 11, 11}; // X 5, Y -1, 5.25 m high: on the corridor's edge, inside
    assertEquals(0, LegCorridor.corridorVoxels(answer(ground, aside, behind), 50, S));
    assertEquals(1, LegCorridor.corridorVoxels(answer(inside, ground, aside, behind), 50, S));
    assertEquals(2, LegCorridor.corridorVoxels(answer(inside, edge), 50, S));
    // a higher obstacle threshold drops the 5.25 m voxel, not the 11.25 m one
    assertEquals(1, LegCorridor.corridorVoxels(answer(inside, edge), 50, S.withObstacleHeightM(6)));
    assertThrows(IllegalArgumentException.class, () -> LegCorridor.corridorVoxels(
        OccupancyResult.error(1_700_000_000_000L, "t", "expired", "late"), 50, S));
  }

  /** A 64 x 64 pair at 50 m (f 50 px, B 4 m) whose truth is the ground except the given pixels at 10 m. */
  static StereoPair pair(int[]... roofs) {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    float[] d = new float[64 * 64];
    java.util.Arrays.fill(d, (float) (50 * 4 / 50.0));
    for (int[] p : roofs) {
      d[p[1] * 64 + p[0]] = (float) (50 * 4 / 40.0);
    }
    return new StereoPair(img, img, d, 50, 4, 50);
  }

  @Test
  void theTruthIsASurfaceTallEnoughInTheCorridorAhead() {
    assertFalse(LegCorridor.truthBlocked(pair(), S), "bare ground");
    // pixel (32, 10): X = 0.5 x 40 / 50 = 0.4 m, Y = -21.5 x 0.8 = -17.2 m, 10 m high
    assertTrue(LegCorridor.truthBlocked(pair(new int[] {32, 10}), S));
    // pixel (60, 10): X = 22.8 m, outside; pixel (32, 50): Y = 14.8 m, behind
    assertFalse(LegCorridor.truthBlocked(pair(new int[] {60, 10}, new int[] {32, 50}), S));
    // a 10 m roof is no obstacle when obstacles start at 11 m
    assertFalse(LegCorridor.truthBlocked(pair(new int[] {32, 10}), S.withObstacleHeightM(11)));
  }
}
