package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import org.swarmsense.epos.sensing.MissionPlanner.Result;
import org.swarmsense.epos.sensing.mission.Mission;

/**
 * The mission desk's planning seam: plans a validated mission (I-EPOS and the baselines on the
 * drones' candidate plans, done by epos-planner's {@code MissionPlanner}) and shapes what the HTTP
 * API serves. {@link SensingMissionPlanner} is the implementation; tests pass their own to count
 * calls. Implementations must be thread-safe; a call may take seconds to minutes.
 */
public interface PlanningService {

  /**
   * What planning produced: the report and plans as the HTTP API serves them, and the planner's
   * own result (candidate plans, selections) for whoever flies the mission.
   */
  record PlannedMission(
      JsonNode report, JsonNode plansGeoJson, Result result) {
    public PlannedMission {
      if (report == null || plansGeoJson == null || result == null) {
        throw new IllegalArgumentException("a planned mission needs a report, plans and the planner's result");
      }
    }
  }

  /**
   * @param progress receives one line per step (for the status and the dashboard)
   * @throws IllegalArgumentException when the mission cannot be planned as given (names the field)
   */
  PlannedMission plan(Mission mission, Consumer<String> progress);
}
