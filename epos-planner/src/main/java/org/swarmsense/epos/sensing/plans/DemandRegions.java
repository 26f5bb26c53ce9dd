package org.swarmsense.epos.sensing.plans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded split of the demand among the drones: the cells with demand are grouped into one region
 * per drone, each holding about the same share of the total demand (so that a drone's region asks
 * for about coverageTarget x what one drone can hover), and each drone gets the free region closest
 * to its base. Plan k of every drone uses split k (seed, k), so for every k the drones' plans k
 * sense disjoint parts of the city: among the K plans there is, by construction, a selection with no
 * overlap, and the K different splits make each drone's plans differ in where they sense. Every
 * drone can compute the same split from public data (goal, fleet size, bases, shared seed): no
 * drone learns another's plans.
 *
 * <p>Method: D region seeds are drawn without replacement with weight = a cell's demand; cells, in
 * decreasing demand, join the nearest region whose demand is below 1.15 x its quota (total / D),
 * or the least loaded one; seeds then move to the demand-weighted centroid and cells are assigned
 * again (3 rounds). With fewer demand cells than drones, regions are shared round robin. Stateless
 * and thread-safe.
 */
public final class DemandRegions {

  /** Share of the quota a region may exceed before the next nearest one is taken. */
  static final double QUOTA_SLACK = 1.15;
  /** Assignment rounds (seed, then twice from the centroids). */
  static final int ROUNDS = 3;

  private DemandRegions() {}

  /**
   * The region (cell indices) of each drone for one split.
   *
   * @param p the problem (cells, goal, bases)
   * @param allowed cells that may be sensed
   * @param drones fleet size D
   * @param baseOfDrone base index per drone
   * @param seed seed of this split
   * @return per drone, its cells (possibly empty when nothing has demand)
   */
  public static int[][] split(SensingProblem p, boolean[] allowed, int drones, int[] baseOfDrone,
      long seed) {
    double[] mass = new double[p.cells()];
    List<Integer> demandCells = new ArrayList<>();
    double total = 0;
    for (int c = 0; c < mass.length; c++) {
      if (!allowed[c]) {
        continue;
      }
      for (int s = 0; s < p.slots(); s++) {
        mass[c] += p.goalAt(c, s);
      }
      if (mass[c] > 0) {
        demandCells.add(c);
        total += mass[c];
      }
    }
    int[][] out = new int[drones][];
    if (demandCells.isEmpty()) {
      Arrays.fill(out, new int[0]);
      return out;
    }
    Random rng = new Random(seed);
    int regions = Math.min(drones, demandCells.size());
    List<Integer> seeds = PlanGenerator.sampleWeighted(mass, regions, rng);
    double[] sx = new double[regions];
    double[] sy = new double[regions];
    for (int r = 0; r < regions; r++) {
      sx[r] = p.x(seeds.get(r));
      sy[r] = p.y(seeds.get(r));
    }
    List<Integer> byMass = new ArrayList<>(demandCells);
    byMass.sort((a, b) -> Double.compare(mass[b], mass[a]));
    double quota = total / regions;
    int[] regionOf = new int[p.cells()];
    for (int round = 0; round < ROUNDS; round++) {
      double[] load = new double[regions];
      for (int c : byMass) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        int least = 0;
        for (int r = 0; r < regions; r++) {
          if (load[r] < load[least]) {
            least = r;
          }
          double d = Math.hypot(p.x(c) - sx[r], p.y(c) - sy[r]);
          if (d < bestD && load[r] + mass[c] <= QUOTA_SLACK * quota) {
            bestD = d;
            best = r;
          }
        }
        int r = best >= 0 ? best : least;
        regionOf[c] = r;
        load[r] += mass[c];
      }
      double[] mx = new double[regions];
      double[] my = new double[regions];
      double[] mw = new double[regions];
      for (int c : byMass) {
        int r = regionOf[c];
        mx[r] += mass[c] * p.x(c);
        my[r] += mass[c] * p.y(c);
        mw[r] += mass[c];
      }
      for (int r = 0; r < regions; r++) {
        if (mw[r] > 0) {
          sx[r] = mx[r] / mw[r];
          sy[r] = my[r] / mw[r];
        }
      }
    }
    List<List<Integer>> cellsOf = new ArrayList<>();
    for (int r = 0; r < regions; r++) {
      cellsOf.add(new ArrayList<>());
    }
    for (int c : demandCells) {
      cellsOf.get(regionOf[c]).add(c);
    }
    // Drones in a seeded order each take the free region closest to their base.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < drones; i++) {
      order.add(i);
    }
    Collections.shuffle(order, rng);
    boolean[] taken = new boolean[regions];
    int free = regions;
    for (int i : order) {
      if (free == 0) {
        Arrays.fill(taken, false);
        free = regions;
      }
      int b = baseOfDrone[i];
      int best = -1;
      double bestD = Double.POSITIVE_INFINITY;
      for (int r = 0; r < regions; r++) {
        double d = Math.hypot(sx[r] - p.bx(b), sy[r] - p.by(b));
        if (!taken[r] && d < bestD) {
          bestD = d;
          best = r;
        }
      }
      taken[best] = true;
      free--;
      out[i] = cellsOf.get(best).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }
}
