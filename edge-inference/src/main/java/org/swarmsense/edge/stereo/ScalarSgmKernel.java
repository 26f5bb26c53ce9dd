package org.swarmsense.edge.stereo;

/** {@link SgmKernel} one disparity at a time: runs on any JVM. Stateless, thread-safe. */
final class ScalarSgmKernel extends SgmKernel {

  @Override
  String name() {
    return "scalar";
  }

  @Override
  void add(short[] a, short[] b, int off, short[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = (short) (a[off + i] + b[off + i]);
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
  void pixel(short[] cost, int costOff, int disparities, int p1, int[] p2, short[][] prev, int[] prevOff, int[] prevMin,
      short[][] out, int[] outOff, int[] mins, short[] sum) {
    for (int d = 0; d < disparities; d++) {
      sum[costOff + d] = 0;
    }
    for (int k = 0; k < 4; k++) {
      short[] p = prev[k];
      short[] o = out[k];
      int pb = prevOff[k];
      int ob = outOff[k];
      int pm = prevMin[k];
      int jump = pm + p2[k];
      int min = UNREACHABLE;
      for (int d = 0; d < disparities; d++) {
        int m = Math.min(Math.min(p[pb + d + 1], jump), Math.min(p[pb + d], p[pb + d + 2]) + p1);
        int l = cost[costOff + d] + m - pm;
        o[ob + d + 1] = (short) l;
        sum[costOff + d] += (short) l;
        min = Math.min(min, l);
      }
      mins[k] = min;
    }
  }
}
