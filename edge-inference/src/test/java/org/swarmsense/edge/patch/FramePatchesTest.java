package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/** The per-frame patch folder: found by the frame's pixels, refused with the file named when malformed. */
class FramePatchesTest {

  private static final PixelImage FRAME = new PixelImage(2, 1, 3, new byte[] {10, 20, 30, 40, 50, 60});
  private static final PixelImage PATCH = new PixelImage(1, 1, 3, new byte[] {7, 8, 9});

  /** SHA-256 of the frame's RGB bytes, digested here (not by the code under test). */
  private static String sha(byte[] rgb) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rgb));
  }

  private static void entry(Path dir, String sha, String corner) throws Exception {
    ImageIO.write(PixelImages.toBuffered(PATCH), "png", dir.resolve(sha + ".png").toFile());
    Files.writeString(dir.resolve(sha + ".txt"), corner);
  }

  @Test
  void aPatchIsFoundByItsFramesPixelsAndByNothingElse(@TempDir Path dir) throws Exception {
    entry(dir, sha(new byte[] {10, 20, 30, 40, 50, 60}), "1 0\n");
    FramePatches patches = FramePatches.read(dir);
    assertEquals(1, patches.size());
    FramePatches.Placed p = patches.forFrame(FRAME).orElseThrow();
    assertEquals(1, p.x());
    assertEquals(0, p.y());
    assertArrayEquals(new byte[] {7, 8, 9}, p.patch().pixels());
    PixelImage oneByteOff = new PixelImage(2, 1, 3, new byte[] {10, 20, 30, 40, 50, 61});
    assertTrue(patches.forFrame(oneByteOff).isEmpty());
  }

  @Test
  void malformedFoldersAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    String sha = sha(new byte[] {1});
    Path missing = dir.resolve("missing");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FramePatches.read(missing)).getMessage()
        .contains("not a folder: " + missing));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FramePatches.read(empty)).getMessage()
        .contains("holds no SHA.txt corner files"));

    Path badCorner = Files.createDirectories(dir.resolve("corner"));
    entry(badCorner, sha, "12 x");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FramePatches.read(badCorner)).getMessage()
        .contains(badCorner.resolve(sha + ".txt") + " must hold the corner as \"x y\""));
    Path negative = Files.createDirectories(dir.resolve("negative"));
    entry(negative, sha, "-1 3");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FramePatches.read(negative)).getMessage()
        .contains("corner must be >= 0, got -1 3"));

    Path badName = Files.createDirectories(dir.resolve("name"));
    Files.writeString(badName.resolve("frame.txt"), "0 0");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FramePatches.read(badName)).getMessage()
        .contains("the name must be the frame's pixel SHA-256"));

    Path noPng = Files.createDirectories(dir.resolve("nopng"));
    Files.writeString(noPng.resolve(sha + ".txt"), "0 0");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FramePatches.read(noPng)).getMessage()
        .contains("patch file not found: " + noPng.resolve(sha + ".png")));

    Path big = Files.createDirectories(dir.resolve("big"));
    entry(big, sha, "0 0" + " ".repeat(300));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FramePatches.read(big)).getMessage()
        .contains("is not a corner"));
  }
}
