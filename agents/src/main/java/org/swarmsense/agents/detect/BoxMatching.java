package org.swarmsense.agents.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.maps.camera.VehicleBox;

/**
 * Matches one frame's detections to its ground-truth vehicle boxes, one to one: every (truth,
 * detection) pair with IoU &gt;= the threshold is a candidate; pairs are taken in descending IoU
 * (ties: the earlier truth box, then the earlier detection), each box at most once. Stateless and
 * thread-safe.
 */
public final class BoxMatching {

  private BoxMatching() {}

  /**
   * The outcome for one frame.
   *
   * @param matchedVehicleIds ids of the ground-truth vehicles matched, in match order
   * @param truePositives detections matched
   * @param falsePositives detections matched to no vehicle
   */
  public record Match(Set<String> matchedVehicleIds, int truePositives, int falsePositives) {
    /** Copies the set. */
    public Match {
      matchedVehicleIds = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(matchedVehicleIds));
    }
  }

  /**
   * Matches {@code found} to {@code truth}.
   *
   * @param minIou the least intersection over union of a match, in (0, 1]
   */
  public static Match match(List<VehicleBox> truth, List<Detection> found, double minIou) {
    if (truth == null || found == null) {
      throw new IllegalArgumentException("truth and found must not be null");
    }
    if (!(minIou > 0 && minIou <= 1)) {
      throw new IllegalArgumentException("minIou must be in (0, 1], got: " + minIou);
    }
    List<double[]> pairs = new ArrayList<>(); // {iou, truth index, detection index}
    for (int i = 0; i < truth.size(); i++) {
      VehicleBox t = truth.get(i);
      Detection truthBox = new Detection(0, 1, t.x0(), t.y0(), t.x1(), t.y1());
      for (int j = 0; j < found.size(); j++) {
        double iou = truthBox.iou(found.get(j));
        if (iou >= minIou) {
          pairs.add(new double[] {iou, i, j});
        }
      }
    }
    pairs.sort(Comparator.<double[]>comparingDouble(p -> -p[0]).thenComparingDouble(p -> p[1])
        .thenComparingDouble(p -> p[2]));
    boolean[] truthUsed = new boolean[truth.size()];
    boolean[] foundUsed = new boolean[found.size()];
    Set<String> ids = new LinkedHashSet<>();
    int tp = 0;
    for (double[] p : pairs) {
      int i = (int) p[1];
      int j = (int) p[2];
      if (!truthUsed[i] && !foundUsed[j]) {
        truthUsed[i] = true;
        foundUsed[j] = true;
        ids.add(truth.get(i).vehicleId());
        tp++;
      }
    }
    return new Match(ids, tp, found.size() - tp);
  }
}
