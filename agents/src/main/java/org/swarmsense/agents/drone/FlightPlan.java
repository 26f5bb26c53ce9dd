package org.swarmsense.agents.drone;

import java.util.ArrayList;
import java.util.List;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * The simulated timeline of one drone's day: waits at the base, straight legs at cruise speed
 * along each sortie's routed path, hovers at the sortie's stops and a battery swap after each
 * landing; with {@link #stateAt} giving the position and battery at any simulated time. Battery
 * drain follows the energy model: flight power while flying, hover power while hovering, nothing on
 * the ground; a swap restores a full battery at its end. Timing is our own kinematics (legs at the
 * model's ground speed), so it can differ slightly from the plan generator's schedule, but stops are
 * visited in order and hovered for their planned duration. Immutable, thread-safe.
 */
public final class FlightPlan {
  /**
   * Two positions closer than this (m) are the same point when matching a sortie's hover stops to
   * its path vertices; the one value for every timeline built from a candidate plan (the gateway's
   * {@code PlanWaypoints} uses it too).
   */
  public static final double SAME_POINT_M = 1e-6;

  /** One piece of the timeline. */
  record Segment(FlightPhase phase, double startS, double durationS, double x0, double y0,
      double x1, double y1, int cell) {
    double endS() {
      return startS + durationS;
    }
  }

  private final List<Segment> segments;
  private final double baseX;
  private final double baseY;
  private final double altitudeM;
  private final double speedMps;
  private final double hoverW;
  private final double flightW;
  private final double capacityJ;

  private FlightPlan(List<Segment> segments, double baseX, double baseY, double altitudeM,
      EnergyModel energy) {
    this.segments = List.copyOf(segments);
    this.baseX = baseX;
    this.baseY = baseY;
    this.altitudeM = altitudeM;
    this.speedMps = energy.drone().groundSpeedMps();
    this.hoverW = energy.hoverPowerW();
    this.flightW = energy.flightPowerW();
    this.capacityJ = energy.drone().batteryCapacityJ();
  }

  /** A day on the ground at the base (no plan). */
  public static FlightPlan idleAt(double baseX, double baseY, EnergyModel energy) {
    return new FlightPlan(List.of(), baseX, baseY, 0, energy);
  }

  /**
   * The timeline of {@code plan} flown from base ({@code baseX}, {@code baseY}) at
   * {@code altitudeM}, with {@code swapS} seconds of battery swap after each landing, starting on
   * the ground with a full battery at simulated time {@code startS} (sorties whose take-off time is
   * earlier leave as soon as the previous one is done).
   */
  public static FlightPlan of(CandidatePlan plan, double baseX, double baseY, double altitudeM,
      double swapS, double startS, EnergyModel energy) {
    if (plan == null || energy == null) {
      throw new IllegalArgumentException("plan and energy must not be null");
    }
    if (!(swapS >= 0)) {
      throw new IllegalArgumentException("swapS must be >= 0, got: " + swapS);
    }
    if (!(altitudeM >= 0)) {
      throw new IllegalArgumentException("altitudeM must be >= 0, got: " + altitudeM);
    }
    double v = energy.drone().groundSpeedMps();
    List<Segment> out = new ArrayList<>();
    if (!(startS >= 0) || !Double.isFinite(startS)) {
      throw new IllegalArgumentException("startS must be finite and >= 0, got: " + startS);
    }
    double t = startS;
    for (CandidatePlan.Sortie sortie : plan.sorties()) {
      if (sortie.takeOffS() > t) {
        t = sortie.takeOffS();
      }
      List<CandidatePlan.Stop> stops = sortie.stops();
      int nextStop = 0;
      List<double[]> path = sortie.path();
      double x = path.isEmpty() ? baseX : path.get(0)[0];
      double y = path.isEmpty() ? baseY : path.get(0)[1];
      for (int i = 0; i <= path.size(); i++) {
        if (i > 0 && i < path.size()) {
          double[] p = path.get(i);
          double len = Math.hypot(p[0] - x, p[1] - y);
          if (len > 0) {
            out.add(new Segment(FlightPhase.FLYING, t, len / v, x, y, p[0], p[1], -1));
            t += len / v;
          }
          x = p[0];
          y = p[1];
        }
        if (i == path.size()) {
          break;
        }
        while (nextStop < stops.size()
            && Math.hypot(stops.get(nextStop).xM() - x, stops.get(nextStop).yM() - y) <= SAME_POINT_M) {
          CandidatePlan.Stop s = stops.get(nextStop++);
          out.add(new Segment(FlightPhase.HOVERING, t, s.durationS(), x, y, x, y, s.cell()));
          t += s.durationS();
        }
      }
      // stops not on the path (should not happen): fly to each and back, so none is lost
      while (nextStop < stops.size()) {
        CandidatePlan.Stop s = stops.get(nextStop++);
        double len = Math.hypot(s.xM() - x, s.yM() - y);
        out.add(new Segment(FlightPhase.FLYING, t, len / v, x, y, s.xM(), s.yM(), -1));
        t += len / v;
        x = s.xM();
        y = s.yM();
        out.add(new Segment(FlightPhase.HOVERING, t, s.durationS(), x, y, x, y, s.cell()));
        t += s.durationS();
      }
      double back = Math.hypot(baseX - x, baseY - y);
      if (back > 0) {
        out.add(new Segment(FlightPhase.FLYING, t, back / v, x, y, baseX, baseY, -1));
        t += back / v;
      }
      out.add(new Segment(FlightPhase.SWAPPING, t, swapS, baseX, baseY, baseX, baseY, -1));
      t += swapS;
    }
    return new FlightPlan(out, baseX, baseY, altitudeM, energy);
  }

  /** Simulated time at which the day's last swap ends, s (0 for an idle day). */
  public double endS() {
    return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).endS();
  }

  /** Number of sorties. */
  public int sorties() {
    return (int) segments.stream().filter(s -> s.phase() == FlightPhase.SWAPPING).count();
  }

  /** Total energy the day uses, J. */
  public double totalEnergyJ() {
    return stateAt(endS()).energyUsedJ();
  }

  /** The state at simulated time {@code tS} (clamped at 0; after the end the drone idles at its base). */
  public FlightState stateAt(double tS) {
    if (!Double.isFinite(tS)) {
      throw new IllegalArgumentException("tS must be finite, got: " + tS);
    }
    double t = Math.max(0, tS);
    double used = 0;
    double sinceSwap = 0;
    int flights = 0;
    for (Segment s : segments) {
      if (t < s.startS()) {
        break;
      }
      double dt = Math.min(t, s.endS()) - s.startS();
      double w = power(s.phase());
      used += w * dt;
      sinceSwap += w * dt;
      boolean inside = t < s.endS();
      if (inside) {
        double f = s.durationS() > 0 ? dt / s.durationS() : 1;
        double x = s.x0() + f * (s.x1() - s.x0());
        double y = s.y0() + f * (s.y1() - s.y0());
        boolean airborne = s.phase() == FlightPhase.FLYING || s.phase() == FlightPhase.HOVERING;
        return new FlightState(t, x, y, airborne ? altitudeM : 0,
            s.phase() == FlightPhase.FLYING ? speedMps : 0, s.phase(), s.cell(),
            capacityJ - sinceSwap, 100 * (capacityJ - sinceSwap) / capacityJ, used, flights);
      }
      if (s.phase() == FlightPhase.SWAPPING) {
        flights++;
        sinceSwap = 0;
      }
    }
    return new FlightState(t, baseX, baseY, 0, 0, FlightPhase.IDLE, -1,
        capacityJ - sinceSwap, 100 * (capacityJ - sinceSwap) / capacityJ, used, flights);
  }

  private double power(FlightPhase p) {
    return switch (p) {
      case FLYING -> flightW;
      case HOVERING -> hoverW;
      default -> 0;
    };
  }
}
