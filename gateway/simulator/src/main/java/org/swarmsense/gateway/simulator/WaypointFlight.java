package org.swarmsense.gateway.simulator;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * How a simulated drone flies a plan received over MQTT: straight legs between waypoints at the
 * model's ground speed, a hold of {@code holdS} at each waypoint (hovering in the air, or on the
 * ground at altitude 0 where the battery is swapped), energy drawn by the energy model (flight power
 * on legs, hover power on holds in the air). The state at any time is a pure function of the time.
 * Immutable, thread-safe.
 */
public final class WaypointFlight {

  private record Segment(double startS, double durationS, Waypoint from, Waypoint to, boolean hold) {}

  private final List<Segment> segments;
  private final double[] batteryAtStartJ;
  private final double speedMps;
  private final double hoverW;
  private final double flightW;
  private final double capacityJ;
  private final Waypoint start;
  /** Local metres (x east, y north) around the start: legs and headings are measured here. */
  private final LocalProjection frame;

  /**
   * @param start where the drone is when the plan starts (on the ground: altitude 0)
   * @param waypoints the plan
   */
  public WaypointFlight(Waypoint start, List<Waypoint> waypoints, EnergyModel energy) {
    this.start = start;
    this.frame = LocalProjection.centredOn(start.lonDeg(), start.latDeg());
    this.speedMps = energy.drone().groundSpeedMps();
    this.hoverW = energy.hoverPowerW();
    this.flightW = energy.flightPowerW();
    this.capacityJ = energy.drone().batteryCapacityJ();
    List<Segment> out = new ArrayList<>();
    double t = 0;
    Waypoint at = start;
    for (Waypoint w : waypoints) {
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

  /** True once the plan is flown: {@code tS} seconds after its start, at or after its last hold's end. */
  public boolean doneAt(double tS) {
    return segments.isEmpty() || tS >= durationS();
  }

  /**
   * The drone {@code tS} seconds after the plan started, as the telemetry sample it reports at
   * {@code tMs} (state {@code flying}, {@code hovering}, {@code charging} on the ground during a
   * swap, or {@code hovering}/{@code landed} once done).
   */
  public Telemetry stateAt(double tS, long tMs) {
    if (doneAt(tS)) {
      Waypoint end = segments.isEmpty() ? start : segments.get(segments.size() - 1).to();
      double battery = batteryAtStartJ[segments.size()];
      return new Telemetry(Payloads.VERSION, tMs, end.latDeg(), end.lonDeg(), end.altM(), 0, 0, percent(battery),
          end.altM() > 0 ? "hovering" : "landed");
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
      return new Telemetry(Payloads.VERSION, tMs, s.to().latDeg(), s.to().lonDeg(), s.to().altM(), 0, 0,
          percent(battery), ground ? "charging" : "hovering");
    }
    double f = into / s.durationS();
    double lat = s.from().latDeg() + f * (s.to().latDeg() - s.from().latDeg());
    double lon = s.from().lonDeg() + f * (s.to().lonDeg() - s.from().lonDeg());
    double alt = s.from().altM() + f * (s.to().altM() - s.from().altM());
    return new Telemetry(Payloads.VERSION, tMs, lat, lon, alt, speedMps, heading(s.from(), s.to()), percent(battery),
        "flying");
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

  private double distanceM(Waypoint a, Waypoint b) {
    Coordinate from = frame.toLocal(a.lonDeg(), a.latDeg());
    Coordinate to = frame.toLocal(b.lonDeg(), b.latDeg());
    double dz = b.altM() - a.altM();
    return Math.sqrt((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y) + dz * dz);
  }

  private double heading(Waypoint a, Waypoint b) {
    Coordinate from = frame.toLocal(a.lonDeg(), a.latDeg());
    Coordinate to = frame.toLocal(b.lonDeg(), b.latDeg());
    double h = (Math.toDegrees(Math.atan2(to.x - from.x, to.y - from.y)) + 360) % 360;
    return h >= 360 ? 0 : h;
  }
}
