package org.swarmsense.edge.stereo;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SgmKernel} with the JDK's incubating Vector API: the four paths of a pixel advance together,
 * a full SIMD register of disparities at a time (32 on AVX-512), and the census and selection loops
 * a register of pixels or disparities at a time; scalar tails handle lengths that are not a multiple
 * of the lane count. Loaded only when the JVM runs with {@code
 * --add-modules jdk.incubator.vector}. Stateless, thread-safe.
 */
final class VectorSgmKernel extends SgmKernel {

  private static final VectorSpecies<Short> SPECIES = ShortVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final ShortVector LANE = ShortVector.zero(SPECIES).addIndex(1);

  @Override
  String name() {
    return "vector (" + SPECIES.length() + " lanes)";
  }

  @Override
  void add(short[] a, short[] b, int off, short[] out, int outOff, int n) {
    int lanes = SPECIES.length();
    int i = 0;
    for (; i + lanes <= n; i += lanes) {
      ShortVector.fromArray(SPECIES, a, off + i).add(ShortVector.fromArray(SPECIES, b, off + i)).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = (short) (a[off + i] + b[off + i]);
    }
  }

  @Override
  int minimum(short[] a, int base, int from, int to) {
    int lanes = SPECIES.length();
    int m = Short.MAX_VALUE;
    int d = from;
    if (to - from >= lanes) {
      ShortVector v = ShortVector.fromArray(SPECIES, a, base + d);
      for (d += lanes; d + lanes <= to; d += lanes) {
        v = v.min(ShortVector.fromArray(SPECIES, a, base + d));
      }
      m = v.reduceLanes(VectorOperators.MIN);
    }
    for (; d < to; d++) {
      m = Math.min(m, a[base + d]);
    }
    return m;
  }

  @Override
  void censusBit(int[] row, int from, int[] centre, int[] bits, int n) {
    int lanes = INTS.length();
    int x = 0;
    for (; x + lanes <= n; x += lanes) {
      IntVector darker = IntVector.fromArray(INTS, row, from + x).sub(IntVector.fromArray(INTS, centre, x))
          .lanewise(VectorOperators.LSHR, 31);
      IntVector.fromArray(INTS, bits, x).lanewise(VectorOperators.LSHL, 1).or(darker).intoArray(bits, x);
    }
    for (; x < n; x++) {
      bits[x] = (bits[x] << 1) | ((row[from + x] - centre[x]) >>> 31);
    }
  }

  @Override
  int firstIndexOf(short[] a, int base, int n, int value) {
    int lanes = SPECIES.length();
    int i = 0;
    for (; i + lanes <= n; i += lanes) {
      VectorMask<Short> hit = ShortVector.fromArray(SPECIES, a, base + i).compare(VectorOperators.EQ, (short) value);
      if (hit.anyTrue()) {
        return i + hit.firstTrue();
      }
    }
    for (; i < n; i++) {
      if (a[base + i] == value) {
        return i;
      }
    }
    return -1;
  }

  @Override
  void keepSmaller(short[] cost, int base, short[] best, short[] disparity, int at, int n) {
    int lanes = SPECIES.length();
    int d = 0;
    for (; d + lanes <= n; d += lanes) {
      ShortVector c = ShortVector.fromArray(SPECIES, cost, base + d);
      ShortVector b = ShortVector.fromArray(SPECIES, best, at + d);
      VectorMask<Short> smaller = c.compare(VectorOperators.LT, b);
      b.blend(c, smaller).intoArray(best, at + d);
      ShortVector.fromArray(SPECIES, disparity, at + d).blend(LANE.add((short) d), smaller).intoArray(disparity, at + d);
    }
    for (; d < n; d++) {
      if (cost[base + d] < best[at + d]) {
        best[at + d] = cost[base + d];
        disparity[at + d] = (short) d;
      }
    }
  }

  @Override
  void pixel(short[] cost, int costOff, int disparities, int p1, int[] p2, short[][] prev, int[] prevOff, int[] prevMin,
      short[][] out, int[] outOff, int[] mins, short[] sum) {
    short[] p0 = prev[0];
    short[] p1a = prev[1];
    short[] p2a = prev[2];
    short[] p3 = prev[3];
    int b0 = prevOff[0];
    int b1 = prevOff[1];
    int b2 = prevOff[2];
    int b3 = prevOff[3];
    short m0 = (short) prevMin[0];
    short m1 = (short) prevMin[1];
    short m2 = (short) prevMin[2];
    short m3 = (short) prevMin[3];
    short small = (short) p1;
    ShortVector j0 = ShortVector.broadcast(SPECIES, (short) (m0 + p2[0]));
    ShortVector j1 = ShortVector.broadcast(SPECIES, (short) (m1 + p2[1]));
    ShortVector j2 = ShortVector.broadcast(SPECIES, (short) (m2 + p2[2]));
    ShortVector j3 = ShortVector.broadcast(SPECIES, (short) (m3 + p2[3]));
    ShortVector n0 = ShortVector.broadcast(SPECIES, UNREACHABLE);
    ShortVector n1 = n0;
    ShortVector n2 = n0;
    ShortVector n3 = n0;
    int lanes = SPECIES.length();
    int d = 0;
    for (; d + lanes <= disparities; d += lanes) {
      ShortVector c = ShortVector.fromArray(SPECIES, cost, costOff + d);
      ShortVector l0 = path(p0, b0 + d, j0, small, c, m0);
      ShortVector l1 = path(p1a, b1 + d, j1, small, c, m1);
      ShortVector l2 = path(p2a, b2 + d, j2, small, c, m2);
      ShortVector l3 = path(p3, b3 + d, j3, small, c, m3);
      l0.intoArray(out[0], outOff[0] + d + 1);
      l1.intoArray(out[1], outOff[1] + d + 1);
      l2.intoArray(out[2], outOff[2] + d + 1);
      l3.intoArray(out[3], outOff[3] + d + 1);
      l0.add(l1).add(l2.add(l3)).intoArray(sum, costOff + d);
      n0 = n0.min(l0);
      n1 = n1.min(l1);
      n2 = n2.min(l2);
      n3 = n3.min(l3);
    }
    mins[0] = n0.reduceLanes(VectorOperators.MIN);
    mins[1] = n1.reduceLanes(VectorOperators.MIN);
    mins[2] = n2.reduceLanes(VectorOperators.MIN);
    mins[3] = n3.reduceLanes(VectorOperators.MIN);
    for (; d < disparities; d++) {
      int total = 0;
      for (int k = 0; k < 4; k++) {
        short[] p = prev[k];
        int pb = prevOff[k];
        int pm = prevMin[k];
        int m = Math.min(Math.min(p[pb + d + 1], pm + p2[k]), Math.min(p[pb + d], p[pb + d + 2]) + p1);
        int l = cost[costOff + d] + m - pm;
        out[k][outOff[k] + d + 1] = (short) l;
        total += l;
        mins[k] = Math.min(mins[k], l);
      }
      sum[costOff + d] = (short) total;
    }
  }

  private static ShortVector path(short[] prev, int at, ShortVector jump, short small, ShortVector cost, short prevMin) {
    ShortVector same = ShortVector.fromArray(SPECIES, prev, at + 1);
    ShortVector below = ShortVector.fromArray(SPECIES, prev, at);
    ShortVector above = ShortVector.fromArray(SPECIES, prev, at + 2);
    return cost.add(same.min(jump).min(below.min(above).add(small))).sub(prevMin);
  }
}
