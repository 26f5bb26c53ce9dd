package org.swarmsense.gateway.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.gateway.wire.Waypoint;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * The state and motion of one simulated device, without any MQTT: a drone circles its home point
 * (radius 100 m, 10 m/s, 50 m up) until told to fly a plan or to a point (12 m/s), lands on {@code
 * land}, hovers where it is on {@code hold}, flies back home at its altitude (12 m/s) and lands there
 * on {@code rtl}, and drains its battery while flying (0.02 %/s), all in its own time (the wall clock times its
 * time factor, as its plans are flown); a sensor stays put. Positions use a local
 * flat-earth approximation (good to a few metres over a few kilometres). Not thread-safe: one
 * device is driven by one thread at a time ({@link DeviceSimulator} synchronizes on it).
 */
public final class SimulatedDevice {
  private static final double CIRCLE_RADIUS_M = 100;
  private static final double CRUISE_MPS = 10;
  private static final double TRANSIT_MPS = 12;
  private static final double DRAIN_PERCENT_PER_S = 0.02;
  /** Plans are flown with the default quadcopter's energy model (specs/sensing.md). */
  private static final EnergyModel ENERGY = EnergyModel.of(DroneModel.defaults());

  private final DeviceId id;
  /** Local metres (x east, y north) around home: where an unplanned drone circles. */
  private final LocalProjection home;
  private double latDeg;
  private double lonDeg;
  private double altM;
  private double speedMps;
  private double headingDeg;
  private double batteryPercent = 100;
  private String state;
  private double circleRad;
  private double rateHz;
  private long lastMs = -1;
  private final Deque<Waypoint> route = new ArrayDeque<>();
  /** Where {@code rtl} flies back to and lands: the home point. */
  private final double homeLatDeg;
  private final double homeLonDeg;
  /** True while flying back home after {@code rtl}: the drone lands when it gets there. */
  private boolean returning;
  private final double timeFactor;
  private WaypointFlight flight;
  private long flightStartMs;

  /**
   * A device at its home point.
   *
   * @param rateHz telemetry rate in hertz, (0, 100]
   * @param phase where on its circle a drone starts, radians
   */
  public SimulatedDevice(DeviceId id, double homeLatDeg, double homeLonDeg, double rateHz, double phase) {
    this(id, homeLatDeg, homeLonDeg, rateHz, phase, false, 1);
  }

  /**
   * A device at its home point.
   *
   * @param rateHz telemetry rate in hertz, (0, 100]
   * @param phase where on its circle a drone starts, radians
   * @param startOnGround a drone waits landed at home until it gets a plan or a goto
   * @param timeFactor the device lives this many times faster than the wall clock (plans, circling, transits,
   *     {@code rtl}, battery drain), (0, 1000]
   */
  public SimulatedDevice(DeviceId id, double homeLatDeg, double homeLonDeg, double rateHz, double phase,
      boolean startOnGround, double timeFactor) {
    if (id == null) {
      throw new IllegalArgumentException("id must not be null");
    }
    if (!(rateHz > 0 && rateHz <= 100)) {
      throw new IllegalArgumentException("rate_hz must be in (0, 100], was " + rateHz);
    }
    new Waypoint(homeLatDeg, homeLonDeg, 0); // range checks
    this.id = id;
    this.home = LocalProjection.centredOn(homeLonDeg, homeLatDeg);
    this.homeLatDeg = homeLatDeg;
    this.homeLonDeg = homeLonDeg;
    this.latDeg = homeLatDeg;
    this.lonDeg = homeLonDeg;
    this.rateHz = rateHz;
    this.circleRad = phase;
    if (!(timeFactor > 0 && timeFactor <= 1000)) {
      throw new IllegalArgumentException("time factor must be in (0, 1000], was " + timeFactor);
    }
    this.timeFactor = timeFactor;
    boolean drone = id.kind() == DeviceKind.DRONE;
    this.state = drone ? (startOnGround ? "landed" : "flying") : "sensing";
    this.altM = drone && !startOnGround ? 50 : 0;
  }

