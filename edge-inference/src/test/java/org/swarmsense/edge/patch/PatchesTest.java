package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

class PatchesTest {

  @Test
  void aFourPercentPatchOfA512FrameHasSide102() {
    assertEquals(102, Patches.side(512, 512, 0.04));
    assertEquals(133, Patches.side(768, 576, 0.04)); // vtest.avi: floor(sqrt(0.04 * 768 * 576)) = floor(133.02)
  }

  @Test
  void pasteCopiesThePatchAndNothingElse() {
    PixelImage img = new PixelImage(4, 3, 3, new byte[36]);
    PixelImage patch = new PixelImage(2, 2, 3, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    PixelImage out = Patches.paste(img, patch, 1, 1);
    assertEquals(0, out.sample(0, 0, 0));
    assertEquals(1, out.sample(1, 1, 0));
    assertEquals(6, out.sample(2, 1, 2));
    assertEquals(12, out.sample(2, 2, 2));
    assertEquals(0, out.sample(3, 2, 0));
    assertEquals(0, img.sample(1, 1, 0)); // the original is untouched
    assertThrows(IllegalArgumentException.class, () -> Patches.paste(img, patch, 3, 0));
  }

  @Test
  void aPlaceIsAllowedOnlyInsideTheImageAndOffEveryTargetCentre() {
    List<Detection> targets = List.of(new Detection(0, 0.9, 10, 10, 20, 20)); // centre (15, 15)
    assertFalse(Patches.allowed(10, 10, 10, 100, 100, targets));
    assertTrue(Patches.allowed(16, 10, 10, 100, 100, targets));
    assertFalse(Patches.allowed(95, 0, 10, 100, 100, targets));
  }

  /** Box (10, 10)-(20, 20), a 10 px patch: beside may cover the box's edge, clear may not even overlap it. */
  @Test
  void aClearPlaceOverlapsNoTargetBox() {
    List<Detection> targets = List.of(new Detection(0, 0.9, 10, 10, 20, 20));
    Patches.Placement clear = Patches.Placement.CLEAR;
    assertTrue(Patches.allowed(16, 10, 10, 100, 100, targets, Patches.Placement.BESIDE)); // covers x 16..19 of it
    assertFalse(Patches.allowed(16, 10, 10, 100, 100, targets, clear));
    assertFalse(Patches.allowed(1, 1, 10, 100, 100, targets, clear)); // [1, 11) overlaps [10, 20) by one pixel
    assertTrue(Patches.allowed(0, 0, 10, 100, 100, targets, clear)); // [0, 10) only touches the box
    assertTrue(Patches.allowed(20, 10, 10, 100, 100, targets, clear));
    assertFalse(Patches.allowed(95, 50, 10, 100, 100, targets, clear)); // leaves the frame
    // the nearest clear corners on the 8-px grid: none overlaps the box, the first touches it from above
    List<int[]> near = Patches.nearTargets(10, 100, 100, targets, 4, clear);
    assertEquals(4, near.size());
    assertEquals(List.of(8, 0), List.of(near.get(0)[0], near.get(0)[1]));
    for (int[] c : near) {
      assertTrue(Patches.allowed(c[0], c[1], 10, 100, 100, targets, clear), c[0] + "," + c[1]);
    }
    // a box over the whole frame leaves no clear corner
    assertTrue(Patches.nearTargets(10, 100, 100, List.of(new Detection(0, 0.9, 0, 0, 100, 100)), 1, clear).isEmpty());
  }

  /**
   * One car centred at (50, 50), a 20 px patch on a 100 x 100 frame: the nearest allowed corners on the
   * 8-px grid lie 6 px off the centre's span on one axis (score exp(-6/30)), e.g. (32, 24), (40, 24),
   * (48, 24), (24, 32), (56, 32), ... in that order; taken at least 32 px (L1) apart: (32, 24), then
   * (56, 32) (L1 32 from it), then (24, 48) ((24, 32) and (24, 40) are 16 and 24 from the first).
   */
  @Test
  void theCornersNearestTheTargetsComeFirstAndApart() {
    List<Detection> car = List.of(new Detection(0, 0.9, 45, 45, 55, 55));
    assertEquals(List.of(List.of(32, 24), List.of(56, 32), List.of(24, 48)),
        Patches.nearTargets(20, 100, 100, car, 3).stream().map(c -> List.of(c[0], c[1])).toList());
    assertEquals(List.of(List.of(32, 24)),
        Patches.nearTargets(20, 100, 100, car, 1).stream().map(c -> List.of(c[0], c[1])).toList());
    // two cars centred at (15, 15) and (15, 55): the corner (0, 16) lies 1 px below the first's centre and
    // 19 px above the second's (exp(-1/30) + exp(-19/30) = 1.498), ahead of (0, 32) (17 and 3 px: 1.472)
    // and (0, 24) (9 and 11 px: 1.434); (8, 16) ties with it and is further right
    List<Detection> two = List.of(new Detection(0, 0.9, 10, 10, 20, 20), new Detection(0, 0.9, 10, 50, 20, 60));
    assertEquals(List.of(List.of(0, 16)),
        Patches.nearTargets(20, 100, 100, two, 1).stream().map(c -> List.of(c[0], c[1])).toList());
    // a patch the size of the frame covers every centre: no corner
    assertTrue(Patches.nearTargets(100, 100, 100, car, 8).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> Patches.nearTargets(20, 100, 100, car, 0));
  }

  @Test
  void patchFilesMustBeReadableSquaresOfBoundedSide(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("none.png");
    assertEquals("patch file not found: " + missing,
        assertThrows(IllegalArgumentException.class, () -> Patches.read(missing)).getMessage());
    Path text = dir.resolve("text.png");
    Files.writeString(text, "not an image");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Patches.read(text)).getMessage()
        .startsWith("patch file is not a readable image: " + text));
    Path wide = dir.resolve("wide.png");
    javax.imageio.ImageIO.write(PixelImages.toBuffered(new PixelImage(4, 2, 3, new byte[24])), "png", wide.toFile());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Patches.read(wide)).getMessage()
        .contains("got 4x2"));
    Path ok = dir.resolve("ok.png");
    javax.imageio.ImageIO.write(PixelImages.toBuffered(Patches.noise(5, 1)), "png", ok.toFile());
    assertEquals(5, Patches.read(ok).width());
    assertEquals(10, Patches.scaled(Patches.read(ok), 10).width());
  }
}
