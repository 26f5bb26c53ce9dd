package org.swarmsense.semantic.codec;

/**
 * Fast 8x8 forward and inverse DCT with the Arai-Agui-Nakajima factorisation (5 multiplications
 * per 8-point pass, the per-coefficient scale folded into quantisation). A straight 8x8 transform by
 * cosine table costs about 25x more. Stateless and thread-safe.
 *
 * <p>{@link #forward} leaves coefficient (u, v) multiplied by {@code 8 * scale(u) * scale(v)};
 * {@link #inverse} expects its input multiplied by {@code scale(u) * scale(v) / 8}, so that with
 * {@link #scale} both sides become the orthonormal JPEG DCT (T.81 A.3.3).
 */
public final class AanDct {

  private static final double[] SCALE = new double[8];

  static {
    SCALE[0] = 1.0;
    for (int k = 1; k < 8; k++) {
      SCALE[k] = Math.cos(k * Math.PI / 16) * Math.sqrt(2);
    }
  }

  private AanDct() {}

  /** The AAN output scale of frequency {@code k} (0..7). */
  public static double scale(int k) {
    return SCALE[k];
  }

  /** In-place forward transform of 64 samples (row-major, already level-shifted). */
  public static void forward(float[] d) {
    for (int i = 0; i < 64; i += 8) {
      forward1d(d, i, 1);
    }
    for (int i = 0; i < 8; i++) {
      forward1d(d, i, 8);
    }
  }

  /**
   * In-place forward transform of every 8x8 block of a plane {@code blockCols} x {@code blockRows}
   * blocks ({@code blockCols * 8} samples wide): the same arithmetic, block by block, as
   * copying each block out and calling {@link #forward(float[])} (rows, then columns), leaving coefficient (u, v) of
   * block (bx, by) at sample (8 bx + u, 8 by + v). The row pass streams through the plane and the
   * column pass walks eight rows side by side, both over contiguous memory, without a per-block copy.
   */
  public static void forwardPlane(float[] plane, int blockCols, int blockRows) {
    int stride = blockCols * 8;
    int end = stride * blockRows * 8;
    if (plane.length < end) {
      throw new IllegalArgumentException("plane must hold " + end + " samples, got: " + plane.length);
    }
    for (int o = 0; o < end; o += 8) {
      forward1d(plane, o, 1);
    }
    for (int top = 0; top < end; top += 8 * stride) {
      for (int x = top; x < top + stride; x++) {
        forward1d(plane, x, stride);
      }
    }
  }

  /** In-place inverse transform of 64 pre-scaled coefficients (row-major). */
  public static void inverse(float[] d) {
    for (int i = 0; i < 8; i++) {
      // A column with no AC term comes out flat: the butterflies only add zeros to d[i].
      if (d[i + 8] == 0f && d[i + 16] == 0f && d[i + 24] == 0f && d[i + 32] == 0f && d[i + 40] == 0f
          && d[i + 48] == 0f && d[i + 56] == 0f) {
        float dc = d[i];
        for (int j = 8; j < 64; j += 8) {
          d[i + j] = dc;
        }
      } else {
        inverse1d(d, i, 8);
      }
    }
    for (int i = 0; i < 64; i += 8) {
      inverse1d(d, i, 1);
    }
  }

  private static void forward1d(float[] d, int o, int s) {
    float d0 = d[o], d1 = d[o + s], d2 = d[o + 2 * s], d3 = d[o + 3 * s];
    float d4 = d[o + 4 * s], d5 = d[o + 5 * s], d6 = d[o + 6 * s], d7 = d[o + 7 * s];
    float t0 = d0 + d7, t7 = d0 - d7, t1 = d1 + d6, t6 = d1 - d6;
    float t2 = d2 + d5, t5 = d2 - d5, t3 = d3 + d4, t4 = d3 - d4;
    float t10 = t0 + t3, t13 = t0 - t3, t11 = t1 + t2, t12 = t1 - t2;
    d[o] = t10 + t11;
    d[o + 4 * s] = t10 - t11;
    float z1 = (t12 + t13) * 0.707106781f;
    d[o + 2 * s] = t13 + z1;
    d[o + 6 * s] = t13 - z1;
    t10 = t4 + t5;
    t11 = t5 + t6;
    t12 = t6 + t7;
    float z5 = (t10 - t12) * 0.382683433f;
    float z2 = 0.541196100f * t10 + z5;
    float z4 = 1.306562965f * t12 + z5;
    float z3 = t11 * 0.707106781f;
    float z11 = t7 + z3, z13 = t7 - z3;
    d[o + 5 * s] = z13 + z2;
    d[o + 3 * s] = z13 - z2;
    d[o + s] = z11 + z4;
    d[o + 7 * s] = z11 - z4;
  }

  private static void inverse1d(float[] d, int o, int s) {
    float t0 = d[o], t1 = d[o + 2 * s], t2 = d[o + 4 * s], t3 = d[o + 6 * s];
    float t10 = t0 + t2, t11 = t0 - t2, t13 = t1 + t3;
    float t12 = (t1 - t3) * 1.414213562f - t13;
    t0 = t10 + t13;
    t3 = t10 - t13;
    t1 = t11 + t12;
    t2 = t11 - t12;
    float t4 = d[o + s], t5 = d[o + 3 * s], t6 = d[o + 5 * s], t7 = d[o + 7 * s];
    float z13 = t6 + t5, z10 = t6 - t5, z11 = t4 + t7, z12 = t4 - t7;
    t7 = z11 + z13;
    float t11b = (z11 - z13) * 1.414213562f;
    float z5 = (z10 + z12) * 1.847759065f;
    float t10b = 1.082392200f * z12 - z5;
    float t12b = -2.613125930f * z10 + z5;
    t6 = t12b - t7;
    t5 = t11b - t6;
    t4 = t10b + t5;
    d[o] = t0 + t7;
    d[o + 7 * s] = t0 - t7;
    d[o + s] = t1 + t6;
    d[o + 6 * s] = t1 - t6;
    d[o + 2 * s] = t2 + t5;
    d[o + 5 * s] = t2 - t5;
    d[o + 4 * s] = t3 + t4;
    d[o + 3 * s] = t3 - t4;
  }
}
