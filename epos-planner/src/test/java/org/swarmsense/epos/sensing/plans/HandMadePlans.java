package org.swarmsense.epos.sensing.plans;

import java.util.List;

/**
 * Hand-made candidate plans whose times and energies a test can derive by hand; shared with the
 * agents' drone tests through this module's test-jar.
 */
public final class HandMadePlans {
  private HandMadePlans() {}

  /**
   * One sortie from base (0, 0): fly 694 m east to cell 3, hover {@code hoverS}, fly 694 m north
   * to cell 5, hover {@code hoverS}, back to base (981.5 m); take-off at {@code takeOffS}.
   */
  public static CandidatePlan twoStops(double takeOffS, double hoverS) {
    List<double[]> path = List.of(new double[] {0, 0}, new double[] {694, 0}, new double[] {694, 694},
        new double[] {0, 0});
    List<CandidatePlan.Stop> stops = List.of(new CandidatePlan.Stop(3, 694, 0, takeOffS + 100, hoverS),
        new CandidatePlan.Stop(5, 694, 694, takeOffS + 300 + hoverS, hoverS));
    CandidatePlan.Sortie s = new CandidatePlan.Sortie(path, stops, takeOffS, 1000);
    return new CandidatePlan(0, 0, 0, new int[] {3, 5}, new double[] {hoverS, hoverS}, 1000, 0.01, List.of(s));
  }
}
