package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.detect.Detection;

class ImportanceDefenceTest {

  /** A 20x20 map of ones with a 4x4 block of 25s whose top-left is (12, 4). */
  private static double[] hotSpot() {
    double[] m = new double[400];
    java.util.Arrays.fill(m, 1);
    for (int y = 4; y < 8; y++) {
      for (int x = 12; x < 16; x++) {
        m[y * 20 + x] = 25;
      }
    }
    return m;
  }

  @Test
  void theTopWindowSitsOnTheHotSpotWithItsShareOverItsAreaShare() {
    // windows of 0.2 x 20 = 4 cells, stride 1: the window at (12, 4) holds the whole block
    ImportanceDefence.Window w = ImportanceDefence.topWindow(hotSpot(), 20, 20, 0.2, null);
    assertEquals(12, w.x());
    assertEquals(4, w.y());
    assertEquals(4, w.w());
    double total = 384 + 16 * 25; // 384 ones and 16 hot cells
    assertEquals((16 * 25 / total) / (16 / 400.0), w.anomaly(), 1e-9);
  }

  @Test
  void theRankedWindowsStartWithTheTopWindowAndFallInAnomaly() {
    List<ImportanceDefence.Window> ranked = ImportanceDefence.ranked(hotSpot(), 20, 20, 0.2);
    assertEquals(289, ranked.size()); // 17 x 17 positions of a 4-cell window at stride 1 on 20 cells
    assertEquals(ImportanceDefence.topWindow(hotSpot(), 20, 20, 0.2, null), ranked.get(0));
    for (int i = 1; i < ranked.size(); i++) {
      assertTrue(ranked.get(i).anomaly() <= ranked.get(i - 1).anomaly(), "rank " + i);
    }
    // the four windows one cell off the block (each holding 12 of its 16 cells) come next
    assertEquals(ranked.get(1).anomaly(), ranked.get(4).anomaly(), 1e-12);
    assertTrue(ranked.get(5).anomaly() < ranked.get(4).anomaly());
    double share = (12 * 25 + 4) / (384 + 16 * 25.0);
    assertEquals(share / (16 / 400.0), ranked.get(1).anomaly(), 1e-9);
  }

  /** Data in: plain and occluded answers and the masked region; data out: what is served. */
  @Test
  void aMaskedCheckServesTheOccludedAnswerPlusThePlainBoxesCentredOutsideTheRegion() {
    org.swarmsense.semantic.codec.PixelImage frame = new org.swarmsense.semantic.codec.PixelImage(100, 100, 3,
        new byte[100 * 100 * 3]);
    Region masked = new Region(0.4, 0.4, 0.8, 0.8); // 40..80 px
    Detection patchMade = new Detection(0, 0.9, 50, 50, 60, 60); // centred inside: dropped
    Detection cut = new Detection(0, 0.8, 75, 10, 95, 30); // centred outside, the occluded answer lacks it: kept
    Detection both = new Detection(1, 0.7, 0, 0, 20, 20); // in both answers: once
    Detection other = new Detection(0, 0.6, 0, 80, 10, 90); // outside, same place as an occluded box of another class
    Detection recovered = new Detection(0, 0.5, 42, 42, 58, 58);
    List<Detection> plain = List.of(patchMade, cut, both, other);
    List<Detection> occluded = List.of(recovered, both, new Detection(2, 0.4, 0, 80, 10, 90));
    List<Detection> served = ImportanceDefence.served(plain, occluded, masked, frame);
    assertEquals(List.of(recovered, both, new Detection(2, 0.4, 0, 80, 10, 90), cut, other), served);
  }

  @Test
  void aCarriedWindowMovesAtMostHalfAWindow() {
    // carried at (8, 4): the hot spot's own window (12, 4) is 4 cells away; half a window is 2 cells,
    // and the best window that near, (10, 4), holds half of the block
    ImportanceDefence.Window near = new ImportanceDefence.Window(8, 4, 4, 4, 0);
    ImportanceDefence.Window w = ImportanceDefence.topWindow(hotSpot(), 20, 20, 0.2, near);
    assertEquals(10, w.x());
    assertEquals(4, w.y());
  }

  @Test
  void aFlatMapHasAnomalyOneEverywhereAndAnEmptyOneZero() {
    double[] flat = new double[400];
    java.util.Arrays.fill(flat, 3);
    assertEquals(1.0, ImportanceDefence.topWindow(flat, 20, 20, 0.2, null).anomaly(), 1e-9);
    assertEquals(0.0, ImportanceDefence.topWindow(new double[400], 20, 20, 0.2, null).anomaly(), 0);
  }

