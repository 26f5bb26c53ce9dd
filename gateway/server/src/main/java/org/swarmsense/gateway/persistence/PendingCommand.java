package org.swarmsense.gateway.persistence;

import org.swarmsense.agents.device.DeviceKey;

/**
 * A command to a device that was accepted (journaled before it was sent) and not yet answered by the
 * device.
 *
 * @param id the command's own id: 32 hex digits, sent as the MQTT correlation data on every copy
 * @param kind the device's kind as on the wire
 * @param device the device's id
 * @param json the command as the wire's JSON
 * @param acceptedAtMs when it was accepted (epoch ms)
 */
public record PendingCommand(String id, String kind, String device, String json, long acceptedAtMs)
    implements org.swarmsense.agents.cluster.CborSerializable {
  /** The largest command kept (the wire's plans with their waypoints fit). */
  public static final int MAX_JSON_CHARS = 256 * 1024;

  /** Validates the fields. */
  public PendingCommand {
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("command id must be 32 lower-case hex digits, was " + id);
    }
    if (kind == null || device == null) {
      throw new IllegalArgumentException("pending command: kind and device must not be null");
    }
    new DeviceKey("f", DeviceKey.Kind.fromLevel(kind), device);
    if (json == null || json.isEmpty() || json.length() > MAX_JSON_CHARS) {
      throw new IllegalArgumentException("pending command json must be 1-" + MAX_JSON_CHARS + " characters, was "
          + (json == null ? null : json.length()));
    }
    if (acceptedAtMs <= 0) {
      throw new IllegalArgumentException("pending command acceptedAtMs must be > 0, was " + acceptedAtMs);
    }
  }

  /** The device's key in {@code fleet}. */
  public DeviceKey key(String fleet) {
    return new DeviceKey(fleet, DeviceKey.Kind.fromLevel(kind), device);
  }
}
