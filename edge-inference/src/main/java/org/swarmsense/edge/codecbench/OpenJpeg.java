package org.swarmsense.edge.codecbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * JPEG 2000 quality layers through Debian OpenJPEG's {@code opj_compress} / {@code opj_decompress}
 * (9/7 wavelet, LRCP progression), with a packet-aware receiver: the encoder writes SOP markers so
 * the packet boundaries are known, then removes them (and the SOP flag in COD, and sets the tile-part
 * length to "until EOC") so they cost nothing; a truncated stream is cut at its last complete packet
 * and closed with EOC before decoding. Not thread-safe (one working directory).
 */
final class OpenJpeg {

  private final Path dir;

  OpenJpeg(Path dir) {
    this.dir = dir;
  }

  /**
   * A layered stream without SOP markers and the end offset of every packet in it.
   *
   * @param stream codestream, EOC included
   * @param packetEnds offsets just past each packet, ascending
   */
  record Layered(byte[] stream, int[] packetEnds) {}

  Layered encode(PixelImage image, double[] layerBpp) throws IOException, InterruptedException {
    Path in = dir.resolve(image.channels() == 1 ? "in.pgm" : "in.ppm");
    Path out = dir.resolve("out.j2k");
    PixelImages.writePnm(image, in);
    StringBuilder ratios = new StringBuilder();
    for (double bpp : layerBpp) {
      ratios.append(ratios.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.3f",
          8.0 * image.channels() / bpp));
    }
    run(List.of("opj_compress", "-i", in.toString(), "-o", out.toString(), "-r", ratios.toString(), "-p", "LRCP", "-SOP"));
    return stripSop(Files.readAllBytes(out));
  }

  static Layered stripSop(byte[] b) {
    int i = 2;
    int sodData = -1;
    int codScod = -1;
    int sotPsot = -1;
    while (i + 3 < b.length) {
      int m = b[i + 1] & 0xFF;
      if (m == 0x93) {
        sodData = i + 2;
        break;
      }
      int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      if (m == 0x52) {
        codScod = i + 4;
      } else if (m == 0x90) {
        sotPsot = i + 6;
      }
      i += 2 + len;
    }
    if (sodData < 0 || codScod < 0 || sotPsot < 0) {
      throw new IllegalStateException("not a single-tile J2K codestream from opj_compress");
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length);
    byte[] header = java.util.Arrays.copyOf(b, sodData);
    header[codScod] &= ~0x02;
    header[sotPsot] = 0;
    header[sotPsot + 1] = 0;
    header[sotPsot + 2] = 0;
    header[sotPsot + 3] = 0;
    out.writeBytes(header);
    List<Integer> ends = new ArrayList<>();
    int end = b.length - 2; // EOC
    int p = sodData;
    while (p < end) {
      if ((b[p] & 0xFF) == 0xFF && (b[p + 1] & 0xFF) == 0x91 && p + 6 <= end && b[p + 2] == 0 && b[p + 3] == 4) {
        if (p > sodData) {
          ends.add(out.size());
        }
        p += 6;
        continue;
      }
      out.write(b[p]);
      p++;
    }
    ends.add(out.size());
    out.write(0xFF);
    out.write(0xD9);
    return new Layered(out.toByteArray(), ends.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Decodes the first {@code available} bytes of a layered stream at its last complete packet; null if none. */
  PixelImage decodePrefix(Layered l, int available, int channels) throws IOException, InterruptedException {
    int cut = -1;
    for (int e : l.packetEnds()) {
      if (e <= available) {
        cut = e;
      }
    }
    if (cut < 0) {
      return null;
    }
    byte[] s = java.util.Arrays.copyOf(l.stream(), cut + 2);
    s[cut] = (byte) 0xFF;
    s[cut + 1] = (byte) 0xD9;
    Path in = dir.resolve("cut.j2k");
    Path out = dir.resolve(channels == 1 ? "dec.pgm" : "dec.ppm");
    Files.write(in, s);
    Files.deleteIfExists(out);
    run(List.of("opj_decompress", "-i", in.toString(), "-o", out.toString()));
    return PixelImages.readPnm(out);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] log = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + new String(log, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
