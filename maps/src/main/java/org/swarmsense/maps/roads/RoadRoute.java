package org.swarmsense.maps.roads;

import java.util.Arrays;
import org.locationtech.jts.geom.LineString;

/**
 * A route on the road graph. Immutable and thread-safe (the time array is copied; the line must not
 * be mutated by callers).
 *
 * @param lineWgs84 the route's geometry, x = lon, y = lat (degrees)
 * @param lengthM length along the roads, metres
 * @param durationS travel time at the profile's edge speeds, seconds
 * @param pointTimesS time from departure at each vertex of {@code lineWgs84}, seconds
 */
public record RoadRoute(LineString lineWgs84, double lengthM, double durationS, double[] pointTimesS) {

  /** Checks sizes and values. */
  public RoadRoute {
    if (lineWgs84 == null || pointTimesS == null || pointTimesS.length != lineWgs84.getNumPoints()) {
      throw new IllegalArgumentException("pointTimesS must have one entry per route vertex");
    }
    if (!(lengthM >= 0) || !(durationS >= 0)) {
      throw new IllegalArgumentException("lengthM and durationS must be >= 0, got: " + lengthM + ", " + durationS);
    }
    pointTimesS = pointTimesS.clone();
  }

  @Override
  public double[] pointTimesS() {
    return pointTimesS.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoadRoute r && lineWgs84.equalsExact(r.lineWgs84) && lengthM == r.lengthM
        && durationS == r.durationS && Arrays.equals(pointTimesS, r.pointTimesS);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(lengthM) * 31 + Arrays.hashCode(pointTimesS);
  }
}
