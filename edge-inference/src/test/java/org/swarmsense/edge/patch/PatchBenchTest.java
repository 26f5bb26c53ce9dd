package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  /**
   * A video's white-box patch is one square at one place: found for every frame by its pixels it gives one
   * row over all frames; a frame without an entry leaves the row out; two places are refused.
   */
  @Test
  void aVideoPatchIsOneSquareAtOnePlaceOnEveryFrame(@TempDir Path dir) throws Exception {
    PixelImage first = PixelImages.read(SharedData.file("images/coffee.png"));
    byte[] px = first.pixels().clone();
    px[0] = (byte) (px[0] + 1); // a second frame: other pixels, so another entry
    PixelImage second = new PixelImage(first.width(), first.height(), 3, px);
    List<PixelImage> frames = List.of(first, second);
    try (StagedDetector staged = StagedDetector.vehicle(VehicleDetector.Variant.PLAIN,
        Path.of("target", "patch-test", "vehicle"), new OnnxRuntimeBackend(new ThreadSettings(2, 1)), 0.05)) {
      EdgeInferenceSettings.Patch settings = EdgeInferenceSettings.Patch.load();
      ImportanceDefence ours = ImportanceDefence.of(staged, settings.defence(),
          ImportanceDefence.shippedVehicleCalibration());
      ObjectSeeker seeker = new ObjectSeeker(staged, settings.objectSeeker());
      List<List<Detection>> refs = List.of(staged.detect(first), staged.detect(second));
      assertFalse(refs.get(0).isEmpty());
      int side = 40;
      int[] at = Patches.nearTargets(side, first.width(), first.height(), refs.get(0), 1).get(0);
      PixelImage patch = new PixelImage(side, side, 3, new byte[side * side * 3]);
      java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
      java.io.PrintStream out = new java.io.PrintStream(sink, true, java.nio.charset.StandardCharsets.UTF_8);

      Path both = write(dir.resolve("both"), patch, frames, at, 0);
      List<PatchBench.Row> rows = new java.util.ArrayList<>();
      PatchBench.measureVideoPatch(staged, ours, seeker, frames, "clip (video)", refs.get(0), FramePatches.read(both),
          refs, rows, false, out);
      assertEquals(1, rows.size());
      assertEquals("white-box patch", rows.get(0).attack);
      assertEquals(2, rows.get(0).frameCount);
      assertEquals(refs.get(0).size() + refs.get(1).size(), rows.get(0).targets);

      Path one = write(dir.resolve("one"), patch, List.of(first), at, 0);
      rows.clear();
      PatchBench.measureVideoPatch(staged, ours, seeker, frames, "clip (video)", refs.get(0), FramePatches.read(one),
          refs, rows, false, out);
      assertEquals(0, rows.size());
      assertTrue(sink.toString(java.nio.charset.StandardCharsets.UTF_8).contains("for 1 of the 2 frames"));

      Path moved = write(dir.resolve("moved"), patch, frames, at, 8);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PatchBench.measureVideoPatch(
          staged, ours, seeker, frames, "clip (video)", refs.get(0), FramePatches.read(moved), refs, rows, false, out));
      assertTrue(e.getMessage().contains("one square at one place"), e.getMessage());
    }
  }

  /** A patch folder as gradient_patch.py --video writes it: the patch at {@code at}, moved by dx px after frame 0. */
  private static Path write(Path dir, PixelImage patch, List<PixelImage> frames, int[] at, int dx) throws Exception {
    java.nio.file.Files.createDirectories(dir);
    for (int i = 0; i < frames.size(); i++) {
      String sha = FramePatches.pixelsSha256(frames.get(i));
      javax.imageio.ImageIO.write(PixelImages.toBuffered(patch), "png", dir.resolve(sha + ".png").toFile());
      java.nio.file.Files.writeString(dir.resolve(sha + ".txt"), (at[0] + (i == 0 ? 0 : dx)) + " " + at[1] + "\n");
    }
    return dir;
  }
}
