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
    double e = 0;
    for (int c = 0; c < coefficients.length; c++) {
      int[] q = quant.forComponent(c);
      short[] v = coefficients[c];
      for (int i = 0; i < v.length; i++) {
        if (v[i] != 0) {
          double d = (double) v[i] * q[i & 63];
          e += d * d;
        }
      }
    }
    return e;
  }

  /** Inverse DCT, level shift, chroma upsampling (bilinear) and colour conversion (JFIF). */
  public PixelImage toImage() {
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
        for (int k = 0; k < 64; k++) {
          int n = QuantTable.ZIGZAG_TO_NATURAL[k];
          block[n] = v[base + k] * mult[n];
        }
        AanDct.inverse(block);
        int ox = (b % bc) * 8;
        int oy = (b / bc) * 8;
        for (int y = 0; y < 8; y++) {
          System.arraycopy(block, y * 8, plane, (oy + y) * pw + ox, 8);
        }
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
    for (int y = 0; y < h; y++) {
      float fy = Math.max(0f, Math.min(ch - 1f, (y + 0.5f) / 2f - 0.5f));
      int y0 = (int) fy;
      int y1 = Math.min(ch - 1, y0 + 1);
      float wy = fy - y0;
      for (int x = 0; x < w; x++) {
        float fx = Math.max(0f, Math.min(cw - 1f, (x + 0.5f) / 2f - 0.5f));
        int x0 = (int) fx;
        int x1 = Math.min(cw - 1, x0 + 1);
        float wx = fx - x0;
        float cb = bilinear(planes[1], cw, x0, x1, y0, y1, wx, wy);
        float cr = bilinear(planes[2], cw, x0, x1, y0, y1, wx, wy);
        float luma = planes[0][y * yw + x] + 128f;
        int o = (y * w + x) * 3;
        out[o] = clamp(luma + 1.402f * cr);
        out[o + 1] = clamp(luma - 0.344136f * cb - 0.714136f * cr);
        out[o + 2] = clamp(luma + 1.772f * cb);
      }
    }
    return new PixelImage(w, h, 3, out);
  }

  private static float bilinear(float[] p, int stride, int x0, int x1, int y0, int y1, float wx, float wy) {
    float a = p[y0 * stride + x0] + (p[y0 * stride + x1] - p[y0 * stride + x0]) * wx;
    float b = p[y1 * stride + x0] + (p[y1 * stride + x1] - p[y1 * stride + x0]) * wx;
    return a + (b - a) * wy;
  }

  private static byte clamp(float v) {
    int i = Math.round(v);
    return (byte) (i < 0 ? 0 : Math.min(i, 255));
  }
}
