package org.swarmsense.agents.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.swarmsense.agents.alarm.Alarm;
import org.swarmsense.agents.alarm.LinkMonitor;
import org.swarmsense.agents.cluster.CborSerializable;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.epos.sensing.flight.FlightState;
import org.swarmsense.agents.sensor.Sensor;
import org.swarmsense.agents.settings.AgentsSettings;

/**
 * Who exists and in what state: drones and sensors register here; the registry subscribes to their
 * telemetry, readings and alarms, keeps the latest of each, raises LINK_LOST through {@link
 * LinkMonitor} when a device falls silent, notices stopped devices, and forwards every alarm to its
 * alarm subscribers.
 */
public final class DeviceRegistry extends AbstractBehavior<DeviceRegistry.Command> {

  /** Everything the registry understands. */
  public sealed interface Command extends CborSerializable {}

  /** Register a drone; replies {@link Registered} or {@link RegistrationRejected}. */
  public record RegisterDrone(String droneId, ActorRef<Drone.Command> drone, ActorRef<RegistrationReply> replyTo)
      implements Command {}

  /** Register a sensor; replies {@link Registered} or {@link RegistrationRejected}. */
  public record RegisterSensor(String sensorId, ActorRef<Sensor.Command> sensor, ActorRef<RegistrationReply> replyTo)
      implements Command {}

  /** List every device, in id order. */
  public record ListDevices(ActorRef<Devices> replyTo) implements Command {}

  /** Forward every alarm (device alarms and LINK_LOST) to {@code alarms}. */
  public record SubscribeAlarms(ActorRef<Alarm> alarms) implements Command {}

  private record WrappedTelemetry(Drone.Telemetry telemetry) implements Command {}

  private record WrappedReading(Sensor.Reading reading) implements Command {}

  private record WrappedAlarm(Alarm alarm) implements Command {}

  private record DeviceStopped(String id) implements Command {}

  private enum CheckLinks implements Command { INSTANCE }

  /** Replies to registrations. */
  public sealed interface RegistrationReply extends CborSerializable {}

  /** The device is registered. */
  public record Registered(String deviceId) implements RegistrationReply {}

  /** The registration was refused (e.g. the id is taken by another actor). */
  public record RegistrationRejected(String deviceId, String reason) implements RegistrationReply {}

  /** The kinds of device. */
  public enum Kind { DRONE, SENSOR }

  /**
   * What the registry knows about one device.
   *
   * @param id device id
   * @param kind drone or sensor
   * @param lastTelemetry the drone's last flight state (empty for sensors and before the first report)
   * @param lastReading the sensor's last vehicle count (NaN before the first reading, and for drones)
   * @param messages telemetry reports or readings received
   * @param linkLost whether LINK_LOST is raised
   * @param stopped whether the device's actor has stopped
   */
  public record DeviceInfo(String id, Kind kind, Optional<FlightState> lastTelemetry, double lastReading,
      long messages, boolean linkLost, boolean stopped) implements CborSerializable {}

  /** The reply to {@link ListDevices}. */
  public record Devices(List<DeviceInfo> devices) implements CborSerializable {
    /** Copies the list. */
    public Devices {
      devices = List.copyOf(devices);
    }
  }

  private final LinkMonitor links;
  private final Map<String, DeviceInfo> devices = new TreeMap<>();
  private final Map<String, ActorRef<?>> refs = new TreeMap<>();
  private final List<ActorRef<Alarm>> alarmSubscribers = new ArrayList<>();
  private final ActorRef<Drone.Telemetry> telemetryAdapter;
  private final ActorRef<Sensor.Reading> readingAdapter;
  private final ActorRef<Alarm> alarmAdapter;
  private final long startNanos = System.nanoTime();

