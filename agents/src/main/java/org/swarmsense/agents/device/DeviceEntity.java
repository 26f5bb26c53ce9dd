package org.swarmsense.agents.device;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.swarmsense.agents.alarm.AlarmKind;
import org.swarmsense.agents.alarm.AlarmRules;
import org.swarmsense.agents.alarm.Geofence;
import org.swarmsense.agents.alarm.LinkMonitor;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.epos.sensing.flight.FlightState;

/**
 * One device that talks over MQTT (a drone, a sensor or an edge node), as a sharded entity keyed by
 * its {@link DeviceKey}: the gateway's ingest tells it what the device said; it keeps the last of it
 * in the node's {@link DeviceView}, runs the same {@link AlarmRules} the simulated drones use
 * (LOW_BATTERY below the configured threshold) and a {@link LinkMonitor} (LINK_LOST when {@code
 * link-timeout} of silence has passed, checked by one timer due at that moment; cleared by the next
 * message), and sends the device commands through
 * its {@link CommandPort} (the fleet link). A drone's entity owns the agents' {@link Drone} that
 * takes part in missions for it ({@link AdoptDrone}), so its planning agent lives where the device
 * lives. Times of alarms are wall-clock seconds.
 */
public final class DeviceEntity extends AbstractBehavior<DeviceEntity.Command> {
  /** The entity type of devices in Cluster Sharding. */
  public static final EntityTypeKey<Command> TYPE = EntityTypeKey.create(Command.class, "Device");

  /** Messages of a device entity. */
  public sealed interface Command extends CborSerializable {}

  /** The device was seen for the first time on the link. */
  public record Register() implements Command {}

  /** The device's retained status. */
  public record StatusChanged(boolean online) implements Command {}

  /**
   * What the gateway's journal kept of this device before a restart (its last status, null when
   * none came; its last observation, null when none came). Each goes to the read view unless the
   * entity has heard a newer one of its kind from the device (a retained status arriving first does
   * not hide the kept position); raises no alarm (the link monitor starts with the device's next
   * message).
   */
  public record Restore(Boolean online, Observation last) implements Command {}

  /** The device reported its state. */
  public record Observe(Observation observation) implements Command {
    /** Validates the field. */
    public Observe {
      if (observation == null) {
        throw new IllegalArgumentException("observation must not be null");
      }
    }
  }

  /**
   * Send the device a command (the wire's JSON bytes) at QoS 1 and answer with its outcome.
   *
   * @param timeout how long to wait for the device's answer, > 0
   */
  public record SendCommand(byte[] command, String commandId, Duration timeout, ActorRef<CommandOutcome> replyTo)
      implements Command {
    /** A command without an id of its own (the port gives it a fresh one). */
    public SendCommand(byte[] command, Duration timeout, ActorRef<CommandOutcome> replyTo) {
      this(command, null, timeout, replyTo);
    }

    /** Validates the fields; {@code commandId} may be null (no id of its own) or 1-64 letters, digits, '-'. */
    public SendCommand {
      if (commandId != null && !commandId.matches("[A-Za-z0-9-]{1,64}")) {
        throw new IllegalArgumentException("commandId must be 1-64 letters, digits or '-', was " + commandId);
      }
      if (command == null || command.length == 0) {
        throw new IllegalArgumentException("command must not be empty");
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
      }
      if (replyTo == null) {
        throw new IllegalArgumentException("replyTo must not be null");
      }
    }
  }

  /**
   * What came of a command: the device answered (accepted, or refused with its own reason), or no
   * answer came ({@code answered} false: timeout, link down; {@code reason} says which, and the
   * command may still reach the device).
   *
   * @param ok whether the device accepted it (never true without an answer)
   * @param reason the refusal's or the missing answer's reason; required unless {@code ok}
   * @param answered whether the device answered
   */
  public record CommandOutcome(DeviceKey device, boolean ok, String reason, boolean answered)
      implements CborSerializable {
    /** Validates the fields. */
    public CommandOutcome {
      if (device == null) {
        throw new IllegalArgumentException("device must not be null");
      }
      if (!ok && (reason == null || reason.isEmpty())) {
        throw new IllegalArgumentException("a refusal needs a reason");
      }
      if (ok && !answered) {
        throw new IllegalArgumentException("a command without an answer cannot be accepted");
      }
    }

    /** The device's own answer: accepted, or refused with {@code reason}. */
    public CommandOutcome(DeviceKey device, boolean ok, String reason) {
      this(device, ok, reason, true);
    }

    /**
     * No answer came from {@code device}; {@code why} says why (timeout, link down). The reason reads
     * {@code no reply: why}, or {@code why} alone when it already says "no reply" (the link's timeout
     * does), so that it is not said twice.
     */
    public static CommandOutcome noReply(DeviceKey device, String why) {
      return new CommandOutcome(device, false, noReplyReason(why), false);
    }

    /** The reason of a command nobody answered: {@code no reply: why}, "no reply" said once. */
    public static String noReplyReason(String why) {
      return why.startsWith(NO_REPLY) ? why : NO_REPLY + ": " + why;
    }

    private static final String NO_REPLY = "no reply";
  }

  /**
   * Start (or restart, replacing the one before) this drone's agents {@link Drone} with {@code setup}
   * for a mission and answer with it; a device that is not a drone answers {@link DroneRefused}.
   */
  public record AdoptDrone(DroneSetup setup, ActorRef<DroneReply> replyTo) implements Command {}

  /** Answers to {@link AdoptDrone}. */
  public sealed interface DroneReply extends CborSerializable {}

