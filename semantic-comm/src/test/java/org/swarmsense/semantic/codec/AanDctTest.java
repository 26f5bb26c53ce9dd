package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AanDctTest {

  /** The textbook 8x8 DCT of T.81 A.3.3, by cosine table: the reference the fast one must match. */
  private static double[] referenceDct(float[] s) {
    double[] out = new double[64];
    for (int v = 0; v < 8; v++) {
      for (int u = 0; u < 8; u++) {
        double sum = 0;
        for (int y = 0; y < 8; y++) {
          for (int x = 0; x < 8; x++) {
            sum += s[y * 8 + x] * Math.cos((2 * x + 1) * u * Math.PI / 16) * Math.cos((2 * y + 1) * v * Math.PI / 16);
          }
        }
        double cu = u == 0 ? 1 / Math.sqrt(2) : 1;
        double cv = v == 0 ? 1 / Math.sqrt(2) : 1;
        out[v * 8 + u] = 0.25 * cu * cv * sum;
      }
    }
    return out;
  }

  @Test
  void forwardMatchesTheTextbookDctAndInverseRestoresTheSamples() {
    long seed = 20261201L;
    System.out.println("AanDctTest seed " + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int trial = 0; trial < 200; trial++) {
      float[] samples = new float[64];
      for (int i = 0; i < 64; i++) {
        samples[i] = rnd.nextInt(256) - 128;
      }
      double[] expected = referenceDct(samples);
      float[] d = samples.clone();
      AanDct.forward(d);
      for (int i = 0; i < 64; i++) {
        double scaled = d[i] / (8 * AanDct.scale(i >> 3) * AanDct.scale(i & 7));
        assertEquals(expected[i], scaled, 1e-3, "coefficient " + i + " of trial " + trial);
      }
      for (int i = 0; i < 64; i++) {
        d[i] = (float) (expected[i] * AanDct.scale(i >> 3) * AanDct.scale(i & 7) / 8);
      }
      AanDct.inverse(d);
      for (int i = 0; i < 64; i++) {
        assertEquals(samples[i], d[i], 1e-3, "sample " + i + " of trial " + trial);
      }
    }
  }

  @Test
  void aConstantBlockHasOnlyDc() {
    float[] d = new float[64];
    java.util.Arrays.fill(d, 10f);
    AanDct.forward(d);
    // DC of a constant block c is 8c in the orthonormal DCT: 80, scaled by 8 -> 640.
    assertEquals(640.0, d[0], 1e-3);
    for (int i = 1; i < 64; i++) {
      assertEquals(0.0, d[i], 1e-3, "AC " + i);
    }
  }

  @Test
  void theWholePlaneTransformEqualsTheBlockTransformBitForBit() {
    long seed = 1212L;
    System.out.println("AanDctTest plane seed " + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    int bc = 5;
    int br = 3;
    int stride = bc * 8;
    float[] plane = new float[stride * br * 8];
    for (int i = 0; i < plane.length; i++) {
      plane[i] = rnd.nextInt(256) - 128 + rnd.nextInt(4) * 0.25f;
    }
    float[] transformed = plane.clone();
    AanDct.forwardPlane(transformed, bc, br);
    for (int by = 0; by < br; by++) {
      for (int bx = 0; bx < bc; bx++) {
        float[] block = new float[64];
        int corner = by * 8 * stride + bx * 8;
        for (int i = 0; i < 64; i++) {
          block[i] = plane[corner + (i >> 3) * stride + (i & 7)];
        }
        AanDct.forward(block);
        for (int i = 0; i < 64; i++) {
          float got = transformed[corner + (i >> 3) * stride + (i & 7)];
          assertEquals(Float.floatToIntBits(block[i]), Float.floatToIntBits(got),
              "block (" + bx + ", " + by + ") coefficient " + i + ": " + block[i] + " vs " + got);
        }
      }
    }
  }
}
