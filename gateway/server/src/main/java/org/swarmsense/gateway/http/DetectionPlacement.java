package org.swarmsense.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.EdgeBox;
import org.swarmsense.gateway.wire.EdgeResult;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.camera.CameraSettings;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * Puts an edge node's boxes on the map for the dashboard: a task {@code {drone}-{frame}} was captured
 * by that drone with the maps nadir camera (image north up, centred below the drone), so a box
 * centre {@code (cx, cy)} pixels lies {@code (cx - w/2, h/2 - cy)} x metres-per-pixel east and north
 * of the drone's latest position in the hub, at the camera settings of maps' {@code reference.conf}
 * with the drone's reported altitude. Approximate by design: the drone's latest position stands for
 * its position at capture (a hovering drone does not move). Stateless.
 */
final class DetectionPlacement {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CameraSettings CAMERA = MapsSettings.load().camera();

  private DetectionPlacement() {}

  /** The {@code detection} event of an answer, or empty (an error, no boxes, or an unknown drone). */
  static Optional<ObjectNode> event(LiveHub hub, DeviceId edge, String taskId, EdgeResult r) {
    int dash = taskId.lastIndexOf('-');
    if (!r.ok() || r.detections().isEmpty() || dash <= 0) {
      return Optional.empty();
    }
    String droneId = taskId.substring(0, dash);
    Optional<JsonNode> drone = hub.device(edge.fleet(), droneId);
    if (drone.isEmpty() || !drone.get().path("lat_deg").isNumber() || !drone.get().path("alt_m").isNumber()
        || !"drone".equals(drone.get().path("kind").asText())) {
      return Optional.empty();
    }
    double altM = drone.get().path("alt_m").asDouble();
    if (!(altM > 0)) {
      return Optional.empty();
    }
    double mPerPx = CAMERA.withAltitudeM(altM).metresPerPixel();
    LocalProjection below = LocalProjection.centredOn(drone.get().path("lon_deg").asDouble(),
        drone.get().path("lat_deg").asDouble());
    ObjectNode e = JSON.createObjectNode();
    e.put("type", "detection").put("edge", edge.id()).put("drone", droneId).put("task", taskId);
    e.put("t_ms", r.tMs()).put("count", r.detections().size()).put("latency_ms", r.latencyMs());
    ArrayNode boxes = e.putArray("boxes");
    for (EdgeBox b : r.detections()) {
      double cx = (b.x0Px() + b.x1Px()) / 2;
      double cy = (b.y0Px() + b.y1Px()) / 2;
      Coordinate c = below.toWgs84((cx - CAMERA.widthPx() / 2.0) * mPerPx, (CAMERA.heightPx() / 2.0 - cy) * mPerPx);
      boxes.addObject().put("lat_deg", c.y).put("lon_deg", c.x).put("score", b.score()).put("class_id", b.classId());
    }
    return Optional.of(e);
  }
}
