package org.swarmsense.edge.codecbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

class SemcommBenchTest {

  @Test
  void quickRunPrintsBothTablesGoalsTimingAndWritesThePlot(@TempDir Path dir) throws Exception {
    SemcommBenchOptions o = SemcommBenchOptions.defaults().withOutDir(dir).asQuick();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SemcommBench.run(o, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(text);
    assertTrue(text.contains("2 frames (quick: dog.jpg, person.jpg)"), text);
    // Two tables (clean, lossy), each with one row per budget and nine F1 values in [0, 1].
    Pattern row = Pattern.compile("(?m)^\\s+(0\\.05|0\\.10|0\\.20|0\\.40|0\\.80)((?:\\s+[0-9.]+ \\[\\s*[0-9]+\\]){9})$");
    Matcher m = row.matcher(text);
    int rows = 0;
    while (m.find()) {
      rows++;
      Matcher v = Pattern.compile("([0-9.]+) \\[").matcher(m.group(2));
      int values = 0;
      while (v.find()) {
        double f1 = Double.parseDouble(v.group(1));
        assertTrue(f1 >= 0 && f1 <= 1, "F1 out of range in: " + m.group());
        values++;
      }
      assertEquals(9, values, m.group());
    }
    assertEquals(10, rows, text);
    assertTrue(text.contains("0.10 bpp lossy, ours learned: ours - best JPEG-family ="), text);
    assertTrue(text.contains("0.20 bpp lossy, ours protected: ours - best JPEG-family ="), text);
    assertTrue(text.contains("0.20 bpp clean: ours - JPEG 2000 ="), text);
    assertTrue(Pattern.compile("ours encode / cjpeg = [0-9.]+x").matcher(text).find(), text);
    BufferedImage plot = ImageIO.read(dir.resolve("semcomm-f1.png").toFile());
    assertEquals(1040, plot.getWidth());
    assertTrue(Files.readString(dir.resolve("semcomm.txt")).contains("F1 vs bits per pixel, clean channel"));
  }

  @Test
  void aMissingVideoStopsOnlyTheRunThatReadsItNamingTheFile(@TempDir Path dir) throws Exception {
    Path none = dir.resolve("no-such-video.avi");
    // options naming a video that is not there are valid: a quick run never reads it
    SemcommBenchOptions o = SemcommBenchOptions.defaults().withWorkload(null, none, 3).withOutDir(dir);
    assertEquals(List.of("dog.jpg", "person.jpg"),
        SemcommBench.loadFrames(o.asQuick()).stream().map(SemcommBench.Frame::name).toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemcommBench.loadFrames(o));
    assertEquals("video file not found: " + none, e.getMessage());
  }

  @Test
  void findsTheHuffmanTablesOfAProgressiveStream() throws Exception {
    PixelImage img = PixelImages.read(SharedData.file("images/person.jpg"));
    byte[] jpg = JdkJpeg.encode(img, 75, true);
    List<int[]> dht = JdkJpeg.huffmanTableSegments(jpg);
    // The JDK's progressive script has 10 scans for colour, each with optimised tables of its own.
    assertTrue(dht.size() >= 5, "DHT segments: " + dht.size());
    for (int[] seg : dht) {
      assertEquals(0xFF, jpg[seg[0]] & 0xFF);
      assertEquals(0xC4, jpg[seg[0] + 1] & 0xFF);
    }
    // A stream cut inside the first DHT does not decode; the whole stream does.
    int[] first = dht.get(0);
    assertEquals(null, JdkJpeg.decode(java.util.Arrays.copyOf(jpg, first[0] + 3)));
    assertEquals(img.width(), JdkJpeg.decode(jpg).width());
  }

  @Test
  void jpeg2000PacketsEndWhereTheStrippedStreamSaysAndAPrefixDecodes(@TempDir Path dir) throws Exception {
    PixelImage img = PixelImages.read(SharedData.file("images/person.jpg"));
    OpenJpeg j2k = new OpenJpeg(dir);
    OpenJpeg.Layered l = j2k.encode(img, SemcommBench.J2K_LAYERS_BPP);
    byte[] s = l.stream();
    assertEquals(0xFF, s[s.length - 2] & 0xFF);
    assertEquals(0xD9, s[s.length - 1] & 0xFF);
    // 6 layers x 6 resolutions x 3 components, one precinct each (LRCP), no SOP markers left.
    assertEquals(6 * 6 * 3, l.packetEnds().length);
    // Cutting at 0.2 bpp keeps whole packets only and still decodes to the full size.
    PixelImage part = j2k.decodePrefix(l, (int) (0.2 * img.pixelCount() / 8), 3);
    assertEquals(img.width(), part.width());
    assertTrue(PixelImages.psnrDb(img, part) > 20, "PSNR " + PixelImages.psnrDb(img, part));
  }
}
