package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.maps.SharedData;

/** DC repetition in the rate control ({@link RateControl#chooseProtected}) and {@link Deblocking}. */
class LossProtectionTest {

  private static final List<BandOrder> ORDERS = List.of(BandOrder.zigZag());

  private static PixelImage photo(String name) throws Exception {
    return PixelImages.read(SharedData.file("images/" + name));
  }

  private static PixelImage decode(List<byte[]> packets, boolean conceal) {
    SemanticDecoder d = new SemanticDecoder(ORDERS);
    for (byte[] p : packets) {
      d.accept(p);
    }
    return d.finish(conceal).orElseThrow().image();
  }

  @Test
  void protectedChoiceSendsEveryDcPacketTwiceLastWithinTheBudgetAndSurvivesLosingTheOriginals() throws Exception {
    PixelImage img = photo("dog.jpg");
    RateControl rc = new RateControl(SemanticEncoder.transform(img), BandOrder.zigZag(), 7);
    for (double bpp : new double[] {0.1, 0.2}) {
      long budget = (long) (bpp * img.pixelCount() / 8);
      List<byte[]> sent = rc.chooseProtected(budget).packets();
      long bytes = sent.stream().mapToLong(p -> p.length).sum();
      assertTrue(bytes <= budget, bytes + " B over the budget " + budget);
      List<Integer> dc = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        if (PacketHeader.parse(sent.get(i)).rankStart() == 0) {
          dc.add(i);
        }
      }
      int n = sent.size();
      int d = dc.size() / 2;
      assertTrue(d >= 1 && dc.size() == 2 * d, bpp + " bpp: DC packets at " + dc);
      // Originals first, copies last in the same order: copy i is n - d packets after original i.
      for (int i = 0; i < d; i++) {
        assertEquals(i, dc.get(i), bpp + " bpp: DC originals lead");
        assertEquals(n - d + i, dc.get(d + i), bpp + " bpp: DC copies close the frame");
        assertArrayEquals(sent.get(i), sent.get(n - d + i), bpp + " bpp: copies are byte-identical");
      }
      // Any receiver keeps one copy and counts the other as a duplicate.
      SemanticDecoder all = new SemanticDecoder(ORDERS);
      for (byte[] p : sent) {
        all.accept(p);
      }
      assertEquals(n - d, all.counts().get(PacketVerdict.ACCEPTED), bpp + " bpp");
      assertEquals(d, all.counts().get(PacketVerdict.DUPLICATE), bpp + " bpp");
      // Losing every original DC packet (a burst at the start) changes nothing.
      PixelImage clean = all.finish().orElseThrow().image();
      PixelImage withoutOriginals = decode(sent.subList(d, n), false);
      assertArrayEquals(clean.pixels(), withoutOriginals.pixels(), bpp + " bpp");
      // Unprotected at the same budget, the same burst greys MCU rows even with DC concealment.
      List<byte[]> plain = rc.choose(budget).packets();
      int plainDc = 0;
      while (plainDc < plain.size() && PacketHeader.parse(plain.get(plainDc)).rankStart() == 0) {
        plainDc++;
      }
      PixelImage plainHit = decode(plain.subList(plainDc, plain.size()), true);
      double protectedDb = PixelImages.psnrDb(img, withoutOriginals);
      double plainDb = PixelImages.psnrDb(img, plainHit);
      System.out.printf("dog.jpg %.1f bpp, DC packets lost (%d protected, %d unprotected): protected %.2f dB,"
          + " unprotected + DC conceal %.2f dB; protected sends %d packets (%d repeated), unprotected %d%n", bpp, d,
          plainDc, protectedDb, plainDb, n, d, plain.size());
      assertTrue(protectedDb > plainDb + 1, bpp + " bpp: " + protectedDb + " vs " + plainDb);
    }
  }

  @Test
  void spreadSendsThePlainChoicesPacketsWithTheDcPacketsEvenlyOverTheFrame() throws Exception {
    PixelImage img = photo("dog.jpg");
    RateControl rc = new RateControl(SemanticEncoder.transform(img), BandOrder.zigZag(), 7);
    for (double bpp : new double[] {0.1, 0.4}) {
      long budget = (long) (bpp * img.pixelCount() / 8);
      List<byte[]> plain = rc.choose(budget).packets();
      List<byte[]> spread = rc.chooseSpread(budget).packets();
      assertEquals(plain.size(), spread.size());
      int d = 0;
      while (d < plain.size() && PacketHeader.parse(plain.get(d)).rankStart() == 0) {
        d++;
      }
      int n = plain.size();
      assertTrue(d >= 2, bpp + " bpp: " + d + " DC packets (the case needs at least two)");
      List<byte[]> rest = new ArrayList<>();
      int seenDc = 0;
      for (int i = 0; i < n; i++) {
        if (PacketHeader.parse(spread.get(i)).rankStart() == 0) {
          assertEquals(seenDc * n / d, i, bpp + " bpp: DC packet " + seenDc + " of " + d + " in " + n);
          assertArrayEquals(plain.get(seenDc), spread.get(i));
          seenDc++;
        } else {
          rest.add(spread.get(i));
        }
      }
      assertEquals(d, seenDc);
      for (int i = 0; i < rest.size(); i++) {
        assertArrayEquals(plain.get(d + i), rest.get(i), bpp + " bpp: the others keep band order");
      }
      assertArrayEquals(decode(plain, false).pixels(), decode(spread, false).pixels());
    }
  }

  @Test
  void aBudgetTooSmallForTwoDcCopiesIsSentUnprotectedNotEmpty() throws Exception {
    PixelImage img = photo("camera.png");
    RateControl rc = new RateControl(SemanticEncoder.transform(img), BandOrder.zigZag(), 7);
    // camera.png's DC packet at the lowest quality: a budget that holds it once but not twice.
    long dcBytes = Long.MAX_VALUE;
    for (int q : RateControl.candidates()) {
      dcBytes = Math.min(dcBytes, rc.encoded(q).packets().get(0).length);
    }
    long budget = dcBytes + dcBytes / 2;
    List<byte[]> sent = rc.chooseProtected(budget).packets();
    assertTrue(sent.stream().mapToLong(p -> p.length).sum() <= budget);
    // Sent unprotected rather than nothing: the same packets as the plain choice.
    List<byte[]> plain = rc.choose(budget).packets();
    assertEquals(plain.size(), sent.size(), "budget " + budget + " B");
    assertTrue(sent.size() >= 1, "budget " + budget + " B");
    for (int i = 0; i < sent.size(); i++) {
      assertArrayEquals(plain.get(i), sent.get(i));
    }
    assertTrue(rc.chooseProtected(0).packets().isEmpty());
  }

  @Test
  void deblockingTurnsAQuantisationStepIntoARampAndKeepsRealEdgesAndTexture() {
    // Two 8x8 blocks side by side, flat at 10 and 20; DC step 80 / 8 = 10 levels, so steps up to 15 go.
    float[] plane = twoBlocks(10, 20, 0);
    Deblocking.filter(plane, 2, 1, 80);
    float[] ramp = {10, 10, 10, 10, 10.625f, 11.875f, 13.125f, 14.375f, 15.625f, 16.875f, 18.125f, 19.375f, 20, 20,
        20, 20};
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 16; x++) {
        assertEquals(ramp[x], plane[y * 16 + x], 1e-4, "x " + x + " y " + y);
      }
    }
    // A step of 40 levels (4 DC steps) is a real edge: untouched.
    float[] edge = twoBlocks(10, 50, 0);
    float[] before = edge.clone();
    Deblocking.filter(edge, 2, 1, 80);
    assertArrayEquals(before, edge);
    // Texture next to the edge (p1 - p0 = 8 > half a step): untouched.
    float[] textured = twoBlocks(10, 20, 8);
    before = textured.clone();
    Deblocking.filter(textured, 2, 1, 80);
    assertArrayEquals(before, textured);
  }

  /** 16x8 plane: left block {@code left} (its column 6 raised by {@code bump}), right block {@code right}. */
  private static float[] twoBlocks(float left, float right, float bump) {
    float[] p = new float[16 * 8];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 16; x++) {
        p[y * 16 + x] = x < 8 ? left : right;
      }
      p[y * 16 + 6] += bump;
    }
    return p;
  }

  @Test
  void deblockingRaisesThePsnrOfLowQualityDecodesAndBarelyTouchesHighQuality() throws Exception {
    for (String name : List.of("camera.png", "astronaut.png")) {
      PixelImage img = photo(name);
      SemanticEncoder.Transformed t = SemanticEncoder.transform(img);
      QuantizedFrame low = SemanticEncoder.quantize(t, 5);
      double plain = PixelImages.psnrDb(img, low.toImage());
      double deblocked = PixelImages.psnrDb(img, low.toImage(true));
      QuantizedFrame high = SemanticEncoder.quantize(t, 90);
      double highPlain = PixelImages.psnrDb(img, high.toImage());
      double highDeblocked = PixelImages.psnrDb(img, high.toImage(true));
      System.out.printf("%s PSNR q5 %.2f -> %.2f dB deblocked, q90 %.2f -> %.2f dB%n", name, plain, deblocked,
          highPlain, highDeblocked);
      assertTrue(deblocked > plain + 0.2, name + ": " + plain + " -> " + deblocked);
      assertTrue(Math.abs(highDeblocked - highPlain) < 0.1, name + ": " + highPlain + " -> " + highDeblocked);
    }
    assertSame(IllegalArgumentException.class, org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> Deblocking.filter(new float[10], 2, 1, 8)).getClass());
  }
}
