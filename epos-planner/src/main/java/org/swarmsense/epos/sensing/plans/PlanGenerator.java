package org.swarmsense.epos.sensing.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.mission.Mission.Fleet;
import org.swarmsense.epos.sensing.plans.CandidatePlan.Sortie;
import org.swarmsense.epos.sensing.plans.CandidatePlan.Stop;

/**
 * Generates the K candidate plans of each drone. Plan k of a drone is a feasible day:
 *
 * <ol>
 *   <li>Day energy budget E_k = B C (1 - k / (eta K)), C the battery capacity, B the batteries per
 *       day (0 in the mission = ceil(window / hover endurance)), eta = {@code budgetSpread}.
 *   <li>Take-off at a random time in [0, slack], slack = window - (estimated active time), so plans
 *       also differ in when they sense.
 *   <li>Sorties until the budget, the window or the demand runs out: each spends at most one battery
 *       (min(C, budget left)); it visits m = 1 + U{0..maxCellsPerSortie-1} cells sampled without
 *       replacement with weight r(c, sortie time) x exp(-distance(base, c) / localityM) (demand near
 *       the base), in nearest-neighbour order from the base, on legs routed by the {@link LegRouter}
 *       (around no-fly zones), then back to the base; cells in no-fly zones are never sampled. The
 *       tour is flown R times in a row (R uniform in 1..max(1, min(12, sortie time / slot length)),
 *       1 for a single cell) so that plans also differ in how evenly their sensing spreads over the
 *       slots. The energy left after flying is hover time, shared between the visited cells in
 *       proportion to their demand r(c, sortie time) and evenly between the R rounds, split into
 *       slots as time passes. A battery swap of
 *       {@code batterySwapS} separates sorties. While flying alone would use 90% of the battery or
 *       80% of the time left in the window, the farthest cell is dropped.
 * </ol>
 *
 * The plan vector is hover seconds per (cell, slot); the plan's cost is energy used / C, to be used
 * with I-EPOS local cost DISC. Seeded: the same (problem, fleet, seed) gives the same plans.
 * Stateless and thread-safe.
 */
public final class PlanGenerator {

  /** Sorties stop when less than this share of a battery is left in the day budget. */
  static final double MIN_SORTIE_SHARE = 0.05;
  /** Most rounds of a sortie's tour. */
  static final int MAX_ROUNDS = 12;

  private PlanGenerator() {}

  /** Batteries per day: the fleet's setting, or enough to hover through the window. */
  public static int batteriesPerDay(Fleet fleet, EnergyModel energy, double windowS) {
    if (fleet.batteriesPerDay() > 0) {
      return fleet.batteriesPerDay();
    }
    return Math.max(1, (int) Math.ceil(windowS / energy.hoverEnduranceS() - 1e-9));
  }

  /**
   * The fleet's hover capacity: drones x min(window, batteries x hover endurance), s. An upper bound
   * (travel and swaps are not subtracted); the goal is scaled against it.
   */
  public static double fleetHoverCapacityS(Fleet fleet, EnergyModel energy, double windowS) {
    double perDrone =
        Math.min(windowS, batteriesPerDay(fleet, energy, windowS) * energy.hoverEnduranceS());
    return fleet.count() * perDrone;
  }

  /** Base of drone {@code drone}: round robin over the bases. */
  public static int baseOf(int drone, int bases) {
    return drone % bases;
  }

  /** The K plans of every drone of the fleet; drone i's plans use seed {@code seed + 7919 i}. */
  public static List<List<CandidatePlan>> generate(
      SensingProblem problem, Fleet fleet, EnergyModel energy, LegRouter router, long seed) {
    boolean[] allowed = allowedCells(problem, router);
    List<List<CandidatePlan>> all = new ArrayList<>(fleet.count());
    for (int i = 0; i < fleet.count(); i++) {
      all.add(null);
    }
    java.util.stream.IntStream.range(0, fleet.count()).parallel().forEach(i ->
        all.set(i, plansOf(problem, fleet, energy, router, allowed, i, seed + 7919L * i)));
    return all;
  }

  /** Cells whose centre is outside every no-fly zone. */
  static boolean[] allowedCells(SensingProblem p, LegRouter router) {
    boolean[] ok = new boolean[p.cells()];
    for (int c = 0; c < ok.length; c++) {
      ok[c] = !router.forbidden(p.x(c), p.y(c));
    }
    return ok;
  }

