package org.swarmsense.epos.sensing.plans;

import java.util.Arrays;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.mission.Mission.Fleet;

/**
 * The least mismatch any selection of plans could reach with this fleet: a bound on how much of the
 * goal r the fleet can sense at all, whatever the plans and whoever selects them. With m the sensing
 * provided, sum |m - r| >= sum r - sum min(m, r), so mismatch % >= 100 (R - X) / R, R = sum r and X
 * the most demand the fleet can cover (sum of min(m, r)), bounded here by the smaller of:
 *
 * <ul>
 *   <li><b>per drone</b>: hover time H_i = max over j = 1..B sorties of min(j (C - E(2 d_i)) / P_h,
 *       W - j 2 d_i / v - (j - 1) swap): each sortie flies at least to the demand cell nearest to the
 *       drone's base and back (d_i, straight line, a lower bound of any routed leg), B batteries of
 *       capacity C, hover power P_h, cruise speed v, window W;
 *   <li><b>per slot</b>: sum over slots of max over N of min(top_t(N), A_t - max(0, N - D) tau): in
 *       slot t the D drones make some number N of visits (a visit: one drone's hover over one cell
 *       within the slot, consecutive hovers of a drone over the same cell counted as one), with A_t
 *       the drones' useful slot time (drone i's lies within [f, W - f], f the flight from its base
 *       to the nearest cell with goal in slot t that it can reach in the slot) minus
 *       tau = (smallest distance between two demand cells) / v of travel for every visit beyond
 *       each drone's first in the slot (two visits of one drone that both meet the slot have the
 *       flight between them inside it). One visit hovers at most the slot length L, so a cell
 *       whose r(c, t) exceeds L needs ceil(r / L) visits to be covered: split each r(c, t) (capped
 *       at D L) into chunks L, L, ..., remainder; v visits to a cell cover at most its v largest
 *       chunks, so N visits cover at most top_t(N), the sum of the N largest chunks of the slot.
 *       A hover over c starts no earlier than the flight from the nearest base to c and ends no
 *       later than W minus the flight back (every sortie takes off at 0 or later and lands by the
 *       end of the window), so in slot t a visit, and a chunk, is at most the part of the slot
 *       inside [f_c, W - f_c], f_c that flight (less than L in the first and last slots, and in
 *       more when f_c exceeds L), and a cell with no such part gets no chunk in that slot.
 *   <li><b>per reach</b>: sum over bases b of X_b. A drone's reach F is the distance from its base
 *       to the farthest cell where it covers demand; it covers only cells within F, and hovers at
 *       most cap(F) = max over j = 1..B of min((j C - E(2F) - (j - 1) E(2 d)) / P_h,
 *       W - (2F + (j - 1) 2d) / v - (j - 1) swap) (one sortie flies out to F and back, the others
 *       at least to d, the nearest demand cell; cap(d) is the per-drone H_i). Cell c takes at most
 *       a_c = sum over slots of its capped r (as in the per-slot term). For base b's drones with
 *       reaches F_1 <= ... <= F_n, every j gives a cut of the flow from drones to cells:
 *       A_b(F_j) + sum over i > j of cap(F_i), A_b(F) the sum of a_c within F of b (the first j
 *       drones reach only those cells). X_b is the largest, over every choice of reaches among
 *       the demand cells' distances, of the smallest of those cuts, each base counted as if it
 *       had all the demand; see {@link #reachBound}.
 * </ul>
 *
 * Immutable and thread-safe.
 *
 * @param requiredS R, total goal, drone-seconds
 * @param coverableS X, the most of R the fleet can cover, drone-seconds
 * @param perDroneS sum of H_i, s
 * @param perSlotS sum over slots of the slot bound, s
 * @param perReachS sum over bases of the reach bound X_b, s
 * @param mismatchPercent 100 (R - X) / R: no selection of any plans has a lower mismatch %
 */
