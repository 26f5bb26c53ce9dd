package org.swarmsense.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.swarmsense.gateway.mqtt.FleetIngest;
import org.swarmsense.gateway.mqtt.ForwardingIngest;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.Event;

/**
 * Turns what devices say over MQTT into the dashboard's alarms and edge events: device events and
 * alarms become {@code alarm} events, a device going offline is an alarm too; the boxes of edge nodes'
 * answers become {@code detection} events. (Telemetry of every device, edge nodes' queue and load
 * included, reaches the dashboard through the device entities and their read view: see {@link
 * LiveHub}.) Then hands every call on to
 * the next ingest. Thread-safe; returns quickly.
 */
public final class LiveIngest extends ForwardingIngest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LiveHub hub;
  private final java.util.function.BiConsumer<String, ObjectNode> shared;

  public LiveIngest(LiveHub hub, FleetIngest next) {
    this(hub, hub::publish, next);
  }

  /**
   * @param shared where the alarms and detections of messages this node alone received go (with
   *     several nodes: to every node's hub, since a shared subscription hands each message to one
   *     node); a device going offline is heard by every node and published to {@code hub} only
   */
  public LiveIngest(LiveHub hub, java.util.function.BiConsumer<String, ObjectNode> shared, FleetIngest next) {
    super(next);
    this.hub = hub;
    this.shared = shared;
  }

  @Override
  public void onStatus(DeviceId device, boolean online) {
    if (!online) {
      ObjectNode a = JSON.createObjectNode();
      a.put("type", LiveHub.ALARM).put("id", device.id()).put("kind", device.kind().level());
      a.put("alarm", "link_lost").put("detail", "device went offline");
      a.put("t_ms", System.currentTimeMillis());
      hub.publish(device.fleet(), a);
    }
    next.onStatus(device, online);
  }

  /**
   * An edge node's answer with detections becomes a {@code detection} event: the boxes placed on the
   * ground below the drone whose task it was ({@link DetectionPlacement}); answers without boxes,
   * errors, and answers for a drone the hub has no position of are passed on only.
   */
  @Override
  public void onEdgeResult(DeviceId edge, String taskId, byte[] payload) {
    try {
      DetectionPlacement.event(hub, edge, taskId, EdgePayloads.readResult(payload))
          .ifPresent(e -> shared.accept(edge.fleet(), e));
    } catch (RuntimeException e) {
      // the link validated it already; a placement problem must not stop the chain
    }
    next.onEdgeResult(edge, taskId, payload);
  }

  @Override
  public void onEvent(DeviceId device, Event e) {
    ObjectNode a = JSON.createObjectNode();
    a.put("type", LiveHub.ALARM).put("id", device.id()).put("kind", device.kind().level());
    a.put("alarm", e.type()).put("t_ms", e.tMs());
    if (e.reason() != null) {
      a.put("reason", e.reason());
    }
    if (e.detail() != null) {
      a.put("detail", e.detail());
    }
    shared.accept(device.fleet(), a);
    next.onEvent(device, e);
  }
}
