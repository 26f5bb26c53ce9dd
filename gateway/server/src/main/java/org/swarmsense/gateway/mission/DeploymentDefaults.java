package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Completes a mission submitted over HTTP with what the deployment knows: the city's traffic trace
 * as the demand when none is given (or when the demand gives only its {@code view}, cell or camera),
 * and a base at the area's centre when no base is given. Only missing keys are added; anything the
 * user gave is validated as given. Immutable, thread-safe.
 *
 * @param sumoTrace the deployment's SUMO FCD trace, or null when it has none
 */
public record DeploymentDefaults(Path sumoTrace) implements UnaryOperator<ObjectNode> {

  @Override
  public ObjectNode apply(ObjectNode mission) {
    if (sumoTrace != null) {
      if (!mission.has("demand")) {
        mission.putObject("demand").put("source", "sumo").put("path", sumoTrace.toString());
      } else if (mission.get("demand") instanceof ObjectNode d && d.size() == 1 && d.has("view")) {
        // only which vehicle-seconds count (cell or camera): over the deployment's trace
        d.put("source", "sumo").put("path", sumoTrace.toString());
      }
    }
    if (!mission.has("bases")) {
      double[] c = centre(mission.path("area"));
      if (c != null) {
        ArrayNode bases = mission.putArray("bases");
        bases.addArray().add(c[0]).add(c[1]);
      }
    }
    return mission;
  }

  /** The centre of a GeoJSON Polygon's outer ring or of a {@code bbox}, or null. */
  static double[] centre(JsonNode area) {
    JsonNode bbox = area.path("bbox");
    if (bbox.isArray() && bbox.size() == 4) {
      return new double[] {
        (bbox.get(0).asDouble() + bbox.get(2).asDouble()) / 2,
        (bbox.get(1).asDouble() + bbox.get(3).asDouble()) / 2
      };
    }
    JsonNode geometry = area.has("geometry") ? area.path("geometry") : area;
    JsonNode ring = geometry.path("coordinates").path(0);
    if (!ring.isArray() || ring.size() == 0) {
      return null;
    }
    double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
    for (JsonNode p : ring) {
      double x = p.path(0).asDouble(Double.NaN);
      double y = p.path(1).asDouble(Double.NaN);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return null;
      }
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    return new double[] {(minX + maxX) / 2, (minY + maxY) / 2};
  }
}
