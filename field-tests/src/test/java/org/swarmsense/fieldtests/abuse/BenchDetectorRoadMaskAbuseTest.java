package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench detector --data DIR} reads each frame's road mask from {@code DIR/roads/} for the road-first rows.
 * A mask that is not an image, a truncated PNG and a mask of another size than its frame are refused (exit 2)
 * naming the mask file; nothing else in the data set is changed.
 */
class BenchDetectorRoadMaskAbuseTest {

  @Test
  void aBadRoadMaskIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    BufferedImage frame = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    BufferedImage small = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_BINARY);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    ImageIO.write(small, "png", png);
    byte[] truncated = java.util.Arrays.copyOf(png.toByteArray(), 40);
    record Probe(String name, byte[] mask, String expected) {}
    java.io.ByteArrayOutputStream smallPng = new java.io.ByteArrayOutputStream();
    ImageIO.write(small, "png", smallPng);
    for (Probe p : List.of(new Probe("junk", "GIF89a; rm -rf /".getBytes(), "not "),
        new Probe("truncated", truncated, "not "),
        new Probe("small", smallPng.toByteArray(), "not a 64x64 image (32x32)"))) {
      Path data = Files.createDirectories(dir.resolve(p.name()));
      Files.createDirectories(data.resolve("frames"));
      Files.createDirectories(data.resolve("roads"));
      ImageIO.write(frame, "png", data.resolve("frames/000000.png").toFile());
      Files.write(data.resolve("roads/000000.png"), p.mask());
      String labels = "{\"frame\":\"frames/000000.png\",\"boxes\":[{\"x0\":10,\"y0\":10,\"x1\":20,\"y1\":15,"
          + "\"type\":\"passenger\",\"id\":\"v1\",\"visible\":1.0}]}\n";
      Files.writeString(data.resolve("labels.jsonl"), labels);
      List<String> args = List.of("bench", "detector", "--data", data.toString(), "--frames", "1");
      CliRun r = CliRun.of(args);
      System.out.println(p.name() + " -> exit " + r.exitCode() + ": " + r.err().lines().findFirst().orElse(""));
      assertEquals(2, r.exitCode(), p.name() + ": " + r.err());
      Path mask = data.resolve("roads/000000.png");
      assertTrue(r.err().contains("road mask " + mask) && r.err().contains(p.expected()), p.name() + ": " + r.err());
      assertEquals(labels, Files.readString(data.resolve("labels.jsonl")), "labels left as they were");
      assertTrue(java.util.Arrays.equals(p.mask(), Files.readAllBytes(mask)), "mask left as it was");
    }
  }
}
