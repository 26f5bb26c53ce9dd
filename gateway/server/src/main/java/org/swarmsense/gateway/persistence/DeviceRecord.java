package org.swarmsense.gateway.persistence;

import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.agents.device.Observation;

/**
 * What the journal keeps of one device of a fleet: who it is, its last status and its last
 * observation as its entity had them when they were written (see {@link FleetDeviceState} for when
 * that is).
 *
 * @param kind the device's kind as on the wire ({@code drone}, {@code sensor}, {@code edge})
 * @param id the device's id within its fleet and kind
 * @param online its last status; null before the first
 * @param last its last observation; null before the first telemetry
 */
public record DeviceRecord(String kind, String id, Boolean online, Observation last)
    implements org.swarmsense.agents.cluster.CborSerializable {
  /** Validates the fields (kind and id by the agents' {@link DeviceKey} rules). */
  public DeviceRecord {
    if (kind == null || id == null) {
      throw new IllegalArgumentException("device record: kind and id must not be null, were " + kind + ", " + id);
    }
    new DeviceKey("f", DeviceKey.Kind.fromLevel(kind), id); // throws naming the field when not a device's
  }

  /** The record of {@code key}'s device. */
  public static DeviceRecord of(DeviceKey key, Boolean online, Observation last) {
    return new DeviceRecord(key.kind().level(), key.id(), online, last);
  }

  /** The device's key in {@code fleet}. */
  public DeviceKey key(String fleet) {
    return new DeviceKey(fleet, DeviceKey.Kind.fromLevel(kind), id);
  }

  /** The key of this record in its fleet's state: {@code kind/id}. */
  public String slot() {
    return kind + "/" + id;
  }
}
