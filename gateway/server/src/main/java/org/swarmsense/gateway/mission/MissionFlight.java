package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.swarmsense.agents.mission.DroneProgress;
import org.swarmsense.agents.mission.MissionCoordinator;
import org.swarmsense.epos.sensing.MissionPlanner.Result;

/**
 * Flies a planned mission with a fleet's drones through the agents' mission coordinator: it plans
 * again among the drones' own planning agents (decentralized I-EPOS, checked against the in-process
 * selection), sends each drone its plan (QoS 1 through its device entity), tracks progress from the
 * drones' telemetry and re-plans when a drone is lost or demand changes. The gateway node implements
 * it ({@code runtime/FleetCoordination}); {@link MissionDesk} is its front.
 */
public interface MissionFlight {
  /** The selection of a drone that has no plan (left out of the planning): it gets no command. */
  int NO_PLAN = -1;

  /**
   * What starting a flight gave.
   *
   * @param planning who planned and whether the selection equals the in-process one ({@code planning}
   *     in the run's answer)
   * @param dispatch {@code {"drones": n, "accepted": k, "refused": [{drone, reason}], "left_out": [ids]}}
   * @param droneIds the device id of each drone of the mission, in mission order
   */
  record Flight(ObjectNode planning, ObjectNode dispatch, List<String> droneIds) {
    /** Validates the fields. */
    public Flight {
      if (planning == null || dispatch == null || droneIds == null) {
        throw new IllegalArgumentException("flight: planning, dispatch and droneIds must not be null");
      }
      droneIds = List.copyOf(droneIds);
    }
  }

  /**
   * Plans mission {@code missionId} of {@code fleet} (planned in process as {@code result}) among the
   * fleet's connected drones and dispatches the plans; returns once every drone answered.
   *
   * @param progress hears the coordinator's status after every change (must not block)
   * @throws MissionConflictException when the fleet has fewer connected drones than the plan, or the
   *     mission is not geographic
   */
  Flight fly(String fleet, String missionId, Result result, Consumer<MissionCoordinator.MissionStatus> progress);

  /**
   * After a restart: re-attaches the drones {@code droneIds} to mission {@code missionId} with their
   * recovered progress, without planning again; a plan whose answer was not recorded is sent again
   * with its plan id, an acknowledged one is not.
   *
   * @param plannings plannings done before the restart
   * @param missionTimeS mission time reached before the restart, s
   */
  void resume(String fleet, String missionId, Result result, List<String> droneIds, List<DroneProgress> drones,
      int plannings, double missionTimeS, Consumer<MissionCoordinator.MissionStatus> progress);
}
