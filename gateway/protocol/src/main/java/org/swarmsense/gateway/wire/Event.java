package org.swarmsense.gateway.wire;

/**
 * An event or alarm on {@code .../evt} (JSON {@code v, t_ms, type, reason, detail}). Devices raise
 * alarms ({@code battery_low}, {@code geofence_breach}, ...); the gateway publishes {@code rejected}
 * with a {@link Rejection} code as reason when it refuses a device's payload. Immutable.
 *
 * @param v payload version, 1
 * @param tMs event time, milliseconds since the Unix epoch
 * @param type a short lower-case word
 * @param reason a short lower-case word, or null
 * @param detail free text for people (at most 1000 characters), or null
 */
public record Event(int v, long tMs, String type, String reason, String detail) {
  /** Validates the fields; errors name the field and the value. */
  public Event {
    Payloads.requireVersion(v);
    Payloads.requireTime("t_ms", tMs);
    Payloads.requireWord("type", type);
    if (reason != null) {
      Payloads.requireWord("reason", reason);
    }
    if (detail != null && detail.length() > 1000) {
      throw new PayloadException(
          Rejection.BAD_VALUE, "detail must be at most 1000 characters, had " + detail.length());
    }
  }

  /** The gateway's answer to a refused payload. */
  public static Event rejected(long tMs, Rejection why, String detail) {
    String d = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    return new Event(1, tMs, "rejected", why.code(), d);
  }
}
