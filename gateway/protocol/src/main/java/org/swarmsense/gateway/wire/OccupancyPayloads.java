package org.swarmsense.gateway.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * JSON codecs of the occupancy payloads ({@link OccupancyTask}, {@link OccupancyResult}), with the
 * rules of {@link Payloads}: {@code "v": 1} checked first, unknown fields refused, every error a
 * {@link PayloadException} naming the field and the value; each type has its own size limit. Requests
 * travel on {@code swarmsense/{fleet}/edge/{id}/occupancy}, answers on {@code
 * .../occupancy_result/{task}} ({@link Channel#OCCUPANCY}, {@link Channel#OCCUPANCY_RESULT}). Stateless
 * and thread-safe.
 */
public final class OccupancyPayloads {

  private static final Set<String> TASK_FIELDS = Set.of("v", "t_ms", "task_id", "deadline_ms", "width_px", "height_px",
      "focal_px", "cx_px", "cy_px", "doffs_px", "baseline_m", "box_min_x_m", "box_min_y_m", "box_min_z_m", "box_side_m",
      "left_png_b64", "right_png_b64");
  private static final Set<String> RESULT_FIELDS = Set.of("v", "t_ms", "task_id", "ok", "resolution", "full_pass",
      "occupied_count", "occupied_b64", "latency_ms", "late", "reason", "detail");
  private static final List<String> ANSWER_ONLY = List.of("resolution", "full_pass", "occupied_count", "occupied_b64",
      "latency_ms", "late");

  private OccupancyPayloads() {}

  /** Parses and validates a request; larger than {@link OccupancyTask#MAX_MESSAGE_BYTES} is {@code too_large}, unread. */
  public static OccupancyTask readTask(byte[] payload) {
    ObjectNode o = Payloads.object(payload, TASK_FIELDS, OccupancyTask.MAX_MESSAGE_BYTES);
    return Payloads.wrap(() -> new OccupancyTask(Payloads.version(o), Payloads.time(o), Payloads.text(o, "task_id"),
        Payloads.intField(o, "deadline_ms"), Payloads.intField(o, "width_px"), Payloads.intField(o, "height_px"), Payloads.number(o, "focal_px"),
        Payloads.number(o, "cx_px"), Payloads.number(o, "cy_px"), Payloads.number(o, "doffs_px"),
        Payloads.number(o, "baseline_m"), Payloads.number(o, "box_min_x_m"), Payloads.number(o, "box_min_y_m"),
        Payloads.number(o, "box_min_z_m"), Payloads.number(o, "box_side_m"), Payloads.base64(o, "left_png_b64"),
        Payloads.base64(o, "right_png_b64")));
  }

  /** Parses and validates a result; larger than {@link OccupancyResult#MAX_MESSAGE_BYTES} is {@code too_large}. */
  public static OccupancyResult readResult(byte[] payload) {
    ObjectNode o = Payloads.object(payload, RESULT_FIELDS, OccupancyResult.MAX_MESSAGE_BYTES);
    return Payloads.wrap(() -> {
      boolean ok = Payloads.flag(o, "ok");
      if (!ok) {
        for (String f : ANSWER_ONLY) {
          if (o.has(f)) {
            throw new PayloadException(Rejection.BAD_VALUE, f + " is for ok=true only");
          }
        }
        return new OccupancyResult(Payloads.version(o), Payloads.time(o), Payloads.text(o, "task_id"), false, 0, false, 0,
            null, 0, false, Payloads.text(o, "reason"), Payloads.text(o, "detail"));
      }
      return new OccupancyResult(Payloads.version(o), Payloads.time(o), Payloads.text(o, "task_id"), true,
          Payloads.intField(o, "resolution"), Payloads.flag(o, "full_pass"), Payloads.intField(o, "occupied_count"), Payloads.base64(o, "occupied_b64"),
          Payloads.number(o, "latency_ms"), Payloads.flag(o, "late"), o.has("reason") ? Payloads.text(o, "reason") : null,
          o.has("detail") ? Payloads.text(o, "detail") : null);
    });
  }

  /** A request as JSON bytes. */
  public static byte[] toJson(OccupancyTask t) {
    ObjectNode o = Payloads.JSON.createObjectNode();
    o.put("v", t.v());
    o.put("t_ms", t.tMs());
    o.put("task_id", t.taskId());
    o.put("deadline_ms", t.deadlineMs());
    o.put("width_px", t.widthPx());
    o.put("height_px", t.heightPx());
    o.put("focal_px", t.focalPx());
    o.put("cx_px", t.cxPx());
    o.put("cy_px", t.cyPx());
    o.put("doffs_px", t.doffsPx());
    o.put("baseline_m", t.baselineM());
    o.put("box_min_x_m", t.boxMinXM());
    o.put("box_min_y_m", t.boxMinYM());
    o.put("box_min_z_m", t.boxMinZM());
    o.put("box_side_m", t.boxSideM());
    o.put("left_png_b64", Base64.getEncoder().encodeToString(t.leftPng()));
    o.put("right_png_b64", Base64.getEncoder().encodeToString(t.rightPng()));
    return Payloads.bytes(o);
  }

  /** A result as JSON bytes. */
  public static byte[] toJson(OccupancyResult r) {
    ObjectNode o = Payloads.JSON.createObjectNode();
    o.put("v", r.v());
    o.put("t_ms", r.tMs());
    o.put("task_id", r.taskId());
    o.put("ok", r.ok());
    if (r.ok()) {
      o.put("resolution", r.resolution());
      o.put("full_pass", r.fullPass());
      o.put("occupied_count", r.occupiedCount());
      o.put("occupied_b64", Base64.getEncoder().encodeToString(r.occupied()));
      o.put("latency_ms", r.latencyMs());
      o.put("late", r.late());
    } else {
      o.put("reason", r.reason());
      o.put("detail", r.detail());
    }
    return Payloads.bytes(o);
  }
}
