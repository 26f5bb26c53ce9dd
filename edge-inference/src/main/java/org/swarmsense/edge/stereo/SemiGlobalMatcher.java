package org.swarmsense.edge.stereo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Semi-global matching (Hirschmueller 2008) of a rectified grey pair into the left image's disparity
 * map: census matching cost (Hamming distance of descriptors of up to 62 bits, 9x7 by default), aggregation along 8 paths
 * with penalties P1/P2, winner-takes-all with a uniqueness test, sub-pixel refinement, a left-right
 * consistency check from the same aggregated volume, a 3x3 median and a speckle filter.
 *
 * <p>Everything lives in primitive arrays reused between calls of the same size: the cost volume
 * ({@code byte}, H x W x D: 24 MB for 741 x 500 x 64) and the two sweeps' sum volumes ({@code short},
 * 2 x 47 MB). The 8 paths run as two 4-path sweeps ({@link SgmKernel}), forward and backward, one per
 * worker; whichever finishes a row second selects it (winner, uniqueness, sub-pixel, left-right).
 * The census, the cost volume and the median are split by rows. With {@code --add-modules
 * jdk.incubator.vector} the inner loops use SIMD ({@code VectorSgmKernel}), otherwise a scalar kernel
 * with the same results. Settings: {@link SgmSettings}, from {@code reference.conf}.
 *
 * <p>Not thread-safe: {@link #compute} is synchronized and reuses buffers; use one matcher per thread
 * for concurrent pairs. {@link #close()} stops the workers.
 */
public final class SemiGlobalMatcher implements AutoCloseable {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final SgmSettings settings;
  private final ExecutorService pool;
  private final SgmKernel kernel;
  private int width = -1;
  private int height = -1;
  private long[] censusLeft;
  private long[] censusRight;
  private byte[] cost; // census Hamming distances, 0..62: a byte each
  private short[][] sums;
  private float[] disparity; // before the median filter
  private int[] speckleLabel;
  private int[] speckleStack;
  private int[] speckleRegion;
  private AtomicIntegerArray rowsDone; // per row: how many sweeps have finished it
  private double[] lastPhaseMs = new double[PHASES.size()];
  private double[] lastPhaseCpuMs = new double[PHASES.size()];

  /** Names of the phases of {@link #lastPhaseMs} and {@link #lastPhaseCpuMs}, in order. */
  public static final List<String> PHASES = List.of("census", "cost volume", "forward sweep (4 paths)",
      "backward sweep (4 paths)", "selection + left-right (inside the sweeps)", "median 3x3", "speckle filter");

  /** A matcher with its own {@code settings.threads()} worker threads. */
  public SemiGlobalMatcher(SgmSettings settings) {
    this(settings, SgmKernel.best());
  }

  /** A matcher with a given path kernel (tests compare the kernels). */
  SemiGlobalMatcher(SgmSettings settings, SgmKernel kernel) {
    if (settings == null || kernel == null) {
      throw new IllegalArgumentException("settings and kernel must be set, got " + settings + " and " + kernel);
    }
    this.settings = settings;
    this.kernel = kernel;
    this.pool = Executors.newFixedThreadPool(settings.threads(), r -> {
      Thread t = new Thread(r, "sgm-worker");
      t.setDaemon(true);
      return t;
    });
  }

  /** Which path kernel runs: "vector (N lanes)" or "scalar". */
  public String kernel() {
    return kernel.name();
  }

  /**
   * Wall time of the last {@link #compute} by phase ({@link #PHASES}), milliseconds; the two sweeps
   * run at the same time and both carry their common wall time.
   */
  public synchronized double[] lastPhaseMs() {
    return lastPhaseMs.clone();
  }

  /**
   * CPU time of the last {@link #compute} by phase ({@link #PHASES}), milliseconds summed over the
   * threads that ran it; 0 where the JVM does not measure thread CPU time. Unlike wall time it
   * hardly moves when other processes share the cores.
   */
  public synchronized double[] lastPhaseCpuMs() {
    return lastPhaseCpuMs.clone();
  }

  /** The settings this matcher runs with. */
  public SgmSettings settings() {
    return settings;
  }

  /** Disparity of every left pixel in pixels; NaN where a check rejected it. */
  public synchronized DisparityMap compute(GrayImage left, GrayImage right) {
    if (left.widthPx() != right.widthPx() || left.heightPx() != right.heightPx()) {
      throw new IllegalArgumentException("left is " + left.widthPx() + "x" + left.heightPx() + " but right is "
          + right.widthPx() + "x" + right.heightPx());
    }
    int w = left.widthPx();
    int h = left.heightPx();
    if (w <= settings.disparities()) {
      throw new IllegalArgumentException("image width " + w + " must exceed disparities " + settings.disparities());
    }
    long t0 = System.nanoTime();
    allocate(w, h);
    float[] disparity = this.disparity;
    double[] cpu = new double[PHASES.size()];
    cpu[0] = runRows(h, (y0, y1) -> {
      census(left, censusLeft, y0, y1);
      census(right, censusRight, y0, y1);
    });
    long t1 = System.nanoTime();
    cpu[1] = runRows(h, this::costRows);
    long t2 = System.nanoTime();
    // The sweeps meet in the middle: whichever finishes a row second has both sums of it (its own
    // still in cache) and selects that row at once, so no row is read back from memory twice.
    for (int y = 0; y < h; y++) {
      rowsDone.set(y, 0);
    }
    double[] selectCpu = new double[2];
    List<Callable<Long>> sweeps = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      boolean forward = k == 0;
      int who = k;
      short[] sum = sums[k];
      sweeps.add(() -> {
        long c = threadCpuNanos();
        Selection selection = new Selection(w, settings.disparities());
        short[] other = sums[1 - who];
        kernel.run(cost, sum, left, settings.disparities(), settings.smallPenalty(), settings.largePenalty(),
            settings.edgeGreyLevels(), forward, new SgmKernel.RowSums() {
              @Override
              public boolean privateRow(int y) {
                return rowsDone.get(y) == 1; // the other sweep has finished it: we select it, from cache
              }

              @Override
              public void rowDone(int y, short[] mine, int offset) {
                if (rowsDone.incrementAndGet(y) == 2) {
                  long s0 = threadCpuNanos();
                  select(disparity, y, mine, offset, other, y * w * settings.disparities(), selection);
                  selectCpu[who] += threadCpuNanos() - s0;
                }
              }
            });
        return threadCpuNanos() - c;
      });
    }
    long[] sweepCpu = invokeAll(sweeps);
    cpu[2] = (sweepCpu[0] - selectCpu[0]) / 1e6;
    cpu[3] = (sweepCpu[1] - selectCpu[1]) / 1e6;
    cpu[4] = (selectCpu[0] + selectCpu[1]) / 1e6;
    long t3 = System.nanoTime();
    long t4 = t3;
    float[] filtered = new float[w * h];
    cpu[5] = runRows(h, (y0, y1) -> median3x3(kernel, disparity, filtered, w, h, y0, y1));
    long t5 = System.nanoTime();
    long c6 = threadCpuNanos();
    removeSpeckles(filtered, w, h, settings.speckleWindowPx(), settings.speckleRangePx(), speckleLabel, speckleStack,
        speckleRegion);
    cpu[6] = (threadCpuNanos() - c6) / 1e6;
    long t6 = System.nanoTime();
    double sweepWall = (t3 - t2) / 1e6;
    lastPhaseMs = new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, sweepWall, sweepWall, sweepWall, (t5 - t4) / 1e6,
        (t6 - t5) / 1e6};
    lastPhaseCpuMs = cpu;
    return new DisparityMap(w, h, filtered);
  }

  private void allocate(int w, int h) {
    if (w == width && h == height) {
      return;
    }
    int n = w * h;
    int volume = Math.multiplyExact(n, settings.disparities());
    censusLeft = new long[n];
    censusRight = new long[n];
    cost = new byte[volume];
    sums = new short[2][volume];
    disparity = new float[n];
    speckleLabel = new int[n];
    speckleStack = new int[2 * n];
    speckleRegion = new int[n];
    rowsDone = new AtomicIntegerArray(h);
    width = w;
    height = h;
  }

  /** Census of rows y0..y1-1 over the settings' window: bit set where the neighbour is darker than the centre. */
  private void census(GrayImage image, long[] out, int y0, int y1) {
    int w = image.widthPx();
    int h = image.heightPx();
    byte[] px = image.pixels();
    int halfW = settings.censusWidthPx() / 2;
    int halfH = settings.censusHeightPx() / 2;
    int pw = w + 2 * halfW;
    int rows = y1 - y0 + 2 * halfH;
    int[] pad = new int[pw * rows];
    for (int r = 0; r < rows; r++) {
      int sy = Math.min(h - 1, Math.max(0, y0 - halfH + r));
      for (int c = 0; c < pw; c++) {
        int sx = Math.min(w - 1, Math.max(0, c - halfW));
        pad[r * pw + c] = px[sy * w + sx] & 0xff;
      }
    }
    // One comparison offset at a time along a whole row, into two 31-bit halves held in ints, so
    // that the kernel can compare a register of pixels at a time.
    int[] centre = new int[w];
    int[] high = new int[w];
    int[] low = new int[w];
    for (int y = y0; y < y1; y++) {
      int r = y - y0 + halfH;
      System.arraycopy(pad, r * pw + halfW, centre, 0, w);
      Arrays.fill(high, 0);
      Arrays.fill(low, 0);
      int bit = 0;
      for (int dy = -halfH; dy <= halfH; dy++) {
        for (int dx = -halfW; dx <= halfW; dx++) {
          if (dx == 0 && dy == 0) {
            continue;
          }
          int from = (r + dy) * pw + halfW + dx;
          int[] target = bit++ < 31 ? high : low;
          kernel.censusBit(pad, from, centre, target, w);
        }
      }
      for (int x = 0; x < w; x++) {
        out[y * w + x] = ((long) high[x] << 31) | low[x];
      }
    }
  }

  private void costRows(int y0, int y1) {
    long[] scratch = new long[width + settings.disparities()];
    for (int y = y0; y < y1; y++) {
      kernel.costRow(censusLeft, censusRight, y * width, width, settings.disparities(), (byte) settings.censusBits(), cost,
          scratch);
    }
  }

  /** One thread's buffers for {@link #select}. */
  private static final class Selection {
    final short[] total; // 8 paths of at most 62 + P2 <= 1062 each: fits a short
    final short[] rightBest; // index w - 1 - x_right
    final short[] rightDisp;
    final int[] best;

    Selection(int w, int disparities) {
      total = new short[w * disparities];
      rightBest = new short[w + disparities];
      rightDisp = new short[w + disparities];
      best = new int[w];
    }
  }

  /**
   * Winner-takes-all, uniqueness, sub-pixel refinement and the left-right check for row y, whose
   * four-path sums are in {@code mine} (this sweep's, from {@code mineOff}) and {@code other}.
   * Branch-light on purpose: a minimum over the disparities, then the first disparity reaching it.
   * The right image's best disparities come from the same volume: left pixel x at disparity d is
   * right pixel x - d, and scanning x upwards keeps each right pixel's first minimum.
   */
  private void select(float[] out, int y, short[] mine, int mineOff, short[] other, int otherOff, Selection scratch) {
    int w = width;
    int nd = settings.disparities();
    short[] total = scratch.total;
    short[] rightBest = scratch.rightBest;
    short[] rightDisp = scratch.rightDisp;
    int[] best = scratch.best;
    int keep = 100 - settings.uniquenessPercent();
    float lr = settings.leftRightMaxDiffPx();
    kernel.add(mine, mineOff, other, otherOff, total, w * nd);
    Arrays.fill(rightBest, Short.MAX_VALUE);
    for (int x = 0; x < w; x++) {
      int base = x * nd;
      int dMax = Math.min(nd - 1, x);
      kernel.keepSmaller(total, base, rightBest, rightDisp, w - 1 - x, dMax + 1);
      int bestCost = kernel.minimum(total, base, 0, dMax + 1);
      int bestD = kernel.firstIndexOf(total, base, dMax + 1, bestCost);
      int rival = kernel.minimumAwayFrom(total, base, dMax + 1, bestD);
      float refined = Float.NaN;
      best[x] = -1;
      if ((long) rival * keep >= (long) bestCost * 100) {
        best[x] = bestD;
        refined = bestD;
        if (bestD > 0 && bestD < dMax) {
          refined = bestD + subpixelOffset(total[base + bestD - 1], bestCost, total[base + bestD + 1]);
        }
      }
      out[y * w + x] = refined;
    }
    for (int x = 0; x < w; x++) {
      int d = best[x];
      if (d >= 0 && Math.abs(rightDisp[w - 1 - (x - d)] - d) > lr) {
        out[y * w + x] = Float.NaN;
      }
    }
  }

  private float subpixelOffset(int before, int at, int after) {
    if (settings.subpixel() == SgmSettings.Subpixel.PARABOLA) {
      int denom = before + after - 2 * at;
      return denom <= 0 ? 0f : (before - after) / (2f * denom);
    }
    int denom = Math.max(before, after) - at;
    return denom <= 0 ? 0f : (before - after) / (2f * denom);
  }

  /**
   * 3x3 median over the valid neighbours of every valid pixel of rows y0..y1-1; invalid stay invalid.
   * The kernel takes the inner pixels whose nine are all valid, a register at a time; the rest (image
   * border, invalid neighbours) sort their valid neighbours here.
   */
  static void median3x3(SgmKernel kernel, float[] in, float[] out, int w, int h, int y0, int y1) {
    float[] window = new float[9];
    for (int y = y0; y < y1; y++) {
      boolean innerRow = y > 0 && y < h - 1;
      if (innerRow) {
        kernel.medianOfNineRow(in, out, y * w + 1, w - 2, w);
      }
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (Float.isNaN(in[i])) {
          out[i] = Float.NaN;
          continue;
        }
        if (innerRow && x > 0 && x < w - 1 && !Float.isNaN(out[i])) {
          continue;
        }
        int n = 0;
        for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
          for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
            float v = in[yy * w + xx];
            if (!Float.isNaN(v)) {
              int k = n++;
              while (k > 0 && window[k - 1] > v) {
                window[k] = window[k - 1];
                k--;
              }
              window[k] = v;
            }
          }
        }
        out[i] = (n & 1) == 1 ? window[n / 2] : 0.5f * (window[n / 2 - 1] + window[n / 2]);
      }
    }
  }

  /**
   * Invalidates 4-connected regions (neighbours differing by at most {@code rangePx}) of fewer than
   * {@code windowPx} pixels, as OpenCV's filterSpeckles does. {@code label}, {@code stack} and
   * {@code region} are scratch of at least w x h; the stack holds pixel index and column in pairs
   * (2 w h), so no pixel's column is found by a division.
   */
  static void removeSpeckles(float[] d, int w, int h, int windowPx, float rangePx, int[] label, int[] stack, int[] region) {
    if (windowPx <= 0) {
      return;
    }
    int n = w * h;
    Arrays.fill(label, 0, n, 0);
    int next = 0;
    for (int start = 0; start < n; start++) {
      if (label[start] != 0 || Float.isNaN(d[start])) {
        continue;
      }
      next++;
      int top = 0;
      int size = 0;
      stack[top++] = start;
      stack[top++] = start % w;
      label[start] = next;
      while (top > 0) {
        int x = stack[--top];
        int p = stack[--top];
        region[size++] = p;
        float v = d[p];
        if (x > 0) {
          top = visit(d, label, stack, top, p - 1, x - 1, v, rangePx, next);
        }
        if (x < w - 1) {
          top = visit(d, label, stack, top, p + 1, x + 1, v, rangePx, next);
        }
        if (p >= w) {
          top = visit(d, label, stack, top, p - w, x, v, rangePx, next);
        }
        if (p < n - w) {
          top = visit(d, label, stack, top, p + w, x, v, rangePx, next);
        }
      }
      if (size < windowPx) {
        for (int k = 0; k < size; k++) {
          d[region[k]] = Float.NaN;
        }
      }
    }
  }

  private static int visit(float[] d, int[] label, int[] stack, int top, int q, int qx, float v, float range, int id) {
    if (label[q] == 0 && !Float.isNaN(d[q]) && Math.abs(d[q] - v) <= range) {
      label[q] = id;
      stack[top++] = q;
      stack[top++] = qx;
    }
    return top;
  }

  private interface RowRange {
    void run(int y0, int y1);
  }

  /** Runs {@code body} over {@code threads} row bands at once; returns the CPU milliseconds summed over them. */
  private double runRows(int h, RowRange body) {
    int n = settings.threads();
    List<Callable<Long>> tasks = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int y0 = h * t / n;
      int y1 = h * (t + 1) / n;
      tasks.add(() -> {
        long c = threadCpuNanos();
        body.run(y0, y1);
        return threadCpuNanos() - c;
      });
    }
    return Arrays.stream(invokeAll(tasks)).sum() / 1e6;
  }

  private long[] invokeAll(List<Callable<Long>> tasks) {
    try {
      List<Future<Long>> done = pool.invokeAll(tasks);
      long[] out = new long[done.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = done.get(i).get();
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while matching", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("matching failed: " + e.getCause(), e.getCause());
    }
  }

  /** CPU time of the calling thread, nanoseconds; 0 where the JVM does not measure it (phases then read 0). */
  private static long threadCpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
