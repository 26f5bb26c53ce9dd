package org.swarmsense.maps.nofly;

import org.locationtech.jts.geom.Polygon;
import org.swarmsense.maps.geo.PolygonChecks;

/**
 * One no-fly zone: a polygon in local metres, closed to flight between two altitudes. Immutable and
 * thread-safe (the polygon must not be mutated by callers).
 *
 * @param name a name for messages, e.g. "stadium"
 * @param areaLocal the zone, a valid polygon in local metres
 * @param floorM lowest closed altitude above ground, metres (0 = from the ground)
 * @param ceilingM highest closed altitude above ground, metres ({@code Double.POSITIVE_INFINITY} = no
 *     limit)
 */
public record NoFlyZone(String name, Polygon areaLocal, double floorM, double ceilingM) {

  /** Validates the polygon (naming the zone) and the altitude band. */
  public NoFlyZone {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("no-fly zone name must not be blank");
    }
    PolygonChecks.requireValidPolygon(areaLocal, "no-fly zone '" + name + "'");
    if (!(floorM >= 0) || Double.isInfinite(floorM)) {
      throw new IllegalArgumentException("floorM of no-fly zone '" + name + "' must be >= 0, got: " + floorM);
    }
    if (!(ceilingM > floorM)) {
      throw new IllegalArgumentException(
          "ceilingM of no-fly zone '" + name + "' must be above floorM " + floorM + ", got: " + ceilingM);
    }
  }

  /** A zone closed at every altitude. */
  public static NoFlyZone everywhere(String name, Polygon areaLocal) {
    return new NoFlyZone(name, areaLocal, 0, Double.POSITIVE_INFINITY);
  }

  /** Whether the zone is closed at this altitude (metres above ground). */
  public boolean closesAltitude(double altitudeM) {
    return altitudeM >= floorM && altitudeM <= ceilingM;
  }
}
