package org.swarmsense.gateway.runtime;

import org.swarmsense.gateway.mqtt.FleetIngest;
import org.swarmsense.gateway.mqtt.ForwardingIngest;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * Hands every drone's telemetry to its fleet's home ({@link FleetCoordination#observe}: the fleet's
 * flying mission tracks progress and loss from it, its fences judge the position), right after the device entities got
 * it, and a drone's or sensor's observation of traffic to the same home's mission re-plan trigger, then to
 * the next ingest. Never blocks: at most two tells per message. Thread-safe.
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
    observeTraffic(device, t);
    next.onTelemetry(device, t, receivedAtMs);
  }

  /** A device's count of traffic (telemetry {@code observed}) goes to its fleet's mission: one tell at most. */
  private void observeTraffic(DeviceId device, Telemetry t) {
    t.observed().ifPresent(o -> missions.observeTraffic(device, t.latDeg(), t.lonDeg(), t.altM(), o.vehicles()));
  }
}
