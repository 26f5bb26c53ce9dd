package org.swarmsense.maps.camera;

import java.util.List;

/**
 * Vehicles at a time, for the camera: a recorded trace ({@link TrafficTrace}) or any live
 * simulation. Implementations say whether they are thread-safe.
 */
public interface TrafficSource {

  /**
   * Every vehicle present at {@code tS} (seconds, the source's time base), in a stable order,
   * positioned in the local frame of the scene's projection.
   */
  List<VehiclePose> posesAt(double tS);
}
