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
}
