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
