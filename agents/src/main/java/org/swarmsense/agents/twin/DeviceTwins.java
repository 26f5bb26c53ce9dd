package org.swarmsense.agents.twin;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.swarmsense.agents.alarm.Alarm;
import org.swarmsense.agents.alarm.AlarmKind;
import org.swarmsense.agents.alarm.AlarmRules;
import org.swarmsense.agents.alarm.Geofence;
import org.swarmsense.agents.alarm.LinkMonitor;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.epos.sensing.flight.FlightState;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * The digital twins of real devices that talk over MQTT: one twin per device id, holding what the
 * device last reported and which alarms are active. Every observation runs the same {@link
 * AlarmRules} the simulated drones use (LOW_BATTERY below the configured threshold), and a timer
 * runs the {@link LinkMonitor} (LINK_LOST after {@code link-timeout} of silence, cleared by the
 * next message). Alarm changes go to the {@code alarms} actor. Positions are projected to metres
 * around each device's first fix (the rules' geofence is unbounded here: the gateway checks its
 * polygon geofences itself). Times are wall-clock seconds.
 */
public final class DeviceTwins extends AbstractBehavior<DeviceTwins.Command> {

  /** Messages of the twins. */
  public sealed interface Command extends CborSerializable {}

  /**
   * A device reported its state.
   *
   * @param tS time of the report, seconds on the gateway's clock
   */
  public record Observe(
      String deviceId,
      double tS,
      double latDeg,
      double lonDeg,
      double altM,
      double speedMps,
      double batteryPercent,
      String state)
      implements Command {}

  /** Asks for one twin. */
  public record GetTwin(String deviceId, ActorRef<TwinState> replyTo) implements Command {}

  /** A twin as it is now; {@code last} is empty for a device never observed. */
  public record TwinState(String deviceId, Optional<Observe> last, Set<AlarmKind> active)
      implements CborSerializable {}

  private enum CheckLinks implements Command {
    INSTANCE
  }

  private static final class Twin {
    final LocalProjection projection;
    Observe last;
    Set<AlarmKind> active = EnumSet.noneOf(AlarmKind.class);

    Twin(Observe first) {
      this.projection = LocalProjection.centredOn(first.lonDeg(), first.latDeg());
    }
  }

  private final AlarmRules rules;
  private final LinkMonitor links;
  private final ActorRef<Alarm> alarms;
  private final Map<String, Twin> twins = new HashMap<>();

  /** Twins that report alarm changes to {@code alarms}. */
  public static Behavior<Command> create(AgentsSettings settings, ActorRef<Alarm> alarms) {
    return Behaviors.setup(
        ctx -> Behaviors.withTimers(timers -> new DeviceTwins(ctx, timers, settings, alarms)));
  }

  private DeviceTwins(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      AgentsSettings settings,
      ActorRef<Alarm> alarms) {
    super(ctx);
    this.rules = new AlarmRules(settings.batteryAlarmPercent(), Geofence.unbounded());
    this.links = new LinkMonitor(settings.linkTimeout().toNanos() / 1e9);
    this.alarms = alarms;
    Duration every = settings.linkCheckInterval();
    timers.startTimerWithFixedDelay(CheckLinks.INSTANCE, every);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Observe.class, this::onObserve)
        .onMessage(GetTwin.class, this::onGetTwin)
        .onMessageEquals(CheckLinks.INSTANCE, this::onCheckLinks)
        .build();
  }

  private Behavior<Command> onObserve(Observe o) {
    Twin twin = twins.computeIfAbsent(o.deviceId(), id -> new Twin(o));
    twin.last = o;
    links.seen(o.deviceId(), nowS()).forEach(alarms::tell);
    var xy = twin.projection.toLocal(o.lonDeg(), o.latDeg());
    FlightState state =
        new FlightState(o.tS(), xy.x, xy.y, Math.max(0, o.altM()), o.speedMps(), phase(o), -1, 0,
            o.batteryPercent(), 0, 0);
    AlarmRules.Evaluation e = rules.evaluate(o.deviceId(), twin.active, state);
    twin.active = e.active().isEmpty() ? EnumSet.noneOf(AlarmKind.class) : EnumSet.copyOf(e.active());
    e.changes().forEach(alarms::tell);
    return this;
  }

  private static FlightPhase phase(Observe o) {
    return switch (o.state()) {
      case "flying", "transit" -> FlightPhase.FLYING;
      case "hovering", "sensing" -> FlightPhase.HOVERING;
      case "charging" -> FlightPhase.SWAPPING;
      default -> FlightPhase.IDLE;
    };
  }

  private Behavior<Command> onGetTwin(GetTwin g) {
    Twin t = twins.get(g.deviceId());
    Set<AlarmKind> active = t == null ? Set.of() : EnumSet.copyOf(activeWithLink(g.deviceId(), t.active));
    g.replyTo().tell(new TwinState(g.deviceId(), t == null ? Optional.empty() : Optional.of(t.last), active));
    return this;
  }

  private Set<AlarmKind> activeWithLink(String id, Set<AlarmKind> active) {
    Set<AlarmKind> all = EnumSet.noneOf(AlarmKind.class);
    all.addAll(active);
    if (links.isLost(id)) {
      all.add(AlarmKind.LINK_LOST);
    }
    return all;
  }

  private Behavior<Command> onCheckLinks() {
    List<Alarm> lost = links.check(nowS());
    lost.forEach(alarms::tell);
    return this;
  }

  private static double nowS() {
    return System.nanoTime() / 1e9;
  }
}
