package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A mission's status as the desk reports it: its id, state, the last progress line of planning or
 * flying (empty when none) and the error of a failed mission (null otherwise). Immutable.
 *
 * @param id the mission id within its fleet, e.g. {@code m3}
 * @param state where the mission is
 * @param progress the last progress line, never null
 * @param error why planning failed, only in state {@link MissionState#FAILED}
 */
public record MissionStatus(String id, MissionState state, String progress, String error) {
  /** The {@code type} of a mission event on the live stream. */
  public static final String EVENT_TYPE = "mission";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checks the fields; errors name the field and the value. */
  public MissionStatus {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("mission status: id must not be empty, was '" + id + "'");
    }
    if (state == null) {
      throw new IllegalArgumentException("mission status " + id + ": state must not be null");
    }
    progress = progress == null ? "" : progress;
    if ((error != null) != (state == MissionState.FAILED)) {
      throw new IllegalArgumentException(
          "mission status " + id + ": an error goes with state failed only, was state " + state.wireName()
              + " and error '" + error + "'");
    }
  }

  /**
   * The JSON the HTTP API and live events carry: {@code {"type":"mission","id":..,"state":..}} plus
   * {@code progress} when not empty and {@code error} when failed.
   */
  public ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", EVENT_TYPE);
    n.put("id", id);
    n.put("state", state.wireName());
    if (!progress.isEmpty()) {
      n.put("progress", progress);
    }
    if (error != null) {
      n.put("error", error);
    }
    return n;
  }
}
