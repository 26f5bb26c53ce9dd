package org.swarmsense.gateway.offload;

import org.swarmsense.maps.camera.StereoPair;

/**
 * What a drone's nadir stereo rig sees (issue 19 part 4): the pair rendered at a time, place, heading
 * and altitude. Implementations must be thread-safe (drones check their legs in parallel).
 */
@FunctionalInterface
public interface StereoSource {

  /**
   * The pair seen at {@code tS} seconds since the drone started, over ({@code latDeg}, {@code
   * lonDeg}), image top towards {@code headingDeg}, from {@code altitudeM} above the ground.
   */
  StereoPair render(double tS, double latDeg, double lonDeg, double headingDeg, double altitudeM, long seed);
}
