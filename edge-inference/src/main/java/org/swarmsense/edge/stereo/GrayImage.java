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
   * weights (0.299 R + 0.587 G + 0.114 B), as OpenCV's {@code IMREAD_GRAYSCALE} does. A file that is not
   * an image, or declares more pixels than a frame may have ({@code codec.max-frame-pixels}, checked from the
   * header before decoding), is an {@link IllegalArgumentException} naming it.
   */
  public static GrayImage read(Path file) {
    return of(org.swarmsense.semantic.codec.PixelImages.readBufferedOrRefuse(file)); // bounded by the header
  }

  /**
   * Decodes PNG bytes of exactly {@code widthPx} x {@code heightPx} pixels to grey (as {@link #of}).
   * The size in the PNG header is checked before any pixel is decoded, so a small file declaring a
   * huge image costs nothing. Errors (not a PNG, truncated, another size) are {@link
   * IllegalArgumentException}s whose message starts with {@code what}.
   */
  public static GrayImage decodePng(String what, byte[] png, int widthPx, int heightPx) {
    if (png == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    java.util.Iterator<javax.imageio.ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
    if (!readers.hasNext()) {
      throw new IllegalStateException("no PNG reader in this Java runtime");
    }
    javax.imageio.ImageReader reader = readers.next();
    int w;
    int h;
    try (javax.imageio.stream.ImageInputStream in =
        ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(png))) {
      reader.setInput(in, true, true);
      try {
        w = reader.getWidth(0);
        h = reader.getHeight(0);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(what + " is not a readable PNG (" + png.length + " bytes): " + e.getMessage(), e);
      }
      if (w != widthPx || h != heightPx) {
        throw new IllegalArgumentException(what + " is " + w + "x" + h + " px, the request says " + widthPx + "x"
            + heightPx);
      }
      try {
        return of(reader.read(0));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(what + " is not a readable PNG (" + png.length + " bytes): " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not a readable PNG (" + png.length + " bytes): " + e.getMessage(), e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * A decoded image in grey: an 8-bit grey image as stored (no colour-space conversion), anything else
   * with the ITU-R BT.601 luma weights (0.299 R + 0.587 G + 0.114 B), as OpenCV's {@code
   * IMREAD_GRAYSCALE} does.
   */
  public static GrayImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      byte[] stored = new byte[w * h];
      image.getRaster().getDataElements(0, 0, w, h, stored);
      return new GrayImage(w, h, stored);
    }
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
