package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK image of a pixel image keeps its colours: red stays red, through a PNG file and back. */
class PixelImagesTest {

  // pixels: red, green, blue, (10, 20, 30)
  static final byte[] RGB = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 10, 20, 30};

  @Test
  void aJdkImageHasTheSameColoursAsThePixels() {
    BufferedImage img = PixelImages.toBuffered(new PixelImage(2, 2, 3, RGB));
    assertEquals(0xff0000, img.getRGB(0, 0) & 0xffffff, "red");
    assertEquals(0x00ff00, img.getRGB(1, 0) & 0xffffff, "green");
    assertEquals(0x0000ff, img.getRGB(0, 1) & 0xffffff, "blue");
    assertEquals(0x0a141e, img.getRGB(1, 1) & 0xffffff, "(10, 20, 30)");
  }

  @Test
  void aPngWrittenFromPixelsReadsBackTheSamePixels(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("four.png");
    ImageIO.write(PixelImages.toBuffered(new PixelImage(2, 2, 3, RGB)), "png", png.toFile());
    PixelImage back = PixelImages.read(png);
    assertEquals(3, back.channels());
    assertArrayEquals(RGB, back.pixels());
  }

  @Test
  void aBoundedReadRefusesALargerImageFromItsHeaderNamingTheFileAndItsSize(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("wide.png");
    ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
    assertEquals(300, PixelImages.read(png, 60_000).width(), "exactly at the bound: read");
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> PixelImages.read(png, 59_999));
    assertEquals(png + " is 300x200 pixels, more than the 59999 allowed", e.getMessage());
    Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
    assertEquals("not an image ImageIO can read: " + text,
        assertThrows(java.io.IOException.class, () -> PixelImages.read(text, 100)).getMessage());
  }

  @Test
  void theUnboundedLookingReadIsBoundedByTheLargestFrameAReceiverAccepts(@TempDir Path dir) throws Exception {
    // 5000 x 3400 = 17,000,000 pixels, one above codec.max-frame-pixels (16,777,216); the PNG is small
    Path big = dir.resolve("big.png");
    ImageIO.write(new BufferedImage(5000, 3400, BufferedImage.TYPE_BYTE_GRAY), "png", big.toFile());
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> PixelImages.read(big));
    assertEquals(big + " is 5000x3400 pixels, more than the 16777216 allowed", e.getMessage());
    e = assertThrows(java.io.IOException.class, () -> PixelImages.readBuffered(big));
    assertEquals(big + " is 5000x3400 pixels, more than the 16777216 allowed", e.getMessage());
    Path fits = dir.resolve("fits.png");
    ImageIO.write(new BufferedImage(4096, 4096, BufferedImage.TYPE_BYTE_GRAY), "png", fits.toFile());
    assertEquals(4096, PixelImages.readBuffered(fits).getWidth(), "exactly the bound: read");
  }

  @Test
  void aFileAUserNamedIsReadOrRefusedAsBadInputNamingIt(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("frame.png");
    ImageIO.write(PixelImages.toBuffered(new PixelImage(2, 2, 3, RGB)), "png", png.toFile());
    assertArrayEquals(RGB, PixelImages.readOrRefuse(png).pixels());
    Path missing = dir.resolve("no-such.png");
    assertEquals("image file not found: " + missing,
        assertThrows(IllegalArgumentException.class, () -> PixelImages.readOrRefuse(missing)).getMessage());
    Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
    assertEquals("not a readable image: " + text + " (not an image ImageIO can read: " + text + ")",
        assertThrows(IllegalArgumentException.class, () -> PixelImages.readOrRefuse(text)).getMessage());
    Path big = dir.resolve("big.png");
    ImageIO.write(new BufferedImage(5000, 3400, BufferedImage.TYPE_BYTE_GRAY), "png", big.toFile());
    assertEquals("not a readable image: " + big + " (" + big + " is 5000x3400 pixels, more than the 16777216 allowed)",
        assertThrows(IllegalArgumentException.class, () -> PixelImages.readBufferedOrRefuse(big)).getMessage());
  }
}
