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
   * Writes {@code out[i] = a[aOff + i] + b[bOff + i]} for i in 0..n-1 (the forward and backward
   * sweeps' sums, which fit a short together).
   */
  abstract void add(short[] a, int aOff, short[] b, int bOff, short[] out, int n);

  /** Smallest of {@code a[base + from .. base + to - 1]}; Short.MAX_VALUE for an empty range. */
  abstract int minimum(short[] a, int base, int from, int to);

  /**
   * One census comparison along a row: {@code bits[x] = bits[x] << 1 | (row[from + x] < centre[x])}
   * for x in 0..n-1 (values 0..255).
   */
  abstract void censusBit(int[] row, int from, int[] centre, int[] bits, int n);

  /**
   * Smallest of {@code a[base + i]} over i in 0..n-1 with |i - centre| > 1 (the uniqueness test's
   * rival); Short.MAX_VALUE if there is none.
   */
  abstract int minimumAwayFrom(short[] a, int base, int n, int centre);

  /**
   * One row of the cost volume: for x in 0..w-1 and d in 0..disparities-1, {@code cost[(rowStart + x)
   * * disparities + d]} = the Hamming distance of census {@code left[rowStart + x]} and {@code
   * right[rowStart + x - d]}, or {@code outside} (the census maximum) where x - d < 0. {@code scratch}
   * is the caller's buffer of at least w + disparities longs.
   */
  abstract void costRow(long[] left, long[] right, int rowStart, int w, int disparities, byte outside, byte[] cost,
      long[] scratch);

  /** The first i in 0..n-1 with {@code a[base + i] == value}, or -1. */
  abstract int firstIndexOf(short[] a, int base, int n, int value);

  /**
   * For d in 0..n-1: where {@code cost[base + d] < best[at + d]}, take it and record {@code
   * disparity[at + d] = d}. Called for left pixels in increasing x, with {@code at + d} indexing the
   * right pixel x - d from the right edge, this leaves the right image's first best disparity.
   */
  abstract void keepSmaller(short[] cost, int base, short[] best, short[] disparity, int at, int n);

  /**
   * For i in from..from+n-1: {@code out[i]} = the median of the 3x3 neighbourhood of {@code in[i]} in
   * rows of {@code w}, or NaN when any of the nine is NaN ({@link #medianOfNine}'s result exactly).
   */
  abstract void medianOfNineRow(float[] in, float[] out, int from, int n, int w);

  /** Median of nine values by Paeth's 19-exchange network (Graphics Gems, 1990), branch-free. */
  static float medianOfNine(float p0, float p1, float p2, float p3, float p4, float p5, float p6, float p7,
      float p8) {
    float t;
    t = Math.min(p1, p2); p2 = Math.max(p1, p2); p1 = t;
    t = Math.min(p4, p5); p5 = Math.max(p4, p5); p4 = t;
    t = Math.min(p7, p8); p8 = Math.max(p7, p8); p7 = t;
    t = Math.min(p0, p1); p1 = Math.max(p0, p1); p0 = t;
    t = Math.min(p3, p4); p4 = Math.max(p3, p4); p3 = t;
    t = Math.min(p6, p7); p7 = Math.max(p6, p7); p6 = t;
    t = Math.min(p1, p2); p2 = Math.max(p1, p2); p1 = t;
    t = Math.min(p4, p5); p5 = Math.max(p4, p5); p4 = t;
    t = Math.min(p7, p8); p8 = Math.max(p7, p8); p7 = t;
    p3 = Math.max(p0, p3);
    p5 = Math.min(p5, p8);
    t = Math.min(p4, p7); p7 = Math.max(p4, p7); p4 = t;
    p6 = Math.max(p3, p6);
    p4 = Math.max(p1, p4);
    p2 = Math.min(p2, p5);
    p4 = Math.min(p4, p7);
    t = Math.min(p4, p2); p2 = Math.max(p4, p2); p4 = t;
    p4 = Math.max(p6, p4);
    return Math.min(p4, p2);
  }

  /** A name for tables: "vector (N lanes)" or "scalar". */
  abstract String name();

  /**
   * Computes one pixel of four paths and returns path 0's minimum. Path 0 (along the row) reads its
   * predecessor's costs from {@code h} with minimum {@code hMin} and writes to {@code hOut}; paths 1..3
   * read the previous row {@code prev} at slots {@link #slot}(x - s, 0), (x, 1), (x + s, 2), minima in
   * {@code prevMin} at the same slots, and write {@code cur} and {@code curMin} at slots (x, k). Each
   * path's costs sit at {@code slot * (disparities + 2) + d + 1}. {@code p2h}, {@code p2a..c} are the
   * paths' large penalties at this pixel; the sum of the four goes to {@code sum[sumOff + d]}.
   */
  abstract int pixel(byte[] cost, int costOff, int disparities, int p1, int p2h, int p2a, int p2b, int p2c, short[] h,
      short[] hOut, int hMin, short[] prev, int[] prevMin, short[] cur, int[] curMin, int x, int s, short[] sum, int sumOff);

  /** Slot of path {@code k} (1..3 as 0..2) of pixel {@code x} (-1..w) in a row buffer: three slots per pixel. */
  static int slot(int x, int k) {
    return (x + 1) * 3 + k;
  }

  /** Where a sweep puts each row's sums, and who hears that a row is finished. */
  interface RowSums {
    /**
     * Asked before row y: true when the row's sums need not go to the sweep's volume (the other
     * sweep has finished the row, so this one will select it while its sums are still in cache).
     */
    boolean privateRow(int y);

    /** Row y is finished; its sums are in {@code sums} from {@code offset}, x-major, disparities-minor. */
    void rowDone(int y, short[] sums, int offset);
  }

  /**
   * Runs one sweep over a {@code w x h x disparities} cost volume, writing (not adding) each row's
   * four-path sums to {@code sum} (or to a private row buffer where {@code rows} says so) and telling
   * {@code rows} when a row is finished.
   * With {@code edgeGreyLevels} T > 0 the large penalty drops where the left image has an edge
   * between a pixel and its predecessor, {@code P2 T / (T + |dI|)} but at least P1 + 1, so that
   * depth jumps settle on intensity edges (Hirschmueller 2008 divides P2 by |dI| for the same end).
   *
   * <p>A predecessor outside the image (first row, first column, the columns -1 and w of the row
   * buffers) has all costs 0 and minimum 0, so a path starts with the matching cost alone and its
   * large penalty does not matter there.
   */
  final void run(byte[] cost, short[] sum, GrayImage left, int disparities, int p1, int p2, int edgeGreyLevels,
      boolean forward, RowSums rows) {
    int w = left.widthPx();
    int h = left.heightPx();
    byte[] grey = left.pixels();
    int[] penalty = new int[256];
    for (int dI = 0; dI < 256; dI++) {
      penalty[dI] = edgeGreyLevels == 0 ? p2 : Math.max(p1 + 1, p2 * edgeGreyLevels / (edgeGreyLevels + dI));
    }
    int stride = disparities + 2;
    int s = forward ? 1 : -1;
    short[] none = new short[stride];
    none[0] = UNREACHABLE;
    none[stride - 1] = UNREACHABLE;
    short[] hA = none.clone();
    short[] hB = none.clone();
    int slots = slot(w, 2) + 1;
    short[] prevRow = new short[slots * stride];
    short[] curRow = new short[slots * stride];
    for (int k = 0; k < slots; k++) {
      prevRow[k * stride] = UNREACHABLE;
      prevRow[k * stride + stride - 1] = UNREACHABLE;
      curRow[k * stride] = UNREACHABLE;
      curRow[k * stride + stride - 1] = UNREACHABLE;
    }
    int[] prevRowMin = new int[slots];
    int[] curRowMin = new int[slots];
    short[] privateSums = new short[w * disparities];
    int touched = 0;
    for (int j = 0; j < h; j++) {
      int y = forward ? j : h - 1 - j;
      // the row the backward sweep walks next, read upwards one pixel's lines at a time
      int ahead = forward || j == h - 1 ? -1 : (y - 1) * w * disparities;
      int above = (y - s) * w;
      boolean own = rows.privateRow(y);
      short[] out = own ? privateSums : sum;
      int outRow = own ? 0 : y * w * disparities;
      int hMin = 0;
      for (int i = 0; i < w; i++) {
        int x = forward ? i : w - 1 - i;
        if (ahead >= 0) {
          for (int k = ahead + i * disparities; k < ahead + (i + 1) * disparities; k += 32) {
            touched += cost[k];
          }
        }
        int here = grey[y * w + x] & 0xff;
        int p2h = i == 0 ? p2 : penalty[Math.abs(here - (grey[y * w + x - s] & 0xff))];
        int p2a = p2;
        int p2b = p2;
        int p2c = p2;
        if (j > 0) {
          p2b = penalty[Math.abs(here - (grey[above + x] & 0xff))];
          if (i > 0) {
            p2a = penalty[Math.abs(here - (grey[above + x - s] & 0xff))];
          }
          if (i < w - 1) {
            p2c = penalty[Math.abs(here - (grey[above + x + s] & 0xff))];
          }
        }
        hMin = pixel(cost, (y * w + x) * disparities, disparities, p1, p2h, p2a, p2b, p2c, i == 0 ? none : hA, hB,
            i == 0 ? 0 : hMin, prevRow, prevRowMin, curRow, curRowMin, x, s, out, outRow + x * disparities);
        short[] t = hA;
        hA = hB;
        hB = t;
      }
      short[] t = prevRow;
      prevRow = curRow;
      curRow = t;
      int[] tm = prevRowMin;
      prevRowMin = curRowMin;
      curRowMin = tm;
      rows.rowDone(y, out, outRow);
    }
    sink = touched;
  }

  /** Keeps the backward sweep's look-ahead reads alive. */
  private static volatile int sink;
}
