package org.swarmsense.maps.roads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.LineString;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.geojson.Feature;
import org.swarmsense.maps.geojson.GeoJson;

class RoadGraphTest {

  static final Path TEST_CACHE = Path.of("target", "test-road-graphs");
  private static RoadGraph andorra;

  @BeforeAll
  static void loadAndorra() {
    andorra = RoadGraph.load(SharedData.file("maps/andorra.osm.pbf"), TEST_CACHE);
  }

  @AfterAll
  static void close() {
    andorra.close();
  }

  @Test
  void andorraRoutesBetweenTownsWithPlausibleLength() {
    // Andorra la Vella (Placa del Poble) to Encamp: 5.4 km apart as the crow flies, one valley road
    double straight = RoadGraph.distanceM(new org.locationtech.jts.geom.Coordinate(1.5218, 42.5063),
        new org.locationtech.jts.geom.Coordinate(1.5797, 42.5350));
    RoadRoute r = andorra.route(1.5218, 42.5063, 1.5797, 42.5350);
    System.out.printf("Andorra la Vella -> Encamp: straight %.0f m, road %.0f m, %.0f s%n", straight, r.lengthM(), r.durationS());
    assertTrue(r.lengthM() > straight && r.lengthM() < 2 * straight, "road length " + r.lengthM());
    double[] t = r.pointTimesS();
    assertEquals(0, t[0]);
    assertEquals(r.durationS(), t[t.length - 1], 1.0);
    for (int i = 1; i < t.length; i++) {
      assertTrue(t[i] >= t[i - 1]);
    }
    assertTrue(r.durationS() > r.lengthM() / 40 && r.durationS() < r.lengthM() / 3, "duration " + r.durationS());
  }

  @Test
  void snapOutsideTheMapIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> andorra.snap(2.35, 48.85));
    assertTrue(e.getMessage().startsWith("point (lon 2.350000, lat 48.850000) is outside the map andorra.osm.pbf"), e.getMessage());
    SnappedPoint s = andorra.snap(1.5218, 42.5063);
    assertTrue(s.distanceM() < 100, "snap distance " + s.distanceM());
  }

  @Test
  void boundsAndNetwork() {
    assertTrue(andorra.bounds().contains(1.52, 42.5));
    assertTrue(andorra.nodeCount() > 1000, "nodes " + andorra.nodeCount());
    List<LineString> edges = andorra.edges();
    assertEquals(andorra.edgeCount(), edges.size());
    List<Feature> full = GeoJson.readFeatures(andorra.roadNetworkGeoJson(0), "network");
    List<Feature> simple = GeoJson.readFeatures(andorra.roadNetworkGeoJson(20), "network");
    assertEquals(edges.size(), full.size());
    int fullPoints = full.stream().mapToInt(f -> f.geometry().getNumPoints()).sum();
    int simplePoints = simple.stream().mapToInt(f -> f.geometry().getNumPoints()).sum();
    System.out.println("Andorra network: " + edges.size() + " edges, " + fullPoints + " points, simplified (20 m) " + simplePoints);
    assertTrue(simplePoints < fullPoints);
    assertTrue(full.get(0).properties().containsKey("speed_kmh"));
  }

  @Test
  void secondLoadHitsTheCache(@TempDir Path cache) {
    Path monaco = SharedData.file("maps/monaco.osm.gz");
    int nodes;
    Path dir;
    try (RoadGraph first = RoadGraph.load(monaco, cache)) {
      assertFalse(first.loadedFromCache());
      nodes = first.nodeCount();
      dir = first.graphDir();
      assertTrue(nodes > 100, "nodes " + nodes);
    }
    assertTrue(Files.isDirectory(dir) && dir.getParent().equals(cache), "cache dir " + dir);
    try (RoadGraph second = RoadGraph.load(monaco, cache)) {
      assertTrue(second.loadedFromCache());
      assertEquals(nodes, second.nodeCount());
      assertEquals(dir, second.graphDir());
      RoadRoute r = second.route(7.4196, 43.7311, 7.4250, 43.7402); // palace to casino area
      assertTrue(r.lengthM() > 900 && r.lengthM() < 3000, "length " + r.lengthM());
    }
  }

  @Test
  void leftoverDirectoryWithoutGraphIsRebuilt(@TempDir Path cache) throws Exception {
    Path monaco = SharedData.file("maps/monaco.osm.gz");
    Path leftover = cache.resolve(RoadGraph.cacheKey(monaco));
    Files.createDirectories(leftover);
    Files.writeString(leftover.resolve("nodes"), "half-written");
    try (RoadGraph g = RoadGraph.load(monaco, cache)) {
      assertFalse(g.loadedFromCache());
      assertTrue(g.nodeCount() > 100);
    }
  }

  @Test
  void concurrentFirstLoadsShareOneImport(@TempDir Path cache) throws Exception {
    Path monaco = SharedData.file("maps/monaco.osm.gz");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<Integer>> nodes = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        nodes.add(pool.submit(() -> {
          try (RoadGraph g = RoadGraph.load(monaco, cache)) {
            return g.nodeCount();
          }
        }));
      }
      int first = nodes.get(0).get();
      for (var f : nodes) {
        assertEquals(first, f.get());
      }
    } finally {
      pool.shutdown();
    }
    try (var entries = Files.list(cache)) {
      assertEquals(List.of(RoadGraph.cacheKey(monaco)), entries.map(p -> p.getFileName().toString()).toList());
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "maps/andorra.osm.pbf, 2385", "maps/monaco.osm.gz, 1217", "maps/krems.osm.gz, 1345",
    "maps/berlin-siegessaeule.osm.gz, 222"})
  void everySharedMapLoadsAndRoutes(String file, int expectedNodes) {
    try (RoadGraph g = RoadGraph.load(SharedData.file(file), TEST_CACHE)) {
      System.out.println(g + " " + g.bounds());
      // Andorra's 2,385 is the data README's figure; the others are GraphHopper 11's count, pinned
      assertEquals(expectedNodes, g.nodeCount());
      var trip = SyntheticTraffic.generate(g, 1, 120, 1).get(0);
      assertEquals(121, trip.size());
      assertTrue(g.bounds().contains(trip.lonDeg(60), trip.latDeg(60)));
    }
  }

  @Test
  void missingOrWrongFileIsNamed(@TempDir Path dir) throws Exception {
    var e = assertThrows(IllegalArgumentException.class, () -> RoadGraph.load(dir.resolve("none.osm.pbf"), dir));
    assertTrue(e.getMessage().contains("none.osm.pbf"), e.getMessage());
    Path txt = Files.writeString(dir.resolve("map.txt"), "x");
    var e2 = assertThrows(IllegalArgumentException.class, () -> RoadGraph.load(txt, dir));
    assertTrue(e2.getMessage().contains("map.txt"), e2.getMessage());
  }
}
