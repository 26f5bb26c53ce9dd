package org.swarmsense.edge.patch;

import java.util.ArrayList;
import java.util.List;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;

/**
 * What any square patch can do to a CenterNet-style detector at most, from its receptive fields
 * ({@link ReceptiveField}), with no attack at all. A detection comes from its centre cell of the
 * heatmap (a peak at least as high as its 8 neighbours) and that cell's size and offset; a patch
 * can change it only by changing one of those values, i.e. only if the patch overlaps the receptive
 * field of the centre cell or of a cell of its 3x3 neighbourhood, in any head. Such a detection is
 * <em>influenceable</em>; every other clean detection comes out bit for bit the same and still
 * matches itself. For one frame, {@link #of} tries every placement of a {@code side x side} patch
 * inside the frame and keeps the largest number of influenceable detections, anywhere and under our
 * threat model (covering no target's centre, {@link Patches#allowed}).
 *
 * <p>So recall of the clean detections on any attacked frame is at least 1 - influenceable / clean,
 * provided that (a) no two clean detections overlap with IoU >= 0.5 (else an untouched box could in
 * principle be matched away from its twin under greedy matching: such detections are counted as
 * influenceable, {@link Frame#overlapping}), and (b) the patch does not raise more than the
 * detector's cap on reported detections (500 for the vehicle detector) of new peaks above the clean
 * ones: {@link Frame#maxCells} is the most heatmap cells one placement can reach, so the bound needs
 * no assumption when {@code maxCells + clean < cap}. Stateless.
 */
public final class PatchBound {

  private PatchBound() {}

  /**
   * The bound of one frame.
   *
   * @param detections clean detections (peak cells)
   * @param anywhere most detections one placement anywhere in the frame can influence
   * @param threatModel most detections one placement covering no target's centre can influence
   * @param maxCells most heatmap cells one placement can influence
   * @param overlapping clean detections overlapping another one with IoU >= 0.5 (counted in both)
   */
  public record Frame(int detections, int anywhere, int threatModel, int maxCells, int overlapping) {}

  /**
   * The bound of one frame.
   *
   * @param rf the detector's receptive fields (input at least the frame's size)
   * @param heatmap the heatmap output's name
   * @param heads every output a detection reads (heatmap, size, offset)
   * @param peaks the clean detections' centre cells, {row, col} of the heatmap
   * @param clean the clean detections in frame pixels (the threat model's targets; IoU pairs)
   * @param width frame width, pixels
   * @param height frame height, pixels
   * @param side patch side, pixels
   */
  public static Frame of(ReceptiveField rf, String heatmap, List<String> heads, List<int[]> peaks,
      List<Detection> clean, int width, int height, int side) {
    if (side < 1 || side > Math.min(width, height)) {
      throw new IllegalArgumentException("side must be in 1.." + Math.min(width, height) + ", got: " + side);
    }
    if (width > rf.width() || height > rf.height()) {
      throw new IllegalArgumentException("frame " + width + "x" + height + " is larger than the receptive fields' input "
          + rf.width() + "x" + rf.height());
    }
    int rows = rf.rows(heatmap);
    int cols = rf.cols(heatmap);
    List<int[]> rects = new ArrayList<>(); // {x0, y0, x1, y1} inclusive, input pixels
    for (int[] p : peaks) {
      int[] r = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
      for (String head : heads) {
        for (int y = Math.max(0, p[0] - 1); y <= Math.min(rows - 1, p[0] + 1); y++) {
          int[] ys = rf.rowSpan(head, y);
          r[1] = Math.min(r[1], ys[0]);
          r[3] = Math.max(r[3], ys[1]);
        }
        for (int x = Math.max(0, p[1] - 1); x <= Math.min(cols - 1, p[1] + 1); x++) {
          int[] xs = rf.colSpan(head, x);
          r[0] = Math.min(r[0], xs[0]);
          r[2] = Math.max(r[2], xs[1]);
        }
      }
      rects.add(r);
    }
    int overlapping = 0;
    for (int i = 0; i < clean.size(); i++) {
      for (int j = 0; j < clean.size(); j++) {
        if (i != j && clean.get(i).classId() == clean.get(j).classId()
            && clean.get(i).iou(clean.get(j)) >= DetectionF1.MIN_IOU) {
          overlapping++;
          break;
        }
      }
    }
    int anywhere = 0;
    int threat = 0;
    for (int y = 0; y + side <= height; y++) {
      for (int x = 0; x + side <= width; x++) {
        int n = 0;
        for (int[] r : rects) {
          if (x <= r[2] && x + side - 1 >= r[0] && y <= r[3] && y + side - 1 >= r[1]) {
            n++;
          }
        }
        anywhere = Math.max(anywhere, n);
        if (n > threat && Patches.allowed(x, y, side, width, height, clean)) {
          threat = n;
        }
      }
    }
    int maxRows = 0;
    for (int y = 0; y + side <= height; y++) {
      maxRows = Math.max(maxRows, reached(rf, heatmap, true, y, side, rows));
    }
    int maxCols = 0;
    for (int x = 0; x + side <= width; x++) {
      maxCols = Math.max(maxCols, reached(rf, heatmap, false, x, side, cols));
    }
    int detections = peaks.size();
    return new Frame(detections, Math.min(detections, anywhere + overlapping),
        Math.min(detections, threat + overlapping), maxRows * maxCols, overlapping);
  }

  /** The lower bound on pooled recall: 1 - influenceable / clean, with {@code influenceable} summed over frames. */
  public static double recallFloor(int influenceable, int detections) {
    return detections == 0 ? 1 : 1 - influenceable / (double) detections;
  }

  private static int reached(ReceptiveField rf, String heatmap, boolean rowsAxis, int at, int side, int n) {
    int count = 0;
    for (int i = 0; i < n; i++) {
      int[] s = rowsAxis ? rf.rowSpan(heatmap, i) : rf.colSpan(heatmap, i);
      if (s[0] <= at + side - 1 && s[1] >= at) {
        count++;
      }
    }
    return count;
  }
}
