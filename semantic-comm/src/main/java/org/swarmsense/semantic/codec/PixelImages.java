package org.swarmsense.semantic.codec;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Conversions between {@link PixelImage} and files or JDK images. Stateless and thread-safe. */
public final class PixelImages {

  private PixelImages() {}

  /**
   * Reads a PNG or JPEG with the JDK's ImageIO: gray images stay gray (1 channel), anything else
   * becomes RGB (alpha dropped). Errors name the file.
   */
  public static PixelImage read(Path file) throws IOException {
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new IOException("not an image ImageIO can read: " + file);
    }
    return fromBuffered(img);
  }

  /** A {@link PixelImage} of a JDK image (gray stays gray). */
  public static PixelImage fromBuffered(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      byte[] px = new byte[w * h];
      img.getRaster().getDataElements(0, 0, w, h, px);
      return new PixelImage(w, h, 1, px);
    }
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] px = new byte[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      px[3 * i] = (byte) (argb[i] >> 16);
      px[3 * i + 1] = (byte) (argb[i] >> 8);
      px[3 * i + 2] = (byte) argb[i];
    }
    return new PixelImage(w, h, 3, px);
  }

  /** A JDK image (TYPE_BYTE_GRAY or TYPE_3BYTE_BGR) of {@code image}. */
  public static BufferedImage toBuffered(PixelImage image) {
    int w = image.width();
    int h = image.height();
    if (image.channels() == 1) {
      BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      out.getRaster().setDataElements(0, 0, w, h, image.pixels());
      return out;
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = new byte[w * h * 3];
    byte[] px = image.pixels();
    for (int i = 0; i < w * h; i++) {
      bgr[3 * i] = px[3 * i + 2];
      bgr[3 * i + 1] = px[3 * i + 1];
      bgr[3 * i + 2] = px[3 * i];
    }
    out.getRaster().setDataElements(0, 0, w, h, bgr);
    return out;
  }

  /** Writes binary PGM (gray) or PPM (RGB), the input format of {@code cjpeg}. */
  public static void writePnm(PixelImage image, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      String header = (image.channels() == 1 ? "P5" : "P6") + "\n" + image.width() + " " + image.height() + "\n255\n";
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      out.write(image.pixels());
    }
  }

  /** Peak signal-to-noise ratio between two images of the same shape, dB (infinite when equal). */
  public static double psnrDb(PixelImage a, PixelImage b) {
    if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
      throw new IllegalArgumentException("images differ in shape: " + a.width() + "x" + a.height() + "x" + a.channels()
          + " vs " + b.width() + "x" + b.height() + "x" + b.channels());
    }
    double se = 0;
    byte[] x = a.pixels();
    byte[] y = b.pixels();
    for (int i = 0; i < x.length; i++) {
      double d = (x[i] & 0xFF) - (y[i] & 0xFF);
      se += d * d;
    }
    return se == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 * x.length / se);
  }
}
