package org.swarmsense.agents.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;
import org.swarmsense.maps.camera.VehicleBox;

/**
 * Matches one frame's detections to its ground-truth vehicle boxes with the project's one rule,
 * edge-inference's {@link DetectionF1#match}: one to one, greedy in decreasing detection score, each
 * detection to the unused truth box of highest IoU &gt;= the threshold. Every detection counts as a
 * vehicle whatever its class (a COCO-format detector's car, bus and truck classes alike). Stateless
 * and thread-safe.
 */
public final class BoxMatching {

  /** The one class both sides are given, so that matching ignores the detector's own classes. */
  private static final int VEHICLE = 0;

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
    List<Detection> truthBoxes = new ArrayList<>(truth.size());
    for (VehicleBox t : truth) {
      truthBoxes.add(new Detection(VEHICLE, 1, t.x0(), t.y0(), t.x1(), t.y1()));
    }
    List<Detection> vehicles = new ArrayList<>(found.size());
    for (Detection d : found) {
      vehicles.add(new Detection(VEHICLE, d.score(), d.x0(), d.y0(), d.x1(), d.y1()));
    }
    DetectionF1.Matching m = DetectionF1.match(truthBoxes, List.of(), vehicles, minIou);
    Set<String> ids = new LinkedHashSet<>();
    for (int i : m.matchedTruths()) {
      ids.add(truth.get(i).vehicleId());
    }
    return new Match(ids, m.matchedTruths().size(), found.size() - m.matchedTruths().size());
  }
}
