package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.swarmsense.maps.SharedData;

/**
 * Road-first coding: {@link FrameLayout#mcusMeeting} and {@link SemanticEncoder#restrict} (MCUs outside
 * a region keep only the first ranks of the band order).
 */
class RoadFirstCodingTest {

  private static PixelImage astronaut() throws Exception {
    return PixelImages.read(SharedData.file("images/astronaut.png")).toRgb();
  }

  @Test
  void anMcuMeetsTheRegionWhenAnyOfItsPixelsIsInIt() {
    // 40 x 20 colour: MCUs of 16 px, 3 columns (the last padded) x 2 rows.
    FrameLayout layout = new FrameLayout(40, 20, true);
    boolean[] pixels = new boolean[40 * 20];
    pixels[17 * 40 + 33] = true; // x 33, y 17: MCU column 2, row 1
    pixels[15 * 40 + 15] = true; // x 15, y 15: MCU column 0, row 0 (its last pixel)
    assertArrayEquals(new boolean[] {true, false, false, false, false, true}, layout.mcusMeeting(pixels));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> layout.mcusMeeting(new boolean[799]));
    assertTrue(e.getMessage().contains("40x20 = 800") && e.getMessage().contains("799"), e.getMessage());
  }

  @Test
  void outsideTheRegionOnlyTheFirstRanksAreKeptAndTheInputIsUntouched() throws Exception {
    SemanticEncoder.Transformed t = SemanticEncoder.transform(astronaut());
    FrameLayout layout = t.layout();
    boolean[] region = new boolean[layout.mcuCount()];
    for (int i = 0; i < region.length; i += 2) {
      region[i] = true; // every other MCU
    }
    float[][] before = {t.dct()[0].clone(), t.dct()[1].clone(), t.dct()[2].clone()};
    // Zig-zag bands 0 and 5 first: kept outside the region with keptRanks 2.
    int[] ranking = new int[64];
    ranking[0] = 5;
    ranking[1] = 0;
    for (int b = 1, r = 2; b < 64; b++) {
      if (b != 5) {
        ranking[r++] = b;
      }
    }
    SemanticEncoder.Transformed r = SemanticEncoder.restrict(t, region, new BandOrder(7, "test", ranking), 2);
    for (int c = 0; c < 3; c++) {
      assertArrayEquals(before[c], t.dct()[c], "input component " + c + " unchanged");
    }
    int cols = layout.mcuCols();
    // Luma block (bx, by) lies in MCU (bx / 2, by / 2); chroma block (bx, by) in MCU (bx, by).
    int zeroed = 0;
    for (int c = 0; c < 3; c++) {
      int bc = layout.blockCols(c);
      int per = c == 0 ? 2 : 1;
      for (int b = 0; b < r.dct()[c].length / 64; b++) {
        boolean in = region[(b / bc) / per * cols + (b % bc) / per];
        for (int k = 0; k < 64; k++) {
          float got = r.dct()[c][b * 64 + k];
          float was = t.dct()[c][b * 64 + k];
          if (in || k == 0 || k == 5) {
            assertEquals(was, got, "component " + c + " block " + b + " band " + k + " kept");
          } else {
            assertEquals(0f, got, "component " + c + " block " + b + " band " + k + " zeroed");
            zeroed += was != 0f ? 1 : 0;
          }
        }
      }
    }
    assertTrue(zeroed > 100_000, "a photo has non-zero AC coefficients to drop: " + zeroed);
  }

  @Test
  void atABudgetTheRegionIsSharperWhenTheRestSendsOnlyDc() throws Exception {
    PixelImage img = astronaut();
    SemanticEncoder.Transformed t = SemanticEncoder.transform(img);
    FrameLayout layout = t.layout();
    // The region: the central quarter of the frame's MCUs.
    boolean[] region = new boolean[layout.mcuCount()];
    int cols = layout.mcuCols();
    int rows = layout.mcuRows();
    for (int my = rows / 4; my < rows * 3 / 4; my++) {
      for (int mx = cols / 4; mx < cols * 3 / 4; mx++) {
        region[my * cols + mx] = true;
      }
    }
    BandOrder zz = BandOrder.zigZag();
    long budget = (long) (0.1 * img.pixelCount() / 8);
    double uniform = regionError(img, layout, region, new RateControl(t, zz, 1).choose(budget), zz);
    SemanticEncoder.Transformed r = SemanticEncoder.restrict(t, region, zz, 1);
    RateControl.Choice c = new RateControl(r, zz, 1).choose(budget);
    double roadFirst = regionError(img, layout, region, c, zz);
    long sent = c.packets().stream().mapToLong(p -> p.length).sum();
    assertTrue(sent <= budget, "within the budget: " + sent + " of " + budget);
    assertTrue(roadFirst < 0.8 * uniform, "region MSE road-first " + roadFirst + " vs uniform " + uniform);
    // Outside, a DC-only MCU decodes to flat 8x8 luma blocks: one value per block in the decoded frame.
    PixelImage shown = decode(c, zz);
    int flatBlocks = 0;
    int outsideBlocks = 0;
    for (int my = 0; my < rows; my++) {
      for (int mx = 0; mx < cols; mx++) {
        if (!region[my * cols + mx]) {
          outsideBlocks++;
          flatBlocks += flat(shown, mx * 16 + 4, my * 16 + 4) ? 1 : 0;
        }
      }
    }
    assertTrue(flatBlocks > 0.9 * outsideBlocks, flatBlocks + " of " + outsideBlocks + " outside MCUs flat");
  }

  @Test
  void encodingWithARegionOfTheWholeFrameGivesTheUniformPacketsAndWithoutItFewerBytes() throws Exception {
    PixelImage img = astronaut();
    BandOrder zz = BandOrder.zigZag();
    boolean[] all = new boolean[img.pixelCount()];
    java.util.Arrays.fill(all, true);
    EncodedFrame uniform = SemanticEncoder.encode(img, 50, zz, 9);
    EncodedFrame whole = SemanticEncoder.encode(img, 50, zz, 9, all);
    EncodedFrame none = SemanticEncoder.encode(img, 50, zz, 9, null);
    assertEquals(uniform.packets().size(), whole.packets().size());
    for (int i = 0; i < uniform.packets().size(); i++) {
      assertArrayEquals(uniform.packets().get(i), whole.packets().get(i), "packet " + i);
      assertArrayEquals(uniform.packets().get(i), none.packets().get(i), "packet " + i);
    }
    // Only the top-left pixel's MCU in the region: the rest is DC, far fewer bytes at the same quality.
    boolean[] corner = new boolean[img.pixelCount()];
    corner[0] = true;
    EncodedFrame roadFirst = SemanticEncoder.encode(img, 50, zz, 9, corner);
    assertTrue(roadFirst.totalBytes() < uniform.totalBytes() / 3,
        roadFirst.totalBytes() + " bytes road-first vs " + uniform.totalBytes() + " uniform");
  }

  @Test
  void aDroneSendsTheWholeFrameWhenItFitsTheDeadlinesBytesAndRoadFirstWhenNot() throws Exception {
    PixelImage img = astronaut();
    BandOrder zz = BandOrder.zigZag();
    boolean[] corner = new boolean[img.pixelCount()];
    corner[0] = true;
    EncodedFrame whole = SemanticEncoder.encode(img, 50, zz, 4);
    EncodedFrame roadFirst = SemanticEncoder.encode(img, 50, zz, 4, corner);
    long size = whole.totalBytes();
    assertSamePackets(whole, SemanticEncoder.encodeWithin(img, 50, zz, 4, corner, size), "fits");
    assertSamePackets(whole, SemanticEncoder.encodeWithin(img, 50, zz, 4, null, size - 1),
        "no region: the whole frame, cut by the deadline");
    assertSamePackets(roadFirst, SemanticEncoder.encodeWithin(img, 50, zz, 4, corner, size - 1), "does not fit");
    assertTrue(roadFirst.totalBytes() < size);
    assertSamePackets(whole, SemanticEncoder.encodeWithin(img, 50, zz, 4, corner, size - 1, false),
        "road-first turned off: the whole frame, cut by the deadline");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SemanticEncoder.encodeWithin(img, 50, zz, 4, corner, -1));
    assertTrue(e.getMessage().contains("budgetBytes") && e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void badArgumentsAreRefusedWithTheirValues() throws Exception {
    SemanticEncoder.Transformed t = SemanticEncoder.transform(SyntheticImages.gradient(32, 32));
    BandOrder zz = BandOrder.zigZag();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SemanticEncoder.restrict(t, new boolean[3], zz, 1));
    assertTrue(e.getMessage().contains("4 MCUs") && e.getMessage().contains("3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SemanticEncoder.restrict(t, new boolean[4], zz, 0));
    assertTrue(e.getMessage().contains("keptRanks") && e.getMessage().contains("0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SemanticEncoder.restrict(t, new boolean[4], zz, 65));
    assertTrue(e.getMessage().contains("65"), e.getMessage());
  }

  private static void assertSamePackets(EncodedFrame expected, EncodedFrame got, String what) {
    assertEquals(expected.packets().size(), got.packets().size(), what);
    for (int i = 0; i < expected.packets().size(); i++) {
      assertArrayEquals(expected.packets().get(i), got.packets().get(i), what + ": packet " + i);
    }
  }

  private static PixelImage decode(RateControl.Choice c, BandOrder order) {
    SemanticDecoder d = new SemanticDecoder(java.util.List.of(order));
    for (byte[] p : c.packets()) {
      d.accept(p);
    }
    return d.finish().orElseThrow().image();
  }

  /** Mean squared error, per RGB sample, over the pixels of the region's MCUs. */
  private static double regionError(PixelImage img, FrameLayout layout, boolean[] region, RateControl.Choice c,
      BandOrder order) {
    PixelImage shown = decode(c, order);
    double sum = 0;
    long n = 0;
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        if (region[y / 16 * layout.mcuCols() + x / 16]) {
          for (int ch = 0; ch < 3; ch++) {
            double e = img.sample(x, y, ch) - shown.sample(x, y, ch);
            sum += e * e;
            n++;
          }
        }
      }
    }
    return sum / n;
  }

  /** True when the 4x4 pixels at (x, y), inside one 8x8 luma block, differ by at most 3 levels. */
  private static boolean flat(PixelImage img, int x, int y) {
    int min = 255;
    int max = 0;
    for (int dy = 0; dy < 4; dy++) {
      for (int dx = 0; dx < 4; dx++) {
        int v = img.sample(x + dx, y + dy, 1);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return max - min <= 3;
  }
}
