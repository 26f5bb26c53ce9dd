package org.swarmsense.edge.detectbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.PixelImage;

class CodecDegradationTest {

  /** A 128x128 RGB frame: noise over a gradient, seed 11. */
  private static PixelImage frame() {
    Random rnd = new Random(11);
    byte[] px = new byte[128 * 128 * 3];
    for (int i = 0; i < px.length; i++) {
      int pixel = i / 3;
      px[i] = (byte) Math.min(255, (pixel % 128) + (pixel / 128) / 2 + rnd.nextInt(40));
    }
    return new PixelImage(128, 128, 3, px);
  }

  @Test
  void anEncodingSentManyTimesDecodesAsAFreshEncodingDoes() {
    PixelImage img = frame();
    CodecDegradation.Encoded e = CodecDegradation.encode(img, BandOrder.zigZag(), 0.5);
    assertTrue(e.sentBytes() > 0 && e.sentBytes() <= e.budgetBytes(), e.sentBytes() + " of " + e.budgetBytes());
    assertEquals(128 * 128 / 16, e.budgetBytes()); // 0.5 bpp x 16384 pixels / 8
    for (double loss : new double[] {0, 0.3}) {
      for (long seed : new long[] {1, 2}) {
        CodecDegradation.Degraded once = CodecDegradation.transmit(e, loss, seed);
        CodecDegradation.Degraded both = CodecDegradation.degrade(img, BandOrder.zigZag(), 0.5, loss, seed);
        assertArrayEquals(both.image().pixels(), once.image().pixels(), "loss " + loss + ", seed " + seed);
        assertEquals(both.quality(), once.quality());
        assertEquals(both.sentBytes(), once.sentBytes());
        assertEquals(both.energyShare(), once.energyShare());
      }
    }
  }

  @Test
  void aLosslessChannelDeliversEveryPacketAndALossyOneLess() {
    CodecDegradation.Encoded e = CodecDegradation.encode(frame(), BandOrder.zigZag(), 0.5);
    CodecDegradation.Degraded a = CodecDegradation.transmit(e, 0, 1);
    CodecDegradation.Degraded b = CodecDegradation.transmit(e, 0, 99);
    assertArrayEquals(a.image().pixels(), b.image().pixels(), "no loss: the seed does not matter");
    double lossy = 0;
    for (long seed = 1; seed <= 20; seed++) {
      lossy += CodecDegradation.transmit(e, 0.5, seed).energyShare() / 20;
    }
    assertTrue(a.energyShare() > 0 && lossy < a.energyShare(), "lossless " + a.energyShare() + ", 50% loss " + lossy);
  }

  @Test
  void roadFirstWithTheWholeFrameAsRegionSendsTheUniformPacketsAndWithALeftHalfSpendsOnIt() {
    PixelImage img = frame();
    boolean[] all = new boolean[128 * 128];
    java.util.Arrays.fill(all, true);
    CodecDegradation.Encoded uniform = CodecDegradation.encode(img, BandOrder.zigZag(), 0.5);
    CodecDegradation.Encoded whole = CodecDegradation.encode(img, BandOrder.zigZag(), 0.5, all);
    assertEquals(uniform.packets().size(), whole.packets().size());
    for (int i = 0; i < uniform.packets().size(); i++) {
      assertArrayEquals(uniform.packets().get(i), whole.packets().get(i), "packet " + i);
    }
    // The left half (MCU columns 0..3 of 8) as region: its pixels come out closer to the frame than uniformly.
    boolean[] left = new boolean[128 * 128];
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 64; x++) {
        left[y * 128 + x] = true;
      }
    }
    PixelImage a = CodecDegradation.transmit(uniform, 0, 1).image();
    PixelImage b = CodecDegradation.transmit(CodecDegradation.encode(img, BandOrder.zigZag(), 0.5, left), 0, 1).image();
    double ea = 0;
    double eb = 0;
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 64; x++) {
        for (int c = 0; c < 3; c++) {
          ea += Math.pow(img.sample(x, y, c) - a.sample(x, y, c), 2);
          eb += Math.pow(img.sample(x, y, c) - b.sample(x, y, c), 2);
        }
      }
    }
    assertTrue(eb < ea, "left half squared error road-first " + eb + " vs uniform " + ea);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CodecDegradation.encode(img, BandOrder.zigZag(), 0.5, new boolean[10]));
    assertTrue(e.getMessage().contains("128x128") && e.getMessage().contains("10"), e.getMessage());
  }

  @Test
  void theRepairedReceiverDeblocksWhatZeroFillLeavesBlockyAndBothGetTheSamePackets() {
    // Smooth 128x128 waves at 0.2 bpp: a coarse quality, so the zero-fill decode is blocky and deblocking
    // (semantic-comm's Deblocking; concealment is tested there, LossProtectionTest) brings it closer to the frame.
    byte[] px = new byte[128 * 128 * 3];
    for (int i = 0; i < px.length; i++) {
      int pixel = i / 3;
      int x = pixel % 128;
      int y = pixel / 128;
      px[i] = (byte) (128 + 50 * Math.sin(x / 4.0 + (i % 3)) * Math.cos(y / 5.0) + 40 * Math.sin((x + y) / 9.0));
    }
    PixelImage img = new PixelImage(128, 128, 3, px);
    CodecDegradation.Encoded e = CodecDegradation.encode(img, BandOrder.zigZag(), 0.2);
    CodecDegradation.Degraded zero = CodecDegradation.transmit(e, 0, 1, CodecDegradation.Receiver.ZERO_FILL);
    CodecDegradation.Degraded repaired = CodecDegradation.transmit(e, 0, 1, CodecDegradation.Receiver.REPAIRED);
    assertEquals(zero.energyShare(), repaired.energyShare());
    assertEquals(zero.sentBytes(), repaired.sentBytes());
    double zeroError = squaredError(img, zero.image());
    double repairedError = squaredError(img, repaired.image());
    System.out.println("quality " + e.quality() + ": squared error zero fill " + zeroError + ", repaired "
        + repairedError);
    assertTrue(repairedError < zeroError, "squared error repaired " + repairedError + ", zero fill " + zeroError
        + " (quality " + e.quality() + ")");
    // the shipped receiver (reference.conf: no repairs) is the zero-fill one
    assertArrayEquals(zero.image().pixels(), CodecDegradation.transmit(e, 0, 1).image().pixels());
  }

  private static double squaredError(PixelImage a, PixelImage b) {
    double e = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      double d = (a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff);
      e += d * d;
    }
    return e;
  }

  @Test
  void badArgumentsAreNamed() {
    PixelImage img = frame();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CodecDegradation.encode(img, BandOrder.zigZag(), 0))
        .getMessage().contains("bitsPerPixel must be > 0, got: 0.0"));
    CodecDegradation.Encoded e = CodecDegradation.encode(img, BandOrder.zigZag(), 0.5);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CodecDegradation.transmit(e, 1, 1))
        .getMessage().contains("meanLoss must be in [0, 1), got: 1.0"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> CodecDegradation.degrade(img, BandOrder.zigZag(), 0.5, -0.1, 1)).getMessage().contains("got: -0.1"));
  }
}
