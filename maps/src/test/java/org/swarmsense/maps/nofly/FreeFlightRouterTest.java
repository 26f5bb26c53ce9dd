package org.swarmsense.maps.nofly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.swarmsense.maps.geo.LocalProjection;

class FreeFlightRouterTest {

  private static Polygon poly(String wkt) throws Exception {
    return (Polygon) new WKTReader().read(wkt);
  }

  private static NoFlyZones square() throws Exception {
    return NoFlyZones.of(List.of(NoFlyZone.everywhere("square", poly("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"))));
  }

  @Test
  void clearLegIsStraight() throws Exception {
    FlightPath p = FreeFlightRouter.around(square(), 10).route(new Coordinate(-50, 200), new Coordinate(150, 200));
    assertTrue(p.isStraight());
    assertEquals(200, p.lengthM(), 1e-9);
  }

  @Test
  void legThroughSquareGoesAroundIt() throws Exception {
    // clearance 0: from (-50, 50) to (150, 50) via (0, 100) and (100, 100) (or the mirror below):
    // 2 * sqrt(50^2 + 50^2) + 100
    FlightPath p = FreeFlightRouter.around(square(), 0).route(new Coordinate(-50, 50), new Coordinate(150, 50));
    assertEquals(2 * Math.sqrt(5000) + 100, p.lengthM(), 1e-9);
    assertEquals(4, p.waypoints().size());
  }

  @Test
  void clearanceGrowsTheDetour() throws Exception {
    // clearance 10: the square grows to (-10,-10)-(110,110); from (-50, 50): to (-10, 110) is
    // sqrt(40^2 + 60^2), across 120, and back down the same: 2 * sqrt(5200) + 120
    FlightPath p = FreeFlightRouter.around(square(), 10).route(new Coordinate(-50, 50), new Coordinate(150, 50));
    assertEquals(2 * Math.sqrt(40 * 40 + 60 * 60) + 120, p.lengthM(), 1e-6);
    assertPathClear(p, square());
  }

  @Test
  void startInsideZoneIsRefusedByName() throws Exception {
    var e = assertThrows(IllegalArgumentException.class,
        () -> FreeFlightRouter.around(square(), 5).route(new Coordinate(50, 50), new Coordinate(150, 50)));
    assertEquals("start point (50.0, 50.0) lies inside no-fly zone 'square'", e.getMessage());
  }

  @Test
  void pointInClearanceRingMayLeave() throws Exception {
    // (105, 50) is outside the zone but within the 10 m clearance
    FlightPath p = FreeFlightRouter.around(square(), 10).route(new Coordinate(105, 50), new Coordinate(200, 50));
    assertTrue(p.isStraight());
    assertEquals(95, p.lengthM(), 1e-9);
  }

  @Test
  void randomLegsNeverCrossZonesAndNeverBeatTheStraightLine() throws Exception {
    long seed = 42L;
    System.out.println("FreeFlightRouterTest seed " + seed);
    Random rnd = new Random(seed);
    NoFlyZones zones = NoFlyZones.of(List.of(
        NoFlyZone.everywhere("a", poly("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))")),
        NoFlyZone.everywhere("b", poly("POLYGON ((200 -50, 260 40, 230 200, 150 120, 200 -50))")),
        NoFlyZone.everywhere("c", poly("POLYGON ((-100 200, 300 220, 300 240, -100 230, -100 200))"))));
    FreeFlightRouter router = FreeFlightRouter.around(zones, 5);
    int routed = 0;
    while (routed < 200) {
      Coordinate a = new Coordinate(rnd.nextDouble() * 600 - 200, rnd.nextDouble() * 600 - 200);
      Coordinate b = new Coordinate(rnd.nextDouble() * 600 - 200, rnd.nextDouble() * 600 - 200);
      if (zones.isInside(a) || zones.isInside(b)) {
        continue;
      }
      FlightPath p = router.route(a, b);
      assertTrue(p.lengthM() >= a.distance(b) - 1e-9);
      assertPathClear(p, zones);
      routed++;
    }
  }

