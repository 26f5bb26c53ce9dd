package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decompression bomb: a PNG of 74 bytes whose header declares 20,000 x 20,000 RGB pixels (1.2 GB decoded). Before
 * 2026-12-04 every bench that reads image files decoded it and ran out of heap (measured: {@code bench detector
 * --data} with it as a frame, {@code -Xmx1g}: OutOfMemoryError, exit 1). Every image file is now read through
 * {@code PixelImages.readBuffered}, which refuses more than {@code codec.max-frame-pixels} (16,777,216) from the
 * header: each command exits 2 naming the file and its size, and the file is left as it was.
 */
class ImageBombAbuseTest {

  static final int SIDE = 20_000;
  static final String TOO_BIG = SIDE + "x" + SIDE + " pixels, more than the 16777216 allowed";

  /** A valid PNG header and a tiny IDAT: the file is small, the image it declares is not. */
  static byte[] bomb() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(SIDE).putInt(SIDE).put((byte) 8).put((byte) 2).put((byte) 0)
        .put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    Deflater d = new Deflater();
    d.setInput(new byte[1000]);
    d.finish();
    byte[] z = new byte[100];
    int n = d.deflate(z);
    chunk(out, "IDAT", java.util.Arrays.copyOf(z, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(t);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static Path dataSet(Path dir, byte[] frame, byte[] mask) throws Exception {
    Files.createDirectories(dir.resolve("frames"));
    Files.write(dir.resolve("frames/000000.png"), frame);
    if (mask != null) {
      Files.createDirectories(dir.resolve("roads"));
      Files.write(dir.resolve("roads/000000.png"), mask);
    }
    Files.writeString(dir.resolve("labels.jsonl"), "{\"frame\":\"frames/000000.png\",\"boxes\":[{\"x0\":10,\"y0\":10,"
        + "\"x1\":20,\"y1\":15,\"type\":\"passenger\",\"id\":\"v1\",\"visible\":1.0}]}\n");
    return dir;
  }

  private static byte[] png(int w, int h) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  @Test
  void everyBenchRefusesABombByItsHeaderNamingTheFile(@TempDir Path dir) throws Exception {
    byte[] bomb = bomb();
    assertTrue(bomb.length < 100, "a small file: " + bomb.length + " bytes");
    Path frameBomb = dataSet(dir.resolve("frame"), bomb, null);
    Path maskBomb = dataSet(dir.resolve("mask"), png(64, 64), bomb);
    Path images = Files.createDirectories(dir.resolve("images"));
    Path loose = Files.write(images.resolve("bomb.png"), bomb);
    Path frameFile = frameBomb.resolve("frames/000000.png");
    Path maskFile = maskBomb.resolve("roads/000000.png");
    record Probe(List<String> args, Path file, String expected) {}
    for (Probe p : List.of(
        new Probe(List.of("bench", "detector", "--data", frameBomb.toString(), "--frames", "1"), frameFile,
            "frame " + frameFile + ": " + frameFile + " is " + TOO_BIG),
        new Probe(List.of("bench", "detector", "--data", maskBomb.toString(), "--frames", "1"), maskFile,
            "road mask " + maskFile + ": not readable as an image: " + maskFile + " is " + TOO_BIG),
        new Probe(List.of("bench", "stereo", "--left", loose.toString(), "--right", loose.toString()), loose,
            "not a readable image: " + loose + " (" + loose + " is " + TOO_BIG + ")"),
        new Probe(List.of("bench", "semcomm", "--images", images.toString(), "--frames", "0", "--out",
            dir.resolve("semcomm-out").toString()), loose,
            "not a readable image: " + loose + " (" + loose + " is " + TOO_BIG + ")"),
        new Probe(List.of("bench", "patch", "--images", images.toString(), "--no-vehicle", "--out",
            dir.resolve("patch-out").toString()), loose,
            "not a readable image: " + loose + " (" + loose + " is " + TOO_BIG + ")"))) {
      CliRun r = CliRun.of(p.args());
      System.out.println(p.args().get(1) + " -> exit " + r.exitCode() + ": " + r.err().lines().findFirst().orElse(""));
      assertEquals(2, r.exitCode(), p.args() + ": " + r.err());
      assertTrue(r.err().contains(p.expected()), p.args() + ": " + r.err());
      assertArrayEquals(bomb, Files.readAllBytes(p.file()), "the file is left as it was");
    }
  }
}
