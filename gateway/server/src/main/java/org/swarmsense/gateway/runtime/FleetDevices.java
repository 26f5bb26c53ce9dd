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
import org.swarmsense.gateway.persistence.GatewayStore;
import org.swarmsense.gateway.persistence.PendingCommand;
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
  /** The reason prefix of an outcome no device gave (timeout, link down): the command stays pending. */
  static final String NO_REPLY = "no reply: ";

  private final ActorSystem<?> system;
  private final ActorRef<ShardingEnvelope<DeviceEntity.Command>> region;
  private final DeviceView view;
  private final GatewayStore store;
  private final java.util.function.Consumer<String> log;
  private final java.util.concurrent.Executor blocking;
  private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicLong answeredAfterRestart = new java.util.concurrent.atomic.AtomicLong();

  FleetDevices(ActorSystem<?> system, ActorRef<ShardingEnvelope<DeviceEntity.Command>> region, DeviceView view,
      GatewayStore store, java.util.function.Consumer<String> log) {
    this.system = system;
    this.region = region;
    this.view = view;
    this.store = store;
    this.log = log;
    // journal writes block (up to the write timeout): not on the default dispatcher
    this.blocking = system.dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking());
    // a device that comes online gets its pending commands again (they may have been sent while it was away)
    view.listen(new DeviceView.Listener() {
      @Override
      public void status(DeviceKey device, boolean online) {
        if (online) {
          blocking.execute(() -> resendPendingOf(device));
        }
      }
    });
  }

  /** How long a re-sent command waits for its device's answer (without one it stays pending). */
  static final Duration RESEND_TIMEOUT = Duration.ofSeconds(30);

  private void resendPendingOf(DeviceKey device) {
    try {
      for (PendingCommand p : store.commands(device.fleet()).list()) {
        if (p.key(device.fleet()).equals(device)) {
          resend(device.fleet(), p, RESEND_TIMEOUT);
        }
      }
    } catch (RuntimeException e) {
      log.accept("gateway: cannot read the pending commands of " + device + ": " + e.getMessage());
    }
  }

  private boolean resend(String fleet, PendingCommand p, Duration timeout) {
    if (!inFlight.add(p.id())) {
      return false; // a copy is on its way
    }
    send(p.key(fleet), p.id(), p.json().getBytes(java.nio.charset.StandardCharsets.UTF_8), timeout)
        .whenComplete((o, e) -> {
          inFlight.remove(p.id());
          if (o != null && (o.ok() || !o.reason().startsWith(NO_REPLY))) {
            answeredAfterRestart.incrementAndGet();
          }
        });
    return true;
  }

  /**
   * The entities' way to their devices: the fleet link (read at each command: the link starts after
   * the ingest that feeds the entities). The command is the wire's JSON.
   */
  static CommandPort port(Supplier<FleetLink> link) {
    return new CommandPort() {
      @Override
      public CompletionStage<DeviceEntity.CommandOutcome> send(DeviceKey device, byte[] command, Duration timeout) {
        return send(device, command, java.util.UUID.randomUUID().toString().replace("-", ""), timeout);
      }

      @Override
      public CompletionStage<DeviceEntity.CommandOutcome> send(DeviceKey device, byte[] command, String commandId,
          Duration timeout) {
        try {
          FleetLink l = link.get();
          if (l == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("link not started"));
          }
          return l.sendCommand(device.fleet(), DeviceIngest.deviceId(device), Payloads.readCommand(command), commandId,
                  timeout)
              .thenApply(r -> new DeviceEntity.CommandOutcome(device, r.ok(),
                  r.ok() ? null : r.reason() == null || r.reason().isEmpty() ? "refused" : r.reason()));
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    };
  }

  /**
   * Hands each device kept in the journal back to its entity ({@link DeviceEntity.Restore}: put in
   * the read view unless the device has spoken since).
   *
   * @return devices handed back
   */
  int restore(java.util.Map<String, org.swarmsense.gateway.persistence.FleetDeviceState> kept) {
    int n = 0;
    for (var e : kept.entrySet()) {
      for (org.swarmsense.gateway.persistence.DeviceRecord r : e.getValue().devices().values()) {
        region.tell(new ShardingEnvelope<>(r.key(e.getKey()).entityId(), new DeviceEntity.Restore(r.online(), r.last())));
        n++;
      }
    }
    return n;
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
    return submitCommand(callerFleet, device, command, timeout).reply();
  }

  /**
   * A command accepted for a device: its id and the device's answer to come.
   *
   * @param id the command's id (32 hex digits; the MQTT correlation data of every copy)
   * @param reply completes with the device's answer, or a refusal {@code no reply: ...} when none came
   *     in time (then the command stays pending and is sent again after a restart)
   */
  public record Submitted(String id, CompletableFuture<CommandReply> reply) {}

  /**
   * Accepts a command for {@code device} on behalf of {@code callerFleet}: writes it to the journal
   * (returning only once it is there; {@link org.swarmsense.gateway.persistence.StateUnavailableException}
   * when it cannot be written, and then nothing is sent), then sends it through the device's entity;
   * the device's answer (accepted or refused) marks it done in the journal.
   */
  public Submitted submitCommand(String callerFleet, DeviceId device, Command command, Duration timeout) {
    if (!device.fleet().equals(callerFleet)) {
      throw new IllegalArgumentException(
          "fleet '" + callerFleet + "' may not command device " + device + " of fleet '" + device.fleet() + "'");
    }
    DeviceKey key = DeviceIngest.key(device);
    byte[] json = Payloads.toJson(command);
    String id = java.util.UUID.randomUUID().toString().replace("-", "");
    store.commandAccepted(device.fleet(), new PendingCommand(id, key.kind().level(), key.id(),
        new String(json, java.nio.charset.StandardCharsets.UTF_8), System.currentTimeMillis()));
    return new Submitted(id, send(key, id, json, timeout).thenApply(o -> o.ok()
        ? CommandReply.accepted(System.currentTimeMillis(), command.kind())
        : CommandReply.refused(System.currentTimeMillis(), command.kind(), o.reason())));
  }

  /** Sends a journaled command through its device's entity and marks it answered when the device answers. */
  private CompletableFuture<DeviceEntity.CommandOutcome> send(DeviceKey key, String id, byte[] json, Duration timeout) {
    CompletionStage<DeviceEntity.CommandOutcome> outcome = AskPattern.ask(region,
        reply -> new ShardingEnvelope<>(key.entityId(), new DeviceEntity.SendCommand(json, id, timeout, reply)),
        timeout.plusSeconds(5), system.scheduler());
    return outcome.toCompletableFuture()
        .exceptionally(e -> new DeviceEntity.CommandOutcome(key, false, NO_REPLY + e.getMessage()))
        .thenApplyAsync(o -> {
          if (o.ok() || !o.reason().startsWith(NO_REPLY)) {
            try {
              store.commandAnswered(key.fleet(), id, o.ok(), o.ok() ? "" : o.reason());
            } catch (RuntimeException e) {
              // stays pending: sent again (same id, applied once) after a restart
              log.accept("gateway: cannot mark command " + id + " answered in the journal: " + e.getMessage());
            }
          }
          return o;
        }, blocking);
  }

  /**
   * Sends every command still pending in the journal again, with its own id (after a restart; the
   * device applies each id once and answers every copy). Does not wait for the answers. A command
   * left without an answer is sent again whenever its device reports online.
   *
   * @return commands sent again
   */
  public int resendPending(Duration timeout) {
    int n = 0;
    for (String fleet : store.commandFleets()) {
      for (PendingCommand p : store.commands(fleet).list()) {
        n += resend(fleet, p, timeout) ? 1 : 0;
      }
    }
    return n;
  }

  /** Commands re-sent at start that their device has answered since. */
  public long answeredAfterRestart() {
    return answeredAfterRestart.get();
  }

  /** The fleet's accepted commands that no device has answered yet. */
  public java.util.List<PendingCommand> pending(String fleet) {
    return store.commands(fleet).list();
  }
}