  /**
   * Reference: the same visibility graph built the slow, obvious way (JTS relate on every segment
   * against the grown, merged zones, all-pairs Floyd-Warshall). Clearance 0 keeps the reference free
   * of the clearance-ring special case.
   */
  private static double referenceLength(NoFlyZones zones, Coordinate a, Coordinate b) {
    GeometryFactory gf = new GeometryFactory();
    org.locationtech.jts.geom.Geometry union = gf.buildGeometry(
        zones.zones().stream().map(NoFlyZone::areaLocal).map(p -> (org.locationtech.jts.geom.Geometry) p).toList()).union();
    List<Coordinate> nodes = new java.util.ArrayList<>();
    nodes.add(a);
    nodes.add(b);
    for (int i = 0; i < union.getNumGeometries(); i++) {
      Polygon p = (Polygon) union.getGeometryN(i);
      Coordinate[] ring = p.getExteriorRing().getCoordinates();
      for (int j = 0; j < ring.length - 1; j++) {
        nodes.add(ring[j]);
      }
    }
    int n = nodes.size();
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        LineString seg = gf.createLineString(new Coordinate[] {nodes.get(i), nodes.get(j)});
        d[i][j] = i == j ? 0 : seg.relate(union, "T********") ? Double.POSITIVE_INFINITY : nodes.get(i).distance(nodes.get(j));
      }
    }
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          d[i][j] = Math.min(d[i][j], d[i][k] + d[k][j]);
        }
      }
    }
    return d[0][1];
  }

  @Test
  void randomLegsMatchASlowReference() throws Exception {
    long seed = 99L;
    System.out.println("FreeFlightRouterTest reference seed " + seed);
    Random rnd = new Random(seed);
    NoFlyZones zones = NoFlyZones.of(List.of(
        NoFlyZone.everywhere("a", poly("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))")),
        NoFlyZone.everywhere("b", poly("POLYGON ((200 -50, 260 40, 230 200, 150 120, 200 -50))")),
        NoFlyZone.everywhere("u", poly("POLYGON ((-150 250, 250 250, 250 400, 200 400, 200 300, -100 300, -100 400, -150 400, -150 250))")),
        NoFlyZone.everywhere("d", poly("POLYGON ((50 50, 180 60, 170 90, 60 80, 50 50))")))); // overlaps a
    FreeFlightRouter router = FreeFlightRouter.around(zones, 0);
    int checked = 0;
    int detours = 0;
    while (checked < 100) {
      Coordinate a = new Coordinate(rnd.nextDouble() * 600 - 250, rnd.nextDouble() * 600 - 150);
      Coordinate b = new Coordinate(rnd.nextDouble() * 600 - 250, rnd.nextDouble() * 600 - 150);
      if (zones.isInside(a) || zones.isInside(b)) {
        continue;
      }
      FlightPath p = router.route(a, b);
      assertEquals(referenceLength(zones, a, b), p.lengthM(), 1e-6, "leg " + a + " -> " + b);
      if (!p.isStraight()) {
        detours++;
      }
      checked++;
    }
    System.out.println("reference check: " + checked + " legs, " + detours + " detours");
    assertTrue(detours > 20, "too few detours to mean anything: " + detours);
  }

  @Test
  void selfIntersectingZoneIsNamedWithWhere() {
    String json = "{\"type\":\"Feature\",\"properties\":{\"name\":\"stadium\"},\"geometry\":{\"type\":\"Polygon\","
        + "\"coordinates\":[[[7.41,43.72],[7.42,43.73],[7.42,43.72],[7.41,43.73],[7.41,43.72]]]}}";
    var e = assertThrows(IllegalArgumentException.class,
        () -> NoFlyZones.fromGeoJson(json, "zones.geojson", LocalProjection.centredOn(7.415, 43.725)));
    assertEquals("zones.geojson: no-fly zone 'stadium' is not a valid polygon: Self-intersection at (7.415, 43.725)", e.getMessage());
  }

  @Test
  void enclosedCourtyardHasNoWayOut() throws Exception {
    NoFlyZones ring = NoFlyZones.of(List.of(NoFlyZone.everywhere("ring",
        poly("POLYGON ((0 0, 300 0, 300 300, 0 300, 0 0), (100 100, 200 100, 200 200, 100 200, 100 100))"))));
    FreeFlightRouter router = FreeFlightRouter.around(ring, 0);
    var e = assertThrows(IllegalArgumentException.class, () -> router.route(new Coordinate(150, 150), new Coordinate(400, 150)));
    assertTrue(e.getMessage().startsWith("no free-flight path from (150.0, 150.0"), e.getMessage());
    // inside the courtyard itself, legs are straight
    assertTrue(router.route(new Coordinate(120, 120), new Coordinate(180, 180)).isStraight());
  }

  @Test
  void geoJsonZonesWithAltitudes() {
    String json = """
        {"type":"FeatureCollection","features":[{"type":"Feature",
          "properties":{"name":"palace","ceiling_m":120},
          "geometry":{"type":"Polygon","coordinates":[[[7.419,43.730],[7.422,43.730],[7.422,43.732],[7.419,43.732],[7.419,43.730]]]}}]}""";
    LocalProjection proj = LocalProjection.centredOn(7.42, 43.73);
    NoFlyZones zones = NoFlyZones.fromGeoJson(json, "zones.geojson", proj);
    Coordinate inside = proj.toLocal(7.4205, 43.731);
    assertTrue(zones.isInside(inside));
    assertTrue(zones.isInside(inside, 100));
    assertFalse(zones.isInside(inside, 150));
    assertEquals("palace", zones.zones().get(0).name());
  }

  private static void assertPathClear(FlightPath p, NoFlyZones zones) {
    GeometryFactory gf = new GeometryFactory();
    LineString line = gf.createLineString(p.waypoints().toArray(new Coordinate[0]));
    for (NoFlyZone z : zones.zones()) {
      assertFalse(line.relate(z.areaLocal(), "T********"), "path " + line + " crosses zone " + z.name());
    }
  }
}
