package org.swarmsense.semantic.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exact search's efficient frontier (checked against a plain enumeration of every joint decision)
 * and the online-price controller: the time-sharing of a one-device slot worked by hand, and the
 * running mean accuracy never below the target on seeded random slots.
 */
class OnlinePriceControllerTest {

  /** One service of three devices, K = 2, the settings' 3-state channel; V = 0.5. */
  private static ControlModel three() {
    ControlModel s = ControlModel.fromSettings();
    return new ControlModel(List.of(new ServiceProfile("I", 3, 768e3, 80, 200, 0.8)), List.of(0.7, 1.0), 0.8, 1.0,
        0.6, 1.0, 0.5, 0.1e9, 2e9, 20e6, 20, -174, 5, s.channel(), 3.84e6, 19.2e6, 1, 0.5, 1);
  }

  /** Every joint decision's (accuracy, D + w_p overflows). */
  private static List<double[]> everyDecision(SlotDynamics dyn, SlotState state) {
    int n = state.deviceCount();
    int choices = 2 * dyn.model().levels();
    List<double[]> out = new ArrayList<>();
    for (int code = 0; code < Math.pow(choices, n); code++) {
      int[] levels = new int[n];
      boolean[] edge = new boolean[n];
      int c = code;
      for (int i = 0; i < n; i++) {
        levels[i] = c % choices / 2 + 1;
        edge[i] = c % 2 == 0;
        c /= choices;
      }
      SlotOutcome o = dyn.outcome(state, new SlotDecision(levels, edge), EdgeSplit.CLOSED_FORM);
      out.add(new double[] {o.accuracy().get(0), o.meanDelayS() + dyn.model().overflowPenaltyS() * o.overflows()});
    }
    return out;
  }

