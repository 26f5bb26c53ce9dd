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
   * becomes RGB (alpha dropped). Errors name the file. Bounded like {@link #readBuffered(Path)}: no image
   * larger than the codec's largest frame ({@code codec.max-frame-pixels}) is decoded.
   */
  public static PixelImage read(Path file) throws IOException {
    return fromBuffered(readBuffered(file));
  }

  /**
   * {@link #read(Path)} for a file that may come from anyone: its width and height are read from the
   * header first, and an image of more than {@code maxPixels} pixels is refused before any pixel is
   * decoded (a small compressed file can declare a frame that fills the heap).
   *
   * @throws IOException naming the file when it is not an image ImageIO can read or is larger than
   *     {@code maxPixels} (the message gives its width and height)
   */
  public static PixelImage read(Path file, long maxPixels) throws IOException {
    return fromBuffered(readBuffered(file, maxPixels));
  }

  /**
   * {@link #readBuffered(Path)} for a file a user named (a command's option, a data set's frame): every
   * failure is bad input, an {@link IllegalArgumentException} "{@code image file not found: FILE}" or
   * "{@code not a readable image: FILE (why)}", which every command reports with exit status 2.
   */
  public static BufferedImage readBufferedOrRefuse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("image file not found: " + file);
    }
    try {
      return readBuffered(file);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a readable image: " + file + " (" + e.getMessage() + ")", e);
    }
  }

  /** {@link #readBufferedOrRefuse} as a {@link PixelImage} (gray stays gray). */
  public static PixelImage readOrRefuse(Path file) {
    return fromBuffered(readBufferedOrRefuse(file));
  }

  /**
   * The JDK image of a file, at most {@code codec.max-frame-pixels} of semantic-comm's settings (the largest
   * frame a receiver accepts): every image file the product reads goes through here or {@link
   * #readBuffered(Path, long)}, so a 74-byte PNG that declares 20,000 x 20,000 pixels is refused by its header
   * instead of exhausting the heap.
   */
  public static BufferedImage readBuffered(Path file) throws IOException {
    return readBuffered(file, org.swarmsense.semantic.SemanticCommSettings.current().maxFramePixels());
  }

  /**
   * The JDK image of a file of at most {@code maxPixels} pixels, checked from the header before any pixel
   * is decoded.
   *
   * @throws IOException naming the file when it is not an image ImageIO can read or is larger than
   *     {@code maxPixels} (the message gives its width and height)
   */
  public static BufferedImage readBuffered(Path file, long maxPixels) throws IOException {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be >= 1, got: " + maxPixels);
    }
    try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      var readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new IOException("not an image ImageIO can read: " + file);
      }
      var reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w * h > maxPixels) {
          throw new IOException(file + " is " + w + "x" + h + " pixels, more than the " + maxPixels + " allowed");
        }
        BufferedImage img = reader.read(0, reader.getDefaultReadParam());
        if (img == null) {
          throw new IOException("not an image ImageIO can read: " + file);
        }
        return img;
      } finally {
        reader.dispose();
      }
    }
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
    // the raster takes a pixel's samples in band order (red, green, blue) whatever order it stores
    // them in; handing it blue first swapped red and blue (every image written by this until 2026-12-02)
    out.getRaster().setDataElements(0, 0, w, h, image.pixels());
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

  /** Reads binary PGM (P5) or PPM (P6) with maxval 255; errors name the file and the field. */
  public static PixelImage readPnm(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    int[] pos = {0};
    String magic = token(b, pos);
    if (!magic.equals("P5") && !magic.equals("P6")) {
      throw new IOException(file + ": magic must be P5 or P6, got: " + magic);
    }
    int w;
    int h;
    int max;
    try {
      w = Integer.parseInt(token(b, pos));
      h = Integer.parseInt(token(b, pos));
      max = Integer.parseInt(token(b, pos));
    } catch (NumberFormatException e) {
      throw new IOException(file + ": width, height and maxval must be integers", e);
    }
    if (max != 255) {
      throw new IOException(file + ": maxval must be 255, got: " + max);
    }
    int channels = magic.equals("P5") ? 1 : 3;
    int start = pos[0] + 1;
    long n = (long) w * h * channels;
    if (w < 1 || h < 1 || start + n > b.length) {
      throw new IOException(file + ": " + w + "x" + h + " needs " + n + " samples, file has " + (b.length - start));
    }
    return new PixelImage(w, h, channels, java.util.Arrays.copyOfRange(b, start, start + (int) n));
  }

  private static String token(byte[] b, int[] pos) {
    int i = pos[0];
    while (i < b.length && (Character.isWhitespace(b[i]) || b[i] == '#')) {
      if (b[i] == '#') {
        while (i < b.length && b[i] != '\n') {
          i++;
        }
      }
      i++;
    }
    int s = i;
    while (i < b.length && !Character.isWhitespace(b[i])) {
      i++;
    }
    pos[0] = i;
    return new String(b, s, i - s, StandardCharsets.US_ASCII);
  }

  /** Bilinear resize (source = (destination + 0.5) x scale - 0.5), for making test frames of a given size. */
  public static PixelImage resize(PixelImage img, int width, int height) {
    byte[] out = new byte[width * height * img.channels()];
    double fx = img.width() / (double) width;
    double fy = img.height() / (double) height;
    int ch = img.channels();
    for (int y = 0; y < height; y++) {
      double sy = Math.max(0, (y + 0.5) * fy - 0.5);
      int y0 = Math.min((int) sy, img.height() - 1);
      int y1 = Math.min(y0 + 1, img.height() - 1);
      double wy = sy - y0;
      for (int x = 0; x < width; x++) {
        double sx = Math.max(0, (x + 0.5) * fx - 0.5);
        int x0 = Math.min((int) sx, img.width() - 1);
        int x1 = Math.min(x0 + 1, img.width() - 1);
        double wx = sx - x0;
        for (int c = 0; c < ch; c++) {
          double top = img.sample(x0, y0, c) * (1 - wx) + img.sample(x1, y0, c) * wx;
          double bot = img.sample(x0, y1, c) * (1 - wx) + img.sample(x1, y1, c) * wx;
          out[(y * width + x) * ch + c] = (byte) Math.round(top * (1 - wy) + bot * wy);
        }
      }
    }
    return new PixelImage(width, height, ch, out);
  }

  /** A uniform mid-gray (128) image: what a receiver hands the task when nothing decodable arrived. */
  public static PixelImage midGray(int width, int height, int channels) {
    byte[] px = new byte[width * height * channels];
    java.util.Arrays.fill(px, (byte) 128);
    return new PixelImage(width, height, channels, px);
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
