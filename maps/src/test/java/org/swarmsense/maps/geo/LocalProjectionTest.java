package org.swarmsense.maps.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class LocalProjectionTest {

  /** Haversine on the mean-radius sphere: a rough, independent distance check. */
  private static double haversineM(double lon1, double lat1, double lon2, double lat2) {
    double r = 6_371_008.8;
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.pow(Math.sin(dLat / 2), 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * r * Math.asin(Math.sqrt(a));
  }

  @Test
  void centreMapsToOrigin() {
    LocalProjection p = LocalProjection.centredOn(7.42, 43.73);
    Coordinate c = p.toLocal(7.42, 43.73);
    assertEquals(0, c.x, 1e-9);
    assertEquals(0, c.y, 1e-9);
  }

  @Test
  void roundTripErrorBelowOneCentimetreOverTenKilometres() {
    long seed = 20261123L;
    System.out.println("LocalProjectionTest seed " + seed);
    Random rnd = new Random(seed);
    LocalProjection p = LocalProjection.centredOn(1.52, 42.51); // Andorra la Vella
    double worst = 0;
    for (int i = 0; i < 10_000; i++) {
      double x = (rnd.nextDouble() * 2 - 1) * 10_000;
      double y = (rnd.nextDouble() * 2 - 1) * 10_000;
      Coordinate wgs = p.toWgs84(x, y);
      Coordinate back = p.toLocal(wgs.x, wgs.y);
      worst = Math.max(worst, Math.hypot(back.x - x, back.y - y));
    }
    System.out.println("worst round-trip error over +-10 km: " + worst + " m");
    assertTrue(worst < 0.01, "round trip error " + worst + " m");
  }

  @Test
  void metresAreMetres() {
    LocalProjection p = LocalProjection.centredOn(7.42, 43.73);
    // one kilometre north and east: distances agree with haversine within 0.5 % (sphere vs ellipsoid)
    Coordinate north = p.toWgs84(0, 1000);
    Coordinate east = p.toWgs84(1000, 0);
    assertEquals(1000, haversineM(7.42, 43.73, north.x, north.y), 5);
    assertEquals(1000, haversineM(7.42, 43.73, east.x, east.y), 5);
    assertEquals(7.42, north.x, 1e-9);
    assertTrue(east.x > 7.42 && Math.abs(east.y - 43.73) < 1e-3);
    // one degree of latitude around 43.73 N on WGS84: M * pi / 180 with the meridian radius
    // M = a (1 - e^2) / (1 - e^2 sin^2 phi)^1.5 = 6,365,957 m, i.e. 111,107 m
    double dy = p.toLocal(7.42, 44.23).y - p.toLocal(7.42, 43.23).y;
    assertEquals(111_107, dy, 5);
  }

  @Test
  void geometriesRoundTrip() throws Exception {
    LocalProjection p = LocalProjection.centredOn(7.42, 43.73);
    Geometry wgs = new WKTReader().read("POLYGON ((7.41 43.72, 7.43 43.72, 7.43 43.74, 7.41 43.74, 7.41 43.72))");
    Geometry local = p.toLocal(wgs);
    assertEquals(1606 * 2224, local.getArea(), 0.01 * 1606 * 2224);
    Geometry back = p.toWgs84(local);
    for (int i = 0; i < wgs.getNumPoints(); i++) {
      // 1e-8 degrees is about 1 mm
      assertEquals(wgs.getCoordinates()[i].x, back.getCoordinates()[i].x, 1e-8);
      assertEquals(wgs.getCoordinates()[i].y, back.getCoordinates()[i].y, 1e-8);
    }
    assertEquals(wgs.getCoordinates()[0].x, 7.41); // input untouched
  }

  @Test
  void badInputIsNamed() {
    LocalProjection p = LocalProjection.centredOn(7.42, 43.73);
    var e = assertThrows(IllegalArgumentException.class, () -> p.toLocal(7.42, 95));
    assertTrue(e.getMessage().contains("latDeg") && e.getMessage().contains("95"), e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> LocalProjection.centredOn(200, 0));
    assertTrue(e2.getMessage().contains("200"), e2.getMessage());
  }
}
