package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.swarmsense.epos.sensing.MissionPlanner.Result;

/**
 * Chooses the plans of a mission among the fleet's own drones (decentralized I-EPOS among their
 * planning agents) just before it is flown. The gateway node implements it with the agents' mission
 * coordinator over the drone entities.
 */
@FunctionalInterface
public interface DecentralizedPlanning {
  /**
   * The selection (plan index per drone of the mission's first run, {@link
   * FleetMissionRunner#NO_PLAN} for a drone left out) and how it was found.
   *
   * @param selection one entry per drone of the run
   * @param detail what to show under {@code planning} in the run's answer (who planned, whether the
   *     selection equals the in-process planner's)
   */
  record Choice(int[] selection, ObjectNode detail) {
    /** Validates the fields. */
    public Choice {
      if (selection == null || detail == null) {
        throw new IllegalArgumentException("selection and detail must not be null");
      }
    }
  }

  /**
   * Plans mission {@code missionId} of {@code fleet} (planned in process as {@code result}) among the
   * fleet's connected drones.
   *
   * @throws MissionConflictException when the fleet has fewer connected drones than the plan
   */
  Choice choose(String fleet, String missionId, Result result);
}
