package org.swarmsense.edge.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detection F1 of a result against a reference (the detector's own output on the uncompressed
 * image, or ground truth): detections with score >= {@link #MIN_SCORE} on both sides, greedy
 * matching in decreasing score, one-to-one, a match needs the same class and IoU >= {@link #MIN_IOU}.
 * F1 = 2 TP / (|reference| + |result|); 1 when both are empty. {@link #count} gives the raw match
 * counts without the score filter (for detectors with their own threshold, pooled over frames).
 * Stateless and thread-safe.
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

  /**
   * Match counts of {@code found} against {@code truth} with no score filter: greedy in decreasing
   * score of {@code found}, one-to-one, same class, IoU >= {@link #MIN_IOU}.
   */
  public static Counts count(List<Detection> truth, List<Detection> found) {
    return count(truth, List.of(), found);
  }

  /**
   * As {@link #count(List, List)}, with {@code ignored} truths (e.g. vehicles mostly outside the
   * frame): a found detection that matches no counted truth but overlaps an ignored one with IoU >=
   * {@link #MIN_IOU} counts neither as a true nor as a false positive; ignored truths are never
   * false negatives.
   */
  public static Counts count(List<Detection> truth, List<Detection> ignored, List<Detection> found) {
    List<Detection> res = new ArrayList<>(found);
    res.sort(Comparator.comparingDouble(Detection::score).reversed());
    boolean[] used = new boolean[truth.size()];
    long tp = 0;
    long fp = 0;
    for (Detection r : res) {
      int best = bestMatch(truth, used, r);
      if (best >= 0) {
        used[best] = true;
        tp++;
      } else if (bestMatch(ignored, new boolean[ignored.size()], r) < 0) {
        fp++;
      }
    }
    return new Counts(tp, fp, truth.size() - tp);
  }

  /**
   * Match counts; add them over frames, then read precision, recall and F1 (pooled, not averaged).
   *
   * @param truePositives found detections matched to a truth
   * @param falsePositives found detections matched to none
   * @param falseNegatives truths matched by none
   */
  public record Counts(long truePositives, long falsePositives, long falseNegatives) {

    /** No matches yet. */
    public static final Counts NONE = new Counts(0, 0, 0);

    /** Validates that no count is negative. */
    public Counts {
      if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
        throw new IllegalArgumentException("counts must be >= 0, got: tp=" + truePositives + " fp=" + falsePositives
            + " fn=" + falseNegatives);
      }
    }

    /** The sum of both. */
    public Counts plus(Counts o) {
      return new Counts(truePositives + o.truePositives, falsePositives + o.falsePositives,
          falseNegatives + o.falseNegatives);
    }

    /** TP / (TP + FP); 1 when nothing was found. */
    public double precision() {
      long n = truePositives + falsePositives;
      return n == 0 ? 1.0 : truePositives / (double) n;
    }

    /** TP / (TP + FN); 1 when there was nothing to find. */
    public double recall() {
      long n = truePositives + falseNegatives;
      return n == 0 ? 1.0 : truePositives / (double) n;
    }

    /** 2 TP / (2 TP + FP + FN); 1 when there was nothing to find and nothing was found. */
    public double f1() {
      long n = 2 * truePositives + falsePositives + falseNegatives;
      return n == 0 ? 1.0 : 2.0 * truePositives / n;
    }
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
      int best = bestMatch(ref, used, r);
      if (best >= 0) {
        used[best] = true;
        tp++;
      }
    }
    return tp;
  }

  /** Index of the unused same-class box of {@code ref} with the highest IoU >= {@link #MIN_IOU} to {@code r}, or -1. */
  private static int bestMatch(List<Detection> ref, boolean[] used, Detection r) {
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
    return best;
  }
}
