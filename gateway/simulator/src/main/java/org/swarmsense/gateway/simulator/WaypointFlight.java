package org.swarmsense.gateway.simulator;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.epos.sensing.flight.FlightState;
import org.swarmsense.epos.sensing.flight.FlightTimeline;
import org.swarmsense.epos.sensing.flight.LocalWaypoint;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * How a simulated drone flies a plan received over MQTT: the project's one flight model
 * (epos-planner's {@link FlightTimeline}: straight legs at the model's ground speed, holds in the
 * air hovering, a hold on the ground after a landing a battery swap) over the waypoints projected
 * into maps' {@link LocalProjection} around the start, reported as telemetry samples. The state at
 * any time is a pure function of the time. Immutable, thread-safe.
 */
public final class WaypointFlight {

  private final FlightTimeline timeline;
  private final LocalProjection frame;
  /** The start then the waypoints, as given (WGS84) and in the local frame, index for index. */
  private final List<Waypoint> given = new ArrayList<>();
  private final List<LocalWaypoint> local = new ArrayList<>();

  /**
   * A plan started with a full battery.
   *
   * @param start where the drone is when the plan starts
   * @param waypoints the plan
   */
  public WaypointFlight(Waypoint start, List<Waypoint> waypoints, EnergyModel energy) {
    this(start, waypoints, energy, 100);
  }

  /**
   * A plan started with {@code batteryPercent} of the battery left (a plan taken in the air goes on
   * with the charge the drone has; a swap fills it).
   *
   * @param start where the drone is when the plan starts
   * @param waypoints the plan; a waypoint's {@code until_s} counts from the plan's start
   * @param batteryPercent the battery's charge at the start, 0..100
   */
  public WaypointFlight(Waypoint start, List<Waypoint> waypoints, EnergyModel energy, double batteryPercent) {
    if (!(batteryPercent >= 0 && batteryPercent <= 100)) {
      throw new IllegalArgumentException("battery_percent must be in 0..100, was " + batteryPercent);
    }
    this.frame = LocalProjection.centredOn(start.lonDeg(), start.latDeg());
    given.add(start);
    given.addAll(waypoints);
    given.forEach(w -> local.add(toLocal(w)));
    this.timeline = FlightTimeline.of(local.get(0), 0, local.subList(1, local.size()), energy,
        batteryPercent / 100 * energy.drone().batteryCapacityJ());
  }

  /**
   * The WGS84 position of {@code s}: a drone at one of its waypoints (holding, or not yet started or
   * done) reports that waypoint's own coordinates; on a leg, the local position taken back by the
   * frame (whose round trip is off by up to a few tenths of a millimetre).
   */
  private Coordinate wgs84(FlightState s) {
    if (s.phase() != FlightPhase.FLYING) {
      for (int i = 0; i < local.size(); i++) {
        LocalWaypoint w = local.get(i);
        if (w.xM() == s.xM() && w.yM() == s.yM()) {
          return new Coordinate(given.get(i).lonDeg(), given.get(i).latDeg());
        }
      }
    }
    return frame.toWgs84(s.xM(), s.yM());
  }

  private LocalWaypoint toLocal(Waypoint w) {
    Coordinate c = frame.toLocal(w.lonDeg(), w.latDeg());
    return new LocalWaypoint(c.x, c.y, w.altM(), w.holdS(), -1, w.untilS());
  }

  /** Seconds from the plan's start to its last hold's end. */
  public double durationS() {
    return timeline.durationS();
  }

  /** True once the plan is flown: {@code tS} seconds after its start, at or after its last hold's end. */
  public boolean doneAt(double tS) {
    return tS >= durationS();
  }

  /**
   * The drone {@code tS} seconds after the plan started, as the telemetry sample it reports at
   * {@code tMs}: state {@code flying}, {@code hovering} (also when done in the air),
   * {@code charging} on the ground during a battery swap, {@code idle} on the ground waiting to take
   * off, {@code landed} on the ground once done.
   */
  public Telemetry stateAt(double tS, long tMs) {
    FlightState s = timeline.stateAt(tS);
    Coordinate c = wgs84(s);
    String state = switch (s.phase()) {
      case FLYING -> "flying";
      case HOVERING -> "hovering";
      case SWAPPING -> "charging";
      case IDLE -> doneAt(tS) ? "landed" : "idle";
    };
    return new Telemetry(Payloads.VERSION, tMs, c.y, c.x, s.altitudeM(), s.speedMps(),
        timeline.headingDegAt(tS), Math.max(0, Math.min(100, s.batteryPercent())), state);
  }
}
