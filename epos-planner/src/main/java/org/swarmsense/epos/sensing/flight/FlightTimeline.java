package org.swarmsense.epos.sensing.flight;

import java.util.ArrayList;
import java.util.List;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * The one flight-timeline model: where a drone is and what it does at any time, given where it
 * starts and the {@link LocalWaypoint}s it flies. The model, as a real multirotor flies:
 *
 * <ul>
 *   <li>a leg is a straight 3-D line to the next waypoint at the model's ground speed (climb and
 *       descent included: a vertical leg of h metres takes h / v), at flight power; legs shorter
 *       than {@link #SAME_POINT_M} are not flown;
 *   <li>a hold in the air hovers at hover power; a hold on the ground (altitude 0) right after a
 *       landing is a battery swap ({@link FlightPhase#SWAPPING}, drawing nothing: the new battery is
 *       full from the swap's start, and the sortie counts as done at its end); any other hold on the
 *       ground is a wait ({@link FlightPhase#IDLE});
 *   <li>a waypoint's hold ends at the later of its {@code holdS} after arriving and its {@code untilS}
 *       after the timeline's start ({@link LocalWaypoint}): a hover stop of a plan is held until its
 *       planned end, however late the drone got there;
 *   <li>before the start and after the end the drone stays where it is (on the ground: idle; in the
 *       air: hovering), drawing nothing.
 * </ul>
 *
 * <p>{@link #of(CandidatePlan, double, double, double, double, double, EnergyModel)} turns a sensing
 * plan into waypoints ({@link #route}) and times them. Immutable, thread-safe.
 */
public final class FlightTimeline {
  /**
   * Two points closer than this (m) are the same point: a hover stop on a path vertex, a leg not
   * flown, a path already back at its base. 1 mm: far below any position error that matters to a
   * drone, above the error of a round trip through maps' {@code LocalProjection} (at most 0.28 mm
   * within 5 km of its centre, measured), so a plan sent as WGS84 waypoints is flown as planned.
   */
  public static final double SAME_POINT_M = 1e-3;

  private record Segment(FlightPhase phase, double startS, double durationS, LocalWaypoint from,
      LocalWaypoint to) {
    double endS() {
      return startS + durationS;
    }
  }

  private final LocalWaypoint start;
  private final double startS;
  private final List<Segment> segments;
  private final double speedMps;
  private final double hoverW;
  private final double flightW;
  private final double capacityJ;
  /** The battery's charge at the start, J (until the first swap). */
  private final double startBatteryJ;

  private FlightTimeline(LocalWaypoint start, double startS, List<Segment> segments, EnergyModel energy,
      double startBatteryJ) {
    this.start = start;
    this.startS = startS;
    this.segments = List.copyOf(segments);
    this.speedMps = energy.drone().groundSpeedMps();
    this.hoverW = energy.hoverPowerW();
    this.flightW = energy.flightPowerW();
    this.capacityJ = energy.drone().batteryCapacityJ();
    this.startBatteryJ = startBatteryJ;
  }

  /**
   * The timeline of a drone at {@code start} at time {@code startS} (with a full battery) flying
   * {@code waypoints} in order.
   */
  public static FlightTimeline of(LocalWaypoint start, double startS, List<LocalWaypoint> waypoints,
      EnergyModel energy) {
    if (energy == null) {
      throw new IllegalArgumentException("start, waypoints and energy must not be null");
    }
    return of(start, startS, waypoints, energy, energy.drone().batteryCapacityJ());
  }

  /**
   * The same for a drone whose battery holds {@code batteryJ} at the start (a plan taken in the air
   * starts from the charge left, not from a full battery; a swap fills it).
   *
   * @throws IllegalArgumentException if {@code batteryJ} is not in 0..the battery's capacity
   */
  public static FlightTimeline of(LocalWaypoint start, double startS, List<LocalWaypoint> waypoints,
      EnergyModel energy, double batteryJ) {
    if (start == null || waypoints == null || energy == null) {
      throw new IllegalArgumentException("start, waypoints and energy must not be null");
    }
    if (!(startS >= 0) || !Double.isFinite(startS)) {
      throw new IllegalArgumentException("startS must be finite and >= 0, got: " + startS);
    }
    double capacityJ = energy.drone().batteryCapacityJ();
    if (!(batteryJ >= 0 && batteryJ <= capacityJ)) {
      throw new IllegalArgumentException("batteryJ must be in 0.." + capacityJ + ", got: " + batteryJ);
    }
    Builder b = new Builder(start, startS, energy);
    waypoints.forEach(b::add);
    return new FlightTimeline(start, startS, b.segments, energy, batteryJ);
  }

  /** A day on the ground at the base (no plan). */
  public static FlightTimeline idleAt(double baseXM, double baseYM, EnergyModel energy) {
    return of(LocalWaypoint.ground(baseXM, baseYM), 0, List.of(), energy);
  }

  /**
   * The timeline of sensing {@code plan} flown from the base ({@code baseXM}, {@code baseYM}), on
   * the ground with a full battery at {@code startS}: the waypoints of {@link #route}.
   */
  public static FlightTimeline of(CandidatePlan plan, double baseXM, double baseYM, double altitudeM,
      double swapS, double startS, EnergyModel energy) {
    return of(LocalWaypoint.ground(baseXM, baseYM), startS,
        route(plan, baseXM, baseYM, altitudeM, swapS, startS, energy), energy);
  }

  /**
   * Sensing {@code plan} as waypoints, per sortie: wait on the ground at the base until its take-off
   * time (a sortie whose take-off is earlier leaves as soon as the previous one is done), climb to
   * {@code altitudeM} over the base, fly its routed path at that altitude holding at each hover stop
   * until the stop's planned end (one waypoint per stop, with its cell), fly back to the base if the
   * path does not end there, land, and hold {@code swapS} on the ground for the battery swap. An {@link
   * CandidatePlan.Sortie#airborne airborne} sortie (the rest of a flight already in the air, only as
   * a plan's first sortie) has no wait and no climb: the drone flies from wherever it is to the
   * path's first point at {@code altitudeM}, hovers there until its first stop's start (if it is there
   * before), then flies the path as above.
   *
   * <p>The plan's times are mission times and the flight starts at mission time {@code startS}: the
   * take-off waits and the stops are held until their times as {@link LocalWaypoint#untilS()} counted
   * from {@code startS} (a time already past: no hold), the swap as a duration. So a drone that reaches
   * a stop late (the flight from wherever it is to an airborne sortie's first stop, or a climb the plan
   * did not count) hovers until the stop's planned end and is back on the plan's times from there; the
   * hover stays in the (cell, slot)s the plan was chosen for.
   *
   * @throws IllegalArgumentException on a bad argument, or a hover stop that is not on its sortie's
   *     path (naming the plan, the stop and its position)
   */
  public static List<LocalWaypoint> route(CandidatePlan plan, double baseXM, double baseYM,
      double altitudeM, double swapS, double startS, EnergyModel energy) {
    if (plan == null || energy == null) {
      throw new IllegalArgumentException("plan and energy must not be null");
    }
    if (!(swapS >= 0) || !Double.isFinite(swapS)) {
      throw new IllegalArgumentException("swapS must be >= 0, got: " + swapS);
    }
    if (!(altitudeM > 0) || !Double.isFinite(altitudeM)) {
      throw new IllegalArgumentException("altitudeM must be finite and > 0, got: " + altitudeM);
    }
    if (!(startS >= 0) || !Double.isFinite(startS)) {
      throw new IllegalArgumentException("startS must be finite and >= 0, got: " + startS);
    }
    List<LocalWaypoint> out = new ArrayList<>();
    for (int k = 0; k < plan.sorties().size(); k++) {
      CandidatePlan.Sortie sortie = plan.sorties().get(k);
      List<LocalWaypoint> legs = new ArrayList<>();
      List<CandidatePlan.Stop> stops = sortie.stops();
      double x = baseXM;
      double y = baseYM;
      if (sortie.airborne()) {
        if (k > 0 || sortie.path().isEmpty() || stops.isEmpty()) {
          throw new IllegalArgumentException("plan " + plan.index() + " of drone " + plan.drone() + ": airborne"
              + " sortie " + k + " must be the plan's first and have a path and a stop");
        }
        double[] first = sortie.path().get(0);
        x = first[0];
        y = first[1];
        legs.add(new LocalWaypoint(x, y, altitudeM, 0, -1, untilS(stops.get(0).startS(), startS)));
      } else {
        legs.add(new LocalWaypoint(baseXM, baseYM, 0, 0, -1, untilS(sortie.takeOffS(), startS)));
        legs.add(new LocalWaypoint(baseXM, baseYM, altitudeM, 0, -1));
      }
      int stop = 0;
      for (double[] v : sortie.path()) {
        x = v[0];
        y = v[1];
        boolean held = false;
        while (stop < stops.size()
            && Math.hypot(stops.get(stop).xM() - x, stops.get(stop).yM() - y) <= SAME_POINT_M) {
          CandidatePlan.Stop s = stops.get(stop++);
          legs.add(new LocalWaypoint(x, y, altitudeM, 0, s.cell(), untilS(s.startS() + s.durationS(), startS)));
          held = true;
        }
        LocalWaypoint last = legs.get(legs.size() - 1);
        if (!held && Math.hypot(last.xM() - x, last.yM() - y) > SAME_POINT_M) {
          legs.add(new LocalWaypoint(x, y, altitudeM, 0, -1));
        }
      }
      if (stop < stops.size()) {
        CandidatePlan.Stop s = stops.get(stop);
        throw new IllegalArgumentException("plan " + plan.index() + " of drone " + plan.drone()
            + ": hover stop " + stop + " (cell " + s.cell() + " at " + s.xM() + ", " + s.yM()
            + ") is not on its sortie's path");
      }
      if (Math.hypot(baseXM - x, baseYM - y) > SAME_POINT_M) {
        legs.add(new LocalWaypoint(baseXM, baseYM, altitudeM, 0, -1));
      }
      legs.add(new LocalWaypoint(baseXM, baseYM, 0, swapS, -1));
      out.addAll(legs);
    }
    return List.copyOf(out);
  }

  /** Mission time {@code atS} as a waypoint's {@code untilS} for a flight starting at {@code startS}. */
  private static double untilS(double atS, double startS) {
    return Math.max(0, atS - startS);
  }

  /** Appends segments waypoint by waypoint, keeping the clock. */
  private static final class Builder {
    final List<Segment> segments = new ArrayList<>();
    final EnergyModel energy;
    final double startS;
    LocalWaypoint at;
    double t;
    boolean airborneSinceGroundHold;

    Builder(LocalWaypoint start, double startS, EnergyModel energy) {
      this.at = start;
      this.startS = startS;
      this.t = startS;
      this.energy = energy;
      this.airborneSinceGroundHold = start.altitudeM() > 0;
    }

    void add(LocalWaypoint w) {
      double lengthM = at.distanceM(w);
      if (lengthM > SAME_POINT_M) {
        // EnergyModel's one leg time, also the plan generator's (for its climb and descent too)
        double legS = energy.flightTimeS(lengthM);
        segments.add(new Segment(FlightPhase.FLYING, t, legS, at, w));
        t += legS;
        airborneSinceGroundHold = true;
      }
      double holdS = Math.max(w.holdS(), startS + w.untilS() - t);
      if (w.altitudeM() > 0) {
        if (holdS > 0) {
          segments.add(new Segment(FlightPhase.HOVERING, t, holdS, w, w));
        }
      } else if (airborneSinceGroundHold) {
        // a landing: the swap counts the sortie even when it takes no time
        segments.add(new Segment(FlightPhase.SWAPPING, t, holdS, w, w));
        airborneSinceGroundHold = false;
      } else if (holdS > 0) {
        segments.add(new Segment(FlightPhase.IDLE, t, holdS, w, w));
      }
      t += holdS;
      at = w;
    }
  }

  /** Time at which the last hold ends, s (the start time if there is nothing to fly). */
  public double endS() {
    return segments.isEmpty() ? startS : segments.get(segments.size() - 1).endS();
  }

  /** Seconds from the start to the end. */
  public double durationS() {
    return endS() - startS;
  }

  /** Number of sorties (landings followed by a battery swap). */
  public int sorties() {
    return (int) segments.stream().filter(s -> s.phase() == FlightPhase.SWAPPING).count();
  }

  /** Total energy the timeline uses, J. */
  public double totalEnergyJ() {
    return stateAt(endS()).energyUsedJ();
  }

  /** The state at time {@code tS} (clamped at 0). */
  public FlightState stateAt(double tS) {
    if (!Double.isFinite(tS)) {
      throw new IllegalArgumentException("tS must be finite, got: " + tS);
    }
    double t = Math.max(0, tS);
    double used = 0;
    double batteryJ = startBatteryJ;
    int flights = 0;
    LocalWaypoint at = start;
    for (Segment s : segments) {
      if (t < s.startS()) {
        break;
      }
      double dt = Math.min(t, s.endS()) - s.startS();
      double w = power(s.phase());
      used += w * dt;
      batteryJ = s.phase() == FlightPhase.SWAPPING ? capacityJ : batteryJ - w * dt;
      if (t < s.endS()) {
        double f = s.durationS() > 0 ? dt / s.durationS() : 1;
        double x = s.from().xM() + f * (s.to().xM() - s.from().xM());
        double y = s.from().yM() + f * (s.to().yM() - s.from().yM());
        double z = s.from().altitudeM() + f * (s.to().altitudeM() - s.from().altitudeM());
        return new FlightState(t, x, y, z, s.phase() == FlightPhase.FLYING ? speedMps : 0, s.phase(),
            s.phase() == FlightPhase.HOVERING ? s.to().cell() : -1, batteryJ,
            100 * batteryJ / capacityJ, used, flights);
      }
      if (s.phase() == FlightPhase.SWAPPING) {
        flights++;
      }
      at = s.to();
    }
    FlightPhase still = at.altitudeM() > 0 ? FlightPhase.HOVERING : FlightPhase.IDLE;
    return new FlightState(t, at.xM(), at.yM(), at.altitudeM(), 0, still, -1, batteryJ,
        100 * batteryJ / capacityJ, used, flights);
  }

  /**
   * Heading at time {@code tS}, degrees clockwise from north in [0, 360): the direction of the
   * horizontal leg being flown, 0 while holding, climbing or descending straight up or down.
   */
  public double headingDegAt(double tS) {
    for (Segment s : segments) {
      if (tS >= s.startS() && tS < s.endS()) {
        double dx = s.to().xM() - s.from().xM();
        double dy = s.to().yM() - s.from().yM();
        if (s.phase() != FlightPhase.FLYING || Math.hypot(dx, dy) <= SAME_POINT_M) {
          return 0;
        }
        double h = (Math.toDegrees(Math.atan2(dx, dy)) + 360) % 360;
        return h >= 360 ? 0 : h;
      }
    }
    return 0;
  }

  private double power(FlightPhase p) {
    return switch (p) {
      case FLYING -> flightW;
      case HOVERING -> hoverW;
      default -> 0;
    };
  }
}
