package org.swarmsense.agents.mission;

import org.swarmsense.agents.cluster.CborSerializable;

/**
 * One drone of a mission flown by real devices, as its coordinator knows it.
 *
 * @param index the drone's index in the mission (its candidate plans are {@code candidates.get(index)})
 * @param droneId the device id
 * @param stage where it is
 * @param plan the selected candidate index of its current plan, -1 when it has none
 * @param fromSlot its current plan starts at this slot (0 for the first planning; a re-plan's slot otherwise)
 * @param planId the id of the plan command it was sent ("" when none)
 * @param reason why it was refused or lost ("" otherwise)
 * @param lastState the last state word of its telemetry ("" before any)
 */
public record DroneProgress(int index, String droneId, FlightStage stage, int plan, int fromSlot, String planId,
    String reason, String lastState) implements CborSerializable {
  /** Validates the fields; errors name the field and the value. */
  public DroneProgress {
    if (index < 0) {
      throw new IllegalArgumentException("drone progress: index must be >= 0, was " + index);
    }
    if (droneId == null || droneId.isEmpty()) {
      throw new IllegalArgumentException("drone progress " + index + ": droneId must not be empty");
    }
    if (stage == null) {
      throw new IllegalArgumentException("drone progress " + droneId + ": stage must not be null");
    }
    if (plan < -1) {
      throw new IllegalArgumentException("drone progress " + droneId + ": plan must be >= -1, was " + plan);
    }
    if (fromSlot < 0) {
      throw new IllegalArgumentException("drone progress " + droneId + ": fromSlot must be >= 0, was " + fromSlot);
    }
    planId = planId == null ? "" : planId;
    reason = reason == null ? "" : reason;
    lastState = lastState == null ? "" : lastState;
  }

  /** The same drone at another stage. */
  public DroneProgress at(FlightStage s, String why) {
    return new DroneProgress(index, droneId, s, plan, fromSlot, planId, why, lastState);
  }

  /** The same drone with a new plan sent. */
  public DroneProgress sent(int newPlan, int newFromSlot, String newPlanId) {
    return new DroneProgress(index, droneId, FlightStage.SENT, newPlan, newFromSlot, newPlanId, "", lastState);
  }

  /** The same drone with its last telemetry state. */
  public DroneProgress seen(String state) {
    return new DroneProgress(index, droneId, stage, plan, fromSlot, planId, reason, state);
  }
}
