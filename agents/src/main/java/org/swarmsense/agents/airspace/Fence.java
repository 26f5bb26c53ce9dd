package org.swarmsense.agents.airspace;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.swarmsense.maps.geo.PolygonChecks;

/**
 * One fence of a fleet: a named polygon (holes and several parts allowed) in WGS84 degrees (JTS
 * order: x = longitude, y = latitude), the side a drone must keep to, and what to do on a breach.
 * Immutable and thread-safe (callers must not mutate the geometry).
 *
 * @param name unique among the fleet's fences of the same kind, 1..100 characters; names the fence in
 *     alarms
 * @param kind no-fly zone (keep out) or geofence (keep in)
 * @param areaWgs84 a valid Polygon or MultiPolygon, degrees
 * @param action what a breach triggers
 */
public record Fence(String name, FenceKind kind, Geometry areaWgs84, FenceAction action) {

  /** Validates every field; a message names the fence and what is wrong. */
  public Fence {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("fence name must not be blank, was " + (name == null ? "null" : "'" + name + "'"));
    }
    if (name.length() > 100) {
      throw new IllegalArgumentException("fence name must be at most 100 characters, had " + name.length());
    }
    if (kind == null) {
      throw new IllegalArgumentException("kind of fence '" + name + "' must not be null");
    }
    if (action == null) {
      throw new IllegalArgumentException("action of " + kind.describe(name) + " must not be null");
    }
    if (!(areaWgs84 instanceof Polygon) && !(areaWgs84 instanceof MultiPolygon)) {
      throw new IllegalArgumentException(kind.describe(name) + " must be a Polygon or MultiPolygon, got: "
          + (areaWgs84 == null ? "nothing" : areaWgs84.getGeometryType()));
    }
    PolygonChecks.requireValid(areaWgs84, kind.describe(name));
  }

  /** How messages name this fence, e.g. {@code no-fly zone 'stadium'}. */
  public String describe() {
    return kind.describe(name);
  }
}