  @Test
  void theOccludedRegionIsTheWindowItself() {
    Region r = ImportanceDefence.regionOf(new ImportanceDefence.Window(12, 4, 4, 4, 2), 20, 20);
    assertEquals(new Region(12 / 20.0, 4 / 20.0, 16 / 20.0, 8 / 20.0), r);
    Region edge = ImportanceDefence.regionOf(new ImportanceDefence.Window(0, 16, 4, 4, 2), 20, 20);
    assertEquals(new Region(0, 16 / 20.0, 4 / 20.0, 1), edge);
  }

  /**
   * A 3 x 100 x 100 input (NCHW, or NHWC with {@code nhwc}): flat grey with a checkerboard square of side
   * 20 whose top-left pixel is (x0, y0).
   */
  private static org.swarmsense.edge.runtime.Tensor checkerSquare(int x0, int y0, boolean nhwc) {
    float[] d = new float[3 * 100 * 100];
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 100; x++) {
        boolean in = x >= x0 && x < x0 + 20 && y >= y0 && y < y0 + 20;
        float v = in ? ((x + y) % 2 == 0 ? 1f : 0f) : 0.5f;
        for (int k = 0; k < 3; k++) {
          d[nhwc ? (y * 100 + x) * 3 + k : (k * 100 + y) * 100 + x] = v;
        }
      }
    }
    return new org.swarmsense.edge.runtime.Tensor(nhwc ? new long[] {1, 100, 100, 3} : new long[] {1, 3, 100, 100}, d);
  }

  @Test
  void theOutlineIsTheBusySquareNearTheWindowToThePixel() {
    // a 25 x 25 map over 100 px: cells of 4 px; window of 0.2 = 5 cells (20 px) at cell (10, 5), i.e.
    // pixels 40..60 x 20..40; the patch sits at (43, 17): 3 px right of and 3 px above the window
    Region window = ImportanceDefence.regionOf(new ImportanceDefence.Window(10, 5, 5, 5, 3), 25, 25);
    for (boolean nhwc : new boolean[] {false, true}) {
      Region r = ImportanceDefence.outline(checkerSquare(43, 17, nhwc),
          nhwc ? StagedDetector.Layout.NHWC : StagedDetector.Layout.NCHW, window, 25, 25, 0.2);
      assertEquals(new Region(0.43, 0.17, 0.63, 0.37), r, "nhwc " + nhwc);
    }
  }

  @Test
  void theOutlineReachesTwoCellsBeyondTheWindowAndNoFurther() {
    // window pixels 40..60 x 20..40 as above; search 32..68 x 12..48
    Region window = ImportanceDefence.regionOf(new ImportanceDefence.Window(10, 5, 5, 5, 3), 25, 25);
    // the patch at (48, 28) lies inside the search area: found exactly
    assertEquals(new Region(0.48, 0.28, 0.68, 0.48), ImportanceDefence.outline(checkerSquare(48, 28, false),
        StagedDetector.Layout.NCHW, window, 25, 25, 0.2));
    // at (60, 20) it sticks out of the search area by 12 px: the square stops at the area's right edge
    Region clipped = ImportanceDefence.outline(checkerSquare(60, 20, false), StagedDetector.Layout.NCHW, window,
        25, 25, 0.2);
    assertEquals(new Region(0.48, 0.20, 0.68, 0.40), clipped);
  }

  @Test
  void aFlatInputKeepsTheFirstSquareOfTheSearchArea() {
    float[] flat = new float[3 * 100 * 100];
    java.util.Arrays.fill(flat, 0.5f);
    Region window = ImportanceDefence.regionOf(new ImportanceDefence.Window(0, 0, 5, 5, 3), 25, 25);
    assertEquals(new Region(0, 0, 0.2, 0.2), ImportanceDefence.outline(new org.swarmsense.edge.runtime.Tensor(
        new long[] {1, 3, 100, 100}, flat), StagedDetector.Layout.NCHW, window, 25, 25, 0.2));
  }

  @Test
  void newObjectsAreNewDetectionsCentredInNoEarlierBoxOfTheirClass() {
    Detection car = new Detection(0, 0.9, 100, 100, 120, 140);
    Detection cut = new Detection(0, 0.6, 100, 100, 120, 115); // the car cut by a fill: IoU 0.375, centre (110, 107.5) inside
    Detection hidden = new Detection(0, 0.7, 200, 100, 220, 140); // a car the patch hid: no earlier box near it
    Detection otherClass = new Detection(2, 0.5, 105, 105, 115, 125); // centred in the car's box, another class
    assertEquals(2, ImportanceDefence.newDetections(List.of(car), List.of(cut, hidden)));
    assertEquals(1, ImportanceDefence.newObjects(List.of(car), List.of(cut, hidden)));
    assertEquals(1, ImportanceDefence.newObjects(List.of(car), List.of(car, otherClass)));
    assertEquals(0, ImportanceDefence.newObjects(List.of(car, hidden), List.of(cut, hidden)));
    assertEquals(2, ImportanceDefence.newObjects(List.of(), List.of(cut, hidden)));
  }

  @Test
  void newDetectionsAreThoseMatchingNoEarlierOneOfTheSameClass() {
    Detection a = new Detection(0, 0.9, 0, 0, 10, 10);
    Detection aShifted = new Detection(0, 0.8, 1, 0, 11, 10); // IoU 9/11 with a
    Detection aOtherClass = new Detection(3, 0.8, 0, 0, 10, 10);
    Detection far = new Detection(0, 0.5, 50, 50, 60, 60);
    assertEquals(0, ImportanceDefence.newDetections(List.of(a), List.of(aShifted)));
    assertEquals(2, ImportanceDefence.newDetections(List.of(a), List.of(aShifted, aOtherClass, far)));
    assertEquals(1, ImportanceDefence.newDetections(List.of(), List.of(a)));
  }

  @Test
  void theChangeThresholdIsTheCleanFramesQuantileOfNewDetectionsAtLeastTheFloor() {
    // nearest rank at 0.9 of 10 values: index round(0.9 x 9) = 8 of the sorted counts
    double[] quiet = {0, 0, 0, 0, 0, 0, 0, 0, 0, 3}; // sorted index 8 is 0: the floor 1 holds
    assertEquals(1, ImportanceDefence.changeThreshold(quiet, 0.9, 1));
    double[] crowded = {2, 0, 1, 5, 1, 2, 1, 2, 1, 2}; // sorted 0 1 1 1 1 2 2 2 2 5: index 8 is 2
    assertEquals(2, ImportanceDefence.changeThreshold(crowded, 0.9, 1));
    assertEquals(3, ImportanceDefence.changeThreshold(crowded, 0.9, 3));
    assertEquals(5, ImportanceDefence.changeThreshold(crowded, 1.0, 1));
    assertEquals(0.0, ImportanceDefence.quantile(new double[] {4, 0, 9}, 0), 0);
  }

  @Test
  void aRegionIsAPatchOnlyWhenItsNewDetectionsExceedTheThreshold() {
    // "exceed", fixed before measuring: reaching the threshold is what the clean frames do
    assertFalse(ImportanceDefence.isPatch(0, 1));
    assertFalse(ImportanceDefence.isPatch(1, 1));
    assertTrue(ImportanceDefence.isPatch(2, 1));
    assertFalse(ImportanceDefence.isPatch(2, 2));
    assertTrue(ImportanceDefence.isPatch(3, 2));
  }

  @Test
  void aCalibrationWithoutTheChangeThresholdIsRefusedSayingWhatToDo() {
    String old = "# written before the change threshold\nfeature=f\nchannels=1,2\nthreshold=1.25\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImportanceDefence.Calibration.parse(old, "old.txt"));
    assertEquals("old.txt: change-threshold= is missing (a calibration written before the change threshold was"
        + " calibrated: calibrate again: swarmsense calibrate-defence)", e.getMessage());
    ImportanceDefence.Calibration c = ImportanceDefence.Calibration.parse(old + "change-threshold=2\n", "new.txt");
    assertEquals(2, c.changeThreshold());
    assertEquals(c.changeThreshold(), ImportanceDefence.Calibration.parse(c.toText("x"), "again").changeThreshold());
    String zero = assertThrows(IllegalArgumentException.class,
        () -> ImportanceDefence.Calibration.parse(old + "change-threshold=-1\n", "z.txt")).getMessage();
    assertEquals("z.txt: change-threshold must be >= 0, got: -1", zero);
  }

  @Test
  void settingsRefuseOutOfRangeValuesNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ImportanceDefence.Settings(0, 0.2, 0.9, 5, 1));
    assertEquals("topChannels must be >= 1, got: 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ImportanceDefence.Settings(8, 0, 0.9, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> new ImportanceDefence.Settings(8, 0.2, 1.5, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> new ImportanceDefence.Settings(8, 0.2, 0.9, 0, 1));
    assertEquals("minNewDetections must be >= 0, got: -1", assertThrows(IllegalArgumentException.class,
        () -> new ImportanceDefence.Settings(8, 0.2, 0.9, 5, -1)).getMessage());
  }
}
