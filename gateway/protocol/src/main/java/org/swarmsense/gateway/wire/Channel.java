package org.swarmsense.gateway.wire;

import java.util.Locale;

/**
 * The last level(s) of a device topic: what the message is. {@link #TASK} and {@link #RESULT} exist
 * for edge nodes only; {@link #RESULT} topics carry one more level, the task id.
 */
public enum Channel {
  /** Retained {@code online}/{@code offline}; {@code offline} is the last will. QoS 1. */
  STATUS,
  /** Position, velocity, battery and state. QoS 0. */
  TELEMETRY,
  /** Commands to the device with MQTT 5 response topic and correlation data. QoS 1. */
  CMD,
  /** Events and alarms from the device, and rejections of bad payloads. QoS 1. */
  EVT,
  /** Inference tasks to an edge node. QoS 1. */
  TASK,
  /** Inference results from an edge node, one topic per task. QoS 1. */
  RESULT;

  /** The lower-case topic level. */
  public String level() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a topic level; the error names the value. */
  public static Channel fromLevel(String level) {
    for (Channel c : values()) {
      if (c.level().equals(level)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "channel must be status, telemetry, cmd, evt, task or result, was '" + level + "'");
  }
}
