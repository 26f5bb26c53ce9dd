package org.swarmsense.semantic.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exact drift-plus-penalty controller: its decision has the best reward of every joint decision
 * (checked against a plain enumeration of all (2K)^N of them), idle devices get level 1 on board,
 * the candidate cap falls back and counts, and the reference price of a one-device slot worked by
 * hand.
 */
class DriftPlusPenaltyControllerTest {

  /** Two services of two devices each, K = 2, the settings' 3-state channel; V = 0.5. */
  private static ControlModel small() {
    ControlModel s = ControlModel.fromSettings();
    return new ControlModel(List.of(new ServiceProfile("I", 2, 768e3, 80, 200, 0.8),
        new ServiceProfile("II", 2, 512e3, 160, 400, 0.9)), List.of(0.7, 1.0), 0.8, 1.0, 0.6, 1.0, 0.5, 0.1e9, 2e9,
        20e6, 20, -174, 5, s.channel(), 3.84e6, 19.2e6, 1, 0.5, 1);
  }

  private static double bruteForceBest(SlotDynamics dyn, SlotState state) {
    int n = state.deviceCount();
    int choices = 2 * dyn.model().levels();
    double best = Double.NEGATIVE_INFINITY;
    int total = (int) Math.pow(choices, n);
    for (int code = 0; code < total; code++) {
      int[] levels = new int[n];
      boolean[] edge = new boolean[n];
      int c = code;
      for (int i = 0; i < n; i++) {
        levels[i] = c % choices / 2 + 1;
        edge[i] = c % 2 == 0;
        c /= choices;
      }
      best = Math.max(best, dyn.outcome(state, new SlotDecision(levels, edge), EdgeSplit.CLOSED_FORM).reward());
    }
    return best;
  }

  @Test
  void decisionHasTheBestRewardOfEveryJointDecision() {
    long seed = 20261202L;
    System.out.println("DriftPlusPenaltyControllerTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    SlotDynamics dyn = new SlotDynamics(small());
    DriftPlusPenaltyController exact = new DriftPlusPenaltyController(dyn);
    MyopicController ascent = new MyopicController(dyn);
    int ascentWorse = 0;
    for (int trial = 0; trial < 150; trial++) {
      double[] local = new double[4];
      int[] channels = new int[4];
      double[] arrivals = new double[4];
      for (int i = 0; i < 4; i++) {
        local[i] = r.nextDouble() < 0.5 ? 0 : r.nextDouble(0, 2e6);
        channels[i] = r.nextInt(3);
        arrivals[i] = r.nextDouble() < 0.25 ? 0 : r.nextDouble(0.1, 1.5);
      }
      // every second trial: two devices that see the same thing (the symmetry the search uses)
      if (trial % 2 == 0) {
        local[1] = local[0];
        channels[1] = channels[0];
        arrivals[1] = arrivals[0];
      }
      SlotState state = new SlotState(local, channels, arrivals,
          new double[] {r.nextDouble(0, 5e6), r.nextDouble(0, 5e6)}, new double[] {r.nextDouble(0, 3),
              r.nextDouble(0, 3)});
      double expected = bruteForceBest(dyn, state);
      SlotDecision d = exact.decide(state);
      double got = dyn.outcome(state, d, EdgeSplit.CLOSED_FORM).reward();
      assertEquals(expected, got, 1e-9 * Math.max(1, Math.abs(expected)), "trial " + trial + " " + state);
      for (int i = 0; i < 4; i++) {
        if (arrivals[i] == 0) {
          assertEquals(1, d.level(i), "idle device " + i + " of trial " + trial);
          assertTrue(!d.atEdge(i), "idle device " + i + " of trial " + trial);
        }
      }
      double a = dyn.outcome(state, ascent.decide(state), EdgeSplit.CLOSED_FORM).reward();
      assertTrue(a <= got + 1e-9 * Math.max(1, Math.abs(got)), "ascent beat the exact search in trial " + trial);
      ascentWorse += a < got - 1e-9 * Math.max(1, Math.abs(got)) ? 1 : 0;
    }
    System.out.println("DriftPlusPenaltyControllerTest: coordinate ascent below the exact reward in " + ascentWorse
        + " of 150 slots");
    assertEquals(0, exact.fallbacks());
  }

  @Test
  void aboveTheCandidateCapItFallsBackAndCounts() {
    SlotDynamics dyn = new SlotDynamics(small());
    // 4 devices in 4 different channel/queue groups: 4^4 = 256 joint decisions > 100
    DriftPlusPenaltyController capped = new DriftPlusPenaltyController(dyn, 100);
    SlotState state = new SlotState(new double[] {0, 1e5, 0, 2e5}, new int[] {0, 1, 2, 0},
        new double[] {0.5, 0.5, 0.5, 0.7}, new double[] {0, 0}, new double[] {1, 1});
    SlotDecision d = capped.decide(state);
    assertEquals(1, capped.fallbacks());
    assertEquals(4, d.deviceCount());
    assertEquals(0, new DriftPlusPenaltyController(dyn).fallbacks());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DriftPlusPenaltyController(dyn, 0));
    assertTrue(e.getMessage().contains("maxCandidates"), e.getMessage());
  }

