package org.swarmsense.gateway.wire;

import java.util.Locale;

/** What a command asks a device to do. */
public enum CommandKind {
  /** Fly a plan: an id and one or more waypoints. */
  PLAN,
  /** Fly to one waypoint. */
  GOTO,
  /** Land where you are. */
  LAND,
  /** Change the telemetry rate ({@code rate_hz}). */
  RATE,
  /** Stop and hold the position in the air (hover where you are). */
  HOLD,
  /** Return to launch: fly back to your base at the current altitude and land there. */
  RTL;

  /** The JSON value ({@code plan}, {@code goto}, {@code land}, {@code rate}, {@code hold}, {@code rtl}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the JSON value; the error names the field and the value. */
  public static CommandKind fromCode(String code) {
    for (CommandKind k : values()) {
      if (k.code().equals(code)) {
        return k;
      }
    }
    throw new PayloadException(
        Rejection.BAD_VALUE, "cmd must be plan, goto, land, rate, hold or rtl, was '" + code + "'");
  }
}
