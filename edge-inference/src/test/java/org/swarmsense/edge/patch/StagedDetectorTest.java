package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.edge.runtime.ThreadSettings;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/** The split detectors give the unsplit detectors' answers; filling touches only its cells. */
class StagedDetectorTest {

  private static void assertSame(List<Detection> expected, List<Detection> actual) {
    assertEquals(expected.size(), actual.size(), expected + " vs " + actual);
    for (int i = 0; i < expected.size(); i++) {
      Detection e = expected.get(i);
      Detection a = actual.get(i);
      assertEquals(e.classId(), a.classId());
      assertEquals(e.score(), a.score(), 1e-4);
      assertArrayEquals(new double[] {e.x0(), e.y0(), e.x1(), e.y1()}, new double[] {a.x0(), a.y0(), a.x1(), a.y1()}, 0.05);
    }
  }

  @Test
  void theSplitCocoDetectorFindsWhatTheWholeOneFinds() throws Exception {
    PixelImage dog = PixelImages.read(SharedData.file("images/dog.jpg"));
    OnnxRuntimeBackend backend = new OnnxRuntimeBackend(new ThreadSettings(2, 1));
    Path model = SharedData.file("models/mb3_centernet_coco.onnx");
    try (StagedDetector staged = StagedDetector.coco(model, Path.of("target", "patch-test", "coco"), backend);
        CocoDetector whole = new CocoDetector(model, 2)) {
      List<Detection> expected = whole.detect(dog, DetectionF1.MIN_SCORE);
      assertFalse(expected.isEmpty());
      assertSame(expected, staged.detect(dog));
    }
  }