  /** The device's identity. */
  public DeviceId id() {
    return id;
  }

  /** The current telemetry rate in hertz. */
  public double rateHz() {
    return rateHz;
  }

  /** Latitude at the last {@link #sample}, degrees. */
  public double latDeg() {
    return latDeg;
  }

  /** Longitude at the last {@link #sample}, degrees. */
  public double lonDeg() {
    return lonDeg;
  }

  /** Heading, degrees clockwise from north, as of the last sample. */
  public double headingDeg() {
    return headingDeg;
  }

  /** Altitude above the ground, metres, as of the last sample. */
  public double altM() {
    return altM;
  }

  /** The current state word (flying, hovering, landed, transit, sensing). */
  public String state() {
    return state;
  }

  /** Advances the motion to {@code nowMs} and returns the sample stamped {@code nowMs}. */
  public Telemetry sample(long nowMs) {
    double dtS = lastMs < 0 ? 0 : Math.max(0, (nowMs - lastMs) / 1000.0);
    lastMs = nowMs;
    if (flight != null) {
      fly(nowMs);
    } else if (id.kind() == DeviceKind.DRONE) {
      move(dtS * timeFactor);
    }
    return new Telemetry(1, nowMs, latDeg, lonDeg, altM, speedMps, headingDeg, batteryPercent, state);
  }

  /** How many recent command ids a device remembers to apply each command once. */
  public static final int REMEMBERED_COMMANDS = 256;

