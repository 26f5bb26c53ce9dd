package org.swarmsense.semantic.codec;

/**
 * Quantised DCT coefficients of a frame: for component c, block b, zig-zag index k, the value is
 * {@code coefficients[c][b * 64 + k]}. What the encoder packs and the decoder fills; missing
 * coefficients are zero. Mutable (the decoder fills it): not thread-safe.
 *
 * @param layout block geometry
 * @param quant quantisation tables
 * @param coefficients per component, blocks x 64 in zig-zag order
 */
public record QuantizedFrame(FrameLayout layout, QuantTable quant, short[][] coefficients) {

  /** Checks the array sizes against the layout. */
  public QuantizedFrame {
    if (coefficients.length != layout.components()) {
      throw new IllegalArgumentException("coefficients must have " + layout.components() + " components, got: "
          + coefficients.length);
    }
    for (int c = 0; c < coefficients.length; c++) {
      int n = layout.blockCols(c) * layout.blockRows(c) * 64;
      if (coefficients[c].length != n) {
        throw new IllegalArgumentException("component " + c + " must hold " + n + " coefficients, got: "
            + coefficients[c].length);
      }
    }
  }

  /** An all-zero frame (mid-gray image). */
  public static QuantizedFrame empty(FrameLayout layout, QuantTable quant) {
    short[][] c = new short[layout.components()][];
    for (int i = 0; i < c.length; i++) {
      c[i] = new short[layout.blockCols(i) * layout.blockRows(i) * 64];
    }
    return new QuantizedFrame(layout, quant, c);
  }

  /** A copy with the given bands (zig-zag indices) set to zero in every block of every component. */
  public QuantizedFrame withoutBands(boolean[] dropped) {
    short[][] c = new short[coefficients.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = coefficients[i].clone();
      for (int o = 0; o < c[i].length; o += 64) {
        for (int k = 0; k < 64; k++) {
          if (dropped[k]) {
            c[i][o + k] = 0;
          }
        }
      }
    }
    return new QuantizedFrame(layout, quant, c);
  }

  /** Energy of the dequantised coefficients (orthonormal DCT, so equal to pixel-domain energy). */
  public double energy() {
    return energy(nonZeroMasks());
  }

  /** {@link #energy()} from this frame's {@link #nonZeroMasks()}: visits only non-zero coefficients. */
  double energy(long[][] nonZero) {
    double e = 0;
    for (int c = 0; c < coefficients.length; c++) {
      int[] q = quant.forComponent(c);
      short[] v = coefficients[c];
      long[] masks = nonZero[c];
      for (int b = 0; b < masks.length; b++) {
        for (long m = masks[b]; m != 0; m &= m - 1) {
          int k = Long.numberOfTrailingZeros(m);
          double d = (double) v[b * 64 + k] * q[k];
          e += d * d;
        }
      }
    }
    return e;
  }

  /** Per component and block: bit k set when zig-zag coefficient k is not zero. */
  long[][] nonZeroMasks() {
    long[][] masks = new long[coefficients.length][];
    for (int c = 0; c < coefficients.length; c++) {
      short[] v = coefficients[c];
      long[] m = new long[v.length / 64];
      for (int b = 0; b < m.length; b++) {
        long bits = 0;
        int o = b * 64;
        for (int k = 0; k < 64; k++) {
          int x = v[o + k];
          bits |= (long) ((x | -x) >>> 31) << k;
        }
        m[b] = bits;
      }
      masks[c] = m;
    }
    return masks;
  }

  /** Inverse DCT, level shift, chroma upsampling (bilinear) and colour conversion (JFIF). */
  public PixelImage toImage() {
    return toImage(false);
  }

