package org.swarmsense.gateway.wire;

/**
 * A device's identity on the wire: fleet, kind and id, the first levels of all its topics.
 * Immutable.
 *
 * @param fleet the tenant
 * @param kind drone, sensor or edge
 * @param id unique within fleet and kind
 */
public record DeviceId(String fleet, DeviceKind kind, String id) {
  /** Validates the names (see {@link Topic#requireName}). */
  public DeviceId {
    Topic.requireName("fleet", fleet);
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    Topic.requireName("id", id);
  }

  /** The device of a topic. */
  public static DeviceId of(Topic t) {
    return new DeviceId(t.fleet(), t.kind(), t.id());
  }

  /** One of this device's topics. */
  public Topic topic(Channel channel) {
    return Topic.of(fleet, kind, id, channel);
  }

  @Override
  public String toString() {
    return fleet + "/" + kind.level() + "/" + id;
  }
}