  /** The replies to the newest command ids applied, oldest first (bounded). */
  private final java.util.LinkedHashMap<String, CommandReply> applied = new java.util.LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<String, CommandReply> eldest) {
      return size() > REMEMBERED_COMMANDS;
    }
  };

  /**
   * Applies a command that carries an id (the MQTT correlation data) once: a copy with an id seen
   * among the newest {@value #REMEMBERED_COMMANDS} is not applied again and gets the first copy's reply
   * (a gateway re-sends its unanswered commands after a restart, and the broker may deliver the
   * first copy too). Null or empty {@code commandId}: applied every time.
   *
   * @return the reply, and whether this copy was a repeat
   */
  public Applied apply(Command c, String commandId, long nowMs) {
    if (commandId == null || commandId.isEmpty()) {
      return new Applied(apply(c, nowMs), false);
    }
    CommandReply before = applied.get(commandId);
    if (before != null) {
      return new Applied(before, true);
    }
    CommandReply r = apply(c, nowMs);
    applied.put(commandId, r);
    return new Applied(r, false);
  }

  /**
   * The reply to a command and whether the command was a repeat (not applied again).
   *
   * @param reply what the device answers
   * @param repeat true when the id had been applied before
   */
  public record Applied(CommandReply reply, boolean repeat) {}

  /** Applies a command and returns the reply to send. */
  public CommandReply apply(Command c, long nowMs) {
    if (id.kind() != DeviceKind.DRONE && c.kind() != org.swarmsense.gateway.wire.CommandKind.RATE) {
      return CommandReply.refused(nowMs, c.kind(), "a " + id.kind().level() + " cannot " + c.kind().code());
    }
    returning = false;
    switch (c.kind()) {
      case HOLD -> {
        stopWhereItIs(nowMs);
        if (!state.equals("landed")) {
          state = "hovering";
        }
      }
      case RTL -> {
        stopWhereItIs(nowMs);
        if (!state.equals("landed")) {
          route.add(new Waypoint(homeLatDeg, homeLonDeg, altM));
          returning = true;
          state = "transit";
        }
      }
      case LAND -> {
        route.clear();
        flight = null;
        state = "landed";
        speedMps = 0;
        altM = 0;
      }
      case GOTO -> {
        if (batteryPercent < 5) {
          return CommandReply.refused(nowMs, c.kind(), "battery_low");
        }
        flight = null;
        route.clear();
        route.addAll(c.waypoints());
        state = "transit";
      }
      case PLAN -> {
        if (batteryPercent < 5) {
          return CommandReply.refused(nowMs, c.kind(), "battery_low");
        }
        route.clear();
        // the plan goes on from where the drone is, with the charge it has (in the air: not a fresh battery)
        flight = new WaypointFlight(new Waypoint(latDeg, lonDeg, altM, 0), c.waypoints(), ENERGY, batteryPercent);
        flightStartMs = nowMs;
        state = "flying";
      }
      case RATE -> rateHz = c.rateHz();
      default -> throw new IllegalStateException("unhandled " + c.kind());
    }
    return CommandReply.accepted(nowMs, c.kind());
  }

  /** Leaves the plan or route being flown, at the plan's position at {@code nowMs}. */
  private void stopWhereItIs(long nowMs) {
    if (flight != null) {
      fly(nowMs);
      flight = null;
    }
    route.clear();
    speedMps = 0;
  }

  /** Follows the plan: the state is the flight's state at the (scaled) time since the plan came. */
  private void fly(long nowMs) {
    Telemetry f = flight.stateAt(Math.max(0, nowMs - flightStartMs) / 1000.0 * timeFactor, nowMs);
    latDeg = f.latDeg();
    lonDeg = f.lonDeg();
    altM = f.altM();
    speedMps = f.speedMps();
    headingDeg = f.headingDeg();
    batteryPercent = f.batteryPercent();
    state = f.state();
  }

  /** True while a plan is being flown (false before any plan and once it is done). */
  public boolean flyingPlan(long nowMs) {
    return flight != null && !flight.doneAt(Math.max(0, nowMs - flightStartMs) / 1000.0 * timeFactor);
  }

  private void move(double dtS) {
    if (state.equals("landed")) {
      speedMps = 0;
      return;
    }
    batteryPercent = Math.max(0, batteryPercent - DRAIN_PERCENT_PER_S * dtS);
    if (batteryPercent == 0) {
      state = "landed";
      speedMps = 0;
      altM = 0;
      return;
    }
    if (!route.isEmpty()) {
      Waypoint w = route.peekFirst();
      Coordinate toTarget = LocalProjection.centredOn(lonDeg, latDeg).toLocal(w.lonDeg(), w.latDeg());
      double northM = toTarget.y;
      double eastM = toTarget.x;
      double distM = Math.hypot(northM, eastM);
      double stepM = TRANSIT_MPS * dtS;
      speedMps = TRANSIT_MPS;
      if (distM > 1e-9) {
        headingDeg = (Math.toDegrees(Math.atan2(eastM, northM)) + 360) % 360;
      }
      if (stepM >= distM) {
        latDeg = w.latDeg();
        lonDeg = w.lonDeg();
        altM = w.altM();
        route.pollFirst();
        if (route.isEmpty()) {
          state = returning ? "landed" : "hovering";
          altM = returning ? 0 : altM;
          returning = false;
          speedMps = 0;
        }
      } else {
        offset(northM / distM * stepM, eastM / distM * stepM);
        altM += (w.altM() - altM) * (stepM / distM);
      }
      return;
    }
    if (state.equals("hovering")) {
      speedMps = 0;
      return;
    }
    // circle the home point
    circleRad += CRUISE_MPS * dtS / CIRCLE_RADIUS_M;
    double northM = CIRCLE_RADIUS_M * Math.cos(circleRad);
    double eastM = CIRCLE_RADIUS_M * Math.sin(circleRad);
    Coordinate onCircle = home.toWgs84(eastM, northM);
    latDeg = onCircle.y;
    lonDeg = onCircle.x;
    speedMps = CRUISE_MPS;
    headingDeg = (Math.toDegrees(circleRad) + 90 + 360) % 360;
    headingDeg = headingDeg >= 360 ? 0 : headingDeg;
  }

  private void offset(double northM, double eastM) {
    Coordinate moved = LocalProjection.centredOn(lonDeg, latDeg).toWgs84(eastM, northM);
    latDeg = moved.y;
    lonDeg = moved.x;
  }
}
