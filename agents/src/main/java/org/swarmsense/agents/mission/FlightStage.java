package org.swarmsense.agents.mission;

/**
 * Where one drone of a mission flown by real devices is, as the {@link MissionCoordinator} tracks it
 * from the plan command's answer and the drone's telemetry.
 */
public enum FlightStage {
  /** The drone did not take part in the planning (did not propose): nothing was sent to it. */
  LEFT_OUT,
  /** Its plan command is on its way; no answer yet. */
  SENT,
  /** The drone acknowledged its plan, or the command ending its flight (QoS 1 command answered ok). */
  ACCEPTED,
  /** The drone refused its plan, or did not answer in time. */
  REFUSED,
  /** Its telemetry shows it airborne with the plan. */
  FLYING,
  /**
   * Its telemetry shows it landed after flying the plan, or on the ground after the command ending
   * its flight; or it was given a first plan without sorties (nothing to fly).
   */
  DONE,
  /** Silent for the link timeout while it had a plan: its remaining slots are re-planned among the others. */
  LOST;

  /** True once nothing more will happen to this drone in the mission. */
  public boolean finished() {
    return this == LEFT_OUT || this == REFUSED || this == DONE || this == LOST;
  }

  /** True when the drone holds an acknowledged plan (accepted, flying or done). */
  public boolean acknowledged() {
    return this == ACCEPTED || this == FLYING || this == DONE;
  }
}
