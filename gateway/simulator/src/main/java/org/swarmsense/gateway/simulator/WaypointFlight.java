package org.swarmsense.gateway.simulator;

import java.util.ArrayList;
import java.util.List;
import org.swarmsense.epos.sensing.energy.EnergyModel;

/**
 * How a simulated drone flies a plan received over MQTT: straight legs between waypoints at the
 * model's ground speed, a hold of {@code holdS} at each waypoint (hovering in the air, or on the
 * ground at altitude 0 where the battery is swapped), energy drawn by the energy model (flight power
 * on legs, hover power on holds in the air). The state at any time is a pure function of the time.
 * Immutable, thread-safe.
 */
public final class WaypointFlight {
  private static final double EARTH_RADIUS_M = 6_371_000;

  /** One waypoint of a plan: WGS84 position, altitude above take-off (m), hold time (s). */
  public record Point(double latDeg, double lonDeg, double altM, double holdS) {
    public Point {
      if (!(latDeg >= -90 && latDeg <= 90) || !(lonDeg >= -180 && lonDeg <= 180)) {
        throw new IllegalArgumentException("waypoint lat_deg/lon_deg out of range: " + latDeg + ", " + lonDeg);
      }
      if (!(altM >= 0) || !(holdS >= 0)) {
        throw new IllegalArgumentException("waypoint alt_m and hold_s must be >= 0, were " + altM + ", " + holdS);
      }
    }
  }

  /** The drone at one instant. */
  public record State(
      double latDeg,
      double lonDeg,
      double altM,
      double speedMps,
      double headingDeg,
      double batteryPercent,
      String state,
      boolean done) {}

  private record Segment(double startS, double durationS, Point from, Point to, boolean hold) {}

  private final List<Segment> segments;
  private final double[] batteryAtStartJ;
  private final double speedMps;
  private final double hoverW;
  private final double flightW;
  private final double capacityJ;
  private final Point start;

  /**
   * @param start where the drone is when the plan starts (on the ground: altitude 0)
   * @param waypoints the plan
   */
  public WaypointFlight(Point start, List<Point> waypoints, EnergyModel energy) {
    this.start = start;
    this.speedMps = energy.drone().groundSpeedMps();
    this.hoverW = energy.hoverPowerW();
    this.flightW = energy.flightPowerW();
    this.capacityJ = energy.drone().batteryCapacityJ();
    List<Segment> out = new ArrayList<>();
    double t = 0;
    Point at = start;
    for (Point w : waypoints) {
      double legS = distanceM(at, w) / speedMps;
      if (legS > 0) {
        out.add(new Segment(t, legS, at, w, false));
        t += legS;
      }
      if (w.holdS() > 0) {
        out.add(new Segment(t, w.holdS(), w, w, true));
        t += w.holdS();
      }
      at = w;
    }
    this.segments = List.copyOf(out);
    this.batteryAtStartJ = new double[segments.size() + 1];
    double battery = capacityJ;
    for (int i = 0; i < segments.size(); i++) {
      batteryAtStartJ[i] = battery;
      battery = batteryAfter(segments.get(i), battery, segments.get(i).durationS());
    }
    batteryAtStartJ[segments.size()] = battery;
  }

  /** Seconds from the plan's start to its last hold's end. */
  public double durationS() {
    return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).startS() + segments.get(segments.size() - 1).durationS();
  }

  /** The state {@code tS} seconds after the plan started. */
  public State stateAt(double tS) {
    if (segments.isEmpty() || tS >= durationS()) {
      Point end = segments.isEmpty() ? start : segments.get(segments.size() - 1).to();
      double battery = batteryAtStartJ[segments.size()];
      return new State(end.latDeg(), end.lonDeg(), end.altM(), 0, 0, percent(battery),
          end.altM() > 0 ? "hovering" : "landed", true);
    }
    int i = 0;
    while (i < segments.size() - 1 && segments.get(i + 1).startS() <= tS) {
      i++;
    }
    Segment s = segments.get(i);
    double into = Math.max(0, tS - s.startS());
    double battery = batteryAfter(s, batteryAtStartJ[i], into);
    if (s.hold()) {
      boolean ground = s.to().altM() <= 0;
      return new State(s.to().latDeg(), s.to().lonDeg(), s.to().altM(), 0, 0, percent(battery),
          ground ? "charging" : "hovering", false);
    }
    double f = into / s.durationS();
    double lat = s.from().latDeg() + f * (s.to().latDeg() - s.from().latDeg());
    double lon = s.from().lonDeg() + f * (s.to().lonDeg() - s.from().lonDeg());
    double alt = s.from().altM() + f * (s.to().altM() - s.from().altM());
    return new State(lat, lon, alt, speedMps, heading(s.from(), s.to()), percent(battery), "flying", false);
  }

  private double batteryAfter(Segment s, double batteryJ, double seconds) {
    if (s.hold()) {
      if (s.to().altM() <= 0) {
        return capacityJ; // on the ground at a base: battery swapped
      }
      return Math.max(0, batteryJ - hoverW * seconds);
    }
    return Math.max(0, batteryJ - flightW * seconds);
  }

  private double percent(double batteryJ) {
    return Math.max(0, Math.min(100, 100 * batteryJ / capacityJ));
  }

  private static double distanceM(Point a, Point b) {
    double north = Math.toRadians(b.latDeg() - a.latDeg()) * EARTH_RADIUS_M;
    double east = Math.toRadians(b.lonDeg() - a.lonDeg()) * EARTH_RADIUS_M * Math.cos(Math.toRadians(a.latDeg()));
    return Math.sqrt(north * north + east * east + (b.altM() - a.altM()) * (b.altM() - a.altM()));
  }

  private static double heading(Point a, Point b) {
    double north = b.latDeg() - a.latDeg();
    double east = (b.lonDeg() - a.lonDeg()) * Math.cos(Math.toRadians(a.latDeg()));
    double h = (Math.toDegrees(Math.atan2(east, north)) + 360) % 360;
    return h >= 360 ? 0 : h;
  }
}