  @Test
  void theFrontierIsTheLowerHullOfEveryJointDecision() {
    long seed = 20261203L;
    System.out.println("OnlinePriceControllerTest frontier seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    SlotDynamics dyn = new SlotDynamics(three());
    DriftPlusPenaltyController exact = new DriftPlusPenaltyController(dyn);
    for (int trial = 0; trial < 60; trial++) {
      double[] local = new double[3];
      int[] channels = new int[3];
      double[] arrivals = new double[3];
      for (int i = 0; i < 3; i++) {
        local[i] = r.nextDouble() < 0.5 ? 0 : r.nextDouble(0, 2e6);
        channels[i] = r.nextInt(3);
        arrivals[i] = i == 0 || r.nextDouble() < 0.7 ? r.nextDouble(0.1, 1.5) : 0;
      }
      SlotState state = new SlotState(local, channels, arrivals, new double[] {r.nextDouble(0, 5e6)},
          new double[] {0});
      List<DriftPlusPenaltyController.Vertex> hull = exact.frontier(state).orElseThrow();
      List<double[]> all = everyDecision(dyn, state);
      String what = "trial " + trial + " " + state;
      for (int j = 1; j < hull.size(); j++) {
        assertTrue(hull.get(j).accuracy() > hull.get(j - 1).accuracy() && hull.get(j).costS() >= hull.get(j - 1)
            .costS(), what);
      }
      // no decision lies below the hull's piecewise-linear cost at its accuracy, none is cheaper than its
      // start or more accurate than its end
      double minCost = all.stream().mapToDouble(a -> a[1]).min().orElseThrow();
      double maxAccuracy = all.stream().mapToDouble(a -> a[0]).max().orElseThrow();
      assertEquals(minCost, hull.get(0).costS(), 1e-12, what);
      assertEquals(maxAccuracy, hull.get(hull.size() - 1).accuracy(), 1e-12, what);
      for (double[] a : all) {
        for (int j = 1; j < hull.size(); j++) {
          DriftPlusPenaltyController.Vertex lo = hull.get(j - 1);
          DriftPlusPenaltyController.Vertex hi = hull.get(j);
          if (a[0] >= lo.accuracy() && a[0] <= hi.accuracy()) {
            double line = lo.costS() + (hi.costS() - lo.costS()) * (a[0] - lo.accuracy())
                / (hi.accuracy() - lo.accuracy());
            assertTrue(a[1] >= line - 1e-9, what + ": a decision at " + a[0] + ", " + a[1] + " below the hull");
          }
        }
      }
      // at any price, the vertex it picks is as good as the best of every decision
      for (double price : new double[] {0, 0.01, 0.1, 0.3, 1, 3}) {
        DriftPlusPenaltyController.Vertex v = OnlinePriceController.at(hull, price);
        double best = all.stream().mapToDouble(a -> a[1] - price * a[0]).min().orElseThrow();
        assertEquals(best, v.costS() - price * v.accuracy(), 1e-9, what + " at price " + price);
      }
    }
  }

  /**
   * One device, task 1 Mbit, K = 2 with g = (0.5, 1), h = 0.5 on board / 1 at the edge, target 0.9
   * (DriftPlusPenaltyControllerTest's slot worked by hand): (1, edge) 0.3 s at 0.5 and (2, edge) 0.6 s
   * at 1 make the frontier, slope 0.6 s. Holding 0.9 at the least mean delay time-shares them one
   * slot in five at (1, edge): 0.2 x 0.3 + 0.8 x 0.6 = 0.54 s. From price 0 the controller takes
   * (2, edge) four times, gathering a surplus of 4 x 0.1, then (1, edge) once (0.5 = 0.9 - 0.4), and so
   * on: exactly 0.54 s and 0.9 over 50 slots, never below 0.9 on the way.
   */
  @Test
  void aOneDeviceSlotTimeSharesOneInFiveAtTheCheapDecisionWorkedByHand() {
    double shareHz = 1e6;
    double noiseMw = Math.pow(10, (-174 + 5) / 10.0) * shareHz;
    double gain = 3 * noiseMw / Math.pow(10, 20 / 10.0);
    ControlModel m = new ControlModel(List.of(new ServiceProfile("S", 1, 1e6, 100, 100, 0.9)), List.of(0.5, 1.0),
        0.5, 1.0, 1, 1, 0, 1e8, 1e9, 1e6, 20, -174, 5, new MarkovChannel(List.of(List.of(1.0)), List.of(gain)), 3e6,
        4e6, 1, 2.0, 1);
    SlotDynamics dyn = new SlotDynamics(m);
    OnlinePriceController c = new OnlinePriceController(dyn, 0);
    SlotState state = new SlotState(new double[1], new int[1], new double[] {1}, new double[1], new double[1]);
    double delay = 0;
    double accuracy = 0;
    StringBuilder pattern = new StringBuilder();
    for (int t = 0; t < 50; t++) {
      SlotDecision d = c.decide(state);
      SlotOutcome o = dyn.outcome(state, d, EdgeSplit.CLOSED_FORM);
      delay += o.meanDelayS();
      accuracy += o.accuracy().get(0);
      assertTrue(accuracy / (t + 1) >= 0.9 - 1e-9, "slot " + t + ": running accuracy " + accuracy / (t + 1));
      pattern.append(d.atEdge(0) ? d.level(0) : 0);
    }
    assertEquals("22221".repeat(10), pattern.toString());
    assertEquals(0.54, delay / 50, 1e-9);
    assertEquals(0.9, accuracy / 50, 1e-9);
    assertEquals(0.6, c.learnedPriceS(), 1e-9);
  }

  @Test
  void theRunningMeanAccuracyNeverFallsBelowTheTarget() {
    long seed = 20261204L;
    System.out.println("OnlinePriceControllerTest running seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    ControlModel m = three();
    SlotDynamics dyn = new SlotDynamics(m);
    OnlinePriceController c = new OnlinePriceController(dyn, 0.05);
    SlotState state = new SlotState(new double[3], new int[3], new double[3], new double[1], new double[1]);
    double accuracy = 0;
    int measured = 0;
    for (int t = 0; t < 300; t++) {
      int[] channels = new int[3];
      double[] arrivals = new double[3];
      for (int i = 0; i < 3; i++) {
        channels[i] = r.nextInt(3);
        arrivals[i] = r.nextDouble() < 0.6 ? r.nextDouble(0.1, 1.5) : 0;
      }
      SlotState s = new SlotState(new double[] {state.localQueueBits(0), state.localQueueBits(1),
          state.localQueueBits(2)}, channels, arrivals, new double[] {state.edgeQueueBits(0)}, new double[1]);
      SlotDecision d = c.decide(s);
      SlotDynamics.Transition tr = dyn.step(s, d, EdgeSplit.CLOSED_FORM);
      double a = tr.outcome().accuracy().get(0);
      if (!Double.isNaN(a)) {
        accuracy += a;
        measured++;
        assertTrue(accuracy / measured >= 0.8 - 1e-9, "slot " + t + ": running accuracy " + accuracy / measured);
      }
      state = tr.next(channels, arrivals);
    }
    assertEquals(accuracy - 0.8 * measured, c.surplus(), 1e-9);
    assertEquals(0, c.fallbacks());
  }
}
