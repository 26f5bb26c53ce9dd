package org.swarmsense.agents.sensor;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.agents.settings.AgentsSettings;

/**
 * A fixed traffic sensor over one cell: every telemetry interval it advances simulated time by
 * interval x simulation speed and reports the vehicle count of its {@link TrafficSource} at each
 * sample time due ({@link SamplingSchedule}) to its subscribers. Its sampling interval can be
 * changed at run time ({@link SetSamplingInterval}).
 */
public final class Sensor extends AbstractBehavior<Sensor.Command> {

  /** Everything a sensor understands. */
  public sealed interface Command extends CborSerializable {}

  /** Send readings to {@code readings} from now on. */
  public record Subscribe(ActorRef<Reading> readings) implements Command {}

  /** Sample every {@code intervalS} simulated seconds from the next sample on. */
  public record SetSamplingInterval(double intervalS, ActorRef<SamplingReply> replyTo) implements Command {}

  private enum Tick implements Command { INSTANCE }

  /** Replies to {@link SetSamplingInterval}. */
  public sealed interface SamplingReply extends CborSerializable {}

  /** The new interval is in force. */
  public record SamplingChanged(String sensorId, double intervalS) implements SamplingReply {}

  /** The interval was refused, with the reason. */
  public record SamplingRejected(String sensorId, double intervalS, String reason) implements SamplingReply {}

  /**
   * One reading: vehicles counted in {@code cell} at simulated time {@code tS}.
   *
   * @param sensorId the sensor
   * @param cell the cell index in the mission's grid
   * @param tS simulated time, s since window start
   * @param vehicleCount vehicles present, >= 0
   */
  public record Reading(String sensorId, int cell, double tS, double vehicleCount) implements CborSerializable {}

  private final String id;
  private final int cell;
  private final TrafficSource source;
  private final AgentsSettings settings;
  private final List<ActorRef<Reading>> subscribers = new ArrayList<>();
  private SamplingSchedule schedule;
  private double simS;

  /** A sensor {@code id} over {@code cell} reading {@code source}, at the default sampling interval. */
  public static Behavior<Command> create(String id, int cell, TrafficSource source, AgentsSettings settings) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("sensor id must not be blank, got: " + id);
    }
    if (cell < 0) {
      throw new IllegalArgumentException("cell must be >= 0, got: " + cell);
    }
    if (source == null) {
      throw new IllegalArgumentException("source must not be null");
    }
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new Sensor(ctx, t, id, cell, source, settings)));
  }

  private Sensor(ActorContext<Command> ctx, TimerScheduler<Command> timers, String id, int cell,
      TrafficSource source, AgentsSettings settings) {
    super(ctx);
    this.id = id;
    this.cell = cell;
    this.source = source;
    this.settings = settings;
    this.schedule = SamplingSchedule.every(settings.sensorSamplingInterval().toNanos() / 1e9);
    timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.telemetryInterval());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(SetSamplingInterval.class, this::onSetSamplingInterval)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .build();
  }

  private Behavior<Command> onSubscribe(Subscribe m) {
    subscribers.add(m.readings());
    return this;
  }

  private Behavior<Command> onSetSamplingInterval(SetSamplingInterval m) {
    if (!(m.intervalS() > 0) || !Double.isFinite(m.intervalS())) {
      m.replyTo().tell(new SamplingRejected(id, m.intervalS(), "intervalS must be finite and > 0, got: " + m.intervalS()));
      return this;
    }
    schedule = schedule.withInterval(m.intervalS());
    m.replyTo().tell(new SamplingChanged(id, m.intervalS()));
    return this;
  }

  private Behavior<Command> onTick() {
    simS += settings.tickSimS();
    for (double t : schedule.due(simS)) {
      Reading r = new Reading(id, cell, t, source.vehicleCountAt(t));
      subscribers.forEach(s -> s.tell(r));
    }
    schedule = schedule.after(simS);
    return this;
  }
}
