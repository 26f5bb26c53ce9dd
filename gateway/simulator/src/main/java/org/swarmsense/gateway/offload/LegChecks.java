package org.swarmsense.gateway.offload;

/**
 * How the drones of a simulated fleet check their legs (issue 19 part 4): the stereo rig they see with
 * and the settings. Immutable.
 *
 * @param rig renders a drone's pair (thread-safe)
 * @param settings how often, the deadline, the corridor and the obstacle height
 */
public record LegChecks(StereoSource rig, LegCheckSettings settings) {

  /** Checks both are given. */
  public LegChecks {
    if (rig == null || settings == null) {
      throw new IllegalArgumentException("rig and settings must be given");
    }
  }
}
