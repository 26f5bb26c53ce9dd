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
import org.swarmsense.agents.alarm.Alarm;
import org.swarmsense.agents.device.DeviceKey;
import org.swarmsense.agents.device.DeviceSnapshot;
import org.swarmsense.agents.device.DeviceView;
import org.swarmsense.agents.device.Observation;

/**
 * The live state that the dashboard and the stream endpoint show, per fleet: every device as the
 * device read view ({@link DeviceView}, kept by the device entities) holds it, rendered as {@code
 * device} events, the latest plan and mission state, and recent alarms. The hub listens to the view:
 * each observation becomes a {@code device} event and each alarm change of a device entity an {@code
 * alarm} event. Other producers (fences, the mission desk, the link's device events) {@link #publish}
 * events; listeners get every event of their fleet in publish order. Thread-safe; listeners must not
 * block.
 */
public final class LiveHub implements org.swarmsense.gateway.mission.MissionEvents {
  /** Event types, the {@code type} field of every event. */
  public static final String DEVICE = "device";

  public static final String ALARM = "alarm";
  public static final String MISSION = org.swarmsense.gateway.mission.MissionStatus.EVENT_TYPE;
  public static final String PLAN = "plan";

  private static final int MAX_ALARMS = 200;

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final DeviceView view;
  private final Map<String, List<ObjectNode>> alarms = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<ObjectNode>>> listeners = new ConcurrentHashMap<>();

  /** A hub over a view of its own (tests, tools). */
  public LiveHub() {
    this(new DeviceView());
  }

  /** The hub of the devices in {@code view}. */
  public LiveHub(DeviceView view) {
    if (view == null) {
      throw new IllegalArgumentException("view must not be null");
    }
    this.view = view;
    view.listen(new DeviceView.Listener() {
      @Override
      public void observed(DeviceKey device, Observation o) {
        publish(device.fleet(), deviceEvent(device, o));
      }

      @Override
      public void alarm(DeviceKey device, Alarm a) {
        String kind = a.kind().name().toLowerCase(java.util.Locale.ROOT);
        ObjectNode e = JSON.createObjectNode();
        e.put("type", ALARM).put("id", device.id()).put("kind", device.kind().level());
        e.put("alarm", a.raised() ? kind : kind + "_cleared").put("detail", a.detail());
        e.put("t_ms", System.currentTimeMillis());
        alarmsTo.accept(device.fleet(), e);
      }
    });
  }

  /** Where the entities' alarms (raised on the node the entity runs on) are published. */
  private volatile java.util.function.BiConsumer<String, ObjectNode> alarmsTo = this::publish;

  /**
   * Publishes the alarms of the device entities on this node through {@code shared} (with several
   * nodes: to every node's hub, this one's included) instead of to this hub alone.
   */
  public void shareAlarmsThrough(java.util.function.BiConsumer<String, ObjectNode> shared) {
    if (shared == null) {
      throw new IllegalArgumentException("shared must not be null");
    }
    alarmsTo = shared;
  }

  /** The device read view this hub shows. */
  public DeviceView view() {
    return view;
  }

  /** The {@code device} event of an observation (the dashboard's and the HTTP API's device JSON). */
  public static ObjectNode deviceEvent(DeviceKey device, Observation o) {
    ObjectNode d = JSON.createObjectNode();
    d.put("type", DEVICE).put("id", device.id()).put("kind", device.kind().level());
    d.put("lat_deg", o.latDeg()).put("lon_deg", o.lonDeg()).put("alt_m", o.altM());
    d.put("speed_m_s", o.speedMps()).put("heading_deg", o.headingDeg());
    d.put("battery_percent", o.batteryPercent()).put("state", o.state()).put("t_ms", o.deviceTMs());
    if (o.edgeLoad() != null) {
      d.put("queue_length", o.edgeLoad().queueLength()).put("queue_capacity", o.edgeLoad().queueCapacity());
      d.put("load", o.edgeLoad().load()).put("served", o.edgeLoad().served());
      d.put("rejected", o.edgeLoad().rejected());
    }
    return d;
  }

  private static ObjectNode deviceEvent(DeviceSnapshot s) {
    ObjectNode d = deviceEvent(s.key(), s.last().orElseThrow());
    s.online().ifPresent(online -> d.put("online", online)); // its last retained status
    return d;
  }

  /**
   * Publishes an event of a fleet. A {@code device} event must carry an {@code id} (the snapshot it
   * shows is the view's, kept by the device's entity).
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
    List<ObjectNode> list = new ArrayList<>();
    for (DeviceSnapshot s : view.reporting(fleet)) {
      list.add(deviceEvent(s));
    }
    return list;
  }

  /** The latest snapshot of one device. */
  public Optional<JsonNode> device(String fleet, String id) {
    return view.reporting(fleet, id).map(s -> (JsonNode) deviceEvent(s));
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
