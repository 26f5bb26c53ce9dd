package org.swarmsense.gateway.mqtt;

import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * Where the {@link FleetLink} delivers validated device messages: the agents' actors in the running
 * system (not wired yet), {@link RecordingIngest} in tests, benchmarks and {@code swarmsense serve}.
 * Calls arrive on the MQTT callback thread, one at a time per link: implementations must return
 * quickly (hand work to an actor or queue) and never block.
 */
public interface FleetIngest {

  /** A device seen for the first time since the link started (self-provisioning in its fleet). */
  void onDeviceRegistered(DeviceId device);

  /** The device's retained status: online, or offline (its last will or a clean goodbye). */
  void onStatus(DeviceId device, boolean online);

  /**
   * One telemetry sample.
   *
   * @param receivedAtMs when the link received it, milliseconds since the Unix epoch
   */
  void onTelemetry(DeviceId device, Telemetry telemetry, long receivedAtMs);

  /** An event or alarm raised by the device. */
  void onEvent(DeviceId device, Event event);

  /** A device's answer to a command sent with {@link FleetLink#sendCommand}. */
  void onCommandReply(DeviceId device, CommandReply reply);

  /**
   * One telemetry sample of an edge node (position, queue, load); ignored unless overridden.
   *
   * @param receivedAtMs when the link received it, milliseconds since the Unix epoch
   */
  default void onEdgeTelemetry(DeviceId edge, EdgeTelemetry telemetry, long receivedAtMs) {}

  /** An edge node's result for one task, validated ({@code EdgePayloads.readResult}); the payload as received. */
  void onEdgeResult(DeviceId edge, String taskId, byte[] payload);
}
