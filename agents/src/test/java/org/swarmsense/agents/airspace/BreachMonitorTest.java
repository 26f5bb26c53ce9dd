package org.swarmsense.agents.airspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * The breach rule as data: fences written in WKT in local metres around a point in Monaco, a drone's
 * path in the same metres, and the alarms expected at each step ({@code +} raised, {@code -}
 * cleared, {@code kind/name}; blank: no change). Margin 5 m throughout. (Points exactly on an
 * edge count as inside, but a round trip through two projections may move them by nanometres, so
 * the table tests a centimetre either side.)
 */
class BreachMonitorTest {
  private static final LocalProjection AROUND = LocalProjection.centredOn(7.4246, 43.7384);
  private static final double MARGIN_M = 5;
  private static final String SQUARE = "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))";

  record Step(double xM, double yM, String expected) {}

  static Step at(double xM, double yM, String expected) {
    return new Step(xM, yM, expected);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("no-fly zone: outside, in, out beyond the margin",
            List.of(nfz("a", SQUARE, "alarm")),
            List.of(at(150, 50, ""), at(50, 50, "+no_fly_zone/a"), at(50, 60, ""), at(106, 50, "-no_fly_zone/a"))),
        Arguments.of("no-fly zone: a centimetre inside the edge is a breach",
            List.of(nfz("a", SQUARE, "alarm")),
            List.of(at(100.01, 50, ""), at(99.99, 50, "+no_fly_zone/a"))),
        Arguments.of("no-fly zone: within the margin outside the breach lasts, beyond it clears",
            List.of(nfz("a", SQUARE, "alarm")),
            List.of(at(99, 50, "+no_fly_zone/a"), at(103, 50, ""), at(104.9, 50, ""), at(105.2, 50, "-no_fly_zone/a"))),
        Arguments.of("no-fly zone: a drone wobbling on the edge alarms once",
            List.of(nfz("a", SQUARE, "alarm")),
            List.of(at(101, 50, ""), at(99, 50, "+no_fly_zone/a"), at(101, 50, ""), at(99, 50, ""), at(101, 50, ""),
                at(99.5, 50, ""))),
        Arguments.of("no-fly zone with a hole: the hole is outside",
            List.of(nfz("ring", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0), (40 40, 60 40, 60 60, 40 60, 40 40))",
                "alarm")),
            List.of(at(50, 50, ""), at(20, 50, "+no_fly_zone/ring"), at(42, 50, ""), at(50, 50, "-no_fly_zone/ring"),
                at(39.99, 50, "+no_fly_zone/ring"))),
        Arguments.of("no-fly zone in two parts (a MultiPolygon)",
            List.of(nfz("twin", "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((200 0, 210 0, 210 10, 200 10, 200 0)))",
                "alarm")),
            List.of(at(5, 5, "+no_fly_zone/twin"), at(100, 5, "-no_fly_zone/twin"), at(205, 5, "+no_fly_zone/twin"))),
        Arguments.of("geofence: inside, out, back inside beyond the margin",
            List.of(geofence("area", SQUARE, "rtl")),
            List.of(at(50, 50, ""), at(101, 50, "+geofence/area"), at(98, 50, ""), at(95.5, 50, ""),
                at(94, 50, "-geofence/area"))),
        Arguments.of("geofence: a centimetre outside the edge is a breach",
            List.of(geofence("area", SQUARE, "rtl")),
            List.of(at(99.99, 50, ""), at(99.99, 99.99, ""), at(100.01, 99.99, "+geofence/area"))),
        Arguments.of("geofence narrower than twice the margin: clears once back inside",
            List.of(geofence("lane", "POLYGON ((0 0, 8 0, 8 100, 0 100, 0 0))", "hold")),
            List.of(at(4, 50, ""), at(9, 50, "+geofence/lane"), at(7.9, 50, "-geofence/lane"))),
        Arguments.of("two no-fly zones overlapping: one alarm each",
            List.of(nfz("a", SQUARE, "alarm"), nfz("b", "POLYGON ((50 0, 150 0, 150 100, 50 100, 50 0))", "hold")),
            List.of(at(75, 50, "+no_fly_zone/a +no_fly_zone/b"), at(125, 50, "-no_fly_zone/a"),
                at(300, 50, "-no_fly_zone/b"))),
        Arguments.of("a no-fly zone inside a geofence, same name",
            List.of(geofence("x", "POLYGON ((-500 -500, 500 -500, 500 500, -500 500, -500 -500))", "rtl"),
                nfz("x", SQUARE, "hold")),
            List.of(at(-100, 0, ""), at(50, 50, "+no_fly_zone/x"), at(600, 50, "-no_fly_zone/x +geofence/x"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void breachesStartAndEndAsTheRuleSays(String name, List<Fence> fences, List<Step> path) {
    BreachMonitor monitor = new BreachMonitor();
    monitor.setFences("f", FenceSet.of(fences, MARGIN_M, 100));
    for (int i = 0; i < path.size(); i++) {
      Step s = path.get(i);
      Coordinate wgs = AROUND.toWgs84(s.xM(), s.yM());
      assertEquals(s.expected(), render(monitor.observe("f", "d1", wgs.x, wgs.y)),
          "step " + i + " at (" + s.xM() + ", " + s.yM() + ") m");
    }
  }

  @Test
  void aRaisedBreachCarriesTheFenceActionAndTheClearSaysWhy() {
    BreachMonitor monitor = new BreachMonitor();
    monitor.setFences("f", FenceSet.of(List.of(nfz("stadium", SQUARE, "hold")), MARGIN_M, 100));
    Coordinate in = AROUND.toWgs84(50, 50);
    FenceBreach raised = monitor.observe("f", "d1", in.x, in.y).get(0);
    assertEquals(FenceAction.HOLD, raised.fence().action());
    assertEquals("no_fly_zone_breach", raised.alarm());
    assertTrue(raised.detail().startsWith("entered no-fly zone 'stadium' at (lat 43.73"), raised.detail());
    // another drone and another fleet are judged separately
    assertEquals("", render(monitor.observe("other", "d1", in.x, in.y)));
    assertEquals("+no_fly_zone/stadium", render(monitor.observe("f", "d2", in.x, in.y)));
    // the operator removes the zone: the breach clears at the next report, saying so
    monitor.setFences("f", FenceSet.of(List.of(), MARGIN_M, 100));
    List<FenceBreach> cleared = monitor.observe("f", "d1", in.x, in.y);
    assertEquals("-no_fly_zone/stadium", render(cleared));
    assertEquals("no_fly_zone_breach_cleared", cleared.get(0).alarm());
    assertTrue(cleared.get(0).detail().contains("was removed"), cleared.get(0).detail());
  }

  @Test
  void invalidFencesAreRefusedNamingTheFenceAndTheFault() {
    IllegalArgumentException bowtie = assertThrows(IllegalArgumentException.class,
        () -> nfz("bowtie", "POLYGON ((0 0, 100 100, 100 0, 0 100, 0 0))", "alarm"));
    assertTrue(bowtie.getMessage().startsWith("no-fly zone 'bowtie' is not a valid polygon: Self-intersection"),
        bowtie.getMessage());
    IllegalArgumentException line = assertThrows(IllegalArgumentException.class,
        () -> new Fence("road", FenceKind.GEOFENCE, local("LINESTRING (0 0, 10 10)"), FenceAction.ALARM));
    assertEquals("geofence 'road' must be a Polygon or MultiPolygon, got: LineString", line.getMessage());
    IllegalArgumentException hole = assertThrows(IllegalArgumentException.class,
        () -> nfz("hole-out", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 30 20, 30 30, 20 30, 20 20))", "alarm"));
    assertTrue(hole.getMessage().contains("Hole lies outside shell"), hole.getMessage());
    IllegalArgumentException action = assertThrows(IllegalArgumentException.class,
        () -> FenceAction.fromCode("features[2].properties.action", "explode"));
    assertEquals("features[2].properties.action must be alarm, hold or rtl, was 'explode'", action.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> FenceSet.of(List.of(nfz("a", SQUARE, "alarm"), nfz("a", SQUARE, "hold")), MARGIN_M, 100));
    assertEquals("name must be unique among a fleet's no_fly_zone fences, 'a' is used twice", twice.getMessage());
    List<Fence> many = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      many.add(nfz("z" + i, SQUARE, "alarm"));
    }
    IllegalArgumentException cap = assertThrows(IllegalArgumentException.class, () -> FenceSet.of(many, MARGIN_M, 3));
    assertEquals("features must hold at most 3 fences per fleet, had 4", cap.getMessage());
  }

  private static String render(List<FenceBreach> changes) {
    StringBuilder b = new StringBuilder();
    for (FenceBreach c : changes) {
      b.append(b.length() == 0 ? "" : " ").append(c.raised() ? "+" : "-")
          .append(c.fence().kind().code()).append('/').append(c.fence().name());
    }
    return b.toString();
  }

  static Fence nfz(String name, String wktLocalM, String action) {
    return new Fence(name, FenceKind.NO_FLY_ZONE, local(wktLocalM), FenceAction.fromCode("action", action));
  }

  static Fence geofence(String name, String wktLocalM, String action) {
    return new Fence(name, FenceKind.GEOFENCE, local(wktLocalM), FenceAction.fromCode("action", action));
  }

  /** A WKT geometry in local metres around {@link #AROUND}, taken to WGS84. */
  static Geometry local(String wkt) {
    try {
      return AROUND.toWgs84(new WKTReader().read(wkt));
    } catch (ParseException e) {
      throw new IllegalArgumentException(wkt, e);
    }
  }
}
