package org.swarmsense.gateway.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;

/**
 * What {@code POST /api/fleets/{fleet}/devices/{id}/commands} sends a command through: the device's
 * entity (runtime.FleetDevices), which publishes it at QoS 1 over the fleet link of the node it runs
 * on and completes with the device's reply.
 */
@FunctionalInterface
public interface DeviceCommands {
  /** How long a command waits for the device's reply before the request answers 504. */
  Duration TIMEOUT = Duration.ofSeconds(10);

  /** Sends {@code command} to {@code device} on behalf of {@code fleet}; completes with the device's reply. */
  CompletableFuture<CommandReply> send(String fleet, DeviceId device, Command command, Duration timeout);
}
