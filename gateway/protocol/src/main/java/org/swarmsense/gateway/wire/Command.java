package org.swarmsense.gateway.wire;

import java.util.List;

/**
 * A command to a device (JSON {@code v, t_ms, cmd} plus, by kind: {@code plan_id} and {@code
 * waypoints} for plan, {@code waypoints} with one element for goto, {@code rate_hz} for rate; nothing
 * for land, hold and rtl). Sent
 * at QoS 1 with an MQTT 5 response topic and correlation data; the device answers with a {@link
 * CommandReply}. Immutable.
 *
 * @param v payload version, 1
 * @param tMs issue time, milliseconds since the Unix epoch
 * @param kind what to do
 * @param planId plan id for {@link CommandKind#PLAN}, otherwise null
 * @param waypoints the plan (one or more) or the goto target (exactly one); empty otherwise
 * @param rateHz new telemetry rate in hertz for {@link CommandKind#RATE}, (0, 100]; 0 otherwise
 */
public record Command(
    int v, long tMs, CommandKind kind, String planId, List<Waypoint> waypoints, double rateHz) {

  /** Validates the fields each kind needs and refuses the ones it does not take. */
  public Command {
    Payloads.requireVersion(v);
    Payloads.requireTime("t_ms", tMs);
    if (kind == null) {
      throw new PayloadException(Rejection.MISSING_FIELD, "cmd is missing");
    }
    waypoints = waypoints == null ? List.of() : List.copyOf(waypoints);
    switch (kind) {
      case PLAN -> {
        if (planId == null) {
          throw new PayloadException(Rejection.MISSING_FIELD, "plan_id is missing for cmd plan");
        }
        Payloads.requireName("plan_id", planId);
        if (waypoints.isEmpty()) {
          throw new PayloadException(
              Rejection.MISSING_FIELD, "waypoints must hold at least one point for cmd plan");
        }
      }
      case GOTO -> {
        if (waypoints.size() != 1) {
          throw new PayloadException(
              Rejection.BAD_VALUE,
              "waypoints must hold exactly one point for cmd goto, had " + waypoints.size());
        }
      }
      case RATE -> {
        if (!(rateHz > 0 && rateHz <= 100)) {
          throw new PayloadException(
              Rejection.BAD_VALUE, "rate_hz must be in (0, 100] for cmd rate, was " + rateHz);
        }
      }
      case LAND, HOLD, RTL -> {
        // no arguments
      }
      default -> throw new IllegalStateException("unhandled kind " + kind);
    }
    if (kind != CommandKind.PLAN && planId != null) {
      throw new PayloadException(
          Rejection.BAD_VALUE, "plan_id is only for cmd plan, was '" + planId + "'");
    }
    if (kind != CommandKind.RATE && rateHz != 0) {
      throw new PayloadException(Rejection.BAD_VALUE, "rate_hz is only for cmd rate, was " + rateHz);
    }
    if (kind != CommandKind.PLAN && kind != CommandKind.GOTO && !waypoints.isEmpty()) {
      throw new PayloadException(
          Rejection.BAD_VALUE, "waypoints are not taken by cmd " + kind.code());
    }
  }

  /** Land now. */
  public static Command land(long tMs) {
    return new Command(1, tMs, CommandKind.LAND, null, List.of(), 0);
  }

  /** Hold the position (hover where you are). */
  public static Command hold(long tMs) {
    return new Command(1, tMs, CommandKind.HOLD, null, List.of(), 0);
  }

  /** Return to launch: back to the base, then land. */
  public static Command returnToLaunch(long tMs) {
    return new Command(1, tMs, CommandKind.RTL, null, List.of(), 0);
  }

  /** Fly to one point. */
  public static Command goTo(long tMs, Waypoint target) {
    return new Command(1, tMs, CommandKind.GOTO, null, List.of(target), 0);
  }

  /** Fly a plan. */
  public static Command plan(long tMs, String planId, List<Waypoint> waypoints) {
    return new Command(1, tMs, CommandKind.PLAN, planId, waypoints, 0);
  }

  /** Change the telemetry rate. */
  public static Command rate(long tMs, double rateHz) {
    return new Command(1, tMs, CommandKind.RATE, null, List.of(), rateHz);
  }
}
