package org.swarmsense.edge.codecbench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * JPEG through ImageIO: the JDK's writer (baseline or progressive with its standard scan script,
 * optimised Huffman tables, IJG quality scaling) and TwelveMonkeys' reader, which decodes truncated
 * streams. Stateless; each call makes its own writer or reader, so it is thread-safe.
 */
final class JdkJpeg {

  private JdkJpeg() {}

  static byte[] encode(PixelImage image, int quality, boolean progressive) throws IOException {
    ImageWriter writer = pick(ImageIO.getImageWritersByFormatName("jpeg"), "com.sun.imageio.plugins.jpeg");
    try {
      JPEGImageWriteParam p = (JPEGImageWriteParam) writer.getDefaultWriteParam();
      p.setOptimizeHuffmanTables(true);
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality / 100f);
      if (progressive) {
        p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(PixelImages.toBuffered(image), null, null), p);
      }
      return bytes.toByteArray();
    } finally {
      writer.dispose();
    }
  }

  /** Decodes a (possibly truncated) JPEG; null when the reader cannot make an image of it. */
  static PixelImage decode(byte[] jpeg) {
    if (jpeg.length < 4) {
      return null;
    }
    ImageReader reader = pick(ImageIO.getImageReadersByFormatName("jpeg"), "com.twelvemonkeys");
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      reader.setInput(in);
      return PixelImages.fromBuffered(reader.read(0));
    } catch (Exception e) {
      // A stream cut where the reader cannot go on (e.g. inside a Huffman table): nothing to show.
      return null;
    } finally {
      reader.dispose();
    }
  }

  private static <T> T pick(Iterator<T> it, String packagePrefix) {
    while (it.hasNext()) {
      T t = it.next();
      if (t.getClass().getName().startsWith(packagePrefix)) {
        return t;
      }
    }
    throw new IllegalStateException("no ImageIO JPEG plug-in from " + packagePrefix + " on the class path");
  }

  /** Byte ranges [start, end) of the DHT segments of a JPEG stream. */
  static java.util.List<int[]> huffmanTableSegments(byte[] b) {
    java.util.List<int[]> out = new java.util.ArrayList<>();
    int i = 2;
    while (i + 3 < b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        break;
      }
      int m = b[i + 1] & 0xFF;
      if (m == 0xFF) {
        i++;
        continue;
      }
      if (m == 0xD9) {
        break;
      }
      int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      if (m == 0xC4) {
        out.add(new int[] {i, i + 2 + len});
      }
      i += 2 + len;
      if (m == 0xDA) {
        while (i + 1 < b.length && !((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) != 0
            && ((b[i + 1] & 0xFF) < 0xD0 || (b[i + 1] & 0xFF) > 0xD7))) {
          i++;
        }
      }
    }
    return out;
  }
}
