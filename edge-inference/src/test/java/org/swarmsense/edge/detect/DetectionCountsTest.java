package org.swarmsense.edge.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionCountsTest {

  private static Detection box(double score, double x0, double y0, double x1, double y1) {
    return new Detection(0, score, x0, y0, x1, y1);
  }

  @Test
  void matchesOneToOneGreedyByScoreAtIou05() {
    List<Detection> truth = List.of(box(1, 0, 0, 10, 10), box(1, 100, 100, 110, 110));
    // two detections on the first truth: the stronger one matches, the other is a false positive;
    // a box with IoU 0.4 (10x10 shifted by 3/7 ... ) does not match
    List<Detection> found = List.of(box(0.6, 1, 0, 11, 10), box(0.9, 0, 0, 10, 10), box(0.8, 104, 100, 114, 110));
    DetectionF1.Counts c = DetectionF1.count(truth, found);
    // IoU of (104..114) with (100..110) = 6 / 14 = 0.43 < 0.5
    assertEquals(new DetectionF1.Counts(1, 2, 1), c);
    assertEquals(1 / 3.0, c.precision(), 1e-12);
    assertEquals(0.5, c.recall(), 1e-12);
    assertEquals(2.0 / 5, c.f1(), 1e-12);
  }

  @Test
  void poolsOverFramesAndHandlesEmptyFrames() {
    DetectionF1.Counts a = DetectionF1.count(List.of(), List.of());
    assertEquals(DetectionF1.Counts.NONE, a);
    assertEquals(1.0, a.f1());
    DetectionF1.Counts b = DetectionF1.count(List.of(box(1, 0, 0, 10, 10)), List.of());
    assertEquals(0.0, a.plus(b).f1());
    assertEquals(1.0, a.plus(b).precision());
    assertThrows(IllegalArgumentException.class, () -> new DetectionF1.Counts(-1, 0, 0));
  }
}
