package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import org.swarmsense.epos.sensing.mission.Mission;

/**
 * Plans a validated mission: I-EPOS and the baselines on the drones' candidate plans. Implementations
 * must be thread-safe; a call may take seconds to minutes.
 */
public interface MissionPlanner {

  /** What planning produced, as the HTTP API serves it. */
  record PlannedMission(JsonNode report, JsonNode plansGeoJson) {
    public PlannedMission {
      if (report == null || plansGeoJson == null) {
        throw new IllegalArgumentException("a planned mission needs a report and plans");
      }
    }
  }

  /**
   * @param progress receives one line per step (for the status and the dashboard)
   * @throws IllegalArgumentException when the mission cannot be planned as given (names the field)
   */
  PlannedMission plan(Mission mission, Consumer<String> progress);
}
