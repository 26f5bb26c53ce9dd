package org.swarmsense.edge.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detection F1 of a result against a reference (the detector's own output on the uncompressed
 * image, or ground truth): detections with score >= {@link #MIN_SCORE} on both sides, greedy
 * matching in decreasing score, one-to-one, a match needs the same class and IoU >= {@link #MIN_IOU}.
 * F1 = 2 TP / (|reference| + |result|); 1 when both are empty. {@link #count} gives the raw match
 * counts without the score filter (for detectors with their own threshold, pooled over frames), and
 * {@link #match} which truths were matched. This is the project's one box-matching rule (the
 * detector's F1 figures and the mission's detected vehicles both use it). Stateless and thread-safe.
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
    return match(truth, ignored, found, MIN_IOU).counts();
  }

  /**
   * As {@link #count(List, List, List)} with another least IoU, also saying which truths were
   * matched: greedy in decreasing score of {@code found} (ties keep the order of {@code found}), each
   * to the unused same-class truth of highest IoU >= {@code minIou}.
   *
   * @param minIou the least intersection over union of a match, in (0, 1]
   */
  public static Matching match(List<Detection> truth, List<Detection> ignored, List<Detection> found, double minIou) {
    if (truth == null || ignored == null || found == null) {
      throw new IllegalArgumentException("truth, ignored and found must not be null");
    }
    if (!(minIou > 0 && minIou <= 1)) {
      throw new IllegalArgumentException("minIou must be in (0, 1], got: " + minIou);
    }
    List<Detection> res = new ArrayList<>(found);
    res.sort(Comparator.comparingDouble(Detection::score).reversed());
    boolean[] used = new boolean[truth.size()];
    List<Integer> matched = new ArrayList<>();
    long fp = 0;
    for (Detection r : res) {
      int best = bestMatch(truth, used, r, minIou);
      if (best >= 0) {
        used[best] = true;
        matched.add(best);
      } else if (bestMatch(ignored, new boolean[ignored.size()], r, minIou) < 0) {
        fp++;
      }
    }
    return new Matching(matched, new Counts(matched.size(), fp, truth.size() - matched.size()));
  }

  /**
   * Which truths a frame's detections matched, and the counts.
   *
   * @param matchedTruths indices into the truth list, in match order (decreasing detection score)
   * @param counts true and false positives, false negatives
   */
  public record Matching(List<Integer> matchedTruths, Counts counts) {
    /** Copies the list. */
    public Matching {
      matchedTruths = List.copyOf(matchedTruths);
      if (counts == null || counts.truePositives() != matchedTruths.size()) {
        throw new IllegalArgumentException("counts must count the " + matchedTruths.size() + " matched truths, got: "
            + counts);
      }
    }
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
      int best = bestMatch(ref, used, r, MIN_IOU);
      if (best >= 0) {
        used[best] = true;
        tp++;
      }
    }
    return tp;
  }

  /** Index of the unused same-class box of {@code ref} with the highest IoU >= {@code minIou} to {@code r}, or -1. */
  private static int bestMatch(List<Detection> ref, boolean[] used, Detection r, double minIou) {
    int best = -1;
    double bestIou = minIou;
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
