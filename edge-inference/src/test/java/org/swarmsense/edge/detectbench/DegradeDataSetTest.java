package org.swarmsense.edge.detectbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

class DegradeDataSetTest {

  /** Two 128x128 noisy frames with a few coloured rectangles, labels in the render command's format. */
  static Path dataSet(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("frames"));
    Random rnd = new Random(5);
    StringBuilder labels = new StringBuilder();
    for (int f = 0; f < 2; f++) {
      BufferedImage img = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 128; y++) {
        for (int x = 0; x < 128; x++) {
          int v = 80 + rnd.nextInt(60);
          img.setRGB(x, y, new Color(v, v, v).getRGB());
        }
      }
      Graphics2D g = img.createGraphics();
      g.setColor(Color.RED);
      g.fillRect(20 + f * 10, 30, 20, 9);
      g.dispose();
      String name = String.format("frames/%06d.png", f);
      ImageIO.write(img, "png", dir.resolve(name).toFile());
      labels.append("{\"frame\":\"").append(name).append("\",\"boxes\":[{\"x0\":").append(20 + f * 10)
          .append(",\"y0\":30,\"x1\":").append(40 + f * 10).append(",\"y1\":39,\"type\":\"passenger\",\"id\":\"v1\",")
          .append("\"visible\":1.0},{\"x0\":0,\"y0\":0,\"x1\":3,\"y1\":9,\"type\":\"bus\",\"id\":\"v2\",\"visible\":0.2}]}\n");
    }
    Files.writeString(dir.resolve("labels.jsonl"), labels.toString(), StandardCharsets.UTF_8);
    return dir;
  }

  @Test
  void writesDegradedFramesWithTheSameLabelsDeterministically(@TempDir Path tmp) throws Exception {
    Path in = dataSet(tmp.resolve("in"));
    assertEquals(2, DegradeDataSet.write(in, tmp.resolve("a"), 3));
    DegradeDataSet.write(in, tmp.resolve("b"), 3);
    DegradeDataSet.write(in, tmp.resolve("c"), 4);
    assertArrayEquals(Files.readAllBytes(in.resolve("labels.jsonl")), Files.readAllBytes(tmp.resolve("a/labels.jsonl")));
    boolean otherSeedDiffers = false;
    for (String f : List.of("frames/000000.png", "frames/000001.png")) {
      PixelImage orig = PixelImages.read(in.resolve(f));
      PixelImage a = PixelImages.read(tmp.resolve("a").resolve(f));
      assertEquals(orig.width(), a.width());
      // degraded: at most 0.4 bpp cannot keep the per-pixel noise
      assertTrue(PixelImages.psnrDb(orig, a) < 40, "PSNR " + PixelImages.psnrDb(orig, a));
      assertArrayEquals(a.pixels(), PixelImages.read(tmp.resolve("b").resolve(f)).pixels());
      otherSeedDiffers |= !java.util.Arrays.equals(a.pixels(), PixelImages.read(tmp.resolve("c").resolve(f)).pixels());
    }
    assertTrue(otherSeedDiffers, "seed 4 gave the same frames as seed 3");
    List<String> log = Files.readAllLines(tmp.resolve("a/degradation.jsonl"));
    assertEquals(2, log.size());
    assertTrue(log.get(0).contains("\"bpp\":"), log.get(0));
  }

  @Test
  void budgetsStayInsideAGivenRangeAndABadRangeIsNamed(@TempDir Path tmp) throws Exception {
    Path in = dataSet(tmp.resolve("in"));
    DegradeDataSet.write(in, tmp.resolve("narrow"), 3, 0.08, 0.12, false);
    for (String line : Files.readAllLines(tmp.resolve("narrow/degradation.jsonl"))) {
      double bpp = Double.parseDouble(line.replaceAll(".*\"bpp\":([0-9.]+).*", "$1"));
      assertTrue(bpp >= 0.08 && bpp <= 0.12, line);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DegradeDataSet.write(in, tmp.resolve("bad"), 3, 0.3, 0.1, false));
    assertTrue(e.getMessage().contains("0.3..0.1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DegradeDataSet.write(in, tmp.resolve("bad"), 3, 0, 0.1, false));
    assertTrue(Files.notExists(tmp.resolve("bad")), "a refused range wrote nothing");
  }

  @Test
  void roadFirstCopiesKeepTheRoadAndFlattenTheRestAndNeedAMaskPerFrame(@TempDir Path tmp) throws Exception {
    Path in = dataSet(tmp.resolve("in"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DegradeDataSet.write(in, tmp.resolve("none"), 3, 0.4, 0.4, true));
    assertTrue(e.getMessage().contains("no road mask for") && e.getMessage().contains("000000.png"), e.getMessage());
    // road: the top half (MCU rows 0..3 of 8)
    Files.createDirectories(in.resolve("roads"));
    BufferedImage mask = new BufferedImage(128, 128, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = mask.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 128, 64);
    g.dispose();
    for (String f : List.of("000000.png", "000001.png")) {
      ImageIO.write(mask, "png", in.resolve("roads").resolve(f).toFile());
    }
    DegradeDataSet.write(in, tmp.resolve("uniform"), 3, 0.4, 0.4, false);
    DegradeDataSet.write(in, tmp.resolve("road"), 3, 0.4, 0.4, true);
    PixelImage orig = PixelImages.read(in.resolve("frames/000000.png"));
    PixelImage uniform = PixelImages.read(tmp.resolve("uniform/frames/000000.png"));
    PixelImage road = PixelImages.read(tmp.resolve("road/frames/000000.png"));
    double[] uniformErr = halfErrors(orig, uniform);
    double[] roadErr = halfErrors(orig, road);
    assertTrue(roadErr[0] < uniformErr[0], "road half: road-first " + roadErr[0] + " vs uniform " + uniformErr[0]);
    assertTrue(roadErr[1] > uniformErr[1], "other half: road-first " + roadErr[1] + " vs uniform " + uniformErr[1]);
    assertTrue(Files.readString(tmp.resolve("road/degradation.jsonl")).contains("\"road_first\":true"));
    assertTrue(Files.readString(tmp.resolve("uniform/degradation.jsonl")).contains("\"road_first\":false"));
  }

  /** Mean squared error of the top and the bottom half, green channel. */
  private static double[] halfErrors(PixelImage a, PixelImage b) {
    double[] e = new double[2];
    for (int y = 0; y < a.height(); y++) {
      for (int x = 0; x < a.width(); x++) {
        double d = a.sample(x, y, 1) - b.sample(x, y, 1);
        e[y < a.height() / 2 ? 0 : 1] += d * d;
      }
    }
    return e;
  }

  @Test
  void readsTruthAndIgnoredBoxesAndNamesABadLine(@TempDir Path tmp) throws Exception {
    Path in = dataSet(tmp.resolve("in"));
    List<LabelledFrames.Frame> frames = LabelledFrames.read(in);
    assertEquals(2, frames.size());
    assertEquals(1, frames.get(1).truth().size());
    assertEquals(30.0, frames.get(1).truth().get(0).x0());
    assertEquals(1, frames.get(1).ignored().size());
    Files.writeString(in.resolve("labels.jsonl"), "{\"frame\":\"frames/000000.png\",\"boxes\":[{\"x0\":5}]}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelledFrames.read(in));
    assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("y0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LabelledFrames.read(tmp));
  }
}
