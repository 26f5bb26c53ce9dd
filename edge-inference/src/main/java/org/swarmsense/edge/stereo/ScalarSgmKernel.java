package org.swarmsense.edge.stereo;

/** {@link SgmKernel} one disparity at a time: runs on any JVM. Stateless, thread-safe. */
final class ScalarSgmKernel extends SgmKernel {

  @Override
  String name() {
    return "scalar";
  }

  @Override
  void add(short[] a, int aOff, short[] b, int bOff, short[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = (short) (a[aOff + i] + b[bOff + i]);
    }
  }

  @Override
  int minimum(short[] a, int base, int from, int to) {
    int m = Short.MAX_VALUE;
    for (int d = from; d < to; d++) {
      m = Math.min(m, a[base + d]);
    }
    return m;
  }

  @Override
  void censusBit(int[] row, int from, int[] centre, int[] bits, int n) {
    for (int x = 0; x < n; x++) {
      bits[x] = (bits[x] << 1) | ((row[from + x] - centre[x]) >>> 31);
    }
  }

  @Override
  void medianOfNineRow(float[] in, float[] out, int from, int n, int w) {
    for (int i = from; i < from + n; i++) {
      float a0 = in[i - w - 1];
      float a1 = in[i - w];
      float a2 = in[i - w + 1];
      float a3 = in[i - 1];
      float a4 = in[i];
      float a5 = in[i + 1];
      float a6 = in[i + w - 1];
      float a7 = in[i + w];
      float a8 = in[i + w + 1];
      // NaN propagates through + : one test for "all nine valid"
      out[i] = Float.isNaN(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8) ? Float.NaN
          : medianOfNine(a0, a1, a2, a3, a4, a5, a6, a7, a8);
    }
  }

  @Override
  int minimumAwayFrom(short[] a, int base, int n, int centre) {
    int m = Short.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      if (Math.abs(i - centre) > 1) {
        m = Math.min(m, a[base + i]);
      }
    }
    return m;
  }

  @Override
  void costRow(long[] left, long[] right, int rowStart, int w, int disparities, byte outside, byte[] cost, long[] scratch) {
    for (int x = 0; x < w; x++) {
      int i = rowStart + x;
      long c = left[i];
      int base = i * disparities;
      int dMax = Math.min(disparities - 1, x);
      for (int d = 0; d <= dMax; d++) {
        cost[base + d] = (byte) Long.bitCount(c ^ right[i - d]);
      }
      for (int d = dMax + 1; d < disparities; d++) {
        cost[base + d] = outside;
      }
    }
  }

  @Override
  int firstIndexOf(short[] a, int base, int n, int value) {
    for (int i = 0; i < n; i++) {
      if (a[base + i] == value) {
        return i;
      }
    }
    return -1;
  }

  @Override
  void keepSmaller(short[] cost, int base, short[] best, short[] disparity, int at, int n) {
    for (int d = 0; d < n; d++) {
      if (cost[base + d] < best[at + d]) {
        best[at + d] = cost[base + d];
        disparity[at + d] = (short) d;
      }
    }
  }

  @Override
  int pixel(byte[] cost, int costOff, int disparities, int p1, int p2h, int p2a, int p2b, int p2c, short[] h,
      short[] hOut, int hMin, short[] prev, int[] prevMin, short[] cur, int[] curMin, int x, int s, short[] sum, int sumOff) {
    int stride = disparities + 2;
    for (int d = 0; d < disparities; d++) {
      sum[sumOff + d] = 0;
    }
    int min = path(cost, costOff, disparities, p1, p2h, h, 0, hMin, hOut, 0, sum, sumOff);
    int[] p2s = {p2a, p2b, p2c};
    for (int k = 0; k < 3; k++) {
      int from = slot(x + (k - 1) * s, k);
      int to = slot(x, k);
      curMin[to] = path(cost, costOff, disparities, p1, p2s[k], prev, from * stride, prevMin[from], cur, to * stride, sum, sumOff);
    }
    return min;
  }

  /** One path at one pixel: L(d) = C(d) + min(L'(d), L'(d +- 1) + P1, min L' + P2) - min L'; returns min L. */
  private static int path(byte[] cost, int costOff, int disparities, int p1, int p2, short[] p, int pb, int pm, short[] o,
      int ob, short[] sum, int sumOff) {
    int jump = pm + p2;
    int min = UNREACHABLE;
    for (int d = 0; d < disparities; d++) {
      int m = Math.min(Math.min(p[pb + d + 1], jump), Math.min(p[pb + d], p[pb + d + 2]) + p1);
      int l = cost[costOff + d] + m - pm;
      o[ob + d + 1] = (short) l;
      sum[sumOff + d] += (short) l;
      min = Math.min(min, l);
    }
    return min;
  }
}
