package org.swarmsense.agents.mission;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a {@link MissionCoordinator} needs to fly a mission with real devices rather than with the
 * agents' simulated drones: their ids (drone i of the mission is {@code droneIds.get(i)}), the link
 * that sends them plan commands, who hears of every change of the mission's progress, and, after a
 * gateway restart, the progress recovered from the journal (the coordinator then re-attaches the
 * drones to their plans without planning again and without sending an acknowledged plan twice).
 *
 * @param droneIds device id of each drone of the mission, in mission order
 * @param link sends plan commands
 * @param progress hears the mission's status after every change (called from the coordinator: must not block)
 * @param resume the drones' progress before a restart, in mission order; empty for a new flight
 * @param resumedPlannings plannings done before the restart (0 for a new flight)
 * @param resumedMissionTimeS the mission time reached before the restart (s; 0 for a new flight)
 * @param clockFactor seconds of mission time per second of wall clock: 1 for real devices; a simulated
 *     fleet that flies its plans faster than the wall clock (the demo's time factor) runs the mission's
 *     clock as fast, so that slots, counts and re-planned plans are judged in the drones' time
 */
public record DeviceFlight(List<String> droneIds, DroneLink link, Consumer<MissionCoordinator.MissionStatus> progress,
    Optional<List<DroneProgress>> resume, int resumedPlannings, double resumedMissionTimeS, double clockFactor) {
  /** Validates and copies. */
  public DeviceFlight {
    if (droneIds == null || droneIds.isEmpty()) {
      throw new IllegalArgumentException("device flight: droneIds must not be empty");
    }
    if (link == null || progress == null || resume == null) {
      throw new IllegalArgumentException("device flight: link, progress and resume must not be null");
    }
    droneIds = List.copyOf(droneIds);
    if (resume.isPresent() && resume.get().size() != droneIds.size()) {
      throw new IllegalArgumentException("device flight: resume must have one entry per drone (" + droneIds.size()
          + "), had " + resume.get().size());
    }
    resume = resume.map(List::copyOf);
    if (resumedPlannings < 0 || !(resumedMissionTimeS >= 0)) {
      throw new IllegalArgumentException("device flight: resumedPlannings and resumedMissionTimeS must be >= 0, were "
          + resumedPlannings + " and " + resumedMissionTimeS);
    }
    if (!(clockFactor > 0) || !Double.isFinite(clockFactor)) {
      throw new IllegalArgumentException("device flight: clockFactor must be finite and > 0, was " + clockFactor);
    }
  }

  /** A flight whose mission clock runs with the wall clock (real devices). */
  public DeviceFlight(List<String> droneIds, DroneLink link, Consumer<MissionCoordinator.MissionStatus> progress,
      Optional<List<DroneProgress>> resume, int resumedPlannings, double resumedMissionTimeS) {
    this(droneIds, link, progress, resume, resumedPlannings, resumedMissionTimeS, 1);
  }

  /** This flight with its mission clock running {@code factor} times as fast as the wall clock. */
  public DeviceFlight withClockFactor(double factor) {
    return new DeviceFlight(droneIds, link, progress, resume, resumedPlannings, resumedMissionTimeS, factor);
  }

  /** A new flight (nothing to resume). */
  public static DeviceFlight fresh(List<String> droneIds, DroneLink link,
      Consumer<MissionCoordinator.MissionStatus> progress) {
    return new DeviceFlight(droneIds, link, progress, Optional.empty(), 0, 0);
  }
}
