package org.swarmsense.gateway.persistence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices of one fleet as the journal has them (persistence id {@code fleet-devices|<fleet>}):
 * each device's last status and observation. One entity per fleet rather than one per device, so that
 * the gateway writes a whole fleet's changes of a few seconds as one event (a batch) and a restart reads
 * a fleet in one recovery (10,000 devices: one event per flush, not 10,000 writes and 10,000
 * recoveries). Events are deleted once a snapshot covers them ({@link #deleteEventsOnSnapshot}): the
 * journal holds at most {@code snapshot-every} events of a fleet plus two snapshots, however long
 * the gateway runs.
 *
 * @param devices by {@link DeviceRecord#slot()}
 */
public record FleetDeviceState(Map<String, DeviceRecord> devices)
    implements EntityState<FleetDeviceState, FleetDeviceState.Changed> {
  /** No device kept. */
  public static final FleetDeviceState EMPTY = new FleetDeviceState(Map.of());

  /** The kind: key is the fleet. */
  public static final EntityKind<FleetDeviceState, Changed> KIND = new EntityKind<>("fleet-devices", EMPTY);

  /** Validates and copies. */
  public FleetDeviceState {
    if (devices == null) {
      throw new IllegalArgumentException("fleet device state: devices must not be null");
    }
    devices = Map.copyOf(devices);
  }

  @Override
  public FleetDeviceState apply(Changed event) {
    Map<String, DeviceRecord> next = new HashMap<>(devices);
    for (DeviceRecord r : event.devices()) {
      next.put(r.slot(), r);
    }
    return new FleetDeviceState(next);
  }

  @Override
  public boolean deleteEventsOnSnapshot() {
    return true;
  }

  /**
   * Some devices of the fleet changed (each record replaces the device's earlier one).
   *
   * @param devices the changed devices, 1 or more
   * @param atMs when written (epoch ms)
   */
  public record Changed(List<DeviceRecord> devices, long atMs) implements org.swarmsense.agents.cluster.CborSerializable {
    /** Validates and copies. */
    public Changed {
      if (devices == null || devices.isEmpty()) {
        throw new IllegalArgumentException("devices changed: devices must not be empty");
      }
      devices = List.copyOf(devices);
    }
  }
}
