package org.swarmsense.edge.stereo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The deadline-aware occupancy service against a scripted clock: which levels each deadline gets,
 * the predictions it made (worked out by hand from the scripted times), and that its grids are the
 * matcher's and pyramid's own.
 */
class OccupancyServiceTest {

  /** A textured 128 x 96 pair, the right image the left shifted by 8 px: Z = f B / 8 = 3.75 m, inside the standard box. */
  static final int W = 128;
  static final int H = 96;
  static final StereoCalibration CALIB = new StereoCalibration(100, 63.5, 47.5, 0, 0.3);
  static final GrayImage[] PAIR = pair(8, 42);

  static GrayImage[] pair(int shift, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int wide = W + shift;
    byte[] scene = new byte[wide * H];
    for (int i = 0; i < scene.length; i++) {
      scene[i] = (byte) r.nextInt(256);
    }
    byte[] left = new byte[W * H];
    byte[] right = new byte[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        // left pixel x shows scene column x; the right image shows it at x - shift
        left[y * W + x] = scene[y * wide + x];
        right[y * W + x] = scene[y * wide + x + shift];
      }
    }
    return new GrayImage[] {new GrayImage(W, H, left), new GrayImage(W, H, right)};
  }

  /** A clock returning the given milliseconds, one per read; a read past the script fails the test. */
  static LongSupplier script(double... ms) {
    int[] next = {0};
    return () -> {
      if (next[0] >= ms.length) {
        throw new AssertionError("the service read the clock " + (next[0] + 1) + " times, the script has " + ms.length);
      }
      return (long) (ms[next[0]++] * 1e6);
    };
  }

  static OccupancyService service(LongSupplier clock) {
    return new OccupancyService(SgmSettings.defaults().withThreads(1), OccupancyRule.anyPoint(), PixelFootprint.TO_NEIGHBOURS,
        clock);
  }

  static OccupancyRequest request(long deadlineMs) {
    return new OccupancyRequest(PAIR[0], PAIR[1], CALIB, VoxelBox.standard(), Duration.ofMillis(deadlineMs));
  }

  @Test
  void aTightDeadlineGetsTheHalfSizeLevelsOnly() {
    // half pass 30 ms; nothing measured yet, so the full pass is predicted at 4 x 30 = 120 ms: 150 > 50
    try (OccupancyService s = service(script(0, 30, 31))) {
      OccupancyAnswer a = s.answer(request(50));
      assertFalse(a.fullPass());
      assertEquals(16, a.finestResolution());
      assertEquals(List.of(8, 16), a.levels().stream().map(OccupancyLevel::resolution).toList());
      assertEquals(120.0, a.predictedFullPassMs(), 1e-9);
      assertEquals(31.0, a.elapsedMs(), 1e-9);
      assertFalse(a.late());
      // the levels are the half-size pass's own: the same matcher and pyramid run directly agree
      try (SemiGlobalMatcher half = new SemiGlobalMatcher(SgmSettings.defaults().withThreads(1).halfSize())) {
        DisparityMap d = half.compute(PAIR[0].halfSize(), PAIR[1].halfSize());
        List<OccupancyLevel> direct = new OccupancyPyramid(VoxelBox.standard(), OccupancyRule.anyPoint())
            .coarseToFine(PointCloud.fromDisparity(d, CALIB.halfSize(), VoxelBox.standard(), PixelFootprint.TO_NEIGHBOURS));
        assertArrayEquals(direct.get(1).grid().occupied(), a.levels().get(1).grid().occupied());
      }
      assertTrue(a.finest().grid().occupiedCount() > 0, "the textured plane at 3.75 m occupies voxels");
    }
  }

  @Test
  void aLooseDeadlineGets32ButNot64WhenThe64StepDoesNotFit() {
    // half 30 ms -> full predicted 120, 150 <= 850: run it; 32^3 at 800 ms (full pass 770 ms); the 64^3
    // step is predicted at 0.1 x 770 = 77 ms: 877 > 850, so stop at 32^3
    try (OccupancyService s = service(script(0, 30, 800, 805))) {
      OccupancyAnswer a = s.answer(request(850));
      assertTrue(a.fullPass());
      assertEquals(32, a.finestResolution());
      assertEquals(List.of(8, 16, 32), a.levels().stream().map(OccupancyLevel::resolution).toList());
      try (SemiGlobalMatcher full = new SemiGlobalMatcher(SgmSettings.defaults().withThreads(1))) {
        DisparityMap d = full.compute(PAIR[0], PAIR[1]);
        List<OccupancyLevel> direct = new OccupancyPyramid(VoxelBox.standard(), OccupancyRule.anyPoint())
            .coarseToFine(PointCloud.fromDisparity(d, CALIB, VoxelBox.standard(), PixelFootprint.TO_NEIGHBOURS));
        assertArrayEquals(direct.get(2).grid().occupied(), a.finest().grid().occupied());
      }
    }
  }

  @Test
  void predictionsFollowTheMeasuredTimesScaledByTheHalfPass() {
    // request 1, deadline 2 s: half 30, 32^3 at 800 (full 770), 64^3 step predicted 77: 877 <= 2000, run
    // it; 64^3 ends at 850 (step 50). Request 2: half 60 ms (twice as slow: load) -> full predicted
    // 770 x 60 / 30 = 1540 ms: 1600 > 1000, coarse only. Request 3: half 30 -> full 770 predicted:
    // 800 <= 810: run; 32^3 at 790 (full 760), 64^3 step predicted 50 x 760 / 770 = 49.4: 839 > 810, stop.
    try (OccupancyService s = service(script(0, 30, 800, 850, 851, 0, 60, 61, 0, 30, 790, 791))) {
      OccupancyAnswer first = s.answer(request(2000));
      assertEquals(64, first.finestResolution());
      assertEquals(List.of(8, 16, 32, 64), first.levels().stream().map(OccupancyLevel::resolution).toList());
      OccupancyAnswer second = s.answer(request(1000));
      assertEquals(16, second.finestResolution());
      assertEquals(1540.0, second.predictedFullPassMs(), 1e-9);
      OccupancyAnswer third = s.answer(request(810));
      assertEquals(770.0, third.predictedFullPassMs(), 1e-9);
      assertEquals(32, third.finestResolution());
    }
  }

  @Test
  void aCoarsePassOverrunningTheDeadlineStillAnswersAndSaysItIsLate() {
    try (OccupancyService s = service(script(0, 80, 81))) {
      OccupancyAnswer a = s.answer(request(50));
      assertEquals(16, a.finestResolution());
      assertTrue(a.late());
    }
  }

  @Test
  void badRequestsAreRefusedNamingTheField() {
    GrayImage small = new GrayImage(8, 8, new byte[64]);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new OccupancyRequest(PAIR[0], PAIR[1], CALIB, VoxelBox.standard(), Duration.ZERO)).getMessage()
        .contains("deadline must be positive, got PT0S"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new OccupancyRequest(small, small, CALIB, VoxelBox.standard(), Duration.ofMillis(5))).getMessage()
        .contains("at least 16 px on each side, got 8x8"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new OccupancyRequest(PAIR[0], small, CALIB, VoxelBox.standard(), Duration.ofMillis(5))).getMessage()
        .contains("differ in size"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new OccupancyRequest(PAIR[0], PAIR[1], null, VoxelBox.standard(), Duration.ofMillis(5))).getMessage()
        .contains("calibration and box must be set"));
  }
}
