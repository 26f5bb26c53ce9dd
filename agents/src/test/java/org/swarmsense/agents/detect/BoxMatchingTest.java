package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.maps.camera.VehicleBox;
import org.swarmsense.maps.camera.VehicleClass;

/**
 * One-to-one matching of detections to ground-truth boxes at IoU >= 0.5 with edge-inference's rule
 * (greedy in decreasing score), on hand-made boxes.
 */
class BoxMatchingTest {

  private static VehicleBox truth(String id, double x0, double y0, double x1, double y1) {
    return new VehicleBox(id, VehicleClass.values()[0], x0, y0, x1, y1, 1.0);
  }

  private static Detection found(double x0, double y0, double x1, double y1) {
    return found(0.9, x0, y0, x1, y1);
  }

  private static Detection found(double score, double x0, double y0, double x1, double y1) {
    return new Detection(2, score, x0, y0, x1, y1);
  }

  @Test
  void exactAndShiftedBoxesMatchAFarBoxDoesNot() {
    List<VehicleBox> t = List.of(truth("a", 0, 0, 10, 10), truth("b", 100, 100, 110, 120), truth("c", 200, 0, 210, 10));
    // a: exact (IoU 1); b: shifted by 2 px in y over a 10 x 20 box: overlap 10 x 18 = 180, union 220, IoU 0.818;
    // c: shifted 6 px in x: overlap 4 x 10 = 40, union 160, IoU 0.25 -> no match; plus a box on nothing
    BoxMatching.Match m = BoxMatching.match(t, List.of(found(0, 0, 10, 10), found(100, 102, 110, 122),
        found(206, 0, 216, 10), found(300, 300, 310, 310)), 0.5);
    assertEquals(Set.of("a", "b"), m.matchedVehicleIds());
    assertEquals(2, m.truePositives());
    assertEquals(2, m.falsePositives());
  }

  @Test
  void iouExactlyAtTheThresholdMatches() {
    // truth 0..10 x 0..10 (100), detection 0..10 x 0..5 (50): overlap 50, union 100, IoU 0.5
    BoxMatching.Match m = BoxMatching.match(List.of(truth("a", 0, 0, 10, 10)), List.of(found(0, 0, 10, 5)), 0.5);
    assertEquals(Set.of("a"), m.matchedVehicleIds());
  }

  @Test
  void twoDetectionsOnOneVehicleCountOnceTheHigherScoredOneTakesIt() {
    // both overlap "a" and pass the threshold; the higher-scored one (IoU 0.64) takes it and the exact
    // one (IoU 1, score 0.5) is a false positive: the rule is greedy by score, as the detector's F1
    // figures are counted, not by IoU
    List<VehicleBox> t = List.of(truth("a", 0, 0, 10, 10));
    BoxMatching.Match m = BoxMatching.match(t, List.of(found(0.5, 0, 0, 10, 10), found(0.8, 0, 0, 8, 8)), 0.5);
    assertEquals(Set.of("a"), m.matchedVehicleIds());
    assertEquals(1, m.truePositives());
    assertEquals(1, m.falsePositives());
  }

  @Test
  void theHigherScoredDetectionChoosesFirstEvenWhereThatLeavesAVehicleUnmatched() {
    // truth a 0..10, b 4..14 (x), both 0..10 (y). p 3..13, score 0.95: IoU a 70/130 = 0.54, b 90/110 = 0.82.
    // q 4..14 (exactly b), score 0.5: IoU b 1, a 60/140 = 0.43 (below 0.5).
    // By score: p chooses first and takes b; q is left with a at 0.43: a false positive.
    // (Greedy by IoU, the old agents rule, gave b to q and a to p: two matches.)
    List<VehicleBox> t = List.of(truth("a", 0, 0, 10, 10), truth("b", 4, 0, 14, 10));
    BoxMatching.Match m = BoxMatching.match(t, List.of(found(0.5, 4, 0, 14, 10), found(0.95, 3, 0, 13, 10)), 0.5);
    assertEquals(Set.of("b"), m.matchedVehicleIds());
    assertEquals(1, m.truePositives());
    assertEquals(1, m.falsePositives());
  }

  @Test
  void anyDetectorClassCountsAsAVehicle() {
    // a COCO-format detector's car (2), bus (5) and truck (7) boxes all match vehicles
    List<VehicleBox> t = List.of(truth("a", 0, 0, 10, 10), truth("b", 100, 0, 110, 10), truth("c", 200, 0, 210, 10));
    BoxMatching.Match m = BoxMatching.match(t, List.of(new Detection(2, 0.9, 0, 0, 10, 10),
        new Detection(5, 0.9, 100, 0, 110, 10), new Detection(7, 0.9, 200, 0, 210, 10)), 0.5);
    assertEquals(Set.of("a", "b", "c"), m.matchedVehicleIds());
  }

  @Test
  void oneDetectionBetweenTwoVehiclesGoesToTheCloserOne() {
    // truth a 0..10, b 4..14 (x), both 0..10 in y; detection 3..13: IoU with a = 70/130, with b = 90/110
    List<VehicleBox> t = List.of(truth("a", 0, 0, 10, 10), truth("b", 4, 0, 14, 10));
    BoxMatching.Match m = BoxMatching.match(t, List.of(found(3, 0, 13, 10)), 0.5);
    assertEquals(Set.of("b"), m.matchedVehicleIds());
    assertEquals(0, m.falsePositives());
  }

  @Test
  void badThresholdIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BoxMatching.match(List.of(), List.of(), 0));
    assertEquals(true, e.getMessage().contains("minIou"));
  }
}
