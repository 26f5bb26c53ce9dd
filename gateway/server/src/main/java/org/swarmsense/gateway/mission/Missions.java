package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The missions of the fleets as the HTTP API and the command line use them. {@link MissionDesk} is
 * one fleet's (or one node's) missions in process; {@code runtime/FleetHomes} reaches each fleet's
 * desk wherever its home runs in the cluster, with the same answers and the same domain exceptions
 * ({@link MissionNotFoundException}, {@link MissionConflictException}, {@link MissionBusyException},
 * {@code IllegalArgumentException} naming the field, the persistence's {@code
 * StateUnavailableException}), which {@code http.ApiErrors} alone maps to statuses.
 */
public interface Missions {
  /** Submits a mission (JSON text); it is planned in the background. Answers its status. */
  JsonNode submit(String fleet, String body);

  /** A mission's status. */
  JsonNode status(String fleet, String missionId);

  /** The fleet's missions' statuses, newest first. */
  List<JsonNode> list(String fleet);

  /** Cancels a mission; answers its status. */
  JsonNode cancel(String fleet, String missionId);

  /** A planned mission's report. */
  JsonNode report(String fleet, String missionId);

  /** A planned mission's plans as GeoJSON. */
  JsonNode plansGeoJson(String fleet, String missionId);

  /** Flies a planned mission with the fleet's drones; answers its status with dispatch and planning. */
  JsonNode run(String fleet, String missionId);

  /** The names of the datasets missions may name. */
  List<String> datasets();
}
