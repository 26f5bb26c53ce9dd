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