  /** The K plans of one drone. */
  static List<CandidatePlan> plansOf(SensingProblem p, Fleet fleet, EnergyModel energy,
      LegRouter router, boolean[] allowed, int drone, long seed) {
    Random rng = new Random(seed);
    int base = baseOf(drone, p.bases());
    int k = fleet.plansPerDrone();
    double capacityJ = energy.drone().batteryCapacityJ();
    int batteries = batteriesPerDay(fleet, energy, p.windowS());
    double[] locality = new double[p.cells()];
    for (int c = 0; c < locality.length; c++) {
      double dist = Math.hypot(p.x(c) - p.bx(base), p.y(c) - p.by(base));
      locality[c] = allowed[c] ? Math.exp(-dist / fleet.localityM()) : 0;
    }
    List<CandidatePlan> plans = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      double budgetJ = batteries * capacityJ * (1 - (double) j / (fleet.budgetSpread() * k));
      plans.add(onePlan(p, fleet, energy, router, locality, drone, j, base, budgetJ, rng));
    }
    return plans;
  }

  private static CandidatePlan onePlan(SensingProblem p, Fleet fleet, EnergyModel energy,
      LegRouter router, double[] locality, int drone, int index, int base, double budgetJ,
      Random rng) {
    double capacityJ = energy.drone().batteryCapacityJ();
    double hoverW = energy.hoverPowerW();
    int sortiesEstimate = (int) Math.ceil(budgetJ / capacityJ - 1e-9);
    double activeS = budgetJ / hoverW + (sortiesEstimate - 1) * fleet.batterySwapS();
    double slack = Math.max(0, p.windowS() - activeS);
    double t = rng.nextDouble() * slack;
    double leftJ = budgetJ;
    double usedJ = 0;
    TreeMap<Integer, Double> vector = new TreeMap<>();
    List<Sortie> sorties = new ArrayList<>();
    double bx = p.bx(base);
    double by = p.by(base);
    while (leftJ > MIN_SORTIE_SHARE * capacityJ && t < p.windowS() - 1) {
      double sortieJ = Math.min(capacityJ, leftJ);
      double expectedEnd = Math.min(p.windowS(), t + sortieJ / hoverW);
      int s0 = slotOf(p, t);
      int s1 = slotOf(p, expectedEnd - 1e-6);
      double[] demand = new double[p.cells()];
      double[] weight = new double[p.cells()];
      boolean any = false;
      for (int c = 0; c < demand.length; c++) {
        double r = 0;
        for (int s = s0; s <= s1; s++) {
          r += p.goalAt(c, s);
        }
        demand[c] = r;
        weight[c] = r * locality[c];
        any |= weight[c] > 0;
      }
      if (!any) {
        break;
      }
      int m = 1 + rng.nextInt(fleet.maxCellsPerSortie());
      List<Integer> chosen = sampleWeighted(weight, m, rng);
      List<Integer> order = nearestNeighbourOrder(p, chosen, bx, by);
      int maxRounds = (int) Math.max(1, Math.min(MAX_ROUNDS,
          Math.round((expectedEnd - t) / p.slotS())));
      int rounds = order.size() < 2 ? 1 : 1 + rng.nextInt(maxRounds);
      // Route the tour; drop the farthest cell while flying alone would eat 90% of the battery.
      List<LegRouter.Leg> legs;
      List<Integer> visits;
      double flyJ;
      while (true) {
        visits = visits(order, rounds);
        legs = routeTour(p, router, visits, bx, by);
        double lengthM = legs.stream().mapToDouble(LegRouter.Leg::lengthM).sum();
        flyJ = energy.flightEnergyJ(lengthM);
        boolean fits = flyJ < 0.9 * sortieJ
            && energy.flightTimeS(lengthM) < 0.8 * (p.windowS() - t);
        if (fits || order.isEmpty()) {
          break;
        }
        int far = 0;
        double best = -1;
        for (int i = 0; i < order.size(); i++) {
          int c = order.get(i);
          double dd = Math.hypot(p.x(c) - bx, p.y(c) - by);
          if (dd > best) {
            best = dd;
            far = i;
          }
        }
        order.remove(far);
        order = nearestNeighbourOrder(p, order, bx, by);
      }
      if (order.isEmpty()) {
        break;
      }
      double flyS = 0;
      for (LegRouter.Leg leg : legs) {
        flyS += energy.flightTimeS(leg.lengthM());
      }
      double hoverS = (sortieJ - flyJ) / hoverW;
      hoverS = Math.min(hoverS, p.windowS() - t - flyS);
      if (hoverS <= 1) {
        break;
      }
      double demandSum = 0;
      for (int c : order) {
        demandSum += demand[c];
      }
      List<double[]> path = new ArrayList<>();
      List<Stop> stops = new ArrayList<>();
      double takeOff = t;
      int visitRounds = visits.size() / order.size();
      for (int i = 0; i < visits.size(); i++) {
        LegRouter.Leg leg = legs.get(i);
        appendPath(path, leg);
        t += energy.flightTimeS(leg.lengthM());
        int c = visits.get(i);
        double h = hoverS * demand[c] / demandSum / visitRounds;
        stops.add(new Stop(c, p.x(c), p.y(c), t, h));
        addHover(p, vector, c, t, h);
        t += h;
      }
      LegRouter.Leg back = legs.get(legs.size() - 1);
      appendPath(path, back);
      t += energy.flightTimeS(back.lengthM());
      double spentJ = flyJ + hoverS * hoverW;
      sorties.add(new Sortie(path, stops, takeOff, spentJ));
      usedJ += spentJ;
      leftJ -= sortieJ;
      t += fleet.batterySwapS();
    }
    int[] idx = new int[vector.size()];
    double[] val = new double[vector.size()];
    int i = 0;
    for (var e : vector.entrySet()) {
      idx[i] = e.getKey();
      val[i] = e.getValue();
      i++;
    }
    return new CandidatePlan(drone, index, base, idx, val, usedJ, usedJ / capacityJ, sorties);
  }

  /** The cells in tour order, repeated {@code rounds} times. */
  private static List<Integer> visits(List<Integer> order, int rounds) {
    List<Integer> out = new ArrayList<>(order.size() * rounds);
    for (int r = 0; r < rounds; r++) {
      out.addAll(order);
    }
    return out;
  }

  private static int slotOf(SensingProblem p, double t) {
    return Math.max(0, Math.min(p.slots() - 1, (int) Math.floor(t / p.slotS())));
  }

  /** Adds a hover of {@code h} s from {@code t} at cell c, split over the slots it spans. */
  private static void addHover(SensingProblem p, TreeMap<Integer, Double> v, int c, double t,
      double h) {
    double end = Math.min(t + h, p.windowS());
    double from = t;
    while (from < end - 1e-9) {
      int s = slotOf(p, from);
      double slotEnd = Math.min((s + 1) * p.slotS(), p.windowS());
      double to = Math.min(end, slotEnd);
      if (to <= from) {
        break;
      }
      v.merge(c * p.slots() + s, to - from, Double::sum);
      from = to;
    }
  }

  private static void appendPath(List<double[]> path, LegRouter.Leg leg) {
    List<double[]> w = leg.waypoints();
    for (int i = path.isEmpty() ? 0 : 1; i < w.size(); i++) {
      path.add(w.get(i));
    }
  }

  private static List<LegRouter.Leg> routeTour(SensingProblem p, LegRouter router,
      List<Integer> order, double bx, double by) {
    List<LegRouter.Leg> legs = new ArrayList<>(order.size() + 1);
    double x = bx;
    double y = by;
    for (int c : order) {
      legs.add(router.route(x, y, p.x(c), p.y(c)));
      x = p.x(c);
      y = p.y(c);
    }
    legs.add(router.route(x, y, bx, by));
    return legs;
  }

  /** Weighted sampling without replacement (Efraimidis-Spirakis keys u^(1/w)). */
  static List<Integer> sampleWeighted(double[] w, int m, Random rng) {
    int n = w.length;
    double[] key = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      key[i] = w[i] > 0 ? Math.log(rng.nextDouble()) / w[i] : Double.NEGATIVE_INFINITY;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
    List<Integer> out = new ArrayList<>(m);
    for (int i = 0; i < n && out.size() < m; i++) {
      if (w[order[i]] > 0) {
        out.add(order[i]);
      }
    }
    return out;
  }

  private static List<Integer> nearestNeighbourOrder(SensingProblem p, List<Integer> cells,
      double bx, double by) {
    List<Integer> left = new ArrayList<>(cells);
    List<Integer> out = new ArrayList<>(cells.size());
    double x = bx;
    double y = by;
    while (!left.isEmpty()) {
      int bi = 0;
      double bd = Double.POSITIVE_INFINITY;
      for (int i = 0; i < left.size(); i++) {
        int c = left.get(i);
        double d = Math.hypot(p.x(c) - x, p.y(c) - y);
        if (d < bd) {
          bd = d;
          bi = i;
        }
      }
      int c = left.remove(bi);
      out.add(c);
      x = p.x(c);
      y = p.y(c);
    }
    return out;
  }
}
