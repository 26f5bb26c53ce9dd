package org.swarmsense.agents.mission;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * How a {@link MissionCoordinator} reaches the real drones of a mission: the gateway sends a plan
 * as a QoS 1 {@code plan} command through the drone's device entity and the fleet link, and ends a
 * drone's flight with the wire's {@code rtl} command. Must not block; the coordinator only waits on
 * the returned stages.
 */
public interface DroneLink {
  /**
   * Sends drone {@code drone} of the mission {@code plan} as command {@code planId}.
   *
   * @param missionTimeS the mission time now (s since the first dispatch): the plan's take-offs are
   *     in mission time, so a re-planned plan starts waiting from here
   * @return empty when the drone acknowledged the plan, else the reason it was refused (its own, or
   *     {@code no reply: ...})
   */
  CompletionStage<Optional<String>> sendPlan(int drone, String planId, CandidatePlan plan, double missionTimeS);

  /**
   * Ends the flight of drone {@code drone} of the mission: it drops the plan it flies, flies back to
   * where it took off and lands (on the ground it stays there). Sent when a re-plan leaves the drone
   * nothing to fly; {@code planId} names that re-plan's selection for the drone.
   *
   * @return empty when the drone acknowledged, else the reason it was refused (its own, or {@code no
   *     reply: ...})
   */
  CompletionStage<Optional<String>> endFlight(int drone, String planId);
}
