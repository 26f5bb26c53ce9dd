package org.swarmsense.edge.stereo;

/** {@link PathSweep} one disparity at a time: runs on any JVM. Stateless, thread-safe. */
final class ScalarPathSweep extends PathSweep {

  @Override
  String name() {
    return "scalar";
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
