package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.runtime.InferenceSession;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.edge.runtime.ThreadSettings;

class ReceptiveFieldTest {

  /**
   * A 16-pixel axis through conv 3/1/pad 1 ("a"), conv 3/2/pad 1 ("b"), nearest x2 ("c") and a
   * point-wise sum of a and c ("d"); the same along rows and columns.
   */
  private static ReceptiveField stack() {
    return ReceptiveField.compute("x", List.of(
        ReceptiveField.Layer.window("a", "x", 3, 1, 1, 1),
        ReceptiveField.Layer.window("b", "a", 3, 2, 1, 1),
        ReceptiveField.Layer.nearest("c", "b", 2),
        ReceptiveField.Layer.pointwise("d", "a", "c"),
        ReceptiveField.Layer.window("e", "x", 3, 1, 2, 2)), 16, 16);
  }

  @Test
  void aKnownLayerStackGivesTheHandWorkedFields() {
    ReceptiveField rf = stack();
    // a: cell i reads pixels i-1..i+1, clipped
    assertArrayEquals(new int[] {0, 1}, rf.rowSpan("a", 0));
    assertArrayEquals(new int[] {6, 8}, rf.rowSpan("a", 7));
    assertArrayEquals(new int[] {14, 15}, rf.colSpan("a", 15));
    // b: (16 + 2 - 2 - 1) / 2 + 1 = 8 cells; cell i reads a's cells 2i-1..2i+1
    assertEquals(8, rf.rows("b"));
    assertArrayEquals(new int[] {0, 2}, rf.rowSpan("b", 0)); // a0, a1
    assertArrayEquals(new int[] {4, 8}, rf.rowSpan("b", 3)); // a5..a7
    assertArrayEquals(new int[] {12, 15}, rf.rowSpan("b", 7)); // a13..a15
    // c: 16 cells, cell i reads b's cell floor(i / 2)
    assertEquals(16, rf.rows("c"));
    assertArrayEquals(new int[] {4, 8}, rf.rowSpan("c", 7)); // b3
    assertArrayEquals(new int[] {12, 15}, rf.rowSpan("c", 15)); // b7
    // d = a + c: the union, cell 7: a 6..8 and c 4..8
    assertArrayEquals(new int[] {4, 8}, rf.rowSpan("d", 7));
    assertArrayEquals(new int[] {0, 2}, rf.colSpan("d", 1)); // a 0..2, c (b0) 0..2
    // e: dilation 2, pad 2: cell 0 reads -2, 0, 2 -> 0..2; cell 8 reads 6, 8, 10
    assertArrayEquals(new int[] {0, 2}, rf.rowSpan("e", 0));
    assertArrayEquals(new int[] {6, 10}, rf.rowSpan("e", 8));
    assertArrayEquals(new int[] {5, 5}, rf.largestSpan("b"));
  }

