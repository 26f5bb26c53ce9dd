package org.swarmsense.gateway.wire;

import java.util.regex.Pattern;

/**
 * One device topic, {@code swarmsense/{fleet}/{kind}/{id}/{channel}} or, for edge results, {@code
 * swarmsense/{fleet}/edge/{id}/result/{task}} (and {@code .../occupancy_result/{task}}). Names are 1..64 characters of {@code [A-Za-z0-9_-]}, so
 * they can never contain MQTT wildcards or separators. Immutable and thread-safe.
 *
 * @param fleet the tenant
 * @param kind drone, sensor or edge
 * @param id the device id, unique within the fleet and kind
 * @param channel what the message is
 * @param task the task id for result topics ({@link Channel#hasTaskLevel()}), otherwise null
 */
public record Topic(String fleet, DeviceKind kind, String id, Channel channel, String task) {
  /** The first topic level of everything swarmsense publishes. */
  public static final String ROOT = "swarmsense";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Validates every level; errors name the level and the value. */
  public Topic {
    requireName("fleet", fleet);
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    requireName("id", id);
    if (channel == null) {
      throw new IllegalArgumentException("channel must not be null");
    }
    if (channel.edgeOnly() && kind != DeviceKind.EDGE) {
      throw new IllegalArgumentException(
          "channel " + channel.level() + " is for edge nodes only, kind was " + kind.level());
    }
    if (channel.hasTaskLevel()) {
      requireName("task", task);
    } else if (task != null) {
      throw new IllegalArgumentException(
          "task is only allowed on result topics, was '" + task + "' on " + channel.level());
    }
  }

  /** A device topic without a task level. */
  public static Topic of(String fleet, DeviceKind kind, String id, Channel channel) {
    return new Topic(fleet, kind, id, channel, null);
  }

  /** Checks a fleet, device or task name: 1..64 of {@code [A-Za-z0-9_-]}. */
  public static String requireName(String field, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be 1..64 characters of [A-Za-z0-9_-], was '" + value + "'");
    }
    return value;
  }

  /** Parses a topic string; the error names the topic and the bad level. */
  public static Topic parse(String topic) {
    if (topic == null) {
      throw new IllegalArgumentException("topic must not be null");
    }
    String[] l = topic.split("/", -1);
    if (l.length < 5 || l.length > 6 || !ROOT.equals(l[0])) {
      throw new IllegalArgumentException(
          "topic must be swarmsense/{fleet}/{kind}/{id}/{channel}, was '" + topic + "'");
    }
    try {
      Channel channel = Channel.fromLevel(l[4]);
      if (channel.hasTaskLevel() != (l.length == 6)) {
        throw new IllegalArgumentException(
            "only result topics have a sixth level (the task id), was '" + topic + "'");
      }
      return new Topic(
          l[1], DeviceKind.fromLevel(l[2]), l[3], channel, l.length == 6 ? l[5] : null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("topic '" + topic + "': " + e.getMessage(), e);
    }
  }

  /** The same device, another channel. */
  public Topic with(Channel other) {
    return new Topic(fleet, kind, id, other, null);
  }

  /** The subscription filter for one channel of every device of a fleet ({@code +} for all fleets). */
  public static String filter(String fleetOrPlus, Channel channel) {
    if (!"+".equals(fleetOrPlus)) {
      requireName("fleet", fleetOrPlus);
    }
    return ROOT + "/" + fleetOrPlus + "/+/+/" + channel.level() + (channel.hasTaskLevel() ? "/+" : "");
  }

  /** The subtree of one fleet, {@code swarmsense/{fleet}/#}. */
  public static String fleetSubtree(String fleet) {
    return ROOT + "/" + requireName("fleet", fleet) + "/#";
  }

  @Override
  public String toString() {
    String base = ROOT + "/" + fleet + "/" + kind.level() + "/" + id + "/" + channel.level();
    return task == null ? base : base + "/" + task;
  }
}
