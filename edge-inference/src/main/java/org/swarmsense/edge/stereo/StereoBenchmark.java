package org.swarmsense.edge.stereo;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.swarmsense.edge.EdgeInferenceSettings;

/**
 * {@code swarmsense bench stereo}: our semi-global matcher against OpenCV SGBM on one rectified pair
 * with ground truth (end-point error, bad-2px, coverage, time), then occupancy at 8^3..64^3 over
 * the configured box ({@code reference.conf}: the issue's {@link VoxelBox#standard()}) for ours (pruned and dense) and for OpenCV's disparity through the same
 * voxelisation, scored against the ground truth's voxels (IoU, Chamfer) with latency from the pair.
 * Every figure is measured in the same run; times are medians over {@code repeats} after warm-up runs.
 * Stateless; {@link #run} may be called from any thread.
 */
public final class StereoBenchmark {

  /**
   * The workload and how to measure it.
   *
   * @param left left image (PNG)
   * @param right right image (PNG)
   * @param truth ground-truth disparity, raw little-endian float32 of the left image's size
   * @param calibration the pair's calibration
   * @param box the occupancy box in the left camera's coordinates
   * @param repeats timed runs per method (after one warm-up)
   * @param threads threads for our matcher and for OpenCV
   * @param python a Python with OpenCV (Debian python3-opencv) for the reference
   */
  public record Options(Path left, Path right, Path truth, StereoCalibration calibration, VoxelBox box, int repeats,
      int threads, Path python) {

    /** Validates every field. */
    public Options {
      for (Path p : new Path[] {left, right, truth}) {
        if (p == null || !Files.isRegularFile(p)) {
          throw new IllegalArgumentException("input file not found: " + p);
        }
      }
      if (calibration == null) {
        throw new IllegalArgumentException("calibration must be set");
      }
      if (box == null) {
        throw new IllegalArgumentException("box must be set");
      }
      if (repeats < 1 || repeats > 1000) {
        throw new IllegalArgumentException("repeats must be in [1,1000], got " + repeats);
      }
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException("threads must be in [1,256], got " + threads);
      }
      if (python == null) {
        throw new IllegalArgumentException("python must be set");
      }
    }

    /**
     * Middlebury Motorcycle from {@code <dataDir>/stereo}, the configured box ({@code reference.conf}),
     * 5 repeats, 2 threads, /usr/bin/python3.
     */
    public static Options motorcycle(Path dataDir) {
      Path stereo = dataDir.resolve("stereo");
      return new Options(stereo.resolve("motorcycle_left.png"), stereo.resolve("motorcycle_right.png"),
          stereo.resolve("motorcycle_disp_500x741.f32"), StereoCalibration.middleburyMotorcycle(),
          EdgeInferenceSettings.Stereo.load().box(), 5, 2, Path.of("/usr/bin/python3"));
    }