  @Test
  void theScriptsTextFormGivesTheSameFieldsAndBadLinesAreNamed() {
    String text = String.join("\n",
        "input name=x",
        "layer op=window out=a in=x kernel=3,3 stride=1,1 dilation=1,1 pads=1,1,1,1",
        "layer op=window out=b in=a kernel=3,3 stride=2,2 dilation=1,1 pads=1,1,1,1",
        "layer op=resize out=c in=b scale=2.0,2.0 mode=nearest coord=asymmetric nearest=floor",
        "layer op=pointwise out=d in=a,c",
        "layer op=global out=g in=d",
        "layer op=pointwise out=h in=d,g",
        "output name=h");
    ReceptiveField rf = ReceptiveField.parse(text, "t.txt", 16, 16);
    assertArrayEquals(stack().rowSpan("d", 7), rf.rowSpan("d", 7));
    assertArrayEquals(new int[] {0, 15}, rf.rowSpan("h", 3)); // a global input reaches every pixel
    String e = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.parse(
        "input name=x\nlayer op=window out=a in=x kernel=3 stride=1,1 dilation=1,1 pads=1,1,1,1", "u.txt", 16, 16))
        .getMessage();
    assertEquals("u.txt line 2: kernel must be 2 values >= 1, got: [3]", e);
    String f = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.parse(
        "input name=x\nlayer op=spin out=a in=x", "v.txt", 16, 16)).getMessage();
    assertEquals("v.txt line 2: op must be window, resize, pointwise or global, got: spin", f);
  }

  @Test
  void aSquareChangesOnlyTheOutputCellsWhoseTheoreticalFieldItOverlaps(@TempDir Path dir) throws Exception {
    // the shipped vehicle detector on a 512 x 512 random input, with an 8 x 8 square replaced
    Path onnx = dir.resolve("vehicle_plain.onnx");
    Files.write(onnx, org.swarmsense.edge.runtime.ModelResources.bytes(VehicleDetector.RESOURCE_DIR,
        VehicleDetector.Variant.PLAIN.onnxResource()));
    int side = 512;
    ReceptiveField rf = ReceptiveField.ofModel(onnx, dir, side, side);
    long seed = 20;
    System.out.println("ReceptiveFieldTest seed " + seed);
    SplittableRandom rng = new SplittableRandom(seed);
    float[] a = new float[3 * side * side];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rng.nextDouble();
    }
    float[] b = a.clone();
    int y0 = 250;
    int x0 = 100;
    int sq = 8;
    for (int c = 0; c < 3; c++) {
      for (int y = y0; y < y0 + sq; y++) {
        for (int x = x0; x < x0 + sq; x++) {
          b[c * side * side + y * side + x] = (float) rng.nextDouble();
        }
      }
    }
    long[] shape = {1, 3, side, side};
    try (InputSession s = new InputSession(onnx)) {
      Map<String, Tensor> ra = s.session.run(Map.of("image", new Tensor(shape, a)));
      Map<String, Tensor> rb = s.session.run(Map.of("image", new Tensor(shape, b)));
      for (String head : List.of("heatmap", "size", "offset")) {
        Tensor ta = ra.get(head);
        int rows = (int) ta.shape()[2];
        int cols = (int) ta.shape()[3];
        assertEquals(rows, rf.rows(head), head);
        assertEquals(cols, rf.cols(head), head);
        int outside = 0;
        int changed = 0;
        int predicted = 0;
        int minRow = Integer.MAX_VALUE;
        int maxRow = -1;
        int minPred = Integer.MAX_VALUE;
        int maxPred = -1;
        for (int ch = 0; ch < ta.shape()[1]; ch++) {
          for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
              int i = ch * rows * cols + r * cols + c;
              boolean diff = ta.data()[i] != rb.get(head).data()[i];
              int[] ys = rf.rowSpan(head, r);
              int[] xs = rf.colSpan(head, c);
              boolean inField = ys[0] <= y0 + sq - 1 && ys[1] >= y0 && xs[0] <= x0 + sq - 1 && xs[1] >= x0;
              if (ch == 0 && inField) {
                predicted++;
                minPred = Math.min(minPred, r);
                maxPred = Math.max(maxPred, r);
              }
              if (diff) {
                changed++;
                minRow = Math.min(minRow, r);
                maxRow = Math.max(maxRow, r);
                outside += inField ? 0 : 1;
              }
            }
          }
        }
        System.out.printf("%s: %d values changed, rows %d..%d; theory: %d cells per channel, rows %d..%d; largest"
            + " field %s px%n", head, changed, minRow, maxRow, predicted, minPred, maxPred,
            java.util.Arrays.toString(rf.largestSpan(head)));
        assertEquals(0, outside, head + ": values changed outside the theoretical receptive fields");
        assertTrue(changed > 0, head + ": the square changed nothing");
        // the theory is not loose: the changed rows reach at least half way to the theoretical edge
        assertTrue(maxRow - minRow + 1 >= (maxPred - minPred + 1) / 2, head + ": changed rows " + minRow + ".." + maxRow
            + " against theory " + minPred + ".." + maxPred);
      }
    }
  }

  @Test
  void theBoundCountsDetectionsAPlacementCanReachAnywhereAndCoveringNoCentre() {
    // heatmap = a 4/4 window on 16 px: cell i reads pixels 4i..4i+3, 4 x 4 cells
    ReceptiveField rf = ReceptiveField.compute("x", List.of(ReceptiveField.Layer.window("hm", "x", 4, 4, 1, 0)), 16, 16);
    // peak A at cell (0, 0): its 3x3 neighbourhood (cells 0..1) reads pixels 0..7; B at (3, 3): cells 2..3, pixels 8..15
    List<int[]> peaks = List.of(new int[] {0, 0}, new int[] {3, 3});
    // A's box is centred on (7.5, 7.5), B's on (13, 13)
    var boxA = new org.swarmsense.edge.detect.Detection(0, 0.9, 5.5, 5.5, 9.5, 9.5);
    var boxB = new org.swarmsense.edge.detect.Detection(0, 0.8, 11, 11, 15, 15);
    PatchBound.Frame f = PatchBound.of(rf, "hm", List.of("hm"), peaks, List.of(boxA, boxB), 16, 16, 4);
    // a 4 px patch reaches both only at x, y in 5..7, and every such patch covers A's centre 7.5
    assertEquals(2, f.anywhere());
    assertEquals(1, f.threatModel());
    assertEquals(4, f.maxCells()); // a misaligned 4 px patch overlaps 2 cells per axis
    assertEquals(0, f.overlapping());
    assertEquals(0.5, PatchBound.recallFloor(f.threatModel(), f.detections()), 1e-12);
    assertEquals(0.0, PatchBound.recallFloor(f.anywhere(), f.detections()), 1e-12);
  }

  /** The whole model on one thread. */
  private static final class InputSession implements AutoCloseable {
    final InferenceSession session;

    InputSession(Path onnx) {
      session = new OnnxRuntimeBackend(new ThreadSettings(1, 1)).open(onnx);
    }

    @Override
    public void close() {
      session.close();
    }
  }
}