  /** The device's drone agent. */
  public record DroneReady(DeviceKey device, ActorRef<Drone.Command> drone) implements DroneReply {}

  /** The device has no drone agent. */
  public record DroneRefused(DeviceKey device, String reason) implements DroneReply {}

  private enum CheckLink implements Command {
    INSTANCE
  }

  private final DeviceKey key;
  private final String entityId;
  private final AgentsSettings settings;
  private final DeviceView view;
  private final CommandPort port;
  private final AlarmRules rules;
  private final LinkMonitor link;
  private final TimerScheduler<Command> timers;
  private final double linkTimeoutS;
  private Set<AlarmKind> active = EnumSet.noneOf(AlarmKind.class);
  private double lastSeenS;
  private boolean linkCheckArmed;
  private ActorRef<Drone.Command> drone;
  private int drones;
  private boolean heardStatus;
  private boolean heardObservation;

  /** The entity of {@code key}. */
  public static Behavior<Command> create(DeviceKey key, AgentsSettings settings, DeviceView view, CommandPort port) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new DeviceEntity(ctx, t, key, settings, view, port)));
  }

  private DeviceEntity(ActorContext<Command> ctx, TimerScheduler<Command> timers, DeviceKey key,
      AgentsSettings settings, DeviceView view, CommandPort port) {
    super(ctx);
    this.key = key;
    this.entityId = key.entityId();
    this.settings = settings;
    this.view = view;
    this.port = port;
    this.rules = new AlarmRules(settings.batteryAlarmPercent(), Geofence.unbounded());
    this.linkTimeoutS = settings.linkTimeout().toNanos() / 1e9;
    this.link = new LinkMonitor(linkTimeoutS);
    this.timers = timers;
    view.registered(key);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Register.class, r -> this)
        .onMessage(StatusChanged.class, this::onStatus)
        .onMessage(Restore.class, this::onRestore)
        .onMessage(Observe.class, this::onObserve)
        .onMessage(SendCommand.class, this::onSend)
        .onMessage(AdoptDrone.class, this::onAdopt)
        .onMessageEquals(CheckLink.INSTANCE, this::onCheckLink)
        .build();
  }

  private Behavior<Command> onRestore(Restore r) {
    // what the device said since the restart is newer than what was kept: only fill in the rest
    if (r.online() != null && !heardStatus) {
      view.status(key, r.online());
    }
    if (r.last() != null && !heardObservation) {
      view.observed(key, r.last());
    }
    return this;
  }

  private Behavior<Command> onStatus(StatusChanged s) {
    heardStatus = true;
    view.status(key, s.online());
    return this;
  }

  private Behavior<Command> onObserve(Observe m) {
    Observation o = m.observation();
    heardObservation = true;
    lastSeenS = nowS();
    link.seen(entityId, lastSeenS).forEach(a -> view.alarm(key, a));
    if (!linkCheckArmed) {
      armLinkCheck(linkTimeoutS);
    }
    FlightState state = new FlightState(o.receivedAtMs() / 1000.0, 0, 0, Math.max(0, o.altM()), o.speedMps(),
        phase(o.state()), -1, 0, o.batteryPercent(), 0, 0);
    AlarmRules.Evaluation e = rules.evaluate(entityId, active, state);
    active = e.active().isEmpty() ? EnumSet.noneOf(AlarmKind.class) : EnumSet.copyOf(e.active());
    view.observed(key, o);
    e.changes().forEach(a -> view.alarm(key, a));
    return this;
  }

  private static FlightPhase phase(String state) {
    return switch (state) {
      case "flying", "transit" -> FlightPhase.FLYING;
      case "hovering", "sensing" -> FlightPhase.HOVERING;
      case "charging" -> FlightPhase.SWAPPING;
      default -> FlightPhase.IDLE;
    };
  }

  private Behavior<Command> onSend(SendCommand s) {
    (s.commandId() == null ? port.send(key, s.command(), s.timeout()) : port.send(key, s.command(), s.commandId(),
        s.timeout())).whenComplete((outcome, err) -> s.replyTo().tell(
        err != null ? CommandOutcome.noReply(key, rootMessage(err)) : outcome));
    return this;
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  private Behavior<Command> onAdopt(AdoptDrone a) {
    if (key.kind() != DeviceKey.Kind.DRONE) {
      a.replyTo().tell(new DroneRefused(key, key + " is a " + key.kind().level() + ", not a drone"));
      return this;
    }
    if (drone != null) {
      getContext().stop(drone);
    }
    drone = getContext().spawn(Drone.create(key.id(), a.setup(), settings), "drone-" + (++drones));
    a.replyTo().tell(new DroneReady(key, drone));
    return this;
  }

  /**
   * One link check per device is pending at a time, due when the link timeout after the last message
   * runs out (not a periodic check: 10,000 devices with a 1 s periodic check cost as many timer
   * messages as their telemetry at 1 Hz; see agents/README.md).
   */
  private void armLinkCheck(double inS) {
    timers.startSingleTimer(CheckLink.INSTANCE, Duration.ofNanos((long) (Math.max(0, inS) * 1e9) + 1_000_000));
    linkCheckArmed = true;
  }

  private Behavior<Command> onCheckLink() {
    linkCheckArmed = false;
    double now = nowS();
    link.check(now).forEach(a -> view.alarm(key, a));
    if (!link.isLost(entityId)) {
      armLinkCheck(lastSeenS + linkTimeoutS - now);
    }
    return this;
  }

  private static double nowS() {
    return System.nanoTime() / 1e9;
  }
}
