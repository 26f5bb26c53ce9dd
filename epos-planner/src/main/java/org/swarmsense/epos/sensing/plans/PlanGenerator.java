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
 * Generates the K candidate plans of each drone, sized to the demand so that the fleet is useful.
 * Plan k of drone i is a feasible day built greedily, stop by stop:
 *
 * <ol>
 *   <li><b>Budget</b>: E_k = B C (1 - k / (eta K)) (C battery capacity, B batteries per day, eta =
 *       {@code budgetSpread}); take-off at a random time within the slack the budget leaves in the
 *       window (none when the budget can fill the window).
 *   <li><b>Where</b>: split k of the demand ({@link DemandRegions}, the same for every drone) gives
 *       drone i a region holding about 1/D of the demand, near its base. The drone senses its
 *       region first; cells outside it count with weight {@link #OUTSIDE_WEIGHT} x exp(-distance
 *       to base / {@code localityM}), so it spills over only where its region has nothing left.
 *   <li><b>How much</b>: at most r(c, t) - theta_k at each (cell, slot), never more than asked
 *       (hovering a whole leg over a cell that needs 20 s over-senses and is worse than nothing
 *       under SQR): theta_k = f_k theta*, f_k = (k mod 3) / 2 in {0, 0.5, 1}, theta* the water level
 *       at which sum max(0, r - theta*) equals what the fleet can cover ({@link CapacityBound}):
 *       plans with f = 0 sense whole demands at fewer cells, plans with f = 1 the least-squares
 *       share at more cells.
 *   <li><b>When and in what order</b>: from where it is, the drone flies to the cell with the best
 *       useful-time rate h / (flight + h) (h the hover it can still give there in the slot it
 *       arrives in, within battery and window, keeping the energy to fly back to base) times the
 *       cell's weight (no random factor: the splits, theta_k and the budgets already make plans
 *       differ, and noise only made each plan less efficient); it hovers h, then chooses again. It
 *       stays on a cell across a slot boundary when the cell still needs sensing in the next slot.
 *       At most {@code maxCellsPerSortie} distinct cells per slot.
 *   <li><b>Batteries used fully</b>: a sortie ends only when no stop fits the battery (or the
 *       window); then the drone flies back (routed around no-fly zones by the {@link LegRouter}),
 *       swaps the battery ({@code batterySwapS}) and flies again while the budget lasts. When
 *       nothing is left to sense in the current slot, it lands and takes off again at the next
 *       slot with the same battery if at least half of it is left (not before {@code batterySwapS}
 *       on the ground, the hold {@link org.swarmsense.epos.sensing.flight.FlightTimeline} flies
 *       after every landing).
 *   <li><b>Flown as planned</b>: every sortie climbs over its base to the fleet's {@code altitudeM}
 *       after its take-off time and descends there before landing, a vertical leg timed and powered
 *       as {@link org.swarmsense.epos.sensing.flight.FlightTimeline} flies every leg ({@link
 *       EnergyModel#flightTimeS}, {@link EnergyModel#flightEnergyJ}). So a stop's start is when
 *       the flown drone starts hovering there, a sortie's energy includes its climb and descent
 *       (the descent is kept in reserve like the flight back), and the drone has landed by the
 *       window's end. (Until 2026-12-02 the climb and descent were left out: every hover flown
 *       started altitude / v later than planned, 14.4 s at 100 m, and the plans' energy was short
 *       by 2 altitude / v at flight power per sortie.)
 * </ol>
 *
 * The plan vector is hover seconds per (cell, slot); the plan's cost is energy used / C, to be used
 * with I-EPOS local cost DISC. Seeded: the same (problem, fleet, seed) gives the same plans.
 * Stateless and thread-safe.
 */
public final class PlanGenerator {

  /** Sorties stop when less than this share of a battery is left in the day budget. */
  static final double MIN_SORTIE_SHARE = 0.05;
  /** Shortest hover worth a stop, s. */
  static final double MIN_HOVER_S = 2;
  /** Weight of a cell outside the drone's region (times its base locality). */
  public static final double OUTSIDE_WEIGHT = 0.3;
  /** Share of a battery kept in reserve on every sortie. */
  static final double RESERVE_SHARE = 0.02;

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
    int drones = fleet.count();
    int k = fleet.plansPerDrone();
    int[] baseOf = new int[drones];
    for (int i = 0; i < drones; i++) {
      baseOf[i] = baseOf(i, problem.bases());
    }
    double theta = CapacityBound.of(problem, fleet, energy, allowed).waterLevel(problem);
    int[][][] splits = new int[k][][];
    java.util.stream.IntStream.range(0, k).parallel().forEach(j ->
        splits[j] = DemandRegions.split(problem, allowed, drones, baseOf, seed * 31 + j));
    double[][] backM = backLegs(problem, router, allowed);
    List<List<CandidatePlan>> all = new ArrayList<>(drones);
    for (int i = 0; i < drones; i++) {
      all.add(null);
    }
    java.util.stream.IntStream.range(0, drones).parallel().forEach(i -> {
      Random rng = new Random(seed + 7919L * i);
      List<CandidatePlan> plans = new ArrayList<>(k);
      double capacityJ = energy.drone().batteryCapacityJ();
      int batteries = batteriesPerDay(fleet, energy, problem.windowS());
      for (int j = 0; j < k; j++) {
        double budgetJ = batteries * capacityJ * (1 - (double) j / (fleet.budgetSpread() * k));
        double thetaJ = theta * (j % 3) / 2.0;
        plans.add(new Builder(problem, fleet, energy, router, allowed, backM, i, j, baseOf[i],
            splits[j][i], thetaJ, rng).build(budgetJ));
      }
      all.set(i, plans);
    });
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

  /** Routed length from every allowed cell to every base, m ([base][cell]; NaN if forbidden). */
  private static double[][] backLegs(SensingProblem p, LegRouter router, boolean[] allowed) {
    double[][] out = new double[p.bases()][p.cells()];
    for (int b = 0; b < p.bases(); b++) {
      double[] row = out[b];
      int base = b;
      java.util.stream.IntStream.range(0, p.cells()).parallel().forEach(c -> row[c] = allowed[c]
          ? router.route(p.x(c), p.y(c), p.bx(base), p.by(base)).lengthM() : Double.NaN);
    }
    return out;
  }

  /** Builds one plan; single use, not thread-safe. */
  private static final class Builder {
    private final SensingProblem p;
    private final Fleet fleet;
    private final EnergyModel energy;
    private final LegRouter router;
    private final boolean[] allowed;
    private final double[] back;
    private final int drone;
    private final int index;
    private final int base;
    private final Random rng;
    private final double[] remaining;
    private final double[] weight;
    private final int[] candidates;
    private final TreeMap<Integer, Double> vector = new TreeMap<>();
    private final List<Sortie> sorties = new ArrayList<>();
    private final double hoverW;
    /** The climb over the base to the fleet's altitude (and the descent back), s and J. */
    private final double climbS;
    private final double climbJ;

    Builder(SensingProblem p, Fleet fleet, EnergyModel energy, LegRouter router,
        boolean[] allowed, double[][] backM, int drone, int index, int base, int[] region,
        double theta, Random rng) {
      this.p = p;
      this.fleet = fleet;
      this.energy = energy;
      this.router = router;
      this.allowed = allowed;
      this.back = backM[base];
      this.drone = drone;
      this.index = index;
      this.base = base;
      this.rng = rng;
      this.hoverW = energy.hoverPowerW();
      // a vertical leg of the fleet's altitude, timed and powered as FlightTimeline flies every leg
      this.climbS = energy.flightTimeS(fleet.altitudeM());
      this.climbJ = energy.flightEnergyJ(fleet.altitudeM());
      int slots = p.slots();
      remaining = new double[p.dimension()];
      weight = new double[p.cells()];
      List<Integer> cand = new ArrayList<>();
      for (int c = 0; c < p.cells(); c++) {
        if (!allowed[c]) {
          continue;
        }
        boolean any = false;
        for (int s = 0; s < slots; s++) {
          double r = Math.max(0, p.goalAt(c, s) - theta);
          remaining[c * slots + s] = r;
          any |= r > 0;
        }
        if (any) {
          cand.add(c);
          double dist = Math.hypot(p.x(c) - p.bx(base), p.y(c) - p.by(base));
          weight[c] = OUTSIDE_WEIGHT * Math.exp(-dist / fleet.localityM());
        }
      }
      for (int c : region) {
        weight[c] = 1;
      }
      candidates = cand.stream().mapToInt(Integer::intValue).toArray();
    }

    CandidatePlan build(double budgetJ) {
      double capacityJ = energy.drone().batteryCapacityJ();
      double w = p.windowS();
      int sortiesEstimate = (int) Math.ceil(budgetJ / capacityJ - 1e-9);
      double activeS = budgetJ / hoverW + (sortiesEstimate - 1) * fleet.batterySwapS();
      double t = rng.nextDouble() * Math.max(0, w - activeS);
      double dayLeftJ = budgetJ;
      double usedJ = 0;
      double batteryJ = 0;
      while (t < w - MIN_HOVER_S) {
        if (batteryJ < MIN_SORTIE_SHARE * capacityJ) {
          if (dayLeftJ < MIN_SORTIE_SHARE * capacityJ) {
            break;
          }
          batteryJ = Math.min(capacityJ, dayLeftJ);
          dayLeftJ -= batteryJ;
        }
        double[] sortie = sortie(t, batteryJ); // {end time, energy spent, stops made}
        if (sortie[2] == 0) {
          // nothing to sense from the base now: wait for the next slot
          t = (Math.floor(t / p.slotS()) + 1) * p.slotS();
          continue;
        }
        usedJ += sortie[1];
        batteryJ -= sortie[1];
        t = sortie[0];
        if (batteryJ < 0.5 * capacityJ) {
          batteryJ = 0; // swap
          t += fleet.batterySwapS();
        } else {
          // the same battery from the next slot on, but not before the hold on the ground that
          // FlightTimeline flies after every landing (batterySwapS)
          t = Math.max((Math.floor(t / p.slotS()) + 1) * p.slotS(), t + fleet.batterySwapS());
        }
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

    /**
     * One sortie taking off from the base at {@code t0}: climb to the fleet's altitude over the base,
     * the stops, the flight back and the descent (landed by the window's end); returns {landing time,
     * energy used (climb and descent included), stops}.
     */
    private double[] sortie(double t0, double batteryJ) {
      // the descent is kept in reserve like the flight back: it is part of coming home
      double reserveJ = RESERVE_SHARE * energy.drone().batteryCapacityJ() + climbJ;
      double w = p.windowS();
      int slots = p.slots();
      double x = p.bx(base);
      double y = p.by(base);
      int at = -1;
      double t = t0 + climbS;
      double leftJ = batteryJ - climbJ;
      List<double[]> path = new ArrayList<>();
      path.add(new double[] {x, y});
      List<Stop> stops = new ArrayList<>();
      int slotOfCount = -1;
      java.util.Set<Integer> cellsThisSlot = new java.util.HashSet<>();
      while (true) {
        int best = -1;
        double bestScore = 0;
        double bestHover = 0;
        for (int c : candidates) {
          double d = c == at ? 0 : Math.hypot(p.x(c) - x, p.y(c) - y);
          double fly = energy.flightTimeS(d);
          double arrive = t + fly;
          if (arrive >= w) {
            continue;
          }
          int s = slotOf(p, arrive);
          if (s == slotOfCount && cellsThisSlot.size() >= fleet.maxCellsPerSortie()
              && !cellsThisSlot.contains(c)) {
            continue;
          }
          double slotEnd = Math.min((s + 1) * p.slotS(), w);
          double h = Math.min(remaining[c * slots + s], slotEnd - arrive);
          double spareJ = leftJ - reserveJ - energy.flightEnergyJ(d) - energy.flightEnergyJ(back[c]);
          h = Math.min(h, spareJ / hoverW);
          h = Math.min(h, w - arrive - energy.flightTimeS(back[c]) - climbS);
          if (h < MIN_HOVER_S) {
            continue;
          }
          double score = h / (fly + h) * weight[c];
          if (score > bestScore) {
            bestScore = score;
            best = c;
            bestHover = h;
          }
        }
        if (best < 0) {
          break;
        }
        double legM = 0;
        if (best != at) {
          LegRouter.Leg leg = router.route(x, y, p.x(best), p.y(best));
          legM = leg.lengthM();
          appendPath(path, leg);
        }
        double arrive = t + energy.flightTimeS(legM);
        int s = slotOf(p, arrive);
        double slotEnd = Math.min((s + 1) * p.slotS(), w);
        double h = Math.min(bestHover, slotEnd - arrive);
        double spareJ = leftJ - reserveJ - energy.flightEnergyJ(legM)
            - energy.flightEnergyJ(back[best]);
        h = Math.min(h, Math.min(spareJ / hoverW, w - arrive - energy.flightTimeS(back[best]) - climbS));
        leftJ -= energy.flightEnergyJ(legM);
        t = arrive;
        x = p.x(best);
        y = p.y(best);
        at = best;
        if (h < MIN_HOVER_S) {
          break; // the routed leg was longer than the straight estimate: go home
        }
        if (s != slotOfCount) {
          slotOfCount = s;
          cellsThisSlot.clear();
        }
        cellsThisSlot.add(best);
        if (!stops.isEmpty() && stops.get(stops.size() - 1).cell() == best
            && Math.abs(stops.get(stops.size() - 1).startS()
                + stops.get(stops.size() - 1).durationS() - t) < 1e-9) {
          Stop last = stops.remove(stops.size() - 1);
          stops.add(new Stop(best, last.xM(), last.yM(), last.startS(), last.durationS() + h));
        } else {
          stops.add(new Stop(best, x, y, t, h));
        }
        remaining[best * slots + s] -= h;
        vector.merge(best * slots + s, h, Double::sum);
        leftJ -= h * hoverW;
        t += h;
      }
      if (stops.isEmpty()) {
        return new double[] {t0, 0, 0};
      }
      LegRouter.Leg home = router.route(x, y, p.bx(base), p.by(base));
      appendPath(path, home);
      leftJ -= energy.flightEnergyJ(home.lengthM()) + climbJ;
      t += energy.flightTimeS(home.lengthM()) + climbS;
      double spentJ = batteryJ - leftJ;
      sorties.add(new Sortie(path, stops, t0, spentJ));
      return new double[] {t, spentJ, stops.size()};
    }
  }

  private static int slotOf(SensingProblem p, double t) {
    return Math.max(0, Math.min(p.slots() - 1, (int) Math.floor(t / p.slotS())));
  }

  private static void appendPath(List<double[]> path, LegRouter.Leg leg) {
    List<double[]> w = leg.waypoints();
    for (int i = path.isEmpty() ? 0 : 1; i < w.size(); i++) {
      path.add(w.get(i));
    }
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
}
