package org.swarmsense.gateway.runtime;

import java.util.function.Consumer;
import org.swarmsense.gateway.mqtt.FleetIngest;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * The end of the gateway's ingest chain: writes each device event and command reply as one line to
 * the node's log (registrations and status changes are logged from the device read view). Holds
 * nothing. Thread-safe when the log is.
 */
final class LogIngest implements FleetIngest {
  private final Consumer<String> log;

  LogIngest(Consumer<String> log) {
    this.log = log;
  }

  @Override
  public void onDeviceRegistered(DeviceId device) {}

  @Override
  public void onStatus(DeviceId device, boolean online) {}

  @Override
  public void onTelemetry(DeviceId device, Telemetry telemetry, long receivedAtMs) {}

  @Override
  public void onEvent(DeviceId device, Event event) {
    log.accept(device + " event " + event.type() + (event.reason() == null ? "" : " (" + event.reason() + ")"));
  }

  @Override
  public void onCommandReply(DeviceId device, CommandReply reply) {
    log.accept(device + " answered " + reply.cmd() + ": " + (reply.ok() ? "ok" : reply.reason()));
  }

  @Override
  public void onEdgeResult(DeviceId edge, String taskId, byte[] payload) {}
}
