package org.swarmsense.epos.sensing.evaluation;

import java.util.List;
import org.swarmsense.epos.sensing.plans.CandidatePlan;
import org.swarmsense.epos.sensing.plans.SensingProblem;

/**
 * The metrics of one selection of plans (specs/sensing.md), per mission and per slot. With m the
 * sensing provided (hover seconds) and r the goal, per (cell, slot):
 *
 * <ul>
 *   <li>mismatch % = 100 sum |m - r| / sum r; under % = 100 sum max(r - m, 0) / sum r; over % = 100
 *       sum max(m - r, 0) / sum r;
 *   <li>energy (kJ, and % of the fleet's capacity = drones x batteries per day x battery capacity),
 *       flights (sorties);
 *   <li>vehicle observation share = sum v min(1, m / slot length) / sum v, v the vehicle-seconds:
 *       the share of vehicle-seconds that happen while a drone hovers over their cell, assuming
 *       traffic spread evenly within a slot and drones on one cell not overlapping in time (our
 *       proxy of detection accuracy);
 *   <li>observations per kJ = observed vehicle-seconds / energy kJ (efficiency; relative units for
 *       a cells file's value column);
 *   <li>coverage = share of (cell, slot) with r > 0 that get m > 0.
 * </ul>
 *
 * Immutable and thread-safe.
 */
public record SensingMetrics(
    double mismatchPercent,
    double underSensingPercent,
    double overSensingPercent,
    double energyKj,
    double energyPercentOfCapacity,
    int flights,
    double vehicleObservationShare,
    double observationsPerKj,
    double coverage,
    double objective,
    List<SlotMetrics> perSlot) {

  public SensingMetrics {
    perSlot = List.copyOf(perSlot);
  }

  /** Metrics of one time slot. */
  public record SlotMetrics(
      int slot,
      double requiredS,
      double sensedS,
      double mismatchPercent,
      double underSensingPercent,
      double overSensingPercent,
      double vehicleObservationShare,
      double coverage) {}

  /** The sensing aggregate m of a selection. */
  public static double[] aggregate(List<List<CandidatePlan>> plans, int[] selection, int d) {
    double[] m = new double[d];
    for (int i = 0; i < selection.length; i++) {
      plans.get(i).get(selection[i]).addTo(m, 1);
    }
    return m;
  }

  /** Measures a selection; {@code fleetCapacityJ} is drones x batteries per day x capacity. */
  public static SensingMetrics measure(SensingProblem p, List<List<CandidatePlan>> plans,
      int[] selection, double fleetCapacityJ, Objective objective) {
    if (selection.length != plans.size()) {
      throw new IllegalArgumentException(
          "selection has " + selection.length + " drones, plans " + plans.size());
    }
    int d = p.dimension();
    double[] m = aggregate(plans, selection, d);
    double energyJ = 0;
    int flights = 0;
    for (int i = 0; i < selection.length; i++) {
      CandidatePlan c = plans.get(i).get(selection[i]);
      energyJ += c.energyJ();
      flights += c.flights();
    }
    int slots = p.slots();
    double[] req = new double[slots];
    double[] sensed = new double[slots];
    double[] abs = new double[slots];
    double[] under = new double[slots];
    double[] over = new double[slots];
    double[] veh = new double[slots];
    double[] obs = new double[slots];
    int[] demandCells = new int[slots];
    int[] coveredCells = new int[slots];
    for (int c = 0; c < p.cells(); c++) {
      for (int t = 0; t < slots; t++) {
        int j = c * slots + t;
        double r = p.goalAt(j);
        double mm = m[j];
        req[t] += r;
        sensed[t] += mm;
        abs[t] += Math.abs(mm - r);
        under[t] += Math.max(r - mm, 0);
        over[t] += Math.max(mm - r, 0);
        double v = p.vehicleSecondsAt(j);
        veh[t] += v;
        obs[t] += v * Math.min(1, mm / p.slotLengthS(t));
        if (r > 0) {
          demandCells[t]++;
          if (mm > 0) {
            coveredCells[t]++;
          }
        }
      }
    }
    List<SlotMetrics> perSlot = new java.util.ArrayList<>();
    double tReq = 0;
    double tAbs = 0;
    double tUnder = 0;
    double tOver = 0;
    double tVeh = 0;
    double tObs = 0;
    int tDemand = 0;
    int tCovered = 0;
    for (int t = 0; t < slots; t++) {
      perSlot.add(new SlotMetrics(t, req[t], sensed[t], pct(abs[t], req[t]), pct(under[t], req[t]),
          pct(over[t], req[t]), veh[t] > 0 ? obs[t] / veh[t] : 0,
          demandCells[t] > 0 ? (double) coveredCells[t] / demandCells[t] : 0));
      tReq += req[t];
      tAbs += abs[t];
      tUnder += under[t];
      tOver += over[t];
      tVeh += veh[t];
      tObs += obs[t];
      tDemand += demandCells[t];
      tCovered += coveredCells[t];
    }
    double energyKj = energyJ / 1000;
    return new SensingMetrics(pct(tAbs, tReq), pct(tUnder, tReq), pct(tOver, tReq), energyKj,
        fleetCapacityJ > 0 ? 100 * energyJ / fleetCapacityJ : 0, flights,
        tVeh > 0 ? tObs / tVeh : 0, energyKj > 0 ? tObs / energyKj : 0,
        tDemand > 0 ? (double) tCovered / tDemand : 0, objective.of(plans, selection), perSlot);
  }

  private static double pct(double x, double total) {
    return total > 0 ? 100 * x / total : 0;
  }
}
