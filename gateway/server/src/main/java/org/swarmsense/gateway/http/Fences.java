package org.swarmsense.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.swarmsense.agents.airspace.FenceKind;

/**
 * A fleet's fences as the HTTP API reads and sets them: {@link FleetFences} in process, or {@code
 * runtime/FleetHomes}, which asks the fleet's home wherever it runs in the cluster (the same answers
 * and the same {@code IllegalArgumentException}s naming the field).
 */
public interface Fences {
  /** The fleet's fences of one kind (an empty FeatureCollection when none were set). */
  JsonNode get(String fleet, FenceKind kind);

  /**
   * Validates, stores and arms a fleet's fences of one kind; answers them as stored.
   *
   * @throws IllegalArgumentException naming the field when the collection is refused
   */
  JsonNode put(String fleet, FenceKind kind, String featureCollection);
}
