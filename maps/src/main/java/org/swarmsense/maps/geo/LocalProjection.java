package org.swarmsense.maps.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * A local metric projection: a transverse Mercator on the WGS84 ellipsoid whose central meridian
 * and origin are the given centre, so that local x is metres east and y metres north of the centre.
 * The scale error is below 1e-6 within 10 km of the centre and below 1e-4 within 100 km; the forward
 * and inverse formulas are the Krueger series to third order in the third flattening (as given by
 * Karney 2011), good to well under a millimetre at city scale.
 *
 * <p>WGS84 coordinates use JTS order: x = longitude, y = latitude, in degrees. Instances are immutable
 * and thread-safe.
 */
public final class LocalProjection {

  private static final double A = 6_378_137.0;
  private static final double F = 1 / 298.257223563;
  private static final double N = F / (2 - F);
  private static final double BIG_A = A / (1 + N) * (1 + N * N / 4 + N * N * N * N / 64);
  private static final double[] ALPHA = {
    N / 2 - 2.0 / 3 * N * N + 5.0 / 16 * N * N * N,
    13.0 / 48 * N * N - 3.0 / 5 * N * N * N,
    61.0 / 240 * N * N * N
  };
  private static final double[] BETA = {
    N / 2 - 2.0 / 3 * N * N + 37.0 / 96 * N * N * N,
    1.0 / 48 * N * N + 1.0 / 15 * N * N * N,
    17.0 / 480 * N * N * N
  };
  private static final double[] DELTA = {
    2 * N - 2.0 / 3 * N * N - 2 * N * N * N,
    7.0 / 3 * N * N - 8.0 / 5 * N * N * N,
    56.0 / 15 * N * N * N
  };
  private static final double E_FACTOR = 2 * Math.sqrt(N) / (1 + N);

  private final double lon0Deg;
  private final double lat0Deg;
  private final double northingOfOrigin;

  private LocalProjection(double lon0Deg, double lat0Deg) {
    if (!(lon0Deg >= -180 && lon0Deg <= 180)) {
      throw new IllegalArgumentException("lonDeg of the projection centre must be in [-180, 180], got: " + lon0Deg);
    }
    if (!(lat0Deg >= -85 && lat0Deg <= 85)) {
      throw new IllegalArgumentException("latDeg of the projection centre must be in [-85, 85], got: " + lat0Deg);
    }
    this.lon0Deg = lon0Deg;
    this.lat0Deg = lat0Deg;
    this.northingOfOrigin = forward(0, Math.toRadians(lat0Deg))[1];
  }

  /** A projection whose origin (0, 0) is the given WGS84 point. */
  public static LocalProjection centredOn(double lonDeg, double latDeg) {
    return new LocalProjection(lonDeg, latDeg);
  }

  /** A projection centred on the centre of the envelope of a WGS84 geometry. */
  public static LocalProjection centredOn(Geometry wgs84) {
    Coordinate c = wgs84.getEnvelopeInternal().centre();
    if (c == null) {
      throw new IllegalArgumentException("cannot centre a projection on an empty geometry");
    }
    return new LocalProjection(c.x, c.y);
  }

  /** Longitude of the origin, degrees. */
  public double centreLonDeg() {
    return lon0Deg;
  }

  /** Latitude of the origin, degrees. */
  public double centreLatDeg() {
    return lat0Deg;
  }

  /** Local coordinates (metres east x, metres north y) of a WGS84 point. */
  public Coordinate toLocal(double lonDeg, double latDeg) {
    if (!(latDeg >= -90 && latDeg <= 90)) {
      throw new IllegalArgumentException("latDeg must be in [-90, 90], got: " + latDeg);
    }
    if (!(lonDeg >= -180 && lonDeg <= 180)) {
      throw new IllegalArgumentException("lonDeg must be in [-180, 180], got: " + lonDeg);
    }
    double dLon = lonDeg - lon0Deg;
    if (dLon > 180) {
      dLon -= 360;
    } else if (dLon < -180) {
      dLon += 360;
    }
    double[] en = forward(Math.toRadians(dLon), Math.toRadians(latDeg));
    return new Coordinate(en[0], en[1] - northingOfOrigin);
  }

