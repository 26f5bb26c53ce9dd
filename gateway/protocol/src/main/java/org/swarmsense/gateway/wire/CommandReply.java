package org.swarmsense.gateway.wire;

/**
 * A device's answer to a {@link Command}, published on the command's MQTT 5 response topic with its
 * correlation data (JSON {@code v, t_ms, cmd, ok, reason}). Immutable.
 *
 * @param v payload version, 1
 * @param tMs answer time, milliseconds since the Unix epoch
 * @param cmd the command kind answered, or null when the command could not be read
 * @param ok whether the device accepted the command
 * @param reason why it refused (required when not ok), or null
 */
public record CommandReply(int v, long tMs, CommandKind cmd, boolean ok, String reason) {
  /** Validates: a refusal carries a reason, an acceptance none. */
  public CommandReply {
    Payloads.requireVersion(v);
    Payloads.requireTime("t_ms", tMs);
    if (!ok && (reason == null || reason.isBlank())) {
      throw new PayloadException(Rejection.MISSING_FIELD, "reason is missing for ok=false");
    }
    if (ok && reason != null) {
      throw new PayloadException(
          Rejection.BAD_VALUE, "reason is only for ok=false, was '" + reason + "'");
    }
  }

  /** Accepted. */
  public static CommandReply accepted(long tMs, CommandKind cmd) {
    return new CommandReply(1, tMs, cmd, true, null);
  }

  /** Refused, with the reason. */
  public static CommandReply refused(long tMs, CommandKind cmd, String reason) {
    return new CommandReply(1, tMs, cmd, false, reason);
  }
}
