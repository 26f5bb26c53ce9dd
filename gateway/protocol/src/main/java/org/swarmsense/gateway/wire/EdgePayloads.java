package org.swarmsense.gateway.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * JSON codecs of the edge offloading payloads ({@link EdgeTaskPacket}, {@link EdgeResult}, {@link
 * EdgeTelemetry}), with the same rules as {@link Payloads}: {@code "v": 1} checked first, unknown
 * fields refused, every error a {@link PayloadException} naming the field and the value. Stateless
 * and thread-safe.
 */
public final class EdgePayloads {

  private static final Set<String> TASK_FIELDS = Set.of("v", "t_ms", "task_id", "frame_id", "order_id", "width_px",
      "height_px", "packet_count", "deadline_ms", "packet_b64", "defend");
  private static final Set<String> RESULT_FIELDS = Set.of("v", "t_ms", "task_id", "ok", "frame_id", "detections",
      "energy_share", "packets_accepted", "packets_expected", "latency_ms", "compute_ms", "variant", "defended",
      "masked", "reason", "detail");
  private static final List<String> SERVED_ONLY = List.of("frame_id", "detections", "energy_share",
      "packets_accepted", "packets_expected", "latency_ms", "compute_ms", "variant", "defended", "masked");
  private static final Set<String> REGION_FIELDS = Set.of("x0_px", "y0_px", "x1_px", "y1_px");
  private static final Set<String> BOX_FIELDS = Set.of("class_id", "score", "x0_px", "y0_px", "x1_px", "y1_px");
  private static final Set<String> TELEMETRY_FIELDS = Set.of("v", "t_ms", "lat_deg", "lon_deg", "alt_m", "state",
      "queue_length", "queue_capacity", "load", "served", "rejected");

  private EdgePayloads() {}

  /** Parses and validates one task packet; larger than {@link EdgeTaskPacket#MAX_MESSAGE_BYTES} is {@code too_large}. */
  public static EdgeTaskPacket readTask(byte[] payload) {
    if (payload != null && payload.length > EdgeTaskPacket.MAX_MESSAGE_BYTES) {
      throw new PayloadException(Rejection.TOO_LARGE, "task payload must be at most "
          + EdgeTaskPacket.MAX_MESSAGE_BYTES + " bytes (one codec packet), was " + payload.length);
    }
    ObjectNode o = Payloads.object(payload, TASK_FIELDS);
    return Payloads.wrap(() -> {
      byte[] packet = Payloads.base64(o, "packet_b64");
      return new EdgeTaskPacket(Payloads.version(o), Payloads.time(o), Payloads.text(o, "task_id"),
          Payloads.integer(o, "frame_id"), Payloads.intField(o, "order_id"), Payloads.intField(o, "width_px"), Payloads.intField(o, "height_px"),
          Payloads.intField(o, "packet_count"), Payloads.intField(o, "deadline_ms"), packet, optionalBoolean(o, "defend"));
    });
  }

  /** Parses and validates a result. */
  public static EdgeResult readResult(byte[] payload) {
    if (payload != null && payload.length > EdgeResult.MAX_MESSAGE_BYTES) {
      throw new PayloadException(Rejection.TOO_LARGE, "result payload must be at most "
          + EdgeResult.MAX_MESSAGE_BYTES + " bytes, was " + payload.length);
    }
    ObjectNode o = Payloads.object(payload, RESULT_FIELDS);
    return Payloads.wrap(() -> {
      boolean ok = Payloads.flag(o, "ok");
      if (!ok) {
        for (String f : SERVED_ONLY) {
          if (o.has(f)) {
            throw new PayloadException(Rejection.BAD_VALUE, f + " is for ok=true only");
          }
        }
        return new EdgeResult(Payloads.version(o), Payloads.time(o), Payloads.text(o, "task_id"), false, 0, List.of(),
            0, 0, 0, 0, 0, null, false, List.of(), Payloads.text(o, "reason"), Payloads.text(o, "detail"));
      }
      return new EdgeResult(Payloads.version(o), Payloads.time(o), Payloads.text(o, "task_id"), true,
          Payloads.integer(o, "frame_id"), boxes(o), Payloads.number(o, "energy_share"), Payloads.intField(o, "packets_accepted"),
          Payloads.intField(o, "packets_expected"), Payloads.number(o, "latency_ms"), Payloads.number(o, "compute_ms"),
          Payloads.text(o, "variant"), optionalBoolean(o, "defended"), regions(o),
          o.has("reason") ? Payloads.text(o, "reason") : null,
          o.has("detail") ? Payloads.text(o, "detail") : null);
    });
  }

  /** Parses and validates an edge node's telemetry. */
  public static EdgeTelemetry readTelemetry(byte[] payload) {
    ObjectNode o = Payloads.object(payload, TELEMETRY_FIELDS);
    return Payloads.wrap(() -> new EdgeTelemetry(Payloads.version(o), Payloads.time(o), Payloads.number(o, "lat_deg"),
        Payloads.number(o, "lon_deg"), Payloads.number(o, "alt_m"), Payloads.text(o, "state"),
        Payloads.intField(o, "queue_length"), Payloads.intField(o, "queue_capacity"), Payloads.number(o, "load"),
        Payloads.integer(o, "served"), Payloads.integer(o, "rejected")));
  }

  /** A task packet as JSON bytes. */
  public static byte[] toJson(EdgeTaskPacket t) {
    ObjectNode o = Payloads.JSON.createObjectNode();
    o.put("v", t.v());
    o.put("t_ms", t.tMs());
    o.put("task_id", t.taskId());
    o.put("frame_id", t.frameId());
    o.put("order_id", t.orderId());
    o.put("width_px", t.widthPx());
    o.put("height_px", t.heightPx());
    o.put("packet_count", t.packetCount());
    o.put("deadline_ms", t.deadlineMs());
    o.put("packet_b64", Base64.getEncoder().encodeToString(t.packet()));
    if (t.defend()) {
      o.put("defend", true);
    }
    return Payloads.bytes(o);
  }

