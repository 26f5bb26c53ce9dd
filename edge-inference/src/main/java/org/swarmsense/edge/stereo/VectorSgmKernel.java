package org.swarmsense.edge.stereo;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
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
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  /** As many byte lanes as {@link #LONGS}: bit counts narrowed for the cost volume. */
  private static final VectorSpecies<Byte> COUNT_BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(LONGS.length() * 8));
  /** Bytes of the cost volume loaded as many lanes as {@link #SPECIES} and widened to it. */
  private static final VectorSpecies<Byte> COST_BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(SPECIES.length() * 8));
  private static final ShortVector LANE = ShortVector.zero(SPECIES).addIndex(1);

  @Override
  String name() {
    return "vector (" + SPECIES.length() + " lanes)";
  }

  @Override
  void add(short[] a, int aOff, short[] b, int bOff, short[] out, int n) {
    int lanes = SPECIES.length();
    int i = 0;
    for (; i + lanes <= n; i += lanes) {
      ShortVector.fromArray(SPECIES, a, aOff + i).add(ShortVector.fromArray(SPECIES, b, bOff + i)).intoArray(out, i);
    }
    for (; i < n; i++) {
      out[i] = (short) (a[aOff + i] + b[bOff + i]);
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

  /** The same exchange network as {@link #medianOfNine}, one register of pixels at a time. */
  @Override
  void medianOfNineRow(float[] in, float[] out, int from, int n, int w) {
    int lanes = FLOATS.length();
    int i = from;
    for (; i + lanes <= from + n; i += lanes) {
      FloatVector p0 = FloatVector.fromArray(FLOATS, in, i - w - 1);
      FloatVector p1 = FloatVector.fromArray(FLOATS, in, i - w);
      FloatVector p2 = FloatVector.fromArray(FLOATS, in, i - w + 1);
      FloatVector p3 = FloatVector.fromArray(FLOATS, in, i - 1);
      FloatVector p4 = FloatVector.fromArray(FLOATS, in, i);
      FloatVector p5 = FloatVector.fromArray(FLOATS, in, i + 1);
      FloatVector p6 = FloatVector.fromArray(FLOATS, in, i + w - 1);
      FloatVector p7 = FloatVector.fromArray(FLOATS, in, i + w);
      FloatVector p8 = FloatVector.fromArray(FLOATS, in, i + w + 1);
      VectorMask<Float> invalid = p0.add(p1).add(p2).add(p3).add(p4).add(p5).add(p6).add(p7).add(p8)
          .test(VectorOperators.IS_NAN);
      FloatVector t;
      t = p1.min(p2); p2 = p1.max(p2); p1 = t;
      t = p4.min(p5); p5 = p4.max(p5); p4 = t;
      t = p7.min(p8); p8 = p7.max(p8); p7 = t;
      t = p0.min(p1); p1 = p0.max(p1); p0 = t;
      t = p3.min(p4); p4 = p3.max(p4); p3 = t;
      t = p6.min(p7); p7 = p6.max(p7); p6 = t;
      t = p1.min(p2); p2 = p1.max(p2); p1 = t;
      t = p4.min(p5); p5 = p4.max(p5); p4 = t;
      t = p7.min(p8); p8 = p7.max(p8); p7 = t;
      p3 = p0.max(p3);
      p5 = p5.min(p8);
      t = p4.min(p7); p7 = p4.max(p7); p4 = t;
      p6 = p3.max(p6);
      p4 = p1.max(p4);
      p2 = p2.min(p5);
      p4 = p4.min(p7);
      t = p4.min(p2); p2 = p4.max(p2); p4 = t;
      p4 = p6.max(p4);
      p4.min(p2).blend(Float.NaN, invalid).intoArray(out, i);
    }
    for (; i < from + n; i++) {
      float a0 = in[i - w - 1];
      float a1 = in[i - w];
      float a2 = in[i - w + 1];
      float a3 = in[i - 1];
      float a4 = in[i];
      float a5 = in[i + 1];
      float a6 = in[i + w - 1];
      float a7 = in[i + w];
      float a8 = in[i + w + 1];
      out[i] = Float.isNaN(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8) ? Float.NaN
          : medianOfNine(a0, a1, a2, a3, a4, a5, a6, a7, a8);
    }
  }

  @Override
  int minimumAwayFrom(short[] a, int base, int n, int centre) {
    int lanes = SPECIES.length();
    ShortVector v = ShortVector.broadcast(SPECIES, Short.MAX_VALUE);
    int i = 0;
    for (; i + lanes <= n; i += lanes) {
      ShortVector index = LANE.add((short) (i - centre));
      VectorMask<Short> near = index.compare(VectorOperators.GE, (short) -1).and(index.compare(VectorOperators.LE, (short) 1));
      v = v.min(ShortVector.fromArray(SPECIES, a, base + i).blend(Short.MAX_VALUE, near));
    }
    int m = v.reduceLanes(VectorOperators.MIN);
    for (; i < n; i++) {
      if (Math.abs(i - centre) > 1) {
        m = Math.min(m, a[base + i]);
      }
    }
    return m;
  }

  /**
   * The right row reversed into {@code scratch} (index w - 1 - x), so that the right pixels x - d for
   * increasing d are consecutive; each lane counts the bits of its 64-bit XOR (SWAR: pairs, nibbles,
   * bytes, then one multiply sums the bytes) and the counts narrow to bytes.
   */
  @Override
  void costRow(long[] left, long[] right, int rowStart, int w, int disparities, byte outside, byte[] cost, long[] scratch) {
    for (int j = 0; j < w; j++) {
      scratch[j] = right[rowStart + w - 1 - j];
    }
    int lanes = LONGS.length();
    int body = disparities - disparities % lanes;
    for (int x = 0; x < w; x++) {
      int i = rowStart + x;
      long c = left[i];
      int base = i * disparities;
      int at = w - 1 - x;
      int dMax = Math.min(disparities - 1, x);
      int d = 0;
      for (; d + lanes <= Math.min(body, dMax + 1); d += lanes) {
        LongVector v = LongVector.fromArray(LONGS, scratch, at + d).lanewise(VectorOperators.XOR, c);
        v = v.sub(v.lanewise(VectorOperators.LSHR, 1).and(0x5555555555555555L));
        v = v.and(0x3333333333333333L).add(v.lanewise(VectorOperators.LSHR, 2).and(0x3333333333333333L));
        v = v.add(v.lanewise(VectorOperators.LSHR, 4)).and(0x0f0f0f0f0f0f0f0fL);
        v = v.mul(0x0101010101010101L).lanewise(VectorOperators.LSHR, 56);
        ((ByteVector) v.castShape(COUNT_BYTES, 0)).intoArray(cost, base + d);
      }
      for (; d <= dMax; d++) {
        cost[base + d] = (byte) Long.bitCount(c ^ right[i - d]);
      }
      for (; d < disparities; d++) {
        cost[base + d] = outside;
      }
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
  int pixel(byte[] cost, int costOff, int disparities, int p1, int p2h, int p2a, int p2b, int p2c, short[] h,
      short[] hOut, int hMin, short[] prev, int[] prevMin, short[] cur, int[] curMin, int x, int s, short[] sum, int sumOff) {
    int stride = disparities + 2;
    int sa = slot(x - s, 0);
    int sb = slot(x, 1);
    int sc = slot(x + s, 2);
    int ta = slot(x, 0);
    int ba = sa * stride;
    int bb = sb * stride;
    int bc = sc * stride;
    int oa = ta * stride + 1;
    int ob = oa + stride;
    int oc = ob + stride;
    short m0 = (short) hMin;
    short m1 = (short) prevMin[sa];
    short m2 = (short) prevMin[sb];
    short m3 = (short) prevMin[sc];
    short small = (short) p1;
    ShortVector j0 = ShortVector.broadcast(SPECIES, (short) (m0 + p2h));
    ShortVector j1 = ShortVector.broadcast(SPECIES, (short) (m1 + p2a));
    ShortVector j2 = ShortVector.broadcast(SPECIES, (short) (m2 + p2b));
    ShortVector j3 = ShortVector.broadcast(SPECIES, (short) (m3 + p2c));
    ShortVector n0 = ShortVector.broadcast(SPECIES, UNREACHABLE);
    ShortVector n1 = n0;
    ShortVector n2 = n0;
    ShortVector n3 = n0;
    int lanes = SPECIES.length();
    int d = 0;
    for (; d + lanes <= disparities; d += lanes) {
      ShortVector c = (ShortVector) ByteVector.fromArray(COST_BYTES, cost, costOff + d).castShape(SPECIES, 0);
      ShortVector l0 = path(h, d, j0, small, c, m0);
      ShortVector l1 = path(prev, ba + d, j1, small, c, m1);
      ShortVector l2 = path(prev, bb + d, j2, small, c, m2);
      ShortVector l3 = path(prev, bc + d, j3, small, c, m3);
      l0.intoArray(hOut, d + 1);
      l1.intoArray(cur, oa + d);
      l2.intoArray(cur, ob + d);
      l3.intoArray(cur, oc + d);
      l0.add(l1).add(l2.add(l3)).intoArray(sum, sumOff + d);
      n0 = n0.min(l0);
      n1 = n1.min(l1);
      n2 = n2.min(l2);
      n3 = n3.min(l3);
    }
    int min0 = n0.reduceLanes(VectorOperators.MIN);
    int min1 = n1.reduceLanes(VectorOperators.MIN);
    int min2 = n2.reduceLanes(VectorOperators.MIN);
    int min3 = n3.reduceLanes(VectorOperators.MIN);
    for (; d < disparities; d++) {
      int c = cost[costOff + d];
      int l0 = c + Math.min(Math.min(h[d + 1], m0 + p2h), Math.min(h[d], h[d + 2]) + p1) - m0;
      int l1 = c + Math.min(Math.min(prev[ba + d + 1], m1 + p2a), Math.min(prev[ba + d], prev[ba + d + 2]) + p1) - m1;
      int l2 = c + Math.min(Math.min(prev[bb + d + 1], m2 + p2b), Math.min(prev[bb + d], prev[bb + d + 2]) + p1) - m2;
      int l3 = c + Math.min(Math.min(prev[bc + d + 1], m3 + p2c), Math.min(prev[bc + d], prev[bc + d + 2]) + p1) - m3;
      hOut[d + 1] = (short) l0;
      cur[oa + d] = (short) l1;
      cur[ob + d] = (short) l2;
      cur[oc + d] = (short) l3;
      sum[sumOff + d] = (short) (l0 + l1 + l2 + l3);
      min0 = Math.min(min0, l0);
      min1 = Math.min(min1, l1);
      min2 = Math.min(min2, l2);
      min3 = Math.min(min3, l3);
    }
    curMin[ta] = min1;
    curMin[ta + 1] = min2;
    curMin[ta + 2] = min3;
    return min0;
  }

  private static ShortVector path(short[] prev, int at, ShortVector jump, short small, ShortVector cost, short prevMin) {
    ShortVector same = ShortVector.fromArray(SPECIES, prev, at + 1);
    ShortVector below = ShortVector.fromArray(SPECIES, prev, at);
    ShortVector above = ShortVector.fromArray(SPECIES, prev, at + 2);
    return cost.add(same.min(jump).min(below.min(above).add(small))).sub(prevMin);
  }
}
