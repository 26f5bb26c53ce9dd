package org.swarmsense.edge.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detection F1 of a result against a reference (the detector's own output on the uncompressed
 * image): detections with score >= {@link #MIN_SCORE} on both sides, greedy matching in decreasing
 * score, a match needs the same class and IoU >= {@link #MIN_IOU}. F1 = 2 TP / (|reference| +
 * |result|); 1 when both are empty. Stateless and thread-safe.
 */
public final class DetectionF1 {

  /** Score threshold on both sides. */
  public static final double MIN_SCORE = 0.3;
  /** IoU a match needs. */
  public static final double MIN_IOU = 0.5;

  private DetectionF1() {}

  /** F1 of {@code result} against {@code reference}, 0..1. */
  public static double f1(List<Detection> reference, List<Detection> result) {
    List<Detection> ref = kept(reference);
    List<Detection> res = kept(result);
    if (ref.isEmpty() && res.isEmpty()) {
      return 1.0;
    }
    return 2.0 * matches(ref, res) / (ref.size() + res.size());
  }

  private static List<Detection> kept(List<Detection> d) {
    List<Detection> k = new ArrayList<>();
    for (Detection x : d) {
      if (x.score() >= MIN_SCORE) {
        k.add(x);
      }
    }
    k.sort(Comparator.comparingDouble(Detection::score).reversed());
    return k;
  }

  private static int matches(List<Detection> ref, List<Detection> res) {
    boolean[] used = new boolean[ref.size()];
    int tp = 0;
    for (Detection r : res) {
      int best = -1;
      double bestIou = MIN_IOU;
      for (int i = 0; i < ref.size(); i++) {
        Detection g = ref.get(i);
        if (!used[i] && g.classId() == r.classId()) {
          double iou = g.iou(r);
          if (iou >= bestIou) {
            bestIou = iou;
            best = i;
          }
        }
      }
      if (best >= 0) {
        used[best] = true;
        tp++;
      }
    }
    return tp;
  }
}
