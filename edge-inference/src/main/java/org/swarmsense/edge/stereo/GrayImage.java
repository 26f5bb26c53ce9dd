package org.swarmsense.edge.stereo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * An 8-bit grey image, row-major, one byte per pixel (read as {@code pixels[y * widthPx + x] & 0xff}).
 * Immutable by convention: the array is not copied, so callers must not change it after building
 * the record. Safe to share between threads once built.
 *
 * @param widthPx columns
 * @param heightPx rows
 * @param pixels {@code widthPx * heightPx} grey levels 0..255
 */
public record GrayImage(int widthPx, int heightPx, byte[] pixels) {

  /** Validates the size. */
  public GrayImage {
    if (widthPx < 1 || heightPx < 1) {
      throw new IllegalArgumentException("image size must be positive, got widthPx=" + widthPx + " heightPx=" + heightPx);
    }
    if (pixels == null || pixels.length != widthPx * heightPx) {
      throw new IllegalArgumentException("pixels must hold widthPx*heightPx=" + (widthPx * heightPx)
          + " values, got " + (pixels == null ? "null" : pixels.length));
    }
  }

  /** Grey level 0..255 at column {@code x}, row {@code y}. */
  public int at(int x, int y) {
    return pixels[y * widthPx + x] & 0xff;
  }

  /**
   * The image at half the width and height (odd last row or column dropped), each pixel the rounded
   * mean of a 2x2 block: the input of the fast coarse occupancy pass.
   */
  public GrayImage halfSize() {
    int w = widthPx / 2;
    int h = heightPx / 2;
    if (w < 1 || h < 1) {
      throw new IllegalArgumentException("image " + widthPx + "x" + heightPx + " is too small to halve");
    }
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      int a = 2 * y * widthPx;
      int b = a + widthPx;
      for (int x = 0; x < w; x++) {
        int sum = (pixels[a + 2 * x] & 0xff) + (pixels[a + 2 * x + 1] & 0xff) + (pixels[b + 2 * x] & 0xff)
            + (pixels[b + 2 * x + 1] & 0xff);
        out[y * w + x] = (byte) ((sum + 2) >> 2);
      }
    }
    return new GrayImage(w, h, out);
  }

  /**
   * Reads a PNG (or any format ImageIO knows) and converts it to grey with the ITU-R BT.601 luma
   * weights (0.299 R + 0.587 G + 0.114 B), as OpenCV's {@code IMREAD_GRAYSCALE} does.
   */
  public static GrayImage read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("image file not found: " + file);
    }
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IllegalArgumentException("not a readable image: " + file);
    }
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    byte[] grey = new byte[w * h];
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      int r = (p >> 16) & 0xff;
      int g = (p >> 8) & 0xff;
      int b = p & 0xff;
      grey[i] = (byte) ((r * 4899 + g * 9617 + b * 1868 + 8192) >> 14);
    }
    return new GrayImage(w, h, grey);
  }
}
