package org.swarmsense.agents.device;

import java.util.Optional;

/**
 * One device as the read view holds it: who it is, its last status (online or offline; empty
 * before the first) and its last observation (empty before the first telemetry). Immutable.
 */
public record DeviceSnapshot(DeviceKey key, Optional<Boolean> online, Optional<Observation> last) {
  /** Validates the fields. */
  public DeviceSnapshot {
    if (key == null || online == null || last == null) {
      throw new IllegalArgumentException("key, online and last must not be null");
    }
  }

  DeviceSnapshot withOnline(boolean isOnline) {
    return new DeviceSnapshot(key, Optional.of(isOnline), last);
  }

  DeviceSnapshot withLast(Observation o) {
    return new DeviceSnapshot(key, online, Optional.of(o));
  }
}
