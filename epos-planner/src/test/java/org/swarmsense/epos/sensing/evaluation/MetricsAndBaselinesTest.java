package org.swarmsense.epos.sensing.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;

class MetricsAndBaselinesTest {

  /** 2 cells x 2 slots of 100 s; goal r = [50, 0, 100, 50] (cell-major), vehicles = 2 x goal. */
  static SensingProblem problem() {
    return new SensingProblem(new double[] {0, 100}, new double[] {0, 0}, new int[] {7, 8}, 2, 100,
        200, new double[] {100, 0, 200, 100}, new double[] {50, 0, 100, 50},
        new double[] {0}, new double[] {0});
  }

  static CandidatePlan plan(int drone, int k, int[] idx, double[] hover, double energyJ) {
    return new CandidatePlan(drone, k, 0, idx, hover, energyJ, energyJ / 1000, List.of(
        new CandidatePlan.Sortie(List.of(new double[] {0, 0}, new double[] {0, 0}), List.of(), 0,
            energyJ)));
  }

  @Test
  void metricsByHand() {
    SensingProblem p = problem();
    // drone 0 senses cell 0 slot 0 for 50 s; drone 1 senses cell 1 slot 0 for 100 s and slot 1 20 s
    List<List<CandidatePlan>> plans = List.of(
        List.of(plan(0, 0, new int[] {0}, new double[] {50}, 1000)),
        List.of(plan(1, 0, new int[] {2, 3}, new double[] {100, 20}, 3000)));
    SensingMetrics m = SensingMetrics.measure(p, plans, new int[] {0, 0}, 10_000,
        new Objective(p.goal(), CostFunction.L1, 0, 0));
    // |m - r| = 0 + 0 + 0 + 30 = 30 of 200
    assertEquals(15, m.mismatchPercent(), 1e-9);
    assertEquals(15, m.underSensingPercent(), 1e-9);
    assertEquals(0, m.overSensingPercent(), 1e-9);
    assertEquals(4, m.energyKj(), 1e-9);
    assertEquals(40, m.energyPercentOfCapacity(), 1e-9);
    assertEquals(2, m.flights());
    // observed: 100 x 0.5 + 200 x 1 + 100 x 0.2 = 270 of 400
    assertEquals(270.0 / 400, m.vehicleObservationShare(), 1e-12);
    assertEquals(270.0 / 4, m.observationsPerKj(), 1e-12);
    assertEquals(1.0, m.coverage(), 1e-12);
    assertEquals(2, m.perSlot().size());
    assertEquals(150, m.perSlot().get(0).requiredS(), 1e-12);
    assertEquals(60, m.perSlot().get(1).mismatchPercent(), 1e-9);
    assertEquals(30 / 200.0, m.objective(), 1e-12, "L1 / L1(0)");
  }

  @Test
  void baselinesOnAHandMadeCase() {
    SensingProblem p = problem();
    // both drones can sense cell 0 or cell 1 (slot 0, 100 s) or nothing
    List<List<CandidatePlan>> plans = new java.util.ArrayList<>();
    for (int d = 0; d < 2; d++) {
      plans.add(List.of(
          plan(d, 0, new int[] {0}, new double[] {50}, 500),
          plan(d, 1, new int[] {2}, new double[] {100}, 900),
          plan(d, 2, new int[] {}, new double[] {}, 0)));
    }
    Objective sqr = new Objective(p.goal(), CostFunction.SQR, 0, 0);
    // alone, each drone matches r/2 = [25, 0, 50, 25]: plan 1 (cell 1) leaves 25^2+50^2+25^2...
    // plan 0: (25)^2 + 50^2 + 25^2 = 3750; plan 1: 25^2 + 50^2 + 25^2 = 3750; plan 2: 4375
    int[] greedy = Baselines.greedy(plans, sqr);
    assertEquals(greedy[0], greedy[1], "uncoordinated drones choose alike");
    int[] ls = Baselines.localSearch(plans, sqr, 10, 1);
    // coordinated optimum: one on cell 0, one on cell 1 -> only 50^2 left
    assertEquals(1, Math.abs(ls[0] - ls[1]), java.util.Arrays.toString(ls));
    assertTrue(ls[0] <= 1 && ls[1] <= 1);
    assertEquals(2500.0 / (50 * 50 + 100 * 100 + 50 * 50), sqr.of(plans, ls), 1e-12);
    int[] r1 = Baselines.random(plans, 11);
    assertArrayEquals(r1, Baselines.random(plans, 11), "seeded");
    int[] even = Baselines.evenCoverage(plans, sqr);
    assertEquals(2, even.length);
  }

  @Test
  void betaPrefersCheaperPlans() {
    SensingProblem p = problem();
    List<List<CandidatePlan>> plans = List.of(List.of(
        plan(0, 0, new int[] {2}, new double[] {100}, 900_000),
        plan(0, 1, new int[] {2}, new double[] {90}, 100)));
    // beta 0: exact match wins; beta 0.9: the cheap plan wins
    assertEquals(0, Baselines.localSearch(plans, new Objective(p.goal(), CostFunction.SQR, 0, 0),
        5, 1)[0]);
    assertEquals(1, Baselines.localSearch(plans,
        new Objective(p.goal(), CostFunction.SQR, 0, 0.9), 5, 1)[0]);
  }
}
