package org.swarmsense.semantic.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EdgeSplitTest {

  @Test
  void workedExample() {
    // L = (1, 4) cycles, f_b = 1 Hz. Closed form: sqrt = (1, 2) -> c = (1/3, 2/3),
    // cost 1/(1/3) + 4/(2/3) = 3 + 6 = 9 = (1 + 2)^2. Proportional c = (0.2, 0.8): 5 + 5 = 10.
    // Equal c = (0.5, 0.5): 2 + 8 = 10.
    double[] loads = {1, 4};
    assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, EdgeSplit.CLOSED_FORM.shares(loads), 1e-15);
    assertArrayEquals(new double[] {0.2, 0.8}, EdgeSplit.PROPORTIONAL.shares(loads), 1e-15);
    assertEquals(9, EdgeSplit.edgeDelaySumS(loads, EdgeSplit.CLOSED_FORM.shares(loads), 1), 1e-12);
    assertEquals(10, EdgeSplit.edgeDelaySumS(loads, EdgeSplit.PROPORTIONAL.shares(loads), 1), 1e-12);
    assertEquals(10, EdgeSplit.edgeDelaySumS(loads, EdgeSplit.EQUAL.shares(loads), 1), 1e-12);
  }

  @Test
  void closedFormEqualsANumericOptimiserAndBeatsProportional() {
    long seed = 20261201;
    System.out.println("EdgeSplitTest seed " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    for (int instance = 0; instance < 200; instance++) {
      int m = 2 + random.nextInt(5);
      double[] loads = new double[m];
      for (int i = 0; i < m; i++) {
        loads[i] = Math.exp(random.nextDouble(Math.log(1e6), Math.log(1e10)));
      }
      double[] numeric = pairwiseGoldenSection(loads);
      double[] closed = EdgeSplit.CLOSED_FORM.shares(loads);
      assertArrayEquals(numeric, closed, 1e-6, "instance " + instance + " of seed " + seed);
      double closedCost = EdgeSplit.edgeDelaySumS(loads, closed, 2e9);
      double numericCost = EdgeSplit.edgeDelaySumS(loads, numeric, 2e9);
      assertEquals(numericCost, closedCost, 1e-6 * numericCost, "instance " + instance);
      double proportionalCost = EdgeSplit.edgeDelaySumS(loads, EdgeSplit.PROPORTIONAL.shares(loads), 2e9);
      assertTrue(closedCost < proportionalCost, "closed " + closedCost + " vs proportional " + proportionalCost);
    }
  }

  @Test
  void unloadedServicesGetNothingAndBadLoadsAreRefused() {
    assertArrayEquals(new double[] {0, 1}, EdgeSplit.CLOSED_FORM.shares(new double[] {0, 5}), 0);
    assertArrayEquals(new double[] {0.5, 0.5}, EdgeSplit.CLOSED_FORM.shares(new double[] {0, 0}), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EdgeSplit.CLOSED_FORM.shares(new double[] {1, -2}));
    assertTrue(e.getMessage().contains("loadCycles[1]") && e.getMessage().contains("-2"), e.getMessage());
  }

  /**
   * Minimises sum L_i / c_i on the simplex without the closed form: repeatedly picks a pair (i, j)
   * and moves their combined share between them to the 1-D optimum found by golden-section search.
   */
  private static double[] pairwiseGoldenSection(double[] loads) {
    int m = loads.length;
    double[] c = new double[m];
    java.util.Arrays.fill(c, 1.0 / m);
    double phi = (Math.sqrt(5) - 1) / 2;
    for (int sweep = 0; sweep < 300; sweep++) {
      for (int i = 0; i < m; i++) {
        for (int j = i + 1; j < m; j++) {
          double s = c[i] + c[j];
          double lo = 0;
          double hi = s;
          final int a = i;
          final int b = j;
          java.util.function.DoubleUnaryOperator f = x -> loads[a] / x + loads[b] / (s - x);
          double x1 = hi - phi * (hi - lo);
          double x2 = lo + phi * (hi - lo);
          double f1 = f.applyAsDouble(x1);
          double f2 = f.applyAsDouble(x2);
          for (int it = 0; it < 200 && hi - lo > 1e-16; it++) {
            if (f1 < f2) {
              hi = x2;
              x2 = x1;
              f2 = f1;
              x1 = hi - phi * (hi - lo);
              f1 = f.applyAsDouble(x1);
            } else {
              lo = x1;
              x1 = x2;
              f1 = f2;
              x2 = lo + phi * (hi - lo);
              f2 = f.applyAsDouble(x2);
            }
          }
          c[i] = (lo + hi) / 2;
          c[j] = s - c[i];
        }
      }
    }
    return c;
  }
}
