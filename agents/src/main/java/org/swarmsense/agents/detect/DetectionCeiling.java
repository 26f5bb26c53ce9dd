package org.swarmsense.agents.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.swarmsense.epos.sensing.evaluation.ExactSelection;

/**
 * The most detected vehicle-seconds any selection of a run's candidate plans reaches within a fleet
 * energy budget: the ceiling that no planner choosing among those plans can pass (issue 14's question
 * "is x1.46 within reach at all?"). A selection (one plan per drone) detects the union of its plans'
 * (vehicle, second) pairs, since a frame's outcome depends on its drone, second and position only
 * ({@link MissionDetection.Flights#detectedPairsByPlan}).
 *
 * <p>Search: exact depth-first branch and bound. A plan of a drone is dropped when another plan of
 * the same drone needs no more energy and detects a superset of its pairs (on equal sets and energy
 * the lower index stays). Drones are taken by their largest plan first, each drone's plans by the most
 * pairs they add first. A branch is cut when its energy plus the cheapest plans of the drones left
 * exceeds the budget, or when its pairs plus, per drone left, the most pairs one of its plans would
 * add cannot beat the best selection found (more pairs, then less energy). Energies are summed as
 * given, and a selection is within the budget when its sum exceeds the budget by at most {@link
 * ExactSelection#BUDGET_SLACK_J} (the budget is itself a sum of the same energies, perhaps in another
 * order). The search stops after {@code maxNodes} nodes; then the answer is a lower bound and {@link #exact()} is
 * false.
 *
 * @param selection the plan index per drone, in the drones' order
 * @param detectedVehicleSeconds the distinct (vehicle, second) pairs the selection detects
 * @param energyJ the selection's fleet energy, J
 * @param exact true when the search finished, false when it stopped at its node limit
 * @param nodes search nodes visited
 * @param plansKept candidate plans left after dropping the dominated ones, over all drones
 */
