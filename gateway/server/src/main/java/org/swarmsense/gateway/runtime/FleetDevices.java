package org.swarmsense.gateway.runtime;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.swarmsense.agents.device.CommandPort;
import org.swarmsense.agents.device.DeviceEntity;
import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.agents.device.DeviceView;
import org.swarmsense.gateway.mqtt.FleetLink;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Payloads;

/**
 * The gateway's side of the device entities: their shard region and read view, commands to a
 * device through its entity (which sends them through the fleet link: {@link #port}), and the
 * devices of a fleet. Thread-safe.
 */
public final class FleetDevices {
  private final ActorSystem<?> system;
  private final ActorRef<ShardingEnvelope<DeviceEntity.Command>> region;
  private final DeviceView view;

  FleetDevices(ActorSystem<?> system, ActorRef<ShardingEnvelope<DeviceEntity.Command>> region, DeviceView view) {
    this.system = system;
    this.region = region;
    this.view = view;
  }

  /**
   * The entities' way to their devices: the fleet link (read at each command: the link starts after
   * the ingest that feeds the entities). The command is the wire's JSON.
   */
  static CommandPort port(Supplier<FleetLink> link) {
    return (device, command, timeout) -> {
      try {
        FleetLink l = link.get();
        if (l == null) {
          return CompletableFuture.completedFuture(new DeviceEntity.CommandOutcome(device, false, "link not started"));
        }
        return l.sendCommand(device.fleet(), DeviceIngest.deviceId(device), Payloads.readCommand(command), timeout)
            .thenApply(r -> new DeviceEntity.CommandOutcome(device, r.ok(),
                r.ok() ? null : r.reason() == null || r.reason().isEmpty() ? "refused" : r.reason()));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    };
  }

  /** The shard region of the device entities. */
  public ActorRef<ShardingEnvelope<DeviceEntity.Command>> region() {
    return region;
  }

  /** The read view of the devices on this node. */
  public DeviceView view() {
    return view;
  }

  /** The devices of a fleet whose entity exists, by id. */
  public List<DeviceId> devicesOf(String fleet) {
    return view.registered(fleet).stream().map(DeviceIngest::deviceId)
        .sorted(Comparator.comparing(DeviceId::id).thenComparing(DeviceId::kind)).toList();
  }

  /**
   * Sends {@code command} to {@code device} through its entity, on behalf of {@code callerFleet}
   * (which must be the device's fleet), and completes with the device's answer ({@code ok}, or a
   * refusal whose reason is the device's, or {@code no reply: ...}).
   */
  public CompletableFuture<CommandReply> sendCommand(String callerFleet, DeviceId device, Command command,
      Duration timeout) {
    if (!device.fleet().equals(callerFleet)) {
      throw new IllegalArgumentException(
          "fleet '" + callerFleet + "' may not command device " + device + " of fleet '" + device.fleet() + "'");
    }
    DeviceKey key = DeviceIngest.key(device);
    byte[] json = Payloads.toJson(command);
    CompletionStage<DeviceEntity.CommandOutcome> outcome = AskPattern.ask(region,
        reply -> new ShardingEnvelope<>(key.entityId(), new DeviceEntity.SendCommand(json, timeout, reply)),
        timeout.plusSeconds(5), system.scheduler());
    return outcome.toCompletableFuture().thenApply(o -> o.ok()
        ? CommandReply.accepted(System.currentTimeMillis(), command.kind())
        : CommandReply.refused(System.currentTimeMillis(), command.kind(), o.reason()));
  }
}