    /** The shared data folder found by walking up from the working directory ({@code shared/data}). */
    public static Path findSharedData() {
      Path start = Path.of("").toAbsolutePath();
      for (Path p = start; p != null; p = p.getParent()) {
        Path candidate = p.resolve("shared").resolve("data");
        if (Files.isDirectory(candidate.resolve("stereo"))) {
          return candidate;
        }
      }
      throw new IllegalArgumentException("shared/data/stereo not found above " + start + "; pass --left, --right and --disparity");
    }
  }

  /**
   * Untimed runs before timing our matcher, so that the JIT has compiled the kernels and is no longer
   * busy on the same cores (OpenCV, native code, gets one).
   */
  private static final int WARM_UP_RUNS = 10;

  private StereoBenchmark() {}

  /** Runs the benchmark and prints its tables to {@code out}. */
  public static void run(Options options, PrintStream out) throws IOException, InterruptedException {
    GrayImage left = GrayImage.read(options.left());
    GrayImage right = GrayImage.read(options.right());
    if (left.widthPx() != right.widthPx() || left.heightPx() != right.heightPx()) {
      throw new IllegalArgumentException("left " + options.left() + " and right " + options.right() + " differ in size");
    }
    int w = left.widthPx();
    int h = left.heightPx();
    DisparityMap truth = DisparityMap.readRawFloat32(options.truth(), w, h);
    EdgeInferenceSettings.Stereo stereo = EdgeInferenceSettings.Stereo.load();
    SgmSettings settings = stereo.matcher().withThreads(options.threads());
    VoxelBox box = options.box();
    StereoCalibration calib = options.calibration();
    OccupancyPyramid pyramid = new OccupancyPyramid(box, stereo.occupancy());
    PixelFootprint footprint = stereo.footprint();
    int[] res = OccupancyPyramid.resolutions();

    float[] range = knownRange(truth);
    out.printf(Locale.ROOT, "stereo bench: %s + %s (%dx%d), truth %s: %.2f..%.2f px, %d disparities searched; %d threads,"
        + " %d timed runs each (median; min in brackets); %d processors%n", options.left().getFileName(),
        options.right().getFileName(), w, h, options.truth().getFileName(), range[0], range[1], settings.disparities(),
        options.threads(), options.repeats(), Runtime.getRuntime().availableProcessors());

    out.printf(Locale.ROOT, "load average at start: %s (the 2 cores are shared; wall times grow with it, CPU times much less)%n",
        loadAverage());
    OpenCvSgbm.Result cv = OpenCvSgbm.run(options.python(), options.left(), options.right(), w, h, settings.disparities(),
        options.repeats(), options.threads());

    DisparityMap ours = null;
    double[] disparityMs = new double[options.repeats()];
    double[] disparityCpuMs = new double[options.repeats()];
    double[] pairTo32CpuMs = new double[options.repeats()];
    double[] occupancyTo32CpuMs = new double[options.repeats()];
    double[] centreTo32CpuMs = new double[options.repeats()];
    double[][] levelMs = new double[res.length][options.repeats()];
    String kernel;
    double[] phases;
    double[] phaseCpu;
    try (SemiGlobalMatcher matcher = new SemiGlobalMatcher(settings)) {
      kernel = matcher.kernel();
      for (int k = 0; k < WARM_UP_RUNS; k++) { // let the JIT compile the vector kernels before timing
        ours = matcher.compute(left, right);
        pyramid.coarseToFine(PointCloud.fromDisparity(ours, calib, box, footprint));
      }
      for (int r = 0; r < options.repeats(); r++) {
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        ours = matcher.compute(left, right);
        long t1 = System.nanoTime();
        disparityCpuMs[r] = (processCpuNanos() - c0) / 1e6;
        PointCloud cloud = PointCloud.fromDisparity(ours, calib, box, footprint);
        List<OccupancyLevel> levels = pyramid.coarseToFine(cloud);
        double cloudMs = (System.nanoTime() - t1) / 1e6 - levels.get(levels.size() - 1).elapsedMs();
        disparityMs[r] = (t1 - t0) / 1e6;
        for (int i = 0; i < res.length; i++) {
          levelMs[i][r] = disparityMs[r] + cloudMs + levels.get(i).elapsedMs();
        }
        // the same pair -> 32^3 as CPU time summed over threads (untimed repeat of the occupancy part,
        // stopping at 32^3): what the 2 cores must do, whatever else shares them
        long c1 = threadCpuNanos();
        pyramid.coarseToFine(PointCloud.fromDisparity(ours, calib, box, footprint), level -> level.grid().resolution() < 32);
        occupancyTo32CpuMs[r] = (threadCpuNanos() - c1) / 1e6;
        pairTo32CpuMs[r] = Arrays.stream(matcher.lastPhaseCpuMs()).sum() + occupancyTo32CpuMs[r];
        // the previous rule's occupancy part on the same map, as the baseline of the same run
        long c2 = threadCpuNanos();
        pyramid.coarseToFine(PointCloud.fromDisparity(ours, calib, box, PixelFootprint.CENTRE),
            level -> level.grid().resolution() < 32);
        centreTo32CpuMs[r] = (threadCpuNanos() - c2) / 1e6;
      }
      phases = matcher.lastPhaseMs();
      phaseCpu = matcher.lastPhaseCpuMs();
    }
    DisparityScore oursScore = ours.scoreAgainst(truth);
    DisparityScore cvScore = cv.disparity().scoreAgainst(truth);
    double oursMs = median(disparityMs);
    out.printf(Locale.ROOT, "%n%-58s %8s %8s %9s %16s%n", "disparity", "EPE px", "bad-2px", "coverage", "time ms");
    out.printf(Locale.ROOT, "%-58s %8.3f %7.2f%% %8.1f%% %8.1f [%5.1f]%n", "ours: census " + settings.censusWidthPx() + "x"
        + settings.censusHeightPx() + " SGM, 8 paths, " + kernel + ", " + settings.threads() + " threads",
        oursScore.endPointErrorPx(), 100 * oursScore.bad2Fraction(), 100 * oursScore.coverageFraction(), oursMs,
        Arrays.stream(disparityMs).min().orElse(0));
    out.printf(Locale.ROOT, "%-58s %8.3f %7.2f%% %8.1f%% %8.1f [%5.1f]%n", "OpenCV SGBM 3-way, block 5, " + cv.threads()
        + " threads",
        cvScore.endPointErrorPx(), 100 * cvScore.bad2Fraction(), 100 * cvScore.coverageFraction(), cv.medianMs(), cv.minMs());
    out.printf(Locale.ROOT, "ours by phase, last run, wall ms / CPU ms summed over threads:");
    for (int i = 0; i < phases.length; i++) {
      out.printf(Locale.ROOT, "%s %s %.1f / %.1f", i == 0 ? "" : ",", SemiGlobalMatcher.PHASES.get(i), phases[i], phaseCpu[i]);
    }
    out.printf(Locale.ROOT, "%n");
    out.printf(Locale.ROOT, "time ours/OpenCV: %.2fx median wall, %.2fx best wall (goal <= 2x); CPU %.1f / %.1f ms = %.2fx;"
        + " EPE ours/OpenCV %.2f (goal <= 1)%n",
        oursMs / cv.medianMs(), Arrays.stream(disparityMs).min().orElse(0) / cv.minMs(), median(disparityCpuMs),
        cv.medianCpuMs(), median(disparityCpuMs) / cv.medianCpuMs(),
        oursScore.endPointErrorPx() / cvScore.endPointErrorPx());

    // ground truth always by the reference rule (one point occupies a voxel)
    List<OccupancyLevel> truthLevels = new OccupancyPyramid(box, OccupancyRule.anyPoint())
        .dense(PointCloud.fromDisparity(truth, calib, box));
    PointCloud oursCloud = PointCloud.fromDisparity(ours, calib, box, footprint);
    List<OccupancyLevel> pruned = pyramid.coarseToFine(oursCloud);
    List<OccupancyLevel> dense = pyramid.dense(oursCloud);
    // OpenCV through the same voxelisation; its latency to a level = its own disparity time plus our
    // points and pyramid on its map (median over the repeats)
    List<OccupancyLevel> cvLevels = null;
    double[][] cvLevelMs = new double[res.length][options.repeats()];
    for (int r = 0; r < options.repeats(); r++) {
      long t0 = System.nanoTime();
      PointCloud cloud = PointCloud.fromDisparity(cv.disparity(), calib, box, footprint);
      double cloudMs = (System.nanoTime() - t0) / 1e6;
      cvLevels = pyramid.coarseToFine(cloud);
      for (int i = 0; i < res.length; i++) {
        cvLevelMs[i][r] = cv.medianMs() + cloudMs + cvLevels.get(i).elapsedMs();
      }
    }
    out.printf(Locale.ROOT, "%noccupancy over X [%.2f,%.2f) m, Y [%.2f,%.2f) m, Z [%.2f,%.2f) m; truth = ground-truth disparity,"
        + " one point per pixel centre, a voxel occupied when a point falls in it; ours and OpenCV: pixel footprint %s,"
        + " depth-neighbour fraction %.2f (centre and 0 = the truth's rule); CD = Chamfer distance, m%n", box.minXM(),
        box.minXM() + box.sideM(), box.minYM(), box.minYM() + box.sideM(), box.minZM(), box.minZM() + box.sideM(),
        footprint.configName(), stereo.occupancy().depthNeighbourFraction());
    out.printf(Locale.ROOT, "%5s %7s %6s | %-36s | %-24s | %-26s%n", "", "", "", "ours, octree-pruned", "ours, dense",
        "OpenCV SGBM, same voxels");
    out.printf(Locale.ROOT, "%5s %7s %6s | %6s %6s %12s %9s | %6s %6s %10s | %6s %6s %12s%n", "level", "voxel m", "truth",
        "IoU", "CD", "pair->lvl ms", "evaluated", "IoU", "CD", "evaluated", "IoU", "CD", "pair->lvl ms");
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < res.length; i++) {
      OccupancyGrid g = truthLevels.get(i).grid();
      OccupancyLevel p = pruned.get(i);
      OccupancyLevel d = dense.get(i);
      OccupancyGrid c = cvLevels.get(i).grid();
      double evaluatedShare = (double) p.evaluatedVoxels() / d.evaluatedVoxels();
      rows.add(new double[] {p.grid().iou(g), d.grid().iou(g), evaluatedShare, median(levelMs[i])});
      out.printf(Locale.ROOT, "%2d^3 %8.4f %6d | %6.3f %6.3f %12.1f %8.1f%% | %6.3f %6.3f %10d | %6.3f %6.3f %12.1f%n", res[i],
          box.voxelM(res[i]), g.occupiedCount(), p.grid().iou(g), p.grid().chamferM(g), median(levelMs[i]), 100 * evaluatedShare,
          d.grid().iou(g), d.grid().chamferM(g), d.evaluatedVoxels(), c.iou(g), c.chamferM(g), median(cvLevelMs[i]));
    }
    // The previous rule (one point per pixel centre, as the truth) on the same disparity maps, for comparison
    List<OccupancyLevel> oursCentre = pyramid.coarseToFine(PointCloud.fromDisparity(ours, calib, box, PixelFootprint.CENTRE));
    List<OccupancyLevel> cvCentre = pyramid.coarseToFine(PointCloud.fromDisparity(cv.disparity(), calib, box,
        PixelFootprint.CENTRE));
    out.printf(Locale.ROOT, "%nprevious rule on the same disparity maps: footprint centre (one point per pixel)%n");
    out.printf(Locale.ROOT, "%5s | %-22s | %-22s%n", "level", "ours: IoU    CD  now", "OpenCV: IoU    CD  now");
    for (int i = 0; i < res.length; i++) {
      OccupancyGrid g = truthLevels.get(i).grid();
      out.printf(Locale.ROOT, "%2d^3 | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f%n", res[i], oursCentre.get(i).grid().iou(g),
          oursCentre.get(i).grid().chamferM(g), pruned.get(i).grid().iou(g), cvCentre.get(i).grid().iou(g),
          cvCentre.get(i).grid().chamferM(g), cvLevels.get(i).grid().iou(g));
    }
    // The fast coarse pass: the same matcher on the pair at half size (a quarter of the pixels, half
    // the disparities): what a deadline-bound caller would compute first for the coarse levels.
    GrayImage halfLeft = left.halfSize();
    GrayImage halfRight = right.halfSize();
    StereoCalibration halfCalib = calib.halfSize();
    double[][] halfMs = new double[res.length][options.repeats()];
    List<OccupancyLevel> half = null;
    try (SemiGlobalMatcher matcher = new SemiGlobalMatcher(settings.halfSize())) {
      for (int k = 0; k < WARM_UP_RUNS; k++) {
        pyramid.coarseToFine(PointCloud.fromDisparity(matcher.compute(halfLeft, halfRight), halfCalib, box, footprint));
      }
      for (int r = 0; r < options.repeats(); r++) {
        long t0 = System.nanoTime();
        GrayImage hl = left.halfSize();
        GrayImage hr = right.halfSize();
        DisparityMap d = matcher.compute(hl, hr);
        long t1 = System.nanoTime();
        PointCloud cloud = PointCloud.fromDisparity(d, halfCalib, box, footprint);
        half = pyramid.coarseToFine(cloud);
        double cloudMs = (System.nanoTime() - t1) / 1e6 - half.get(half.size() - 1).elapsedMs();
        for (int i = 0; i < res.length; i++) {
          halfMs[i][r] = (t1 - t0) / 1e6 + cloudMs + half.get(i).elapsedMs();
        }
      }
    }
    out.printf(Locale.ROOT, "%nfast coarse pass: the same matcher on the pair halved to %dx%d (%d disparities), octree-pruned%n",
        halfLeft.widthPx(), halfLeft.heightPx(), settings.halfSize().disparities());
    out.printf(Locale.ROOT, "%5s | %6s %6s %12s%n", "level", "IoU", "CD", "pair->lvl ms");
    for (int i = 0; i < res.length; i++) {
      OccupancyGrid g = truthLevels.get(i).grid();
      out.printf(Locale.ROOT, "%2d^3 | %6.3f %6.3f %12.1f%n", res[i], half.get(i).grid().iou(g), half.get(i).grid().chamferM(g),
          median(halfMs[i]));
    }
    int l16 = 1;
    int l32 = 2;
    int l64 = 3;
    out.printf(Locale.ROOT, "%ngoals: EPE <= OpenCV's %s; time <= 2x OpenCV's %s; IoU@32 >= 0.60 %s (%.3f);"
        + " IoU@16 >= 0.70 %s (%.3f);%n       pruning evaluates <= 25%% at 64^3 %s (%.1f%%) with |IoU - dense| <= 0.01 %s (%.4f);"
        + " pair -> 32^3 <= 100 ms: full size %s (%.1f ms), half-size pass %s (%.1f ms)%n",
        verdict(oursScore.endPointErrorPx() <= cvScore.endPointErrorPx()), verdict(oursMs <= 2 * cv.medianMs()),
        verdict(rows.get(l32)[0] >= 0.60), rows.get(l32)[0], verdict(rows.get(l16)[0] >= 0.70), rows.get(l16)[0],
        verdict(rows.get(l64)[2] <= 0.25), 100 * rows.get(l64)[2],
        verdict(Math.abs(rows.get(l64)[0] - rows.get(l64)[1]) <= 0.01), Math.abs(rows.get(l64)[0] - rows.get(l64)[1]),
        verdict(rows.get(l32)[3] <= 100), rows.get(l32)[3], verdict(median(halfMs[l32]) <= 100), median(halfMs[l32]));
    out.printf(Locale.ROOT, "       pair -> 32^3 at full size as CPU time summed over our threads: %.1f ms median [%.1f] (so at"
        + " least %.1f ms wall with %d threads; thread CPU time, little affected by other load)%n", median(pairTo32CpuMs),
        Arrays.stream(pairTo32CpuMs).min().orElse(0), median(pairTo32CpuMs) / options.threads(), options.threads());
    out.printf(Locale.ROOT, "       of which disparity -> points -> 32^3 (one thread): %.1f ms CPU median with footprint %s, %.1f ms with"
        + " the previous rule (centre) on the same maps in the same runs%n", median(occupancyTo32CpuMs),
        footprint.configName(), median(centreTo32CpuMs));
    out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
    out.flush();
  }

  /** CPU time of the calling thread, nanoseconds; 0 where the JVM does not measure it. */
  private static long threadCpuNanos() {
    var threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  /**
   * CPU time of this JVM, all threads, nanoseconds (Linux counts it in 10 ms ticks); -1 where the
   * platform does not report it.
   */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg, or the JVM's 1-minute figure elsewhere. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String verdict(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static float[] knownRange(DisparityMap map) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : map.disparityPx()) {
      if (!Float.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return new float[] {lo, hi};
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
