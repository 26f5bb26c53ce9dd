package org.swarmsense.gateway.runtime;

import org.swarmsense.gateway.mqtt.FleetIngest;
import org.swarmsense.gateway.mqtt.ForwardingIngest;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * Hands every drone's telemetry to its fleet's home ({@link FleetCoordination#observe}: the fleet's
 * flying mission tracks progress and loss from it, its fences judge the position), right after the device entities got
 * it, then to the next ingest. Never blocks: at most one tell per message. Thread-safe.
 */
final class MissionIngest extends ForwardingIngest {
  private final FleetCoordination missions;

  MissionIngest(FleetCoordination missions, FleetIngest next) {
    super(next);
    if (missions == null) {
      throw new IllegalArgumentException("missions must not be null");
    }
    this.missions = missions;
  }

  @Override
  public void onTelemetry(DeviceId device, Telemetry t, long receivedAtMs) {
    missions.observe(device, t);
    next.onTelemetry(device, t, receivedAtMs);
  }
}
