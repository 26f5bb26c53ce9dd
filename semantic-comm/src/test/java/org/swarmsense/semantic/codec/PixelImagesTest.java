package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
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
}
