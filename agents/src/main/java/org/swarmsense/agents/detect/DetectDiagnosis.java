package org.swarmsense.agents.detect;

import java.awt.geom.AffineTransform;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.AreaTraffic;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.evaluation.DetectedVehicles;
import org.swarmsense.epos.sensing.evaluation.Objective;
import org.swarmsense.epos.sensing.evaluation.SensingMetrics;
import org.swarmsense.epos.sensing.mission.Mission;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.maps.camera.NadirCamera;
import org.swarmsense.maps.camera.TrafficTrace;
import org.swarmsense.maps.camera.VehiclePose;
import org.swarmsense.maps.traffic.TrafficDemand;

/**
 * {@code bench sensing --detect --diagnose} (issue 14's diagnosis of the scarce-fleet runs): per run
 * and strategy, where the plans hover and what is under the drones there, by three counts of
 * vehicle-seconds over the same hover seconds (the planner's demand per (cell, slot) spread evenly
 * over the slot, the trace's vehicles actually in the hovered cell at that second, and the camera's
 * ground-truth boxes of each frame times the seconds it stands for), the detector's matches, the
 * planned hover against the flown hover per (cell, slot), the normalised global cost; and the
 * sampling noise on I-EPOS's ratio to the best baseline: a bootstrap over frames and an exact Poisson
 * interval on the matched boxes. Stateless; the bootstrap is seeded ({@link #BOOTSTRAP_SEED}) and
 * prints its seed.
 */
public final class DetectDiagnosis {

  /** Resamples of the bootstrap over frames. */
  public static final int BOOTSTRAP_RESAMPLES = 4000;

  /** The bootstrap's seed (printed with its interval). */
  public static final long BOOTSTRAP_SEED = 14;

  private DetectDiagnosis() {}

