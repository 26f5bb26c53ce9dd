package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The detection ceiling: a worked case, brute force on seeded random runs, the node limit, bad input. */
class DetectionCeilingTest {

  /**
   * Two drones, three plans each. Alone, drone 0's plan 0 detects the most (a, b, c), but drone 1's
   * best partner for it repeats a and b; the best pair within 10 J is drone 0 plan 1 (c, d at 3 J) with
   * drone 1 plan 0 (a, b, e at 6 J): 5 pairs at 9 J. Drone 0's plan 2 (c at 4 J) is dominated by its
   * plan 1 (a superset at less energy). Worked by hand.
   */
  @Test
  void theBestUnionWithinTheBudgetWorkedByHand() {
    List<List<Set<String>>> pairs = List.of(
        List.of(Set.of("a@1", "b@1", "c@1"), Set.of("c@1", "d@1"), Set.of("c@1")),
        List.of(Set.of("a@1", "b@1", "e@1"), Set.of("a@1", "b@1"), Set.of()));
    double[][] energyJ = {{8, 3, 4}, {6, 1, 0.5}};

    DetectionCeiling c = DetectionCeiling.search(pairs, energyJ, 10, 1_000);

    assertArrayEquals(new int[] {1, 0}, c.selection());
    assertEquals(5, c.detectedVehicleSeconds());
    assertEquals(9.0, c.energyJ(), 1e-12);
    assertTrue(c.exact());
    assertEquals(5, c.plansKept(), "drone 0's plan 2 is dominated");
    // with room for drone 0's largest plan, its pair with drone 1's plan 0 adds only e: 4 pairs, less than 5
    assertEquals(5, DetectionCeiling.search(pairs, energyJ, 14, 1_000).detectedVehicleSeconds());
    // too tight for drone 1's plan 0 next to drone 0's plan 1: (c, d) + (a, b) at 4 J
    DetectionCeiling tight = DetectionCeiling.search(pairs, energyJ, 4, 1_000);
    assertArrayEquals(new int[] {1, 1}, tight.selection());
    assertEquals(4, tight.detectedVehicleSeconds());
  }

  /** Equal detection: the selection with less energy wins ({a, c} at 6 J against {b, c} at 3 J). */
  @Test
  void onEqualDetectionTheCheaperSelectionWins() {
    List<List<Set<String>>> pairs = List.of(List.of(Set.of("a@1"), Set.of("b@1")), List.of(Set.of("c@1")));
    DetectionCeiling c = DetectionCeiling.search(pairs, new double[][] {{5, 2}, {1}}, 100, 1_000);
    assertArrayEquals(new int[] {1, 0}, c.selection());
    assertEquals(2, c.detectedVehicleSeconds());
    assertEquals(3.0, c.energyJ(), 1e-12);
  }

  /** Against every selection enumerated, on seeded random runs of up to 4 drones x 6 plans. */
  @Test
  void matchesEveryRandomRunEnumerated() {
    long seed = 20261205L;
    System.out.println("DetectionCeilingTest seed " + seed);
    Random rng = new Random(seed);
    for (int trial = 0; trial < 300; trial++) {
      int drones = 1 + rng.nextInt(4);
      List<List<Set<String>>> pairs = new ArrayList<>();
      double[][] energyJ = new double[drones][];
      int universe = 3 + rng.nextInt(25);
      for (int i = 0; i < drones; i++) {
        int plans = 1 + rng.nextInt(6);
        List<Set<String>> ps = new ArrayList<>();
        energyJ[i] = new double[plans];
        for (int k = 0; k < plans; k++) {
          Set<String> s = new HashSet<>();
          int size = rng.nextInt(universe);
          for (int j = 0; j < size; j++) {
            s.add("v" + rng.nextInt(universe) + "@" + rng.nextInt(3));
          }
          ps.add(s);
          energyJ[i][k] = rng.nextInt(4) == 0 ? 5 : 1 + rng.nextInt(20); // repeated energies: ties happen
        }
        pairs.add(ps);
      }
      double cheapest = 0;
      for (double[] e : energyJ) {
        cheapest += java.util.Arrays.stream(e).min().getAsDouble();
      }
      double budget = cheapest + rng.nextInt(40);

      long[] best = {-1};
      double[] bestEnergy = {Double.POSITIVE_INFINITY};
      enumerate(pairs, energyJ, budget, new int[drones], 0, best, bestEnergy);
      DetectionCeiling c = DetectionCeiling.search(pairs, energyJ, budget, 10_000_000);

      String what = "trial " + trial + " (seed " + seed + ")";
      assertTrue(c.exact(), what);
      assertEquals(best[0], c.detectedVehicleSeconds(), what);
      assertEquals(bestEnergy[0], c.energyJ(), 1e-9, what);
      assertEquals(best[0], DetectionCeiling.detectedBy(pairs, c.selection()), what + ": the selection's own union");
      double e = 0;
      for (int i = 0; i < drones; i++) {
        e += energyJ[i][c.selection()[i]];
      }
      assertEquals(c.energyJ(), e, 1e-9, what + ": the selection's own energy");
    }
  }

