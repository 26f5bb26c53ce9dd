package org.swarmsense.agents.device;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * How a device entity reaches its device: the gateway's fleet link implements it (the command as
 * the wire's JSON bytes, the device's answer as an {@link DeviceEntity.CommandOutcome}). Must not
 * block; the stage fails or completes with a refusal when there is no answer within {@code timeout}.
 */
@FunctionalInterface
public interface CommandPort {
  /** Sends {@code command} to {@code device} at QoS 1 and completes with its answer. */
  CompletionStage<DeviceEntity.CommandOutcome> send(DeviceKey device, byte[] command, Duration timeout);

  /**
   * Sends {@code command} with its own id {@code commandId} (the same id on every re-send, so the
   * device applies it once). The default ignores the id; the fleet link sends it as the MQTT
   * correlation data.
   */
  default CompletionStage<DeviceEntity.CommandOutcome> send(DeviceKey device, byte[] command, String commandId,
      Duration timeout) {
    return send(device, command, timeout);
  }
}