  @Test
  void multisetCountsAreBinomials() {
    assertEquals(8, DriftPlusPenaltyController.multisets(1, 8), 1e-9);
    assertEquals(36, DriftPlusPenaltyController.multisets(2, 8), 1e-9);
    assertEquals(1716, DriftPlusPenaltyController.multisets(6, 8), 1e-9);
  }

  /**
   * One device, task 1 Mbit, K = 2 with g = (0.5, 1), h = 0.5 on board / 1 at the edge, target 0.9;
   * on board 1 Mbit/s, edge 10 Mbit/s, uplink 2 Mbit/s (SNR 3 on 1 MHz). Delay and accuracy:
   * (1, board) 0.5 s, 0.25; (2, board) 1 s, 0.5; (1, edge) 0.25 + 0.05 = 0.3 s, 0.5; (2, edge)
   * 0.5 + 0.1 = 0.6 s, 1. Only (2, edge) holds 0.9; it has the least D - mu A once 0.6 - mu <
   * 0.3 - 0.5 mu, i.e. mu > 0.6 s.
   */
  @Test
  void referencePriceOfAOneDeviceSlotWorkedByHand() {
    double shareHz = 1e6;
    double noiseMw = Math.pow(10, (-174 + 5) / 10.0) * shareHz;
    double gain = 3 * noiseMw / Math.pow(10, 20 / 10.0);
    ControlModel m = new ControlModel(List.of(new ServiceProfile("S", 1, 1e6, 100, 100, 0.9)), List.of(0.5, 1.0),
        0.5, 1.0, 1, 1, 0, 1e8, 1e9, 1e6, 20, -174, 5, new MarkovChannel(List.of(List.of(1.0)), List.of(gain)), 3e6,
        4e6, 1, 2.0, 1);
    SlotDynamics dyn = new SlotDynamics(m);
    assertEquals(2e6, m.uplinkRateBps(0), 1e-3);
    SlotState reference = new SlotState(new double[1], new int[1], new double[] {1}, new double[1], new double[1]);
    assertEquals(0.6, DriftPlusPenaltyController.referencePrice(dyn, reference), 1e-5);
    // the same price whatever V (the decision depends on Z / V only)
    assertEquals(0.6, DriftPlusPenaltyController.referencePrice(new SlotDynamics(m.withLyapunovWeight(300)),
        reference), 1e-5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DriftPlusPenaltyController.referencePrice(new SlotDynamics(small()), new SlotState(new double[4],
            new int[4], new double[] {1, 1, 1, 1}, new double[2], new double[2])));
    assertTrue(e.getMessage().contains("one service"), e.getMessage());
  }
}
