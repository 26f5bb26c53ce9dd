package org.swarmsense.epos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.core.EposConfig;

class EposBenchmarkTest {

  @Test
  void randomPlansAreSeededAndShaped() {
    var a = EposBenchmark.randomPlans(30, 4, 7, 5);
    var b = EposBenchmark.randomPlans(30, 4, 7, 5);
    assertEquals(30, a.size());
    assertEquals(4, a.get(29).size());
    assertEquals(7, a.get(29).dimension());
    assertEquals(a.get(17).plan(3), b.get(17).plan(3));
    assertTrue(a.get(17).value(3, 6) != EposBenchmark.randomPlans(30, 4, 7, 6).get(17).value(3, 6));
    assertThrows(IllegalArgumentException.class, () -> EposBenchmark.randomPlans(0, 4, 7, 5));
  }

  @Test
  void measureReportsEveryRowAndChecksTheBaselineAgrees() {
    List<EposBenchmark.Row> printed = new ArrayList<>();
    var rows = EposBenchmark.measure(new int[] {50, 120}, 4, 10, EposConfig.defaults().withIterations(5),
        true, 3, printed::add);
    assertEquals(rows, printed);
    assertEquals(120, rows.get(1).agents());
    assertTrue(rows.get(1).wallS() > 0 && rows.get(1).baselineWallS() > 0 && rows.get(1).peakHeapMb() > 0);
    assertEquals(120 * 5 / rows.get(1).wallS(), rows.get(1).agentIterationsPerS(), 1e-6);
  }
}