  @Test
  void theSplitVehicleDetectorFindsWhatTheWholeOneFinds() throws Exception {
    PixelImage img = PixelImages.read(SharedData.file("images/coffee.png"));
    OnnxRuntimeBackend backend = new OnnxRuntimeBackend(new ThreadSettings(2, 1));
    double threshold = 0.05; // low, so that a photo that is no drone frame still gives peaks to compare
    try (StagedDetector staged = StagedDetector.vehicle(VehicleDetector.Variant.PLAIN,
        Path.of("target", "patch-test", "vehicle"), backend, threshold);
        VehicleDetector whole = VehicleDetector.open(VehicleDetector.Variant.PLAIN, backend, threshold)) {
      List<Detection> expected = whole.detect(img);
      assertFalse(expected.isEmpty());
      assertSame(expected, staged.detect(img));
      // its identity for caches: the name and the SHA-256 of the model bytes it was split from
      byte[] onnx = java.nio.file.Files.readAllBytes(StagedDetector.vehicleModelFile(VehicleDetector.Variant.PLAIN,
          Path.of("target", "patch-test", "vehicle")));
      String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(onnx));
      assertEquals("vehicle plain sha256:" + sha, staged.identity());
      // a masked region of its padded input, as a region of the frame: scaled by the built input's sides
      Region masked = new Region(0.5, 0.25, 1, 0.75);
      long[] shape = staged.input(img).shape();
      assertEquals(masked.inFrame(shape[3], shape[2], img.width(), img.height()), staged.inFrame(masked, img));
      // and back: a region of the 600 x 400 frame in its 608 x 400 input covers the same pixels
      Region inFrame = new Region(0.1, 0.2, 0.5, 0.75);
      Region inInput = staged.inInput(inFrame, img);
      assertArrayEquals(new double[] {60, 80, 300, 300}, new double[] {inInput.x0() * shape[3], inInput.y0() * shape[2],
          inInput.x1() * shape[3], inInput.y1() * shape[2]}, 1e-9);
      Region back = staged.inFrame(inInput, img);
      assertArrayEquals(new double[] {0.1, 0.2, 0.5, 0.75}, new double[] {back.x0(), back.y0(), back.x1(), back.y1()},
          1e-12);
    }
  }

  @Test
  void fillMeanSetsTheRegionsPixelsToEachChannelsMeanOverTheFrame() {
    // [1, 2, 2, 2] NCHW, the frame filling the input: channel 0 = 1 2 / 3 6 (mean 3), channel 1 = 0 0 / 0 4
    // (mean 1); region: the top-left pixel
    Tensor nchw = new Tensor(new long[] {1, 2, 2, 2}, new float[] {1, 2, 3, 6, 0, 0, 0, 4});
    Tensor filled = StagedDetector.fillMean(nchw, StagedDetector.Layout.NCHW, new Region(0, 0, 0.5, 0.5), 2, 2);
    assertArrayEquals(new float[] {3, 2, 3, 6, 1, 0, 0, 4}, filled.data(), 0f);
    assertArrayEquals(new float[] {1, 2, 3, 6, 0, 0, 0, 4}, nchw.data(), 0f); // the input is untouched
    // the same pixels NHWC ([1, 2, 2, 2], channels interleaved); region: the bottom row
    Tensor nhwc = new Tensor(new long[] {1, 2, 2, 2}, new float[] {1, 0, 2, 0, 3, 0, 6, 4});
    Tensor bottom = StagedDetector.fillMean(nhwc, StagedDetector.Layout.NHWC, new Region(0, 0.5, 1, 1), 2, 2);
    assertArrayEquals(new float[] {1, 0, 2, 0, 3, 1, 3, 1}, bottom.data(), 0f);
  }

  @Test
  void fillMeanLeavesThePaddingOutOfTheMean() {
    // [1, 1, 2, 3] NCHW: a 2 x 1 frame (pixels 4 and 8, mean 6) padded with zeros to 3 x 2; region: the
    // bottom-right pixel. Over the whole input the mean would be 2.
    Tensor padded = new Tensor(new long[] {1, 1, 2, 3}, new float[] {4, 8, 0, 0, 0, 0});
    Tensor filled = StagedDetector.fillMean(padded, StagedDetector.Layout.NCHW, new Region(0.7, 0.6, 1, 1), 2, 1);
    assertArrayEquals(new float[] {4, 8, 0, 0, 0, 6}, filled.data(), 0f);
    // NHWC, 2 channels, the same frame in channel 0 and 1 3 in channel 1 (mean 2)
    Tensor nhwc = new Tensor(new long[] {1, 2, 3, 2}, new float[] {4, 1, 8, 3, 0, 0, 0, 0, 0, 0, 0, 0});
    Tensor f2 = StagedDetector.fillMean(nhwc, StagedDetector.Layout.NHWC, new Region(0, 0.6, 0.3, 1), 2, 1);
    assertArrayEquals(new float[] {4, 1, 8, 3, 0, 0, 6, 2, 0, 0, 0, 0}, f2.data(), 0f);
  }

  @Test
  void fillSetsExactlyTheCellsWhoseCentresLieInTheRegion() {
    // [1, 2, 4, 4] NCHW, values 1: the region x in [0.25, 0.75), y in [0, 0.5) covers cells x 1..2, y 0..1
    float[] ones = new float[32];
    java.util.Arrays.fill(ones, 1);
    Tensor t = StagedDetector.fill(new Tensor(new long[] {1, 2, 4, 4}, ones), StagedDetector.Layout.NCHW,
        new Region(0.25, 0, 0.75, 0.5), 0f);
    float[] expectedPlane = {1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    for (int c = 0; c < 2; c++) {
      assertArrayEquals(expectedPlane, java.util.Arrays.copyOfRange(t.data(), c * 16, c * 16 + 16), 0f);
    }
    assertEquals(1f, ones[1], 0f); // the input is not touched
    // the same region in NHWC [1, 4, 4, 2]
    Tensor n = StagedDetector.fill(new Tensor(new long[] {1, 4, 4, 2}, ones.clone()), StagedDetector.Layout.NHWC,
        new Region(0.25, 0, 0.75, 0.5), 0f);
    for (int i = 0; i < 16; i++) {
      assertEquals(expectedPlane[i], n.data()[i * 2], 0f);
      assertEquals(expectedPlane[i], n.data()[i * 2 + 1], 0f);
    }
    // a region smaller than a cell still occludes one cell
    assertArrayEquals(new int[] {2, 3}, StagedDetector.cells(0.6, 0.61, 4));
  }
}