  /** An empty registry. */
  public static Behavior<Command> create(AgentsSettings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new DeviceRegistry(ctx, t, settings)));
  }

  private DeviceRegistry(ActorContext<Command> ctx, TimerScheduler<Command> timers, AgentsSettings settings) {
    super(ctx);
    this.links = new LinkMonitor(settings.linkTimeout().toNanos() / 1e9);
    this.telemetryAdapter = ctx.messageAdapter(Drone.Telemetry.class, WrappedTelemetry::new);
    this.readingAdapter = ctx.messageAdapter(Sensor.Reading.class, WrappedReading::new);
    this.alarmAdapter = ctx.messageAdapter(Alarm.class, WrappedAlarm::new);
    timers.startTimerWithFixedDelay(CheckLinks.INSTANCE, settings.linkCheckInterval());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RegisterDrone.class, this::onRegisterDrone)
        .onMessage(RegisterSensor.class, this::onRegisterSensor)
        .onMessage(ListDevices.class, this::onListDevices)
        .onMessage(SubscribeAlarms.class, this::onSubscribeAlarms)
        .onMessage(WrappedTelemetry.class, this::onTelemetry)
        .onMessage(WrappedReading.class, this::onReading)
        .onMessage(WrappedAlarm.class, m -> onAlarm(m.alarm()))
        .onMessage(DeviceStopped.class, this::onDeviceStopped)
        .onMessageEquals(CheckLinks.INSTANCE, this::onCheckLinks)
        .build();
  }

  private Behavior<Command> onRegisterDrone(RegisterDrone m) {
    if (!register(m.droneId(), Kind.DRONE, m.drone(), m.replyTo())) {
      return this;
    }
    m.drone().tell(new Drone.Subscribe(telemetryAdapter, alarmAdapter));
    return this;
  }

  private Behavior<Command> onRegisterSensor(RegisterSensor m) {
    if (!register(m.sensorId(), Kind.SENSOR, m.sensor(), m.replyTo())) {
      return this;
    }
    m.sensor().tell(new Sensor.Subscribe(readingAdapter));
    return this;
  }

  private boolean register(String id, Kind kind, ActorRef<?> ref, ActorRef<RegistrationReply> replyTo) {
    if (id == null || id.isBlank() || ref == null) {
      replyTo.tell(new RegistrationRejected(String.valueOf(id), "id must not be blank and the actor ref must be given"));
      return false;
    }
    ActorRef<?> known = refs.get(id);
    if (known != null && !known.equals(ref)) {
      replyTo.tell(new RegistrationRejected(id, "id " + id + " is already registered to " + known.path()));
      return false;
    }
    if (known == null) {
      refs.put(id, ref);
      devices.put(id, new DeviceInfo(id, kind, Optional.empty(), Double.NaN, 0, false, false));
      getContext().watchWith(ref, new DeviceStopped(id));
      links.seen(id, nowS());
    }
    replyTo.tell(new Registered(id));
    return known == null;
  }

  private Behavior<Command> onListDevices(ListDevices m) {
    m.replyTo().tell(new Devices(new ArrayList<>(devices.values())));
    return this;
  }

  private Behavior<Command> onSubscribeAlarms(SubscribeAlarms m) {
    alarmSubscribers.add(m.alarms());
    return this;
  }

  private Behavior<Command> onTelemetry(WrappedTelemetry m) {
    String id = m.telemetry().droneId();
    DeviceInfo d = devices.get(id);
    if (d != null) {
      devices.put(id, new DeviceInfo(id, d.kind(), Optional.of(m.telemetry().state()), d.lastReading(),
          d.messages() + 1, false, d.stopped()));
      links.seen(id, nowS()).forEach(this::publish);
    }
    return this;
  }

  private Behavior<Command> onReading(WrappedReading m) {
    String id = m.reading().sensorId();
    DeviceInfo d = devices.get(id);
    if (d != null) {
      devices.put(id, new DeviceInfo(id, d.kind(), d.lastTelemetry(), m.reading().vehicleCount(),
          d.messages() + 1, false, d.stopped()));
      links.seen(id, nowS()).forEach(this::publish);
    }
    return this;
  }

  private Behavior<Command> onAlarm(Alarm a) {
    publish(a);
    return this;
  }

  private Behavior<Command> onDeviceStopped(DeviceStopped m) {
    DeviceInfo d = devices.get(m.id());
    if (d != null) {
      devices.put(m.id(), new DeviceInfo(d.id(), d.kind(), d.lastTelemetry(), d.lastReading(), d.messages(),
          d.linkLost(), true));
    }
    return this;
  }

  private Behavior<Command> onCheckLinks() {
    for (Alarm a : links.check(nowS())) {
      DeviceInfo d = devices.get(a.deviceId());
      devices.put(d.id(), new DeviceInfo(d.id(), d.kind(), d.lastTelemetry(), d.lastReading(), d.messages(),
          true, d.stopped()));
      publish(a);
    }
    return this;
  }

  private void publish(Alarm a) {
    alarmSubscribers.forEach(s -> s.tell(a));
  }

  private double nowS() {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
