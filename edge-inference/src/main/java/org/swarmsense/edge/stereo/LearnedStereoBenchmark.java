package org.swarmsense.edge.stereo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.ThreadSettings;

/**
 * {@code swarmsense bench stereo --learned} (issue 19 part 3): the learned path ({@link
 * LearnedOccupancy}, ONNX Runtime through the serving engine's stage executor) against the classical
 * path on the held-out {@link BoxScenes} pairs of the model card, in the same run: IoU at 8^3, 16^3
 * and 32^3 (mean over the pairs, the formula, truth by {@link BoxScenes#truthLevels}) and
 * milliseconds from the pair to each level (median). Classical = the configured matcher
 * ({@code reference.conf}) at full size with the configured occupancy rule and footprint, octree-pruned
 * (the {@code bench stereo} headline path), and its half-size pass ({@link OccupancyService}'s
 * coarse levels). Both use {@code threads} threads. Then the goal line at 16^3: IoU at or above the
 * classical path's in at most a third of its time. Stateless.
 */
public final class LearnedStereoBenchmark {

  /** Untimed pairs before timing, per path (JIT, ONNX Runtime's first runs). */
  private static final int WARM_UP = 3;

  private LearnedStereoBenchmark() {}

  /** Runs on the model card's held-out scenes with {@code threads} threads and prints to {@code out}. */
  public static void run(int threads, PrintStream out) {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads must be in [1,256], got " + threads);
    }
    EdgeInferenceSettings.Stereo stereo = EdgeInferenceSettings.Stereo.load();
    VoxelBox box = VoxelBox.standard();
    StereoCalibration calib = BoxScenes.calibration();
    OccupancyPyramid pyramid = new OccupancyPyramid(box, stereo.occupancy());
    PixelFootprint footprint = stereo.footprint();
    SgmSettings settings = stereo.matcher().withThreads(threads);
    try (LearnedOccupancy learned = LearnedOccupancy.load(new OnnxRuntimeBackend(new ThreadSettings(threads, 1)));
        SemiGlobalMatcher full = new SemiGlobalMatcher(settings);
        SemiGlobalMatcher half = new SemiGlobalMatcher(settings.halfSize())) {
      int first = learned.card().getInt("train");
      int scenes = learned.card().getInt("scenes");
      int n = scenes - first;
      out.printf(Locale.ROOT, "learned vs classical occupancy: %d held-out BoxScenes pairs (seeds %d..%d, %dx%d px, f %.2f px,"
          + " B %.2f m), box X,Y [-2,2) m, Z [1.5,5.5) m; %d threads each; load average at start: %s%n", n, first, scenes - 1,
          BoxScenes.SIZE_PX, BoxScenes.SIZE_PX, calib.focalPx(), calib.baselineM(), threads, StereoBenchmark.loadAverage());
      out.printf(Locale.ROOT, "model card: %s, %d parameters, trained %.0f s (%d steps), held-out IoU at training %s%n",
          learned.card().getString("name"), learned.card().getInt("parameters"), learned.card().getDouble("trainingSeconds"),
          learned.card().getInt("steps"), learned.card().getDoubleList("heldOutIoU"));
      int[] res = {8, 16, 32};
      double[][] iou = new double[3][3]; // path x level, summed
      double[][][] ms = new double[3][3][n]; // path x level x pair
      for (int w = 0; w < WARM_UP; w++) {
        BoxScenes.Pair p = BoxScenes.render(first + w);
        learned.levels(p.left(), p.right(), 32);
        pyramid.coarseToFine(PointCloud.fromDisparity(full.compute(p.left(), p.right()), calib, box, footprint));
        pyramid.coarseToFine(PointCloud.fromDisparity(half.compute(p.left().halfSize(), p.right().halfSize()),
            calib.halfSize(), box, footprint));
      }
      for (int i = 0; i < n; i++) {
        BoxScenes.Pair p = BoxScenes.render(first + i);
        List<OccupancyLevel> truth = BoxScenes.truthLevels(p.truth());
        // classical, full size
        long t0 = System.nanoTime();
        DisparityMap d = full.compute(p.left(), p.right());
        long t1 = System.nanoTime();
        List<OccupancyLevel> c = pyramid.coarseToFine(PointCloud.fromDisparity(d, calib, box, footprint),
            l -> l.resolution() < 32);
        double cloudMs = (System.nanoTime() - t1) / 1e6 - c.get(c.size() - 1).elapsedMs();
        record(iou[0], ms[0], i, c, truth, (t1 - t0) / 1e6 + cloudMs);
        // classical, half-size pass
        t0 = System.nanoTime();
        d = half.compute(p.left().halfSize(), p.right().halfSize());
        t1 = System.nanoTime();
        c = pyramid.coarseToFine(PointCloud.fromDisparity(d, calib.halfSize(), box, footprint), l -> l.resolution() < 32);
        cloudMs = (System.nanoTime() - t1) / 1e6 - c.get(c.size() - 1).elapsedMs();
        record(iou[1], ms[1], i, c, truth, (t1 - t0) / 1e6 + cloudMs);
        // learned (its levels are timed from the pair; the image to tensor conversion is inside)
        record(iou[2], ms[2], i, learned.levels(p.left(), p.right(), 32), truth, 0);
      }
      String[] names = {"classical: census SGM full size + pruned pyramid", "classical: half-size pass (service's coarse)",
          "learned: ONNX stages via OnnxStageExecutor"};
      out.printf(Locale.ROOT, "%n%-48s | %-16s | %-16s | %-16s%n", "path (mean IoU, median ms pair->level)", "8^3", "16^3",
          "32^3");
      for (int path = 0; path < 3; path++) {
        out.printf(Locale.ROOT, "%-48s", names[path]);
        for (int l = 0; l < 3; l++) {
          out.printf(Locale.ROOT, " | %6.3f %7.1fms", iou[path][l] / n, StereoBenchmark.median(ms[path][l]));
        }
        out.printf(Locale.ROOT, "%n");
      }
      double cIou = iou[0][1] / n;
      double lIou = iou[2][1] / n;
      double cMs = StereoBenchmark.median(ms[0][1]);
      double lMs = StereoBenchmark.median(ms[2][1]);
      boolean met = lIou >= cIou && lMs <= cMs / 3;
      out.printf(Locale.ROOT, "%ngoal at 16^3 (learned IoU >= classical, time <= 1/3 of classical): %s — IoU %.3f vs %.3f (%s),"
          + " time %.1f vs %.1f ms = %.2fx (%s)%n", met ? "met" : "NOT met", lIou, cIou, lIou >= cIou ? "met" : "not met", lMs,
          cMs, lMs / cMs, lMs <= cMs / 3 ? "met" : "not met");
      out.printf(Locale.ROOT, "against the half-size pass: IoU %.3f vs %.3f, time %.1f vs %.1f ms = %.2fx%n", lIou,
          iou[1][1] / n, lMs, StereoBenchmark.median(ms[1][1]), lMs / StereoBenchmark.median(ms[1][1]));
      out.printf(Locale.ROOT, "Middlebury Motorcycle: learned path not run — the network knows only its training rig (%dx%d px,"
          + " f %.2f px, B %.2f m, so disparity = %.1f / Z); Motorcycle (741x500, f 995 px, B 0.193 m, doffs 31 px) cannot be"
          + " resampled into it (image scale fixes f but not f B); its classical figures: bench stereo without --learned%n",
          BoxScenes.SIZE_PX, BoxScenes.SIZE_PX, calib.focalPx(), calib.baselineM(), calib.focalPx() * calib.baselineM());
      out.printf(Locale.ROOT, "load average at end: %s%n", StereoBenchmark.loadAverage());
      out.flush();
    }
  }

  private static void record(double[] iouSum, double[][] ms, int pair, List<OccupancyLevel> levels, List<OccupancyLevel> truth,
      double offsetMs) {
    for (int l = 0; l < 3; l++) {
      iouSum[l] += levels.get(l).grid().iou(truth.get(l).grid());
      ms[l][pair] = offsetMs + levels.get(l).elapsedMs();
    }
  }
}
