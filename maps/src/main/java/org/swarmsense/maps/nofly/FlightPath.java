package org.swarmsense.maps.nofly;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/**
 * A free-flight path in local metres. Immutable and thread-safe (coordinates are copied).
 *
 * @param waypoints from start to end, at least two
 * @param lengthM length of the polyline, metres
 */
public record FlightPath(List<Coordinate> waypoints, double lengthM) {

  /** Copies the waypoints and checks the length is consistent. */
  public FlightPath {
    if (waypoints == null || waypoints.size() < 2) {
      throw new IllegalArgumentException("a flight path needs at least 2 waypoints, got: " + waypoints);
    }
    waypoints = waypoints.stream().map(Coordinate::new).toList();
    double sum = 0;
    for (int i = 1; i < waypoints.size(); i++) {
      sum += waypoints.get(i - 1).distance(waypoints.get(i));
    }
    if (!(Math.abs(sum - lengthM) <= 1e-6 * Math.max(1, sum))) {
      throw new IllegalArgumentException("lengthM " + lengthM + " differs from the waypoints' length " + sum);
    }
  }

  /** A path through the given waypoints, its length computed. */
  public static FlightPath through(List<Coordinate> waypoints) {
    double sum = 0;
    for (int i = 1; i < waypoints.size(); i++) {
      sum += waypoints.get(i - 1).distance(waypoints.get(i));
    }
    return new FlightPath(waypoints, sum);
  }

  /** Whether the path is one straight leg. */
  public boolean isStraight() {
    return waypoints.size() == 2;
  }
}