  /** WGS84 coordinates (x = longitude, y = latitude, degrees) of a local point in metres. */
  public Coordinate toWgs84(double xM, double yM) {
    if (!Double.isFinite(xM) || !Double.isFinite(yM)) {
      throw new IllegalArgumentException("local coordinates must be finite, got: (" + xM + ", " + yM + ")");
    }
    double xi = (yM + northingOfOrigin) / BIG_A;
    double eta = xM / BIG_A;
    double xiP = xi;
    double etaP = eta;
    for (int j = 1; j <= 3; j++) {
      xiP -= BETA[j - 1] * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
      etaP -= BETA[j - 1] * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
    }
    double chi = Math.asin(Math.sin(xiP) / Math.cosh(etaP));
    double phi = chi;
    for (int j = 1; j <= 3; j++) {
      phi += DELTA[j - 1] * Math.sin(2 * j * chi);
    }
    double lambda = Math.atan2(Math.sinh(etaP), Math.cos(xiP));
    double lon = lon0Deg + Math.toDegrees(lambda);
    if (lon > 180) {
      lon -= 360;
    } else if (lon < -180) {
      lon += 360;
    }
    return new Coordinate(lon, Math.toDegrees(phi));
  }

  /** A copy of a WGS84 geometry (x = lon, y = lat) in local metres. */
  public Geometry toLocal(Geometry wgs84) {
    Geometry copy = wgs84.copy();
    copy.apply(new Transform(true));
    copy.geometryChanged();
    copy.setSRID(0); // local metres have no EPSG code
    return copy;
  }

  /** A copy of a local geometry (metres) in WGS84 (x = lon, y = lat). */
  public Geometry toWgs84(Geometry local) {
    Geometry copy = local.copy();
    copy.apply(new Transform(false));
    copy.geometryChanged();
    copy.setSRID(4326);
    return copy;
  }

  /** Easting and northing (metres, k0 = 1, central meridian at dLon = 0) of a point. */
  private static double[] forward(double dLonRad, double latRad) {
    double sinPhi = Math.sin(latRad);
    double t = Math.sinh(atanh(sinPhi) - E_FACTOR * atanh(E_FACTOR * sinPhi));
    double xiP = Math.atan2(t, Math.cos(dLonRad));
    double etaP = atanh(Math.sin(dLonRad) / Math.sqrt(1 + t * t));
    double xi = xiP;
    double eta = etaP;
    for (int j = 1; j <= 3; j++) {
      xi += ALPHA[j - 1] * Math.sin(2 * j * xiP) * Math.cosh(2 * j * etaP);
      eta += ALPHA[j - 1] * Math.cos(2 * j * xiP) * Math.sinh(2 * j * etaP);
    }
    return new double[] {BIG_A * eta, BIG_A * xi};
  }

  private static double atanh(double x) {
    return 0.5 * Math.log((1 + x) / (1 - x));
  }

  private final class Transform implements CoordinateSequenceFilter {
    private final boolean toLocal;

    Transform(boolean toLocal) {
      this.toLocal = toLocal;
    }

    @Override
    public void filter(CoordinateSequence seq, int i) {
      Coordinate c = toLocal ? toLocal(seq.getX(i), seq.getY(i)) : toWgs84(seq.getX(i), seq.getY(i));
      seq.setOrdinate(i, CoordinateSequence.X, c.x);
      seq.setOrdinate(i, CoordinateSequence.Y, c.y);
    }

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public boolean isGeometryChanged() {
      return true;
    }
  }

  @Override
  public String toString() {
    return "LocalProjection[centre lon " + lon0Deg + ", lat " + lat0Deg + "]";
  }
}
