package org.swarmsense.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live state that the dashboard and the stream endpoint show, per fleet: the latest snapshot of
 * every device (position, battery, state), the latest plan and mission state, and recent alarms.
 * Producers (the MQTT link, agents, the mission runner) {@link #publish} events; listeners get every
 * event of their fleet in publish order. Thread-safe; listeners must not block.
 */
public final class LiveHub implements org.swarmsense.gateway.mission.MissionEvents {
  /** Event types, the {@code type} field of every event. */
  public static final String DEVICE = "device";

  public static final String ALARM = "alarm";
  public static final String MISSION = org.swarmsense.gateway.mission.MissionStatus.EVENT_TYPE;
  public static final String PLAN = "plan";

  private static final int MAX_ALARMS = 200;

  private final Map<String, Map<String, ObjectNode>> devices = new ConcurrentHashMap<>();
  private final Map<String, List<ObjectNode>> alarms = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<ObjectNode>>> listeners = new ConcurrentHashMap<>();

  /**
   * Publishes an event of a fleet. A {@code device} event must carry an {@code id}; it replaces the
   * snapshot of that device.
   */
  @Override
  public void publish(String fleet, ObjectNode event) {
    String type = event.path("type").asText("");
    if (type.isEmpty()) {
      throw new IllegalArgumentException("live event needs a type, was " + event);
    }
    if (DEVICE.equals(type)) {
      String id = event.path("id").asText("");
      if (id.isEmpty()) {
        throw new IllegalArgumentException("device event needs an id, was " + event);
      }
      devices.computeIfAbsent(fleet, f -> new ConcurrentHashMap<>()).put(id, event.deepCopy());
    } else if (ALARM.equals(type)) {
      List<ObjectNode> list = alarms.computeIfAbsent(fleet, f -> new CopyOnWriteArrayList<>());
      list.add(event.deepCopy());
      while (list.size() > MAX_ALARMS) {
        list.remove(0);
      }
    }
    for (Consumer<ObjectNode> l : listeners.getOrDefault(fleet, List.of())) {
      l.accept(event);
    }
  }

  /** The latest snapshot of every device of a fleet, sorted by id. */
  public List<ObjectNode> devices(String fleet) {
    List<ObjectNode> list = new ArrayList<>(devices.getOrDefault(fleet, Map.of()).values());
    list.sort((a, b) -> a.path("id").asText().compareTo(b.path("id").asText()));
    return list;
  }

  /** The latest snapshot of one device. */
  public Optional<JsonNode> device(String fleet, String id) {
    return Optional.ofNullable(devices.getOrDefault(fleet, Map.of()).get(id));
  }

  /** The most recent alarms of a fleet (at most 200), oldest first. */
  public List<ObjectNode> alarms(String fleet) {
    return List.copyOf(alarms.getOrDefault(fleet, List.of()));
  }

  /** Adds a listener for a fleet's events; the returned handle removes it. */
  public AutoCloseable subscribe(String fleet, Consumer<ObjectNode> listener) {
    List<Consumer<ObjectNode>> list =
        listeners.computeIfAbsent(fleet, f -> new CopyOnWriteArrayList<>());
    list.add(listener);
    return () -> list.remove(listener);
  }
}
