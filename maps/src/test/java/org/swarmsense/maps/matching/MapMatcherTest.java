package org.swarmsense.maps.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.roads.RoadGraph;
import org.swarmsense.maps.traffic.GpxReader;
import org.swarmsense.maps.traffic.Trajectory;

class MapMatcherTest {

  private static RoadGraph andorra;

  @BeforeAll
  static void load() {
    andorra = RoadGraph.load(SharedData.file("maps/andorra.osm.pbf"), Path.of("target", "test-road-graphs"));
  }

  @AfterAll
  static void close() {
    andorra.close();
  }

  @Test
  void andorraGpxMatchesWithCloseLength() {
    Trajectory gpx = GpxReader.read(SharedData.file("maps/gpx/andorra_for_map_matching.gpx")).get(0);
    MatchedTrack m = MapMatcher.match(andorra, gpx);
    System.out.printf("Andorra GPX: observed %.0f m, matched %.0f m over %d edges%n",
        m.observedLengthM(), m.matchedLengthM(), m.edgeCount());
    // the GPX's own length, computed here independently (haversine between consecutive fixes)
    double gpxLength = 0;
    for (int i = 1; i < gpx.size(); i++) {
      gpxLength += haversineM(gpx.lonDeg(i - 1), gpx.latDeg(i - 1), gpx.lonDeg(i), gpx.latDeg(i));
    }
    System.out.printf("GPX length (haversine): %.0f m%n", gpxLength);
    assertTrue(gpxLength > 600 && gpxLength < 750, "gpx length " + gpxLength);
    assertEquals(gpxLength, m.observedLengthM(), 0.01 * gpxLength);
    double ratio = m.matchedLengthM() / gpxLength;
    assertTrue(ratio > 0.95 && ratio < 1.15, "matched/observed = " + ratio);
    // every matched vertex lies on a road
    for (int i = 0; i < m.lineWgs84().getNumPoints(); i += 5) {
      Coordinate c = m.lineWgs84().getCoordinateN(i);
      assertTrue(andorra.snap(c.x, c.y).distanceM() < 1.0);
    }
  }

  private static double haversineM(double lon1, double lat1, double lon2, double lat2) {
    double r = 6_371_008.8;
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.pow(Math.sin(dLat / 2), 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * r * Math.asin(Math.sqrt(a));
  }

  @Test
  void noisySyntheticDriveMatchesItsTrueLength() {
    long seed = 3L;
    System.out.println("MapMatcherTest seed " + seed);
    Trajectory truth = org.swarmsense.maps.roads.SyntheticTraffic.generate(andorra, 1, 600, seed).get(0);
    java.util.Random rnd = new java.util.Random(seed);
    org.swarmsense.maps.geo.LocalProjection proj =
        org.swarmsense.maps.geo.LocalProjection.centredOn(truth.lonDeg(0), truth.latDeg(0));
    List<Coordinate> noisy = new java.util.ArrayList<>();
    double trueLength = 0;
    for (int i = 0; i < truth.size(); i++) {
      if (i > 0) {
        trueLength += haversineM(truth.lonDeg(i - 1), truth.latDeg(i - 1), truth.lonDeg(i), truth.latDeg(i));
      }
      if (i % 10 == 0 || i == truth.size() - 1) { // a fix every 10 s with 8 m Gaussian noise
        Coordinate local = proj.toLocal(truth.lonDeg(i), truth.latDeg(i));
        noisy.add(proj.toWgs84(local.x + rnd.nextGaussian() * 8, local.y + rnd.nextGaussian() * 8));
      }
    }
    MatchedTrack m = MapMatcher.match(andorra, noisy, 20, "synthetic");
    System.out.printf("synthetic drive: true %.0f m, matched %.0f m%n", trueLength, m.matchedLengthM());
    assertTrue(trueLength > 2000, "true length " + trueLength);
    assertEquals(trueLength, m.matchedLengthM(), 0.05 * trueLength);
  }

  @Test
  void pointOffTheMapIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> MapMatcher.match(andorra,
        List.of(new Coordinate(1.52, 42.50), new Coordinate(2.35, 48.85)), 40, "track x"));
    assertEquals("track x: point 1 (lon 2.35, lat 48.85) is outside the map andorra.osm.pbf", e.getMessage());
  }
}