  /**
   * Prints the diagnosis of one run.
   *
   * @param run the planned run
   * @param runIndex its index in the mission's result
   * @param flights the finished flights (every strategy of the run flown)
   * @param figures every strategy's measured detection
   * @param best the best uncoordinated baseline by detected vehicles (the ratio's denominator)
   * @param cost the mission's global cost function (the G/G0 column)
   */
  public static void print(MissionPlanner.Run run, int runIndex, MissionDetection.Flights flights,
      Map<Strategy, DetectedVehicles> figures, Strategy best, Mission.CostFunction cost, PrintWriter w) {
    SensingProblem p = run.problem();
    AreaTraffic traffic = flights.traffic();
    Map<Strategy, List<MissionDetection.FlownFrame>> frames = new EnumMap<>(Strategy.class);
    for (Strategy s : run.results().keySet()) {
      frames.put(s, flights.frames(runIndex, s));
    }
    Map<Long, Integer> inCell = vehiclesInCellBySecond(traffic, p.slots());
    Footprint footprint = new Footprint(flights);
    int d = p.dimension();
    Objective g = new Objective(p.goal(), cost, p.slotS(), 0, 0);
    w.printf(Locale.ROOT, "diagnosis, %d drones: hover seconds in the window; vehicle-seconds under the drones over"
        + " those seconds: 'forecast' = the planner's demand of the (cell, slot) / slot length, 'in cell' = the"
        + " trace's vehicles in the hovered cell at that second, 'in view' / 'tunnel' = the trace's vehicles whose"
        + " centre is in the camera's frame, on a visible road / under cover, 'camera' = each frame's ground-truth"
        + " boxes x the seconds it stands for%n", run.drones());
    double sideM = flights.camera().settings().groundWidthM();
    double heightM = flights.camera().settings().groundHeightM();
    double cellM = traffic.grid().cellSizeM();
    w.printf(Locale.ROOT, "camera footprint %.1f x %.1f m at %.0f m altitude, %.1f %% of a %.0f m cell's area (hovering"
        + " at the cell's centre)%n", sideM, heightM, flights.camera().settings().altitudeM(),
        100 * sideM * heightM / (cellM * cellM), cellM);
    w.printf(Locale.ROOT, "%-13s %6s %6s %5s %5s %6s %5s %8s %8s %8s %7s %6s %7s %6s %4s %4s %5s %6s %6s %7s %6s %6s%n",
        "strategy", "plan s", "flown", "cells", "c-s", "same", "lag", "fc plan", "forecast", "in cell", "in view",
        "tunnel",
        "camera", "frames", "GT", "TP", "TP/GT", "view/c", "cam/fc", "detectd", "G/G0", "bnd x");
    Map<Strategy, double[]> flownBy = new HashMap<>();
    for (MissionPlanner.StrategyResult sr : run.results().values()) {
      Strategy s = sr.strategy();
      List<MissionDetection.FlownFrame> fl = frames.get(s);
      double[] planned = SensingMetrics.aggregate(run.plans(), sr.selection(), d);
      double[] flown = flownHover(fl, p);
      flownBy.put(s, flown);
      double plannedS = 0;
      double flownS = 0;
      double same = 0;
      double forecast = 0;
      double plannedForecast = 0;
      int cellSlots = 0;
      java.util.Set<Integer> cells = new java.util.TreeSet<>();
      for (int j = 0; j < d; j++) {
        plannedS += planned[j];
        flownS += flown[j];
        same += Math.min(planned[j], flown[j]);
        forecast += flown[j] * p.vehicleSecondsAt(j) / p.slotLengthS(j % p.slots());
        plannedForecast += planned[j] * p.vehicleSecondsAt(j) / p.slotLengthS(j % p.slots());
        if (flown[j] > 0) {
          cellSlots++;
          cells.add(j / p.slots());
        }
      }
      double cell = 0;
      double camera = 0;
      double[] view = new double[2];
      long gt = 0;
      long tp = 0;
      for (MissionDetection.FlownFrame f : fl) {
        for (long sec : f.secondsS()) {
          cell += inCell.getOrDefault(key(f.cell(), traffic.startS() + sec), 0);
          int[] v = footprint.count(f, sec);
          view[0] += v[0];
          view[1] += v[1];
        }
        camera += (double) f.truthBoxes() * f.secondsS().length;
        gt += f.truthBoxes();
        tp += f.truePositives();
      }
      double[] lag = lagS(run, sr.selection(), fl);
      w.printf(Locale.ROOT, "%-13s %6.0f %6.0f %5d %5d %6.3f %5.1f %8.0f %8.0f %8.0f %7.0f %6.0f %7.0f %6d %4d %4d %5.3f"
          + " %6.3f %6.3f %7.0f %6.4f %6.3f%n", sr.name(), plannedS, flownS, cells.size(), cellSlots,
          plannedS > 0 ? same / plannedS : 0, lag[0], plannedForecast, forecast, cell, view[0], view[1], camera, fl.size(), gt, tp,
          gt > 0 ? (double) tp / gt : 0, cell > 0 ? view[0] / cell : 0, forecast > 0 ? camera / forecast : 0,
          figures.get(s).detectedVehicleSeconds(), g.global(planned) / g.zeroCost(), run.boundRatio(s));
    }
    w.printf(Locale.ROOT, "(same: share of the planned hover flown in the same (cell, slot); lag: mean seconds from a"
        + " planned hover stop's start to the flown hover over its cell; fc plan: the forecast over the planned hover"
        + " (what the planner expects to see); c-s: (cell, slot) pairs hovered; view/c:"
        + " in view / in cell; G/G0: normalised global cost of the planned aggregate, what I-EPOS minimises; bnd x:"
        + " mismatch %% over the capacity bound's %.2f %%)%n", run.capacityBound().mismatchPercent());
    Map<String, int[]> cellOf = vehicleCellBySecond(traffic, p.slots());
    DemandVehicleSeconds demand = DemandVehicleSeconds.of(traffic);
    StringBuilder where = new StringBuilder();
    for (Strategy s : run.results().keySet()) {
      long[] n = creditedInHoveredCell(frames.get(s), demand, cellOf, traffic.startS());
      where.append(where.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %d of %d", s.label(), n[0],
          n[1]));
    }
    w.printf(Locale.ROOT, "detected vehicle-seconds credited while the vehicle is in the hovered cell (a frame's"
        + " matches count for the seconds it stands for): %s%n", where);
    double[] e = flownBy.get(Strategy.I_EPOS);
    for (Strategy s : Strategy.UNCOORDINATED) {
      double[] b = flownBy.get(s);
      double shared = 0;
      double total = 0;
      double sharedCells = 0;
      for (int j = 0; j < d; j++) {
        shared += Math.min(e[j], b[j]);
        total += e[j];
      }
      for (int c = 0; c < p.cells(); c++) {
        double ec = 0;
        double bc = 0;
        for (int t = 0; t < p.slots(); t++) {
          ec += e[c * p.slots() + t];
          bc += b[c * p.slots() + t];
        }
        sharedCells += Math.min(ec, bc);
      }
      w.printf(Locale.ROOT, "I-EPOS's flown hover also flown by %s: %.0f of %.0f s in the same (cell, slot), %.0f s"
          + " in the same cells%n", s.label(), shared, total, sharedCells);
    }
    cells(run, frames, Strategy.I_EPOS, best, inCell, footprint, traffic, w);
    noise(frames.get(Strategy.I_EPOS), frames.get(best), best, traffic, w);
  }

  /** Per cell hovered by I-EPOS or {@code best}: hover, forecast and truth per hover second, GT and TP per frame. */
  private static void cells(MissionPlanner.Run run, Map<Strategy, List<MissionDetection.FlownFrame>> frames,
      Strategy a, Strategy b, Map<Long, Integer> inCell, Footprint footprint, AreaTraffic traffic, PrintWriter w) {
    SensingProblem p = run.problem();
    w.printf(Locale.ROOT, "per cell (%s | %s): hover s; per hover second the forecast, in-cell, in-view and"
        + " in-view-under-cover vehicles; frames; camera GT boxes and matches per frame%n", a.label(), b.label());
    w.printf(Locale.ROOT, "%5s |%5s %6s %6s %5s %5s %4s %5s %5s |%5s %6s %6s %5s %5s %4s %5s %5s%n", "cell", "hover",
        "fc", "cell", "view", "tunl", "fr", "GT/f", "TP/f", "hover", "fc", "cell", "view", "tunl", "fr", "GT/f",
        "TP/f");
    Map<Integer, double[][]> rows = new TreeMap<>();
    int k = 0;
    for (Strategy s : List.of(a, b)) {
      for (MissionDetection.FlownFrame f : frames.get(s)) {
        double[] r = rows.computeIfAbsent(f.cell(), c -> new double[2][8])[k];
        for (long sec : f.secondsS()) {
          int slot = (int) Math.min(p.slots() - 1, Math.floor(sec / p.slotS()));
          r[0] += 1;
          r[1] += p.vehicleSecondsAt(f.cell() * p.slots() + slot) / p.slotLengthS(slot);
          r[2] += inCell.getOrDefault(key(f.cell(), traffic.startS() + sec), 0);
          int[] v = footprint.count(f, sec);
          r[6] += v[0];
          r[7] += v[1];
        }
        r[3] += 1;
        r[4] += f.truthBoxes();
        r[5] += f.truePositives();
      }
      k++;
    }
    for (Map.Entry<Integer, double[][]> en : rows.entrySet()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5d", en.getKey()));
      for (double[] r : en.getValue()) {
        if (r[0] == 0) {
          line.append(String.format(Locale.ROOT, " |%5s %6s %6s %5s %5s %4s %5s %5s", "-", "", "", "", "", "", "",
              ""));
        } else {
          line.append(String.format(Locale.ROOT, " |%5.0f %6.2f %6.2f %5.2f %5.2f %4.0f %5.2f %5.2f", r[0],
              r[1] / r[0], r[2] / r[0], r[6] / r[0], r[7] / r[0], r[3], r[4] / r[3], r[5] / r[3]));
        }
      }
      w.println(line);
    }
  }

  /**
   * The sampling noise of I-EPOS's detected vehicle-seconds over {@code best}'s: (1) a percentile
   * bootstrap over each strategy's frames, resampled independently with replacement, a frame carrying
   * the vehicle-seconds it was the first of its strategy to detect; (2) the exact conditional
   * (Clopper-Pearson) 95 % interval on the ratio of two Poisson counts, the matched boxes.
   */
  private static void noise(List<MissionDetection.FlownFrame> epos, List<MissionDetection.FlownFrame> best,
      Strategy bestName, AreaTraffic traffic, PrintWriter w) {
    DemandVehicleSeconds demand = DemandVehicleSeconds.of(traffic);
    double[] ce = contributions(epos, demand, traffic.startS());
    double[] cb = contributions(best, demand, traffic.startS());
    double[] ci = bootstrapRatio(ce, cb, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
    long tpE = epos.stream().mapToLong(MissionDetection.FlownFrame::truePositives).sum();
    long tpB = best.stream().mapToLong(MissionDetection.FlownFrame::truePositives).sum();
    double[] pci = poissonRatioInterval(tpE, tpB, 0.05);
    long framesE = epos.stream().filter(f -> f.truePositives() > 0).count();
    long framesB = best.stream().filter(f -> f.truePositives() > 0).count();
    w.printf(Locale.ROOT, "noise on I-EPOS / %s: detected veh-s %.0f / %.0f = x%.3f from %d / %d frames with a match"
        + " (of %d / %d); bootstrap over frames (%d resamples, seed %d): 95 %% interval x%.3f .. x%.3f, P(ratio >= %.2f)"
        + " = %.3f; matched boxes %d / %d, exact Poisson ratio 95 %% interval x%.3f .. x%.3f%n", bestName.label(),
        sum(ce), sum(cb), sum(cb) > 0 ? sum(ce) / sum(cb) : Double.NaN, framesE, framesB, epos.size(), best.size(),
        BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, ci[0], ci[1], DetectBench.GOAL_RATIO, ci[2], tpE, tpB, pci[0], pci[1]);
  }

  /**
   * Per frame, in order, the demand's vehicle-seconds it detects that no earlier frame of the list
   * detected (their sum is the strategy's detected vehicle-seconds, {@link MissionDetection}'s rule).
   */
  static double[] contributions(List<MissionDetection.FlownFrame> frames, DemandVehicleSeconds demand, long startS) {
    Map<String, BitSet> seen = new HashMap<>();
    double[] c = new double[frames.size()];
    for (int i = 0; i < frames.size(); i++) {
      MissionDetection.FlownFrame f = frames.get(i);
      if (f.lost()) {
        continue;
      }
      for (String v : f.matchedVehicleIds()) {
        for (long s : f.secondsS()) {
          if (demand.contains(v, startS + s)) {
            BitSet b = seen.computeIfAbsent(v, k -> new BitSet());
            if (!b.get((int) s)) {
              b.set((int) s);
              c[i]++;
            }
          }
        }
      }
    }
    return c;
  }

  /**
   * Percentile bootstrap of sum(a) / sum(b), a and b resampled independently with replacement:
   * {2.5 % quantile, 97.5 % quantile, share of resamples at or above the goal ratio}. A resample whose
   * denominator is 0 counts as an infinite ratio.
   */
  static double[] bootstrapRatio(double[] a, double[] b, int resamples, long seed) {
    if (a.length == 0 || b.length == 0 || resamples < 1) {
      throw new IllegalArgumentException("need frames on both sides and resamples >= 1, got " + a.length + ", "
          + b.length + ", " + resamples);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] r = new double[resamples];
    int atGoal = 0;
    for (int k = 0; k < resamples; k++) {
      double sa = 0;
      double sb = 0;
      for (int i = 0; i < a.length; i++) {
        sa += a[rnd.nextInt(a.length)];
      }
      for (int i = 0; i < b.length; i++) {
        sb += b[rnd.nextInt(b.length)];
      }
      r[k] = sb > 0 ? sa / sb : Double.POSITIVE_INFINITY;
      atGoal += r[k] >= DetectBench.GOAL_RATIO ? 1 : 0;
    }
    java.util.Arrays.sort(r);
    return new double[] {r[(int) Math.floor(0.025 * (resamples - 1))], r[(int) Math.ceil(0.975 * (resamples - 1))],
        (double) atGoal / resamples};
  }

  /**
   * The exact conditional interval for the ratio of two Poisson means from counts {@code x} and
   * {@code y}: given n = x + y, x is binomial(n, pi), pi = ra / (ra + rb); the Clopper-Pearson
   * interval of pi at level 1 - {@code alpha}, mapped by pi / (1 - pi).
   */
  static double[] poissonRatioInterval(long x, long y, double alpha) {
    if (x < 0 || y < 0 || !(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("need counts >= 0 and 0 < alpha < 1, got " + x + ", " + y + ", " + alpha);
    }
    long n = x + y;
    double lo = x == 0 ? 0 : solve(n, x, alpha / 2, true);
    double hi = x == n ? 1 : solve(n, x, alpha / 2, false);
    return new double[] {lo / (1 - lo), hi >= 1 ? Double.POSITIVE_INFINITY : hi / (1 - hi)};
  }

  /** Lower: pi with P(X >= x | pi) = q; upper: pi with P(X <= x | pi) = q; by bisection. */
  private static double solve(long n, long x, double q, boolean lower) {
    double a = 0;
    double b = 1;
    for (int i = 0; i < 100; i++) {
      double m = (a + b) / 2;
      double tail = lower ? 1 - binomialCdf(n, x - 1, m) : binomialCdf(n, x, m);
      // lower: the upper tail grows with pi; upper: the lower tail falls with pi
      if (lower == (tail < q)) {
        a = m;
      } else {
        b = m;
      }
    }
    return (a + b) / 2;
  }

  private static double binomialCdf(long n, long k, double pi) {
    if (k < 0) {
      return 0;
    }
    double s = 0;
    for (long i = 0; i <= Math.min(k, n); i++) {
      s += Math.exp(logChoose(n, i) + i * Math.log(pi) + (n - i) * Math.log1p(-pi));
    }
    return Math.min(1, s);
  }

  private static double logChoose(long n, long k) {
    double s = 0;
    for (long i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /**
   * Mean and largest lag, s, from each planned hover stop's start to the first flown second (at or
   * after it, within 120 s) at which its drone hovers over the stop's cell; stops never found are
   * left out (their count is the third value).
   */
  static double[] lagS(MissionPlanner.Run run, int[] selection, List<MissionDetection.FlownFrame> flown) {
    Map<Long, Integer> cellAt = new HashMap<>();
    for (MissionDetection.FlownFrame f : flown) {
      for (long sec : f.secondsS()) {
        cellAt.put((long) f.drone() * 1_000_000L + sec, f.cell());
      }
    }
    double sum = 0;
    double max = 0;
    int n = 0;
    int missing = 0;
    for (int i = 0; i < selection.length; i++) {
      for (CandidatePlan.Sortie so : run.plans().get(i).get(selection[i]).sorties()) {
        for (CandidatePlan.Stop st : so.stops()) {
          long from = (long) Math.ceil(st.startS() - 1e-9);
          long found = -1;
          for (long s = from; s < from + 120; s++) {
            Integer c = cellAt.get((long) i * 1_000_000L + s);
            if (c != null && c == st.cell()) {
              found = s;
              break;
            }
          }
          if (found < 0) {
            missing++;
          } else {
            sum += found - st.startS();
            max = Math.max(max, found - st.startS());
            n++;
          }
        }
      }
    }
    return new double[] {n > 0 ? sum / n : 0, max, missing};
  }

  /**
   * Per (frame, second): the trace's vehicles whose centre is in the frame, {visible, under cover}
   * (the camera's own tunnel rule, {@code MapScene.underground}). Poses cached per second. Not
   * thread-safe.
   */
  private static final class Footprint {
    private final NadirCamera camera;
    private final TrafficTrace trace;
    private final AreaTraffic traffic;
    private final Map<Long, List<VehiclePose>> poses = new HashMap<>();

    Footprint(MissionDetection.Flights flights) {
      this.camera = flights.camera();
      this.trace = flights.trace();
      this.traffic = flights.traffic();
    }

    int[] count(MissionDetection.FlownFrame f, long secondS) {
      long traceS = traffic.startS() + secondS;
      List<VehiclePose> at = poses.computeIfAbsent(traceS, t -> trace.posesAt(t));
      Coordinate wgs = traffic.projection().toWgs84(f.xM(), f.yM());
      Coordinate c = camera.scene().projection().toLocal(wgs.x, wgs.y);
      AffineTransform toPixel = camera.groundToPixel(c.x, c.y, f.headingDeg());
      int w = camera.settings().widthPx();
      int h = camera.settings().heightPx();
      int[] n = new int[2];
      double[] xy = new double[2];
      for (VehiclePose v : at) {
        xy[0] = v.xM();
        xy[1] = v.yM();
        toPixel.transform(xy, 0, xy, 0, 1);
        if (xy[0] >= 0 && xy[0] < w && xy[1] >= 0 && xy[1] < h) {
          n[camera.scene().underground(v.xM(), v.yM()) ? 1 : 0]++;
        }
      }
      return n;
    }
  }

  /** Hover seconds flown per (cell, slot), from the frames' seconds. */
  static double[] flownHover(List<MissionDetection.FlownFrame> frames, SensingProblem p) {
    double[] flown = new double[p.dimension()];
    for (MissionDetection.FlownFrame f : frames) {
      for (long sec : f.secondsS()) {
        int slot = (int) Math.min(p.slots() - 1, Math.floor(sec / p.slotS()));
        flown[f.cell() * p.slots() + slot] += 1;
      }
    }
    return flown;
  }

  /**
   * {credited in the frame's own cell, credited}: the demand's vehicle-seconds the frames detect
   * (each once, {@link #contributions}' rule) and how many of them the vehicle spends in the cell the
   * frame was taken over.
   */
  static long[] creditedInHoveredCell(List<MissionDetection.FlownFrame> frames, DemandVehicleSeconds demand,
      Map<String, int[]> cellOf, long startS) {
    Map<String, BitSet> seen = new HashMap<>();
    long inCell = 0;
    long all = 0;
    for (MissionDetection.FlownFrame f : frames) {
      if (f.lost()) {
        continue;
      }
      for (String v : f.matchedVehicleIds()) {
        int[] cells = cellOf.get(v);
        for (long s : f.secondsS()) {
          if (demand.contains(v, startS + s)) {
            BitSet b = seen.computeIfAbsent(v, k -> new BitSet());
            if (!b.get((int) s)) {
              b.set((int) s);
              all++;
              inCell += cells != null && s < cells.length && cells[(int) s] == f.cell() ? 1 : 0;
            }
          }
        }
      }
    }
    return new long[] {inCell, all};
  }

  /** Vehicle -> its cell at each window second (-1: in no cell), by the demand's rule. */
  private static Map<String, int[]> vehicleCellBySecond(AreaTraffic traffic, int slots) {
    Map<String, int[]> out = new HashMap<>();
    int n = (int) (traffic.slotS() * slots);
    for (org.swarmsense.maps.traffic.Trajectory t : traffic.trajectories()) {
      TrafficDemand.forEachVehicleSecond(t, traffic.projection(), traffic.grid(), traffic.startS(), traffic.slotS(),
          slots, (vehicleId, tS, cell, slot) -> out.computeIfAbsent(vehicleId, k -> {
            int[] a = new int[n];
            Arrays.fill(a, -1);
            return a;
          })[(int) (tS - traffic.startS())] = cell);
    }
    return out;
  }

  /** (cell, trace second) -> vehicles of the trace in that cell at that second, by the demand's rule. */
  private static Map<Long, Integer> vehiclesInCellBySecond(AreaTraffic traffic, int slots) {
    Map<Long, Integer> n = new HashMap<>();
    for (org.swarmsense.maps.traffic.Trajectory t : traffic.trajectories()) {
      TrafficDemand.forEachVehicleSecond(t, traffic.projection(), traffic.grid(), traffic.startS(), traffic.slotS(),
          slots, (vehicleId, tS, cell, slot) -> n.merge(key(cell, tS), 1, Integer::sum));
    }
    return n;
  }

  private static long key(int cell, long traceS) {
    return (long) cell * 1_000_000_007L + traceS;
  }
}