public record CapacityBound(double requiredS, double coverableS, double perDroneS,
    double perSlotS, double perReachS, double mismatchPercent) {

  public CapacityBound {
    if (!(requiredS >= 0) || !(coverableS >= 0) || coverableS > requiredS + 1e-6) {
      throw new IllegalArgumentException("need 0 <= coverableS <= requiredS, got " + coverableS
          + ", " + requiredS);
    }
  }

  /** The bound of {@code fleet} on problem {@code p} (goal set), cells allowed by {@code router}. */
  public static CapacityBound of(SensingProblem p, Fleet fleet, EnergyModel energy,
      LegRouter router) {
    return of(p, fleet, energy, PlanGenerator.allowedCells(p, router));
  }

  static CapacityBound of(SensingProblem p, Fleet fleet, EnergyModel energy, boolean[] allowed) {
    int cells = p.cells();
    int slots = p.slots();
    double required = 0;
    for (int i = 0; i < p.dimension(); i++) {
      required += p.goalAt(i);
    }
    int drones = fleet.count();
    double w = p.windowS();
    double[] demandOfCell = new double[cells];
    for (int c = 0; c < cells; c++) {
      for (int s = 0; s < slots && allowed[c]; s++) {
        demandOfCell[c] += p.goalAt(c, s);
      }
    }
    // distance from each base to its nearest demand cell, m (infinite: no demand)
    double[] nearestM = new double[p.bases()];
    Arrays.fill(nearestM, Double.POSITIVE_INFINITY);
    for (int b = 0; b < p.bases(); b++) {
      for (int c = 0; c < cells; c++) {
        if (demandOfCell[c] > 0) {
          nearestM[b] = Math.min(nearestM[b], Math.hypot(p.x(c) - p.bx(b), p.y(c) - p.by(b)));
        }
      }
    }
    double perDrone = 0;
    for (int i = 0; i < drones; i++) {
      int b = PlanGenerator.baseOf(i, p.bases());
      if (nearestM[b] < Double.POSITIVE_INFINITY) {
        perDrone += hoverCapS(nearestM[b], nearestM[b], fleet, energy, w);
      }
    }
    double tau = energy.flightTimeS(minDistanceBetweenDemandCells(p, demandOfCell));
    double perSlot = 0;
    double[] r = new double[cells];
    double[] visitS = new double[cells];
    double[] baseFlightS = new double[cells];
    for (int c = 0; c < cells; c++) {
      double d = Double.POSITIVE_INFINITY;
      for (int b = 0; b < p.bases(); b++) {
        d = Math.min(d, Math.hypot(p.x(c) - p.bx(b), p.y(c) - p.by(b)));
      }
      baseFlightS[c] = energy.flightTimeS(d);
    }
    double[] takeS = new double[cells]; // a_c: the most cell c can take over the window
    for (int s = 0; s < slots; s++) {
      double len = p.slotLengthS(s);
      double start = s * p.slotS();
      for (int c = 0; c < cells; c++) {
        // a hover over c lies within [flight from the nearest base, W - flight back to it]
        visitS[c] = Math.min(start + len, w - baseFlightS[c]) - Math.max(start, baseFlightS[c]);
        r[c] = allowed[c] && visitS[c] > 0 ? Math.min(p.goalAt(c, s), drones * visitS[c]) : 0;
        takeS[c] += r[c];
      }
      // a drone's useful time in the slot lies within [f, W - f], f the flight from its base to
      // the nearest cell it can sense in this slot
      double[] usefulOfBase = new double[p.bases()];
      for (int b = 0; b < p.bases(); b++) {
        double d = Double.POSITIVE_INFINITY;
        for (int c = 0; c < cells; c++) {
          if (r[c] > 0) {
            d = Math.min(d, Math.hypot(p.x(c) - p.bx(b), p.y(c) - p.by(b)));
          }
        }
        double f = energy.flightTimeS(d);
        usefulOfBase[b] = d == Double.POSITIVE_INFINITY ? 0
            : Math.max(0, Math.min(start + len, w - f) - Math.max(start, f));
      }
      double available = 0;
      for (int i = 0; i < drones; i++) {
        available += usefulOfBase[PlanGenerator.baseOf(i, p.bases())];
      }
      double[] sorted = chunks(r, visitS);
      int chunks = sorted.length;
      double best = 0;
      double prefix = 0;
      for (int n = 1; n <= chunks; n++) {
        double v = sorted[chunks - n];
        if (v <= 0) {
          break;
        }
        prefix += v;
        double time = available - Math.max(0, n - drones) * tau;
        best = Math.max(best, Math.min(prefix, time));
        if (time <= prefix) {
          break; // more cells only cost more travel
        }
      }
      perSlot += best;
    }
    double perReach = 0;
    for (int b = 0; b < p.bases(); b++) {
      int n = 0;
      for (int i = 0; i < drones; i++) {
        n += PlanGenerator.baseOf(i, p.bases()) == b ? 1 : 0;
      }
      if (n == 0 || nearestM[b] == Double.POSITIVE_INFINITY) {
        continue;
      }
      perReach += reachOfBase(p, b, n, takeS, nearestM[b], fleet, energy, w);
    }
    double coverable = Math.min(required, Math.min(perDrone, Math.min(perSlot, perReach)));
    double mismatch = required > 0 ? 100 * (required - coverable) / required : 0;
    return new CapacityBound(required, coverable, perDrone, perSlot, perReach, mismatch);
  }

  /**
   * cap(F): the most a drone can hover in the window when one of its sorties flies {@code reachM}
   * out and back and every other at least {@code nearestM} out and back, s (>= 0).
   */
  static double hoverCapS(double reachM, double nearestM, Fleet fleet, EnergyModel energy,
      double windowS) {
    double capacityJ = energy.drone().batteryCapacityJ();
    int batteries = PlanGenerator.batteriesPerDay(fleet, energy, windowS);
    double best = 0;
    for (int j = 1; j <= batteries; j++) {
      double byEnergy = (j * capacityJ - energy.flightEnergyJ(2 * reachM)
          - (j - 1) * energy.flightEnergyJ(2 * nearestM)) / energy.hoverPowerW();
      double byTime = windowS - energy.flightTimeS(2 * reachM + (j - 1) * 2 * nearestM)
          - (j - 1) * fleet.batterySwapS();
      best = Math.max(best, Math.min(byEnergy, byTime));
    }
    return best;
  }

  /** X_b for base {@code b}'s {@code n} drones, cells taking at most {@code takeS}, s. */
  private static double reachOfBase(SensingProblem p, int b, int n, double[] takeS,
      double nearestM, Fleet fleet, EnergyModel energy, double windowS) {
    int cells = p.cells();
    Integer[] order = java.util.stream.IntStream.range(0, cells).filter(c -> takeS[c] > 0)
        .boxed().toArray(Integer[]::new);
    double[] dist = new double[cells];
    for (int c : order) {
      dist[c] = Math.hypot(p.x(c) - p.bx(b), p.y(c) - p.by(b));
    }
    Arrays.sort(order, (x, y) -> Double.compare(dist[x], dist[y]));
    int m = order.length;
    double[] within = new double[m];
    double[] cap = new double[m];
    double sum = 0;
    for (int k = 0; k < m; k++) {
      sum += takeS[order[k]];
      within[k] = sum;
      cap[k] = hoverCapS(dist[order[k]], nearestM, fleet, energy, windowS);
    }
    for (int k = m - 2; k >= 0; k--) {
      if (dist[order[k]] == dist[order[k + 1]]) {
        within[k] = within[k + 1]; // a reach covers every cell at its distance
      }
    }
    return reachBound(n, within, cap);
  }

  /**
   * The most {@code n} drones can cover when each picks a reach k (cells sorted by distance,
   * {@code within[k]} the demand within reach k, non-decreasing; {@code capS[k]} the hover a drone
   * of reach k has): the largest over every choice of reaches k_1 <= ... <= k_n of the smallest
   * cut min over j = 0..n of within[k_j] + sum over i > j of capS[k_i] (within of j = 0 is 0).
   * Bisection on the value V with, for each V, a dynamic programme from the farthest drone down:
   * best[k] = the largest sum of the caps of the drones placed so far, the lowest at reach k, with
   * every cut so far at least V. Returns a value at least the exact one (the bisection's
   * infeasible end), within 1e-9 relative. O(n m log) time.
   */
  static double reachBound(int n, double[] within, double[] capS) {
    int m = within.length;
    if (n == 0 || m == 0) {
      return 0;
    }
    double capMax = 0;
    for (double c : capS) {
      capMax = Math.max(capMax, c);
    }
    double lo = 0;
    double hi = n * Math.max(0, capMax) + 1; // the cut j = 0 (sum of caps) is below it: infeasible
    double[] best = new double[m];
    double[] next = new double[m];
    for (int iter = 0; iter < 200 && hi - lo > 1e-9 * hi; iter++) {
      double v = (lo + hi) / 2;
      for (int k = 0; k < m; k++) {
        best[k] = within[k] >= v ? capS[k] : Double.NEGATIVE_INFINITY; // the farthest drone
      }
      for (int level = n - 1; level >= 1; level--) {
        double suffix = Double.NEGATIVE_INFINITY; // best over reaches >= k of the drone above
        for (int k = m - 1; k >= 0; k--) {
          suffix = Math.max(suffix, best[k]);
          next[k] = suffix > Double.NEGATIVE_INFINITY && within[k] + suffix >= v
              ? suffix + capS[k] : Double.NEGATIVE_INFINITY;
        }
        double[] t = best;
        best = next;
        next = t;
      }
      double all = Double.NEGATIVE_INFINITY;
      for (double x : best) {
        all = Math.max(all, x);
      }
      if (all >= v) {
        lo = v;
      } else {
        hi = v;
      }
    }
    return hi;
  }

  /**
   * Each positive r[c] split into pieces of at most {@code pieceS[c]} (pieceS, pieceS, ...,
   * remainder), all pieces sorted ascending.
   */
  static double[] chunks(double[] r, double[] pieceS) {
    int n = 0;
    for (int c = 0; c < r.length; c++) {
      n += r[c] > 0 ? (int) Math.ceil(r[c] / pieceS[c] - 1e-9) : 0;
    }
    double[] out = new double[n];
    int k = 0;
    for (int c = 0; c < r.length; c++) {
      for (double left = r[c]; left > 1e-9 && k < n; left -= pieceS[c]) {
        out[k++] = Math.min(left, pieceS[c]);
      }
    }
    Arrays.sort(out, 0, k);
    return k == n ? out : Arrays.copyOf(out, k);
  }

  /** Smallest distance between two cells with demand, m (0 with fewer than two). */
  static double minDistanceBetweenDemandCells(SensingProblem p, double[] demandOfCell) {
    double best = Double.POSITIVE_INFINITY;
    int n = p.cells();
    for (int a = 0; a < n; a++) {
      if (demandOfCell[a] <= 0) {
        continue;
      }
      for (int b = a + 1; b < n; b++) {
        if (demandOfCell[b] > 0) {
          best = Math.min(best, Math.hypot(p.x(a) - p.x(b), p.y(a) - p.y(b)));
        }
      }
    }
    return best == Double.POSITIVE_INFINITY ? 0 : best;
  }

  /**
   * The water level theta with sum over (cell, slot) of max(0, r - theta) = coverableS (0 if the
   * fleet can cover everything): sensing r - theta wherever r exceeds theta is the least-squares
   * best use of the coverable hover.
   */
  public double waterLevel(SensingProblem p) {
    double[] g = new double[p.dimension()];
    for (int i = 0; i < g.length; i++) {
      g[i] = p.goalAt(i);
    }
    Arrays.sort(g);
    double above = 0; // sum of the values above the current level
    for (int n = 1; n <= g.length; n++) {
      double level = g[g.length - n];
      double next = n < g.length ? g[g.length - n - 1] : 0;
      above += level;
      // with the n largest values above theta: sum = above - n theta = coverable
      double theta = (above - coverableS) / n;
      if (theta >= next) {
        return Math.max(0, theta);
      }
    }
    return 0;
  }
}
