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
  /**
   * The retry timer of commands whose device does not answer ({@code
   * swarmsense.gateway.persistence.command-retry} in reference.conf). Each copy of a command waits
   * {@code answerTimeout} for the device's answer. Without one, and unless the device is known to be
   * offline (then the copy it gets on coming online goes on), the next copy, with the same id, goes
   * {@link #delayAfter(int) firstDelay x factor^(copies-1)}, at most {@code maxDelay}, later; once
   * {@code maxCopies} copies went unanswered the command is expired. Copies are counted per run of the
   * gateway (a restart sends every pending command again and counts from 1).
   *
   * @param answerTimeout how long one copy waits for the answer, 100ms..10min
   * @param firstDelay the pause after the first unanswered copy, 10ms..1h
   * @param factor each further pause is this many times the one before, 1..10
   * @param maxDelay the longest pause, firstDelay..1h
   * @param maxCopies copies sent before the command is expired, 1..100
   */
  public record Retry(Duration answerTimeout, Duration firstDelay, double factor, Duration maxDelay, int maxCopies) {
    /** Validates the values, naming the key. */
    public Retry {
      within("answer-timeout", answerTimeout, Duration.ofMillis(100), Duration.ofMinutes(10));
      within("first-delay", firstDelay, Duration.ofMillis(10), Duration.ofHours(1));
      within("max-delay", maxDelay, firstDelay, Duration.ofHours(1));
      if (!(factor >= 1 && factor <= 10)) {
        throw new IllegalArgumentException("persistence.command-retry.factor must be 1..10, was " + factor);
      }
      if (maxCopies < 1 || maxCopies > 100) {
        throw new IllegalArgumentException("persistence.command-retry.max-copies must be 1..100, was " + maxCopies);
      }
    }

    private static void within(String key, Duration d, Duration min, Duration max) {
      if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            "persistence.command-retry." + key + " must be " + min + ".." + max + ", was " + d);
      }
    }

    /** The pause after {@code copies} (>= 1) unanswered copies. */
    public Duration delayAfter(int copies) {
      double ms = firstDelay.toMillis() * Math.pow(factor, Math.max(0, copies - 1));
      return ms >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) ms);
    }

    /** From {@code swarmsense.gateway.persistence.command-retry} of {@code root}. */
    public static Retry fromConfig(com.typesafe.config.Config root) {
      com.typesafe.config.Config c = root.getConfig("swarmsense.gateway.persistence.command-retry");
      return new Retry(c.getDuration("answer-timeout"), c.getDuration("first-delay"), c.getDouble("factor"),
          c.getDuration("max-delay"), c.getInt("max-copies"));
    }
  }

  private final ActorSystem<?> system;
  private final ActorRef<ShardingEnvelope<DeviceEntity.Command>> region;
  private final DeviceView view;
  private final GatewayStore store;
  private final java.util.function.Consumer<String> log;
  private final Retry retry;
  private final scala.concurrent.ExecutionContextExecutor blocking;
  private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Copies sent in this run of each command not answered or expired yet. */
  private final java.util.Map<String, Integer> copies = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong answeredAfterRestart = new java.util.concurrent.atomic.AtomicLong();

  FleetDevices(ActorSystem<?> system, ActorRef<ShardingEnvelope<DeviceEntity.Command>> region, DeviceView view,
      GatewayStore store, java.util.function.Consumer<String> log) {
    this.system = system;
    this.region = region;
    this.view = view;
    this.store = store;
    this.log = log;
    this.retry = Retry.fromConfig(system.settings().config());
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

  /** The retry timer's settings (also: how long each copy of a command waits for its answer). */
  public Retry retry() {
    return retry;
  }

  private void resendPendingOf(DeviceKey device) {
    try {
      for (PendingCommand p : store.commands(device.fleet()).list()) {
        if (p.key(device.fleet()).equals(device)) {
          resend(device.fleet(), p, retry.answerTimeout());
        }
      }
    } catch (RuntimeException e) {
      log.accept("gateway: cannot read the pending commands of " + device + ": " + e.getMessage());
    }
  }

  private boolean resend(String fleet, PendingCommand p, Duration timeout) {
    CompletableFuture<DeviceEntity.CommandOutcome> sent =
        send(p.key(fleet), p.id(), p.json().getBytes(java.nio.charset.StandardCharsets.UTF_8), timeout);
    if (sent == null) {
      return false; // a copy is on its way
    }
    sent.whenComplete((o, e) -> {
      if (o != null && o.answered()) {
        answeredAfterRestart.incrementAndGet();
      }
    });
    return true;
  }

  /** No answer to a copy: the next copy after the timer's pause, or expired after the last one. */
  private void unanswered(DeviceKey key, String id, byte[] json, DeviceEntity.CommandOutcome o) {
    if (Payloads.readCommand(json).kind() == org.swarmsense.gateway.wire.CommandKind.PLAN) {
      // a mission's plan: its coordinator decides what a missing answer means (the drone counts as
      // refused and its slots are re-planned among the others), so no timer copy may deliver the old
      // plan later; it stays pending as before the timer existed (sent again with its id when the
      // drone comes online and after a restart, where the mission re-attaches its drones)
      copies.remove(id);
      return;
    }
    int sent = copies.getOrDefault(id, 0);
    if (sent >= retry.maxCopies()) {
      expire(key, id, sent, o.reason());
      return;
    }
    system.scheduler().scheduleOnce(retry.delayAfter(sent), () -> {
      if (!copies.containsKey(id)) {
        return; // answered or expired meanwhile
      }
      if (!view.device(key).flatMap(org.swarmsense.agents.device.DeviceSnapshot::online).orElse(true)) {
        return; // offline: it gets the command again when it comes online
      }
      send(key, id, json, retry.answerTimeout());
    }, blocking);
  }

  private void expire(DeviceKey key, String id, int sent, String why) {
    String reason = "no answer to " + sent + " copies (the last: " + why + ")";
    try {
      store.commandExpired(key.fleet(), id, reason);
      copies.remove(id);
      store.audit(key.fleet(), "gateway", "device.command.expired",
          key.kind().level() + "/" + key.id() + " " + id + ": " + reason);
      log.accept("gateway: command " + id + " to " + key + " expired: " + reason);
    } catch (RuntimeException e) {
      // stays pending: sent again at the next start
      log.accept("gateway: cannot mark command " + id + " expired in the journal: " + e.getMessage());
    }
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
   * A command accepted for a device: its id and what came of it.
   *
   * @param id the command's id (32 hex digits; the MQTT correlation data of every copy)
   * @param kind the command's kind
   * @param outcome completes with the device's answer, or one not {@link DeviceEntity.CommandOutcome#answered()
   *     answered} when none came in time (then the command stays pending: sent again on the retry
   *     timer, when the device comes online and after a restart)
   */
  public record Submitted(String id, org.swarmsense.gateway.wire.CommandKind kind,
      CompletableFuture<DeviceEntity.CommandOutcome> outcome) {
    /** The device's answer, or empty when none came in time. */
    public CompletableFuture<java.util.Optional<CommandReply>> answer() {
      return outcome.thenApply(o -> o.answered() ? java.util.Optional.of(reply(o)) : java.util.Optional.empty());
    }

    /** The device's answer, or a refusal {@code no reply: ...} when none came in time. */
    public CompletableFuture<CommandReply> reply() {
      return outcome.thenApply(this::reply);
    }

    private CommandReply reply(DeviceEntity.CommandOutcome o) {
      return o.ok() ? CommandReply.accepted(System.currentTimeMillis(), kind)
          : CommandReply.refused(System.currentTimeMillis(), kind, o.reason());
    }
  }

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
    return new Submitted(id, command.kind(), send(key, id, json, timeout));
  }

  /**
   * Sends one copy of a journaled command through its device's entity (null when a copy is on its
   * way), marks it answered when the device answers, and hands a missing answer to the retry timer.
   */
  private CompletableFuture<DeviceEntity.CommandOutcome> send(DeviceKey key, String id, byte[] json, Duration timeout) {
    if (!inFlight.add(id)) {
      return null;
    }
    copies.merge(id, 1, Integer::sum);
    CompletionStage<DeviceEntity.CommandOutcome> outcome = AskPattern.ask(region,
        reply -> new ShardingEnvelope<>(key.entityId(), new DeviceEntity.SendCommand(json, id, timeout, reply)),
        timeout.plusSeconds(5), system.scheduler());
    return outcome.toCompletableFuture()
        .exceptionally(e -> DeviceEntity.CommandOutcome.noReply(key, String.valueOf(e.getMessage())))
        .thenApplyAsync(o -> {
          inFlight.remove(id);
          if (o.answered()) {
            copies.remove(id);
            try {
              store.commandAnswered(key.fleet(), id, o.ok(), o.ok() ? "" : o.reason());
            } catch (RuntimeException e) {
              // stays pending: sent again (same id, applied once) after a restart
              log.accept("gateway: cannot mark command " + id + " answered in the journal: " + e.getMessage());
            }
          } else {
            unanswered(key, id, json, o);
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

  /** The fleet's newest commands given up by the retry timer, oldest first. */
  public java.util.List<org.swarmsense.gateway.persistence.PendingCommands.ExpiredCommand> expired(String fleet) {
    return store.commands(fleet).expired();
  }
}
