package org.swarmsense.edge.stereo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The learned path's scene renderer: deterministic per seed, geometry consistent between the views and the truth. */
class BoxScenesTest {

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherScene() {
    BoxScenes.Pair a = BoxScenes.render(7);
    BoxScenes.Pair b = BoxScenes.render(7);
    assertArrayEquals(a.left().pixels(), b.left().pixels());
    assertArrayEquals(a.right().pixels(), b.right().pixels());
    assertArrayEquals(a.truth().disparityPx(), b.truth().disparityPx());
    assertFalse(Arrays.equals(a.left().pixels(), BoxScenes.render(8).left().pixels()));
  }

  @Test
  void theTruthDisparityMatchesTheRightViewAndFillsTheBox() {
    BoxScenes.Pair p = BoxScenes.render(3);
    int n = BoxScenes.SIZE_PX;
    // the right view shows the left pixel's surface at x - d: compare a textured band by mean absolute grey difference
    double matched = 0;
    double shifted = 0;
    int count = 0;
    for (int y = 10; y < n - 10; y++) {
      for (int x = 50; x < n - 10; x++) {
        float d = p.truth().at(x, y);
        int xr = Math.round(x - d);
        if (xr >= 1 && xr < n - 4) {
          matched += Math.abs(p.left().at(x, y) - p.right().at(xr, y));
          shifted += Math.abs(p.left().at(x, y) - p.right().at(xr + 3, y));
          count++;
        }
      }
    }
    assertTrue(count > 1000, "pixels compared: " + count);
    assertTrue(matched < 0.6 * shifted, "grey difference at the truth disparity " + matched / count
        + " vs 3 px off " + shifted / count);
    List<OccupancyLevel> truth = BoxScenes.truthLevels(p.truth());
    assertEquals(4, truth.size());
    assertTrue(truth.get(1).grid().occupiedCount() > 20, "occupied at 16^3: " + truth.get(1).grid().occupiedCount());
  }
}
