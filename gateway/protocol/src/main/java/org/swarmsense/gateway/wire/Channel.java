package org.swarmsense.gateway.wire;

import java.util.Locale;

/**
 * The last level(s) of a device topic: what the message is. {@link #TASK}, {@link #RESULT}, {@link
 * #OCCUPANCY} and {@link #OCCUPANCY_RESULT} exist for edge nodes only; the result topics carry one more
 * level, the task id.
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
  RESULT,
  /** Occupancy requests (a stereo pair, {@link OccupancyTask}) to an edge node (issue 19 part 4). QoS 1. */
  OCCUPANCY,
  /** Occupancy answers ({@link OccupancyResult}) from an edge node, one topic per request. QoS 1. */
  OCCUPANCY_RESULT;

  /** Whether only edge nodes have this channel (the task and result channels of both kinds of request). */
  public boolean edgeOnly() {
    return this == TASK || this == RESULT || this == OCCUPANCY || this == OCCUPANCY_RESULT;
  }

  /** Whether the topic carries one more level, the task id (the result channels). */
  public boolean hasTaskLevel() {
    return this == RESULT || this == OCCUPANCY_RESULT;
  }

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
        "channel must be status, telemetry, cmd, evt, task, result, occupancy or occupancy_result, was '" + level + "'");
  }
}
