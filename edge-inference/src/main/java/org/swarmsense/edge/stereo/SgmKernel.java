package org.swarmsense.edge.stereo;

/**
 * The inner loops of {@link SemiGlobalMatcher}, the ones worth SIMD: census bits along a row, the
 * path sweeps, and the minima of the selection.
 *
 * <p>A sweep aggregates four of the eight paths in one pass over the cost volume: forward (rows top
 * to bottom, pixels left to right) the paths arriving from the left, top-left, top and top-right;
 * backward the four opposite ones. Reading the cost volume once and writing the sum once per four
 * paths keeps the pass compute-bound instead of memory-bound.
 *
 * <p>All costs are {@code short}: a census cost is at most 62, a path cost at most 62 + P2, the sum
 * of four at most 4 (62 + P2) < 32767 for P2 <= 1000. Each pixel keeps D + 2 slots per path, with an
 * unreachable cost at d = -1 and d = D so that the neighbours of d need no bounds test.
 *
 * <p>Subclasses differ only in how the loops are executed ({@link ScalarSgmKernel}, {@code
 * VectorSgmKernel}); both give the same numbers. Instances hold no state: thread-safe.
 */
abstract class SgmKernel {

  /** A cost no path reaches; adding P1 stays far below Short.MAX_VALUE. */
  static final short UNREACHABLE = 16384;

  /** The vector kernel when the JDK's incubating Vector API module is loaded, else the scalar one. */
  static SgmKernel best() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        return (SgmKernel) Class.forName("org.swarmsense.edge.stereo.VectorSgmKernel").getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        return new ScalarSgmKernel();
      }
    }
    return new ScalarSgmKernel();
  }

  /**
   * Writes {@code out[outOff + i] = a[off + i] + b[off + i]} for i in 0..n-1 (the forward and backward
   * sweeps' sums, which fit a short together).
   */
  abstract void add(short[] a, short[] b, int off, short[] out, int outOff, int n);

  /** Smallest of {@code a[base + from .. base + to - 1]}; Short.MAX_VALUE for an empty range. */
  abstract int minimum(short[] a, int base, int from, int to);

  /**
   * One census comparison along a row: {@code bits[x] = bits[x] << 1 | (row[from + x] < centre[x])}
   * for x in 0..n-1 (values 0..255).
   */
  abstract void censusBit(int[] row, int from, int[] centre, int[] bits, int n);

  /** The first i in 0..n-1 with {@code a[base + i] == value}, or -1. */
  abstract int firstIndexOf(short[] a, int base, int n, int value);

  /**
   * For d in 0..n-1: where {@code cost[base + d] < best[at + d]}, take it and record {@code
   * disparity[at + d] = d}. Called for left pixels in increasing x, with {@code at + d} indexing the
   * right pixel x - d from the right edge, this leaves the right image's first best disparity.
   */
  abstract void keepSmaller(short[] cost, int base, short[] best, short[] disparity, int at, int n);

  /** A name for tables: "vector (N lanes)" or "scalar". */
  abstract String name();

  /**
   * Computes one pixel of four paths. For path k in 0..3, {@code prev[k]} at {@code prevOff[k]}
   * holds L of the predecessor (slots d + 1), {@code prevMin[k]} its minimum; the result goes to
   * {@code out[k]} at {@code outOff[k]}, its minimum to {@code mins[k]}, and the sum of the four to
   * {@code sum[costOff + d]}; {@code p2[k]} is path k's large penalty at this pixel.
   */
  abstract void pixel(short[] cost, int costOff, int disparities, int p1, int[] p2, short[][] prev, int[] prevOff,
      int[] prevMin, short[][] out, int[] outOff, int[] mins, short[] sum);

  /**
   * Runs one sweep over a {@code w x h x disparities} cost volume, writing (not adding) {@code sum}.
   * With {@code edgeGreyLevels} T > 0 the large penalty drops where the left image has an edge
   * between a pixel and its predecessor, {@code P2 T / (T + |dI|)} but at least P1 + 1, so that
   * depth jumps settle on intensity edges (Hirschmueller 2008 divides P2 by |dI| for the same end).
   */
  final void run(short[] cost, short[] sum, GrayImage left, int disparities, int p1, int p2, int edgeGreyLevels,
      boolean forward) {
    int w = left.widthPx();
    int h = left.heightPx();
    byte[] grey = left.pixels();
    int[] penalty = new int[256];
    for (int dI = 0; dI < 256; dI++) {
      penalty[dI] = edgeGreyLevels == 0 ? p2 : Math.max(p1 + 1, p2 * edgeGreyLevels / (edgeGreyLevels + dI));
    }
    int[] p2s = new int[4];
    int stride = disparities + 2;
    int s = forward ? 1 : -1;
    short[] none = new short[stride];
    none[0] = UNREACHABLE;
    none[stride - 1] = UNREACHABLE;
    short[] hA = none.clone();
    short[] hB = none.clone();
    short[][] prevRows = new short[3][w * stride];
    short[][] curRows = new short[3][w * stride];
    for (short[][] rows : new short[][][] {prevRows, curRows}) {
      for (short[] row : rows) {
        for (int x = 0; x < w; x++) {
          row[x * stride] = UNREACHABLE;
          row[x * stride + stride - 1] = UNREACHABLE;
        }
      }
    }
    int[][] prevRowMin = new int[3][w];
    int[][] curRowMin = new int[3][w];
    short[][] prev = new short[4][];
    short[][] out = new short[4][];
    int[] prevOff = new int[4];
    int[] prevMin = new int[4];
    int[] outOff = new int[4];
    int[] mins = new int[4];
    for (int j = 0; j < h; j++) {
      int y = forward ? j : h - 1 - j;
      for (int i = 0; i < w; i++) {
        int x = forward ? i : w - 1 - i;
        // path 0: along the row, predecessor x - s
        if (i == 0) {
          prev[0] = none;
          prevMin[0] = 0;
        } else {
          prev[0] = hA;
          prevMin[0] = mins[0];
        }
        int here = grey[y * w + x] & 0xff;
        p2s[0] = i == 0 ? p2 : penalty[Math.abs(here - (grey[y * w + x - s] & 0xff))];
        prevOff[0] = 0;
        out[0] = hB;
        outOff[0] = 0;
        // paths 1..3: from the previous row at x - s, x, x + s
        for (int k = 0; k < 3; k++) {
          int px = x + (k - 1) * s;
          if (j == 0 || px < 0 || px >= w) {
            prev[k + 1] = none;
            prevOff[k + 1] = 0;
            prevMin[k + 1] = 0;
            p2s[k + 1] = p2;
          } else {
            p2s[k + 1] = penalty[Math.abs(here - (grey[(y - s) * w + px] & 0xff))];
            prev[k + 1] = prevRows[k];
            prevOff[k + 1] = px * stride;
            prevMin[k + 1] = prevRowMin[k][px];
          }
          out[k + 1] = curRows[k];
          outOff[k + 1] = x * stride;
        }
        pixel(cost, (y * w + x) * disparities, disparities, p1, p2s, prev, prevOff, prevMin, out, outOff, mins, sum);
        for (int k = 0; k < 3; k++) {
          curRowMin[k][x] = mins[k + 1];
        }
        short[] t = hA;
        hA = hB;
        hB = t;
      }
      short[][] t = prevRows;
      prevRows = curRows;
      curRows = t;
      int[][] tm = prevRowMin;
      prevRowMin = curRowMin;
      curRowMin = tm;
    }
  }
}
