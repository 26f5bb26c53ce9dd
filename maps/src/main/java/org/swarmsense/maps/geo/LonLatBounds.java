package org.swarmsense.maps.geo;

/**
 * A WGS84 bounding box in degrees. Immutable and thread-safe.
 *
 * @param minLonDeg west edge
 * @param minLatDeg south edge
 * @param maxLonDeg east edge
 * @param maxLatDeg north edge
 */
public record LonLatBounds(double minLonDeg, double minLatDeg, double maxLonDeg, double maxLatDeg) {

  /** Checks ranges and order; the message names the bad field and value. */
  public LonLatBounds {
    checkLon("minLonDeg", minLonDeg);
    checkLon("maxLonDeg", maxLonDeg);
    checkLat("minLatDeg", minLatDeg);
    checkLat("maxLatDeg", maxLatDeg);
    if (minLonDeg > maxLonDeg) {
      throw new IllegalArgumentException("minLonDeg " + minLonDeg + " is east of maxLonDeg " + maxLonDeg);
    }
    if (minLatDeg > maxLatDeg) {
      throw new IllegalArgumentException("minLatDeg " + minLatDeg + " is north of maxLatDeg " + maxLatDeg);
    }
  }

  /** Whether the point lies in the box, edges included. */
  public boolean contains(double lonDeg, double latDeg) {
    return lonDeg >= minLonDeg && lonDeg <= maxLonDeg && latDeg >= minLatDeg && latDeg <= maxLatDeg;
  }

  /** The box as a WGS84 polygon (x = lon, y = lat), counter-clockwise from the south-west corner. */
  public org.locationtech.jts.geom.Polygon toPolygon() {
    return (org.locationtech.jts.geom.Polygon) new org.locationtech.jts.geom.GeometryFactory()
        .toGeometry(new org.locationtech.jts.geom.Envelope(minLonDeg, maxLonDeg, minLatDeg, maxLatDeg));
  }

  /** Longitude of the centre, degrees. */
  public double centreLonDeg() {
    return (minLonDeg + maxLonDeg) / 2;
  }

  /** Latitude of the centre, degrees. */
  public double centreLatDeg() {
    return (minLatDeg + maxLatDeg) / 2;
  }

  private static void checkLon(String field, double v) {
    if (!(v >= -180 && v <= 180)) {
      throw new IllegalArgumentException(field + " must be in [-180, 180], got: " + v);
    }
  }

  private static void checkLat(String field, double v) {
    if (!(v >= -90 && v <= 90)) {
      throw new IllegalArgumentException(field + " must be in [-90, 90], got: " + v);
    }
  }
}
