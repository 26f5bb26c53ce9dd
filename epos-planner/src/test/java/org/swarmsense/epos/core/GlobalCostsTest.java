package org.swarmsense.epos.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each named global cost on a small vector, computed by hand. */
class GlobalCostsTest {
  private static final double[] G = {1, 2, 3, 6};
  private static final double[] H = {2, 2, 2, 2};
  private static final double[] H2 = {0, 1, 1, 2};

  private static double cost(String name, double[] h, Scaling s) {
    return GlobalCosts.byName(name, h, s).cost(G);
  }

  @Test
  void spreadCosts() {
    // mean 3; deviations -2,-1,0,3 -> squares 4,1,0,9 = 14; /4 = 3.5
    assertEquals(3.5, cost("VAR", null, null), 1e-15);
    assertEquals(3.5, cost("variance", null, null), 1e-15);
    assertEquals(Math.sqrt(3.5), cost("std", null, null), 1e-15);
  }

  @Test
  void goalCosts() {
    assertEquals(1 + 0 + 1 + 16, cost("SQR", H, null), 1e-12);
    assertEquals(1 + 0 + 1 + 4, cost("L1", H, null), 1e-12);
    assertEquals(1, cost("UNDER", H, null), 1e-12);
    assertEquals(5, cost("OVER", H, null), 1e-12);
    assertEquals(2 * 12, cost("DOT", H, null), 1e-12);
    // XCORR with H2 (mean 1, sd sqrt(0.5)): sum (g-3)(h-1) = 2 + 0 + 0 + 3 = 5; d sd(g) sd(h) = 4 sqrt(3.5) sqrt(0.5)
    assertEquals(-5 / (4 * Math.sqrt(3.5) * Math.sqrt(0.5) + 1e-10), cost("XCORR", H2, null), 1e-12);
    // RMSE: x = (sd g / sd h)(h - 1) + 3
    double f = Math.sqrt(3.5) / (Math.sqrt(0.5) + 1e-10);
    double s = 0;
    for (int j = 0; j < 4; j++) {
      double x = f * (H2[j] - 1) + 3;
      s += (G[j] - x) * (G[j] - x);
    }
    assertEquals(Math.sqrt(s / 4), cost("RMSE", H2, null), 1e-12);
  }

  @Test
  void rssScalings() {
    // MIN-MAX: g -> 0, .2, .4, 1 ; h2 -> 0, .5, .5, 1
    assertEquals(0 + 0.09 + 0.01 + 0, cost("RSS", H2, Scaling.MIN_MAX), 1e-12);
    // UNIT-LENGTH: |g| = sqrt(50), |h2| = sqrt(6)
    double s = 0;
    for (int j = 0; j < 4; j++) {
      double e = G[j] / (Math.sqrt(50) + 1e-10) - H2[j] / (Math.sqrt(6) + 1e-10);
      s += e * e;
    }
    assertEquals(s, cost("RSS", H2, Scaling.UNIT_LENGTH), 1e-12);
    // STD: identical shapes give 0
    assertEquals(0, GlobalCosts.byName("RSS", new double[] {10, 20, 30, 60}, Scaling.STD).cost(G), 1e-9);
    assertEquals(Scaling.MIN_MAX, Scaling.byName("min-max"));
  }

  @Test
  void badNamesMissingGoalsAndFlatMinMaxGoalsAreRefused() {
    String e = assertThrows(IllegalArgumentException.class, () -> GlobalCosts.byName("MSE", H, null)).getMessage();
    assertTrue(e.contains("MSE") && e.contains("VAR"), e);
    e = assertThrows(IllegalArgumentException.class, () -> GlobalCosts.byName("SQR", null, null)).getMessage();
    assertTrue(e.contains("SQR") && e.contains("goal"), e);
    e = assertThrows(IllegalArgumentException.class, () -> GlobalCosts.byName("RSS", H, Scaling.MIN_MAX)).getMessage();
    assertTrue(e.contains("MIN-MAX") && e.contains("flat"), e);
    e = assertThrows(IllegalArgumentException.class, () -> Scaling.byName("LOG")).getMessage();
    assertTrue(e.contains("LOG"), e);
  }

  @Test
  void aGoalOfTheWrongDimensionIsRefusedBeforeRunning() {
    var agents = TestData.randomAgents(1, 3, 2, 5);
    var c = EposConfig.defaults().withGlobalCost(GlobalCosts.byName("SQR", H, null));
    String e = assertThrows(IllegalArgumentException.class, () -> Epos.run(agents, c)).getMessage();
    assertTrue(e.contains("4 values") && e.contains("dimension 5"), e);
  }
}
