package org.swarmsense.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the HTTP API needs from mission handling: submit a mission (validated before anything else
 * happens), follow its state, read its report. Implementations plan in the background and publish
 * progress to the {@link LiveHub}. Must be thread-safe.
 */
public interface MissionService {

  /**
   * Validates and accepts a mission of a fleet; planning starts in the background.
   *
   * @param body the mission as JSON (or YAML)
   * @return the mission's status right after acceptance (state {@code planning})
   * @throws IllegalArgumentException naming the field and value when the mission is invalid
   */
  JsonNode submit(String fleet, String body);

  /** The status of a mission: id, state (planning, planned, running, done, failed, cancelled), progress. */
  JsonNode status(String fleet, String missionId);

  /** All missions of a fleet, newest first. */
  List<JsonNode> list(String fleet);

  /** The mission report (metrics of I-EPOS and the baselines), once planned. */
  JsonNode report(String fleet, String missionId);

  /** The planned routes and hover points as GeoJSON, once planned. */
  JsonNode plansGeoJson(String fleet, String missionId);

  /**
   * Flies a planned mission with the fleet's connected drones: each gets its plan as a command.
   *
   * @return the mission's status, with what the drones answered
   * @throws org.swarmsense.gateway.mission.MissionConflictException when the mission is not planned
   *     or the fleet lacks drones
   */
  JsonNode run(String fleet, String missionId);

  /**
   * Cancels a mission (planning stops, the mission's state becomes {@code cancelled}).
   *
   * @throws ApiException 404 for an unknown mission, 405 where cancelling is not supported
   */
  default JsonNode cancel(String fleet, String missionId) {
    throw ApiException.notAllowed("missions cannot be cancelled here");
  }

  /** The dataset names missions may refer to ({@code cells}, {@code demand.path}); none by default. */
  default List<String> datasets() {
    return List.of();
  }
}
