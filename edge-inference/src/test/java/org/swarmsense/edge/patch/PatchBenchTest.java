package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.ThreadSettings;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

class PatchBenchTest {

  /**
   * The masking ceiling fills the patch's square of the clean frame as ours fills a region: a square
   * over one detection's whole box loses that detection and keeps every detection it does not touch.
   */
  @Test
  void maskingAPatchsSquareLosesTheBoxItCoversAndKeepsTheOnesItDoesNotTouch() throws Exception {
    PixelImage img = PixelImages.read(SharedData.file("images/coffee.png")); // 600 x 400: padded to 608 x 400
    double threshold = 0.05; // low, so that a photo that is no drone frame still gives detections
    try (StagedDetector staged = StagedDetector.vehicle(VehicleDetector.Variant.PLAIN,
        Path.of("target", "patch-test", "vehicle"), new OnnxRuntimeBackend(new ThreadSettings(2, 1)), threshold)) {
      ImportanceDefence ours = ImportanceDefence.of(staged, EdgeInferenceSettings.Patch.load().defence(),
          ImportanceDefence.shippedVehicleCalibration());
      List<Detection> ref = staged.detect(img);
      assertFalse(ref.isEmpty());
      Detection d = ref.get(0);
      int px = (int) Math.floor(d.x0()) - 2;
      int py = (int) Math.floor(d.y0()) - 2;
      int side = (int) Math.ceil(Math.max(d.x1() - d.x0(), d.y1() - d.y0())) + 4;
      px = Math.max(0, Math.min(img.width() - side, px));
      py = Math.max(0, Math.min(img.height() - side, py));
      // the detections the square does not reach (by a margin of the detector's 3x3 peak window)
      List<Detection> untouched = new java.util.ArrayList<>();
      for (Detection e : ref) {
        if (e.x0() > px + side + 64 || e.x1() < px - 64 || e.y0() > py + side + 64 || e.y1() < py - 64) {
          untouched.add(e);
        }
      }
      System.out.printf("%d detections, square %d px at %d,%d over the first, %d far from it%n", ref.size(), side, px,
          py, untouched.size());
      assertEquals(0, PatchBench.maskingCeiling(staged, ours, img, List.of(d), px, py, side));
      assertEquals(untouched.size(), PatchBench.maskingCeiling(staged, ours, img, untouched, px, py, side));
    }
  }
}
