package org.swarmsense.agents.sensor;

/**
 * Where a traffic sensor's counts come from: the number of vehicles in its cell at a simulated
 * time. Implementations must be thread-safe (immutable).
 */
public interface TrafficSource {
  /** Vehicles present in the sensor's cell at simulated time {@code tS} (s since window start), >= 0. */
  double vehicleCountAt(double tS);
}
