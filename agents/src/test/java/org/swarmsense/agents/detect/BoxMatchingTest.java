package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.maps.camera.VehicleBox;
import org.swarmsense.maps.camera.VehicleClass;

/** One-to-one matching of detections to ground-truth boxes at IoU >= 0.5, on hand-made boxes. */
class BoxMatchingTest {

  private static VehicleBox truth(String id, double x0, double y0, double x1, double y1) {
    return new VehicleBox(id, VehicleClass.values()[0], x0, y0, x1, y1, 1.0);
  }

  private static Detection found(double x0, double y0, double x1, double y1) {
    return new Detection(2, 0.9, x0, y0, x1, y1);
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
  void twoDetectionsOnOneVehicleCountOnceTheBetterOneWins() {
    // both overlap "a"; the exact one (IoU 1) takes it, the other (IoU 0.64) is a false positive,
    // even though it comes first and would also pass the threshold
    List<VehicleBox> t = List.of(truth("a", 0, 0, 10, 10));
    BoxMatching.Match m = BoxMatching.match(t, List.of(found(0, 0, 8, 8), found(0, 0, 10, 10)), 0.5);
    assertEquals(1, m.truePositives());
    assertEquals(1, m.falsePositives());
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
