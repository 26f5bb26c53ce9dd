package org.swarmsense.gateway.http;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.swarmsense.gateway.persistence.PendingCommand;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;

/**
 * What the HTTP API needs to command devices: the gateway's device entities with the journal of
 * pending commands behind them ({@code runtime/FleetDevices}).
 */
public interface DeviceCommands {
  /**
   * A command accepted (already in the journal) and sent.
   *
   * @param id the command's id
   * @param reply the device's answer to come, or empty when none came in time (the command stays
   *     pending)
   */
  record Submission(String id, CompletableFuture<java.util.Optional<CommandReply>> reply) {}

  /** Journals {@code command} for {@code device} (of {@code fleet}), then sends it. */
  Submission submit(String fleet, DeviceId device, Command command);

  /** The fleet's accepted commands no device has answered yet, oldest first. */
  List<PendingCommand> pending(String fleet);

  /** The fleet's newest commands given up (never answered over the retry timer's copies), oldest first. */
  List<org.swarmsense.gateway.persistence.PendingCommands.ExpiredCommand> expired(String fleet);
}
