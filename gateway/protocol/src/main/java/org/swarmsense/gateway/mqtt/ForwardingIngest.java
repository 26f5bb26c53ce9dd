package org.swarmsense.gateway.mqtt;

import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * A link in a chain of ingests: hands every call on to the next ingest. A stage overrides only what
 * it looks at and calls the same method here to pass it on, so no message kind (including ones added
 * to {@link FleetIngest} later) is dropped by a stage that did not mention it. Thread-safe when the
 * next ingest is.
 */
public abstract class ForwardingIngest implements FleetIngest {
  /** The ingest every call is handed on to. */
  protected final FleetIngest next;

  /** @param next the ingest every call is handed on to */
  protected ForwardingIngest(FleetIngest next) {
    if (next == null) {
      throw new IllegalArgumentException("next ingest must not be null");
    }
    this.next = next;
  }

  @Override
  public void onDeviceRegistered(DeviceId device) {
    next.onDeviceRegistered(device);
  }

  @Override
  public void onStatus(DeviceId device, boolean online) {
    next.onStatus(device, online);
  }

  @Override
  public void onTelemetry(DeviceId device, Telemetry telemetry, long receivedAtMs) {
    next.onTelemetry(device, telemetry, receivedAtMs);
  }

  @Override
  public void onEvent(DeviceId device, Event event) {
    next.onEvent(device, event);
  }

  @Override
  public void onCommandReply(DeviceId device, CommandReply reply) {
    next.onCommandReply(device, reply);
  }

  @Override
  public void onEdgeTelemetry(DeviceId edge, EdgeTelemetry telemetry, long receivedAtMs) {
    next.onEdgeTelemetry(edge, telemetry, receivedAtMs);
  }

  @Override
  public void onEdgeResult(DeviceId edge, String taskId, byte[] payload) {
    next.onEdgeResult(edge, taskId, payload);
  }
}
