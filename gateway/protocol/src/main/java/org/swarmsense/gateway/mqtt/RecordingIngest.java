package org.swarmsense.gateway.mqtt;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * A {@link FleetIngest} that counts and records what arrives: registered devices, their status and
 * last telemetry, events, replies and a histogram of telemetry latency (receive time minus {@code
 * t_ms}, in whole milliseconds, 0..60000). Used by tests, {@code swarmsense bench mqtt} and, until
 * the agents are wired to the link, by {@code swarmsense serve}. Thread-safe.
 */
public final class RecordingIngest implements FleetIngest {
  private static final int MAX_KEPT = 10_000;

  private final Consumer<String> log;
  private final Set<DeviceId> registered = ConcurrentHashMap.newKeySet();
  private final Map<DeviceId, Boolean> online = new ConcurrentHashMap<>();
  private final Map<DeviceId, Telemetry> lastTelemetry = new ConcurrentHashMap<>();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<CommandReply> replies = new CopyOnWriteArrayList<>();
  private final LongAdder telemetryCount = new LongAdder();
  private final LongAdder edgeResults = new LongAdder();
  private final LatencyHistogram latency = new LatencyHistogram();

  /** Records silently. */
  public RecordingIngest() {
    this(line -> {});
  }

  /** Records and reports registrations, status changes, events and replies as lines to {@code log}. */
  public RecordingIngest(Consumer<String> log) {
    if (log == null) {
      throw new IllegalArgumentException("log must not be null");
    }
    this.log = log;
  }

  @Override
  public void onDeviceRegistered(DeviceId device) {
    if (registered.add(device)) {
      log.accept("registered " + device);
    }
  }

  @Override
  public void onStatus(DeviceId device, boolean isOnline) {
    Boolean before = online.put(device, isOnline);
    if (before == null || before != isOnline) {
      log.accept(device + " is " + (isOnline ? "online" : "offline"));
    }
  }

  @Override
  public void onTelemetry(DeviceId device, Telemetry telemetry, long receivedAtMs) {
    telemetryCount.increment();
    lastTelemetry.put(device, telemetry);
    latency.record(receivedAtMs - telemetry.tMs());
  }

  @Override
  public void onEvent(DeviceId device, Event event) {
    if (events.size() < MAX_KEPT) {
      events.add(event);
    }
    log.accept(device + " event " + event.type() + (event.reason() == null ? "" : " (" + event.reason() + ")"));
  }

  @Override
  public void onCommandReply(DeviceId device, CommandReply reply) {
    if (replies.size() < MAX_KEPT) {
      replies.add(reply);
    }
    log.accept(device + " answered " + reply.cmd() + ": " + (reply.ok() ? "ok" : reply.reason()));
  }

  @Override
  public void onEdgeResult(DeviceId edge, String taskId, byte[] payload) {
    edgeResults.increment();
  }

  /** Devices registered so far. */
  public Set<DeviceId> registered() {
    return Set.copyOf(registered);
  }

  /** The last status of a device, if any arrived. */
  public Optional<Boolean> online(DeviceId device) {
    return Optional.ofNullable(online.get(device));
  }

  /** The last telemetry of a device, if any arrived. */
  public Optional<Telemetry> lastTelemetry(DeviceId device) {
    return Optional.ofNullable(lastTelemetry.get(device));
  }

  /** Telemetry samples received. */
  public long telemetryCount() {
    return telemetryCount.sum();
  }

  /** Edge results received. */
  public long edgeResultCount() {
    return edgeResults.sum();
  }

  /** Events received (the first 10,000). */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /** Command replies received (the first 10,000). */
  public List<CommandReply> replies() {
    return List.copyOf(replies);
  }

  /** Telemetry latency (receive time minus {@code t_ms}) so far. */
  public LatencyHistogram latency() {
    return latency;
  }
}