  /** A result as JSON bytes. */
  public static byte[] toJson(EdgeResult r) {
    ObjectNode o = Payloads.JSON.createObjectNode();
    o.put("v", r.v());
    o.put("t_ms", r.tMs());
    o.put("task_id", r.taskId());
    o.put("ok", r.ok());
    if (r.ok()) {
      o.put("frame_id", r.frameId());
      ArrayNode arr = o.putArray("detections");
      for (EdgeBox b : r.detections()) {
        arr.addObject().put("class_id", b.classId()).put("score", b.score()).put("x0_px", b.x0Px())
            .put("y0_px", b.y0Px()).put("x1_px", b.x1Px()).put("y1_px", b.y1Px());
      }
      o.put("energy_share", r.energyShare());
      o.put("packets_accepted", r.packetsAccepted());
      o.put("packets_expected", r.packetsExpected());
      o.put("latency_ms", r.latencyMs());
      o.put("compute_ms", r.computeMs());
      o.put("variant", r.variant());
      if (r.defended()) {
        o.put("defended", true);
        ArrayNode m = o.putArray("masked");
        for (EdgeRegion g : r.masked()) {
          m.addObject().put("x0_px", g.x0Px()).put("y0_px", g.y0Px()).put("x1_px", g.x1Px()).put("y1_px", g.y1Px());
        }
      }
    } else {
      o.put("reason", r.reason());
      o.put("detail", r.detail());
    }
    return Payloads.bytes(o);
  }

  /** Edge telemetry as JSON bytes. */
  public static byte[] toJson(EdgeTelemetry t) {
    ObjectNode o = Payloads.JSON.createObjectNode();
    o.put("v", t.v());
    o.put("t_ms", t.tMs());
    o.put("lat_deg", t.latDeg());
    o.put("lon_deg", t.lonDeg());
    o.put("alt_m", t.altM());
    o.put("state", t.state());
    o.put("queue_length", t.queueLength());
    o.put("queue_capacity", t.queueCapacity());
    o.put("load", t.load());
    o.put("served", t.served());
    o.put("rejected", t.rejected());
    return Payloads.bytes(o);
  }

  private static List<EdgeBox> boxes(ObjectNode o) {
    JsonNode arr = o.get("detections");
    if (arr == null) {
      throw new PayloadException(Rejection.MISSING_FIELD, "detections is missing");
    }
    if (!arr.isArray()) {
      throw new PayloadException(Rejection.BAD_VALUE, "detections must be an array, was "
          + Payloads.abbreviate(arr.toString()));
    }
    if (arr.size() > EdgeResult.MAX_DETECTIONS) {
      throw new PayloadException(Rejection.BAD_VALUE,
          "detections must hold at most " + EdgeResult.MAX_DETECTIONS + ", had " + arr.size());
    }
    List<EdgeBox> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode b = arr.get(i);
      String at = "detections[" + i + "].";
      if (!b.isObject()) {
        throw new PayloadException(Rejection.BAD_VALUE, at.substring(0, at.length() - 1) + " must be an object, was "
            + Payloads.abbreviate(b.toString()));
      }
      ObjectNode bo = (ObjectNode) b;
      Payloads.requireKnown(bo, BOX_FIELDS, at);
      try {
        out.add(new EdgeBox(Payloads.intField(bo, "class_id"), Payloads.number(bo, "score"), Payloads.number(bo, "x0_px"),
            Payloads.number(bo, "y0_px"), Payloads.number(bo, "x1_px"), Payloads.number(bo, "y1_px")));
      } catch (PayloadException e) {
        throw new PayloadException(e.rejection(), at + e.getMessage());
      }
    }
    return out;
  }

  /** An optional boolean field: false when absent; anything but true or false is refused naming it. */
  private static boolean optionalBoolean(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new PayloadException(Rejection.BAD_VALUE, field + " must be true or false, was "
          + Payloads.abbreviate(n.toString()));
    }
    return n.booleanValue();
  }

  private static List<EdgeRegion> regions(ObjectNode o) {
    JsonNode arr = o.get("masked");
    if (arr == null) {
      return List.of();
    }
    if (!arr.isArray()) {
      throw new PayloadException(Rejection.BAD_VALUE, "masked must be an array, was " + Payloads.abbreviate(arr.toString()));
    }
    if (arr.size() > EdgeResult.MAX_MASKED) {
      throw new PayloadException(Rejection.BAD_VALUE, "masked must hold at most " + EdgeResult.MAX_MASKED + ", had "
          + arr.size());
    }
    List<EdgeRegion> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode b = arr.get(i);
      String at = "masked[" + i + "].";
      if (!b.isObject()) {
        throw new PayloadException(Rejection.BAD_VALUE, at.substring(0, at.length() - 1) + " must be an object, was "
            + Payloads.abbreviate(b.toString()));
      }
      ObjectNode bo = (ObjectNode) b;
      Payloads.requireKnown(bo, REGION_FIELDS, at);
      try {
        out.add(new EdgeRegion(Payloads.number(bo, "x0_px"), Payloads.number(bo, "y0_px"), Payloads.number(bo, "x1_px"),
            Payloads.number(bo, "y1_px")));
      } catch (PayloadException e) {
        throw new PayloadException(e.rejection(), at + e.getMessage());
      }
    }
    return out;
  }
}
