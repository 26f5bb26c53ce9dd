package org.swarmsense.maps.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Validation of polygons as they enter the module: each check throws an
 * {@link IllegalArgumentException} that names the polygon, the fault (as JTS reports it, e.g.
 * "Self-intersection") and where it is. Stateless and thread-safe.
 */
public final class PolygonChecks {

  private PolygonChecks() {}

  /**
   * Returns {@code geometry} as a valid, non-empty polygon, or throws naming {@code name}.
   *
   * @param geometry the candidate
   * @param name what the polygon is, for the message (e.g. "mission area", "no-fly zone 'stadium'")
   */
  public static Polygon requireValidPolygon(Geometry geometry, String name) {
    if (geometry == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
    if (geometry instanceof MultiPolygon mp && mp.getNumGeometries() == 1) {
      geometry = mp.getGeometryN(0);
    }
    if (!(geometry instanceof Polygon polygon)) {
      throw new IllegalArgumentException(
          name + " must be a Polygon, got: " + geometry.getGeometryType());
    }
    requireValid(polygon, name);
    return polygon;
  }

  /** Throws naming {@code name} if the geometry is empty or not valid in the OGC sense. */
  public static void requireValid(Geometry geometry, String name) {
    if (geometry.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    for (Coordinate c : geometry.getCoordinates()) {
      if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
        throw new IllegalArgumentException(name + " has a non-finite coordinate: " + c);
      }
    }
    TopologyValidationError error = new IsValidOp(geometry).getValidationError();
    if (error != null) {
      Coordinate at = error.getCoordinate();
      throw new IllegalArgumentException(
          name
              + " is not a valid polygon: "
              + error.getMessage()
              + (at == null ? "" : " at (" + readable(at.x) + ", " + readable(at.y) + ")"));
    }
    if (geometry.getArea() <= 0) {
      throw new IllegalArgumentException(name + " has zero area");
    }
  }

  /** A coordinate for messages: 10 significant digits, no trailing zeros (43.724999999999994 -> 43.725). */
  static String readable(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
  }
}
