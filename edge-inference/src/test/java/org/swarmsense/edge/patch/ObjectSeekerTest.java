package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.detect.Detection;

class ObjectSeekerTest {

  @Test
  void aMaskedBoxInsideAnOriginalBoxIsPrunedAndNewOnesAreClusteredOnce() {
    Detection base = new Detection(1, 0.9, 0, 0, 100, 100);
    Detection inside = new Detection(1, 0.8, 10, 10, 60, 60); // wholly inside base: pruned
    Detection otherClass = new Detection(2, 0.7, 10, 10, 60, 60); // another class: kept
    Detection hidden = new Detection(1, 0.6, 200, 200, 260, 260); // found only with a mask: kept
    Detection hiddenAgain = new Detection(1, 0.5, 205, 200, 265, 260); // IoU 0.846 with hidden: same cluster
    List<Detection> merged = ObjectSeeker.merge(List.of(base),
        List.of(List.of(inside, hidden), List.of(otherClass, hiddenAgain)), 0.6);
    assertEquals(List.of(base, otherClass, hidden), merged);
  }

  @Test
  void insideShareIsTheIntersectionOverTheMaskedBoxArea() {
    Detection d = new Detection(0, 0.5, 0, 0, 10, 10);
    Detection b = new Detection(0, 0.5, 5, 0, 20, 10);
    assertEquals(0.5, ObjectSeeker.insideShare(d, b), 1e-12);
    assertEquals(0.0, ObjectSeeker.insideShare(d, new Detection(0, 0.5, 10, 0, 20, 10)), 1e-12);
  }

  @Test
  void twoLinesPerDirectionGiveEightMaskedPartsOnEitherSideOfEachLine() {
    ObjectSeeker s = new ObjectSeeker(null, new ObjectSeeker.Settings(2, 0.6));
    List<Region> parts = s.maskedParts();
    assertEquals(8, parts.size());
    assertEquals(9, s.inferencesPerFrame());
    assertTrue(parts.contains(new Region(0, 0, 1, 1 / 3.0)));
    assertTrue(parts.contains(new Region(2 / 3.0, 0, 1, 1)));
    assertThrows(IllegalArgumentException.class, () -> new ObjectSeeker.Settings(0, 0.6));
    assertThrows(IllegalArgumentException.class, () -> new ObjectSeeker.Settings(2, 0));
  }
}