  /**
   * As {@link #toImage()}, with {@link Deblocking} of every component plane after the inverse DCT
   * when {@code deblock} is true.
   */
  public PixelImage toImage(boolean deblock) {
    int w = layout.width();
    int h = layout.height();
    float[][] planes = new float[layout.components()][];
    float[] block = new float[64];
    for (int c = 0; c < planes.length; c++) {
      int bc = layout.blockCols(c);
      int br = layout.blockRows(c);
      int pw = bc * 8;
      float[] plane = new float[pw * br * 8];
      float[] mult = new float[64];
      int[] q = quant.forComponent(c);
      for (int k = 0; k < 64; k++) {
        int n = QuantTable.ZIGZAG_TO_NATURAL[k];
        mult[n] = (float) (q[k] * AanDct.scale(n >> 3) * AanDct.scale(n & 7) / 8.0);
      }
      short[] v = coefficients[c];
      for (int b = 0; b < bc * br; b++) {
        int base = b * 64;
        int ox = (b % bc) * 8;
        int oy = (b / bc) * 8;
        boolean anyAc = false;
        for (int k = 1; k < 64 && !anyAc; k++) {
          anyAc = v[base + k] != 0;
        }
        if (!anyAc) {
          // DC only: the inverse DCT of it is flat (its butterflies only add zeros).
          float dc = v[base] * mult[0];
          for (int y = 0; y < 8; y++) {
            java.util.Arrays.fill(plane, (oy + y) * pw + ox, (oy + y) * pw + ox + 8, dc);
          }
          continue;
        }
        for (int k = 0; k < 64; k++) {
          int n = QuantTable.ZIGZAG_TO_NATURAL[k];
          block[n] = v[base + k] * mult[n];
        }
        AanDct.inverse(block);
        for (int y = 0; y < 8; y++) {
          System.arraycopy(block, y * 8, plane, (oy + y) * pw + ox, 8);
        }
      }
      if (deblock) {
        Deblocking.filter(plane, bc, br, q[0]);
      }
      planes[c] = plane;
    }
    byte[] out = new byte[w * h * layout.components()];
    int yw = layout.blockCols(0) * 8;
    if (!layout.color()) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          out[y * w + x] = clamp(planes[0][y * yw + x] + 128f);
        }
      }
      return new PixelImage(w, h, 1, out);
    }
    int cw = layout.blockCols(1) * 8;
    int ch = layout.blockRows(1) * 8;
    float[] cbRow = new float[cw];
    float[] crRow = new float[cw];
    for (int y = 0; y < h; y++) {
      // Chroma sits between luma samples: output row y reads chroma rows y/2 - 1, y/2 (even y) or
      // y/2, y/2 + 1 (odd y) with weights 1/4 and 3/4 (bilinear; edges repeat).
      int cy = y >> 1;
      int ya = (y & 1) == 0 ? Math.max(0, cy - 1) : cy;
      int yb = (y & 1) == 0 ? cy : Math.min(ch - 1, cy + 1);
      float wa = (y & 1) == 0 ? 0.25f : 0.75f;
      blendRows(planes[1], cw, ya, yb, wa, cbRow);
      blendRows(planes[2], cw, ya, yb, wa, crRow);
      int lumaRow = y * yw;
      int o = y * w * 3;
      for (int x = 0; x < w; x++, o += 3) {
        int cx = x >> 1;
        float cb;
        float cr;
        if ((x & 1) == 0) {
          int xa = Math.max(0, cx - 1);
          cb = 0.25f * cbRow[xa] + 0.75f * cbRow[cx];
          cr = 0.25f * crRow[xa] + 0.75f * crRow[cx];
        } else {
          int xb = Math.min(cw - 1, cx + 1);
          cb = 0.75f * cbRow[cx] + 0.25f * cbRow[xb];
          cr = 0.75f * crRow[cx] + 0.25f * crRow[xb];
        }
        float luma = planes[0][lumaRow + x] + 128f;
        out[o] = clamp(luma + 1.402f * cr);
        out[o + 1] = clamp(luma - 0.344136f * cb - 0.714136f * cr);
        out[o + 2] = clamp(luma + 1.772f * cb);
      }
    }
    return new PixelImage(w, h, 3, out);
  }

  private static void blendRows(float[] p, int stride, int ya, int yb, float wa, float[] out) {
    int a = ya * stride;
    int b = yb * stride;
    float wb = 1f - wa;
    for (int x = 0; x < stride; x++) {
      out[x] = wa * p[a + x] + wb * p[b + x];
    }
  }

  private static byte clamp(float v) {
    if (v <= 0f) {
      return 0;
    }
    int i = (int) (v + 0.5f);
    return (byte) (i > 255 ? 255 : i);
  }
}