public record DetectionCeiling(int[] selection, long detectedVehicleSeconds, double energyJ, boolean exact,
    long nodes, int plansKept) {

  /** Copies and validates. */
  public DetectionCeiling {
    if (selection == null) {
      throw new IllegalArgumentException("selection must not be null");
    }
    selection = selection.clone();
    if (detectedVehicleSeconds < 0 || !(energyJ >= 0) || nodes < 0 || plansKept < 0) {
      throw new IllegalArgumentException("detectedVehicleSeconds, energyJ, nodes and plansKept must be >= 0, got: "
          + detectedVehicleSeconds + ", " + energyJ + ", " + nodes + ", " + plansKept);
    }
  }

  @Override
  public int[] selection() {
    return selection.clone();
  }

  /** The detected pairs a selection reaches: the size of the union of its plans' pairs. */
  public static long detectedBy(List<List<Set<String>>> pairs, int[] selection) {
    if (selection.length != pairs.size()) {
      throw new IllegalArgumentException("selection has " + selection.length + " plans, there are " + pairs.size()
          + " drones");
    }
    java.util.HashSet<String> union = new java.util.HashSet<>();
    for (int i = 0; i < selection.length; i++) {
      union.addAll(pairs.get(i).get(selection[i]));
    }
    return union.size();
  }

  /**
   * Searches every selection within {@code budgetJ}.
   *
   * @param pairs per drone, per candidate plan, the (vehicle, second) pairs its frames detect
   * @param energyJ per drone, per candidate plan, its energy in J (same shape as {@code pairs})
   * @param budgetJ the fleet energy budget, J
   * @param maxNodes the node limit, > 0
   * @throws IllegalArgumentException on mismatched shapes, a drone without plans, a negative or
   *     non-finite energy, or when even the drones' cheapest plans exceed the budget
   */
  public static DetectionCeiling search(List<List<Set<String>>> pairs, double[][] energyJ, double budgetJ,
      long maxNodes) {
    if (pairs == null || energyJ == null || pairs.size() != energyJ.length || pairs.isEmpty()) {
      throw new IllegalArgumentException("pairs and energyJ must hold the same drones, at least one");
    }
    if (!(budgetJ >= 0) || maxNodes <= 0) {
      throw new IllegalArgumentException("budgetJ must be >= 0 and maxNodes > 0, got: " + budgetJ + ", " + maxNodes);
    }
    return new Search(pairs, energyJ, budgetJ, maxNodes).run();
  }

  /** One search's state (not thread-safe; one per call). */
  private static final class Search {
    private final int drones;
    private final int[] order; // search depth -> drone
    private final int[][] planIndex; // drone -> kept plans' original indices
    private final int[][][] ids; // drone -> kept plan -> sorted pair ids
    private final double[][] energy; // drone -> kept plan -> J
    private final double[] cheapestAfter; // depth -> least energy of the drones at depth and after
    private final double budgetJ;
    private final long maxNodes;
    private final int[] count;
    private final int[] chosen; // drone -> kept plan
    private int covered;
    private long nodes;
    private long best;
    private double bestEnergy = Double.POSITIVE_INFINITY;
    private int[] bestChosen;
    private final int kept;

    Search(List<List<Set<String>>> pairs, double[][] energyJ, double budgetJ, long maxNodes) {
      this.drones = pairs.size();
      this.budgetJ = budgetJ;
      this.maxNodes = maxNodes;
      Map<String, Integer> idOf = new HashMap<>();
      planIndex = new int[drones][];
      ids = new int[drones][][];
      energy = new double[drones][];
      int keptPlans = 0;
      for (int i = 0; i < drones; i++) {
        List<Set<String>> ps = pairs.get(i);
        if (ps == null || ps.isEmpty() || energyJ[i] == null || energyJ[i].length != ps.size()) {
          throw new IllegalArgumentException("drone " + i + ": pairs and energyJ must list the same plans, at least"
              + " one");
        }
        int[][] all = new int[ps.size()][];
        for (int k = 0; k < ps.size(); k++) {
          double e = energyJ[i][k];
          if (!(e >= 0) || Double.isInfinite(e)) {
            throw new IllegalArgumentException("drone " + i + " plan " + k + ": energy must be finite and >= 0, got: "
                + e);
          }
          all[k] = ps.get(k).stream().mapToInt(p -> idOf.computeIfAbsent(p, x -> idOf.size())).sorted().toArray();
        }
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < all.length; k++) {
          if (!dominated(k, all, energyJ[i])) {
            keep.add(k);
          }
        }
        planIndex[i] = keep.stream().mapToInt(Integer::intValue).toArray();
        ids[i] = new int[planIndex[i].length][];
        energy[i] = new double[planIndex[i].length];
        for (int q = 0; q < planIndex[i].length; q++) {
          ids[i][q] = all[planIndex[i][q]];
          energy[i][q] = energyJ[i][planIndex[i][q]];
        }
        keptPlans += planIndex[i].length;
      }
      kept = keptPlans;
      Integer[] byLargest = new Integer[drones];
      for (int i = 0; i < drones; i++) {
        byLargest[i] = i;
      }
      Arrays.sort(byLargest, (a, b) -> Integer.compare(largest(b), largest(a)));
      order = Arrays.stream(byLargest).mapToInt(Integer::intValue).toArray();
      cheapestAfter = new double[drones + 1];
      for (int d = drones - 1; d >= 0; d--) {
        cheapestAfter[d] = cheapestAfter[d + 1] + Arrays.stream(energy[order[d]]).min().getAsDouble();
      }
      if (cheapestAfter[0] > budgetJ + ExactSelection.BUDGET_SLACK_J) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "the drones' cheapest plans need %.3f J, more than the budget of %.3f J", cheapestAfter[0], budgetJ));
      }
      count = new int[idOf.size()];
      chosen = new int[drones];
    }

    /** Plan k is dominated: another plan needs no more energy and detects a superset (ties: lower index). */
    private static boolean dominated(int k, int[][] all, double[] e) {
      for (int o = 0; o < all.length; o++) {
        if (o == k || e[o] > e[k] || !superset(all[o], all[k])) {
          continue;
        }
        boolean same = e[o] == e[k] && all[o].length == all[k].length;
        if (!same || o < k) {
          return true;
        }
      }
      return false;
    }

    private static boolean superset(int[] big, int[] small) {
      int j = 0;
      for (int x : small) {
        while (j < big.length && big[j] < x) {
          j++;
        }
        if (j == big.length || big[j] != x) {
          return false;
        }
        j++;
      }
      return true;
    }

    private int largest(int drone) {
      int m = 0;
      for (int[] p : ids[drone]) {
        m = Math.max(m, p.length);
      }
      return m;
    }

    DetectionCeiling run() {
      // the first incumbent: every drone's cheapest kept plan (within the budget, checked above), so a
      // search stopped early still answers with a selection, and the bound cuts from the first node
      double e = 0;
      for (int d = 0; d < drones; d++) {
        int drone = order[d];
        int cheapest = 0;
        for (int q = 1; q < energy[drone].length; q++) {
          if (energy[drone][q] < energy[drone][cheapest]) {
            cheapest = q;
          }
        }
        chosen[drone] = cheapest;
        e += energy[drone][cheapest];
        add(ids[drone][cheapest], 1);
      }
      best = covered;
      bestEnergy = e;
      bestChosen = chosen.clone();
      for (int drone = 0; drone < drones; drone++) {
        add(ids[drone][chosen[drone]], -1);
      }
      dfs(0, 0);
      int[] sel = new int[drones];
      for (int i = 0; i < drones; i++) {
        sel[i] = planIndex[i][bestChosen[i]];
      }
      return new DetectionCeiling(sel, best, bestEnergy, nodes < maxNodes, nodes, kept);
    }

    private void dfs(int depth, double e) {
      if (nodes >= maxNodes) {
        return;
      }
      nodes++;
      if (depth == drones) {
        if (covered > best || (covered == best && e < bestEnergy)) {
          best = covered;
          bestEnergy = e;
          bestChosen = chosen.clone();
        }
        return;
      }
      long bound = covered;
      for (int d = depth; d < drones; d++) {
        int most = 0;
        for (int[] p : ids[order[d]]) {
          most = Math.max(most, added(p));
        }
        bound += most;
      }
      if (bound < best || (bound == best && e + cheapestAfter[depth] >= bestEnergy)) {
        return;
      }
      int drone = order[depth];
      int n = ids[drone].length;
      Integer[] tryOrder = new Integer[n];
      int[] gain = new int[n];
      for (int q = 0; q < n; q++) {
        tryOrder[q] = q;
        gain[q] = added(ids[drone][q]);
      }
      Arrays.sort(tryOrder, (a, b) -> gain[b] != gain[a] ? Integer.compare(gain[b], gain[a])
          : Double.compare(energy[drone][a], energy[drone][b]));
      for (int q : tryOrder) {
        double e2 = e + energy[drone][q];
        if (e2 + cheapestAfter[depth + 1] > budgetJ + ExactSelection.BUDGET_SLACK_J) {
          continue;
        }
        chosen[drone] = q;
        add(ids[drone][q], 1);
        dfs(depth + 1, e2);
        add(ids[drone][q], -1);
      }
    }

    /** Pairs of {@code plan} not yet covered. */
    private int added(int[] plan) {
      int a = 0;
      for (int id : plan) {
        if (count[id] == 0) {
          a++;
        }
      }
      return a;
    }

    private void add(int[] plan, int sign) {
      for (int id : plan) {
        if (sign > 0) {
          if (count[id]++ == 0) {
            covered++;
          }
        } else if (--count[id] == 0) {
          covered--;
        }
      }
    }
  }
}