  /** The brute force: the most pairs, then the least energy, over every selection within the budget. */
  private static void enumerate(List<List<Set<String>>> pairs, double[][] energyJ, double budget, int[] sel,
      int i, long[] best, double[] bestEnergy) {
    if (i == sel.length) {
      double e = 0;
      for (int d = 0; d < sel.length; d++) {
        e += energyJ[d][sel[d]];
      }
      if (e > budget) {
        return;
      }
      Set<String> union = new HashSet<>();
      for (int d = 0; d < sel.length; d++) {
        union.addAll(pairs.get(d).get(sel[d]));
      }
      if (union.size() > best[0] || (union.size() == best[0] && e < bestEnergy[0])) {
        best[0] = union.size();
        bestEnergy[0] = e;
      }
      return;
    }
    for (int k = 0; k < energyJ[i].length; k++) {
      sel[i] = k;
      enumerate(pairs, energyJ, budget, sel, i + 1, best, bestEnergy);
    }
  }

  /**
   * A search cut short says so, and still answers with a selection within the budget. Every drone's
   * cheapest plan sees the one shared pair, so the first incumbent (1 pair) is far from the optimum (16).
   */
  @Test
  void aSearchStoppedAtItsNodeLimitIsNotExact() {
    List<List<Set<String>>> pairs = new ArrayList<>();
    double[][] energyJ = new double[8][];
    for (int i = 0; i < 8; i++) {
      pairs.add(List.of(Set.of("x@0"), Set.of("v" + i + "@1", "w" + i + "@1"), Set.of("v" + i + "@2")));
      energyJ[i] = new double[] {1, 2, 2};
    }
    DetectionCeiling cut = DetectionCeiling.search(pairs, energyJ, 100, 5);
    assertFalse(cut.exact());
    assertEquals(5, cut.nodes());
    assertEquals(cut.detectedVehicleSeconds(), DetectionCeiling.detectedBy(pairs, cut.selection()));

    DetectionCeiling full = DetectionCeiling.search(pairs, energyJ, 100, 1_000_000);
    assertTrue(full.exact());
    assertEquals(16, full.detectedVehicleSeconds());
  }

  @Test
  void badInputIsRefusedNamingWhatIsWrong() {
    List<List<Set<String>>> one = List.of(List.of(Set.of("a@1")));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DetectionCeiling.search(one, new double[][] {{5}}, 4, 10)).getMessage().contains("cheapest plans need"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DetectionCeiling.search(one, new double[][] {{Double.NaN}}, 4, 10)).getMessage()
        .contains("drone 0 plan 0: energy"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DetectionCeiling.search(one, new double[][] {{1, 2}}, 4, 10)).getMessage().contains("drone 0"));
    assertThrows(IllegalArgumentException.class, () -> DetectionCeiling.search(one, new double[][] {{1}}, 4, 0));
  }
}
