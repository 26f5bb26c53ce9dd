package org.swarmsense.agents.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.swarmsense.agents.alarm.Alarm;

/**
 * The one read view of the devices of a node: what each {@link DeviceEntity} last reported, kept
 * here by the entity itself after it has handled a message (so it is never ahead of the entity).
 * HTTP, the dashboard, the serve log and the mission runner read it; listeners hear every change in
 * the order the entity made it. Thread-safe; listeners must return quickly and not block.
 */
public final class DeviceView {
  /** Hears changes; every method defaults to doing nothing. */
  public interface Listener {
    /** A device's entity handled its first message. */
    default void registered(DeviceKey device) {}

    /** A device's status changed (or arrived for the first time). */
    default void status(DeviceKey device, boolean online) {}

    /** A device reported its state. */
    default void observed(DeviceKey device, Observation o) {}

    /** A device's entity raised or cleared an alarm (low battery, link lost). */
    default void alarm(DeviceKey device, Alarm alarm) {}
  }

  private static final Comparator<DeviceSnapshot> BY_ID =
      Comparator.comparing((DeviceSnapshot s) -> s.key().id()).thenComparing(s -> s.key().kind());

  private final Map<String, Map<DeviceKey, DeviceSnapshot>> fleets = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final LongAdder observations = new LongAdder();

  /** Adds a listener; the returned handle removes it. */
  public AutoCloseable listen(Listener l) {
    if (l == null) {
      throw new IllegalArgumentException("listener must not be null");
    }
    listeners.add(l);
    return () -> listeners.remove(l);
  }

  // ---- written by the entities (one writer per device: its entity)

  /** The entity of {@code k} handled its first message. */
  public void registered(DeviceKey k) {
    Map<DeviceKey, DeviceSnapshot> fleet = fleets.computeIfAbsent(k.fleet(), f -> new ConcurrentHashMap<>());
    if (fleet.putIfAbsent(k, new DeviceSnapshot(k, Optional.empty(), Optional.empty())) == null) {
      listeners.forEach(l -> l.registered(k));
    }
  }

  /** The status of {@code k}. */
  public void status(DeviceKey k, boolean online) {
    registered(k);
    DeviceSnapshot before = fleets.get(k.fleet()).get(k);
    fleets.get(k.fleet()).computeIfPresent(k, (key, s) -> s.withOnline(online));
    if (before.online().isEmpty() || before.online().get() != online) {
      listeners.forEach(l -> l.status(k, online));
    }
  }

  /** An observation of {@code k}. */
  public void observed(DeviceKey k, Observation o) {
    registered(k);
    fleets.get(k.fleet()).computeIfPresent(k, (key, s) -> s.withLast(o));
    observations.increment();
    listeners.forEach(l -> l.observed(k, o));
  }

  /** An alarm change of {@code k}. */
  public void alarm(DeviceKey k, Alarm a) {
    listeners.forEach(l -> l.alarm(k, a));
  }

  // ---- read by HTTP, the dashboard, the runner

  /** Every device of a fleet whose entity has handled a message, any state. */
  public Set<DeviceKey> registered(String fleet) {
    return Set.copyOf(fleets.getOrDefault(fleet, Map.of()).keySet());
  }

  /** Every device of every fleet. */
  public int size() {
    return fleets.values().stream().mapToInt(Map::size).sum();
  }

  /** The devices of a fleet that reported a state, sorted by id (then kind). */
  public List<DeviceSnapshot> reporting(String fleet) {
    List<DeviceSnapshot> out = new ArrayList<>();
    for (DeviceSnapshot s : fleets.getOrDefault(fleet, Map.of()).values()) {
      if (s.last().isPresent()) {
        out.add(s);
      }
    }
    out.sort(BY_ID);
    return out;
  }

  /** One device of a fleet by id (of any kind; a drone first when kinds share the id), if it reported a state. */
  public Optional<DeviceSnapshot> reporting(String fleet, String id) {
    return reporting(fleet).stream().filter(s -> s.key().id().equals(id)).findFirst();
  }

  /** One device, whatever it reported. */
  public Optional<DeviceSnapshot> device(DeviceKey key) {
    return Optional.ofNullable(fleets.getOrDefault(key.fleet(), Map.of()).get(key));
  }

  /** Observations handled by the entities so far. */
  public long observations() {
    return observations.sum();
  }
}
