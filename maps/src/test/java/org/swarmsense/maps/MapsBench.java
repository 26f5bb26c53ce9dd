package org.swarmsense.maps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.swarmsense.maps.grid.SensingGrid;
import org.swarmsense.maps.nofly.FreeFlightRouter;
import org.swarmsense.maps.nofly.NoFlyZone;
import org.swarmsense.maps.nofly.NoFlyZones;
import org.swarmsense.maps.matching.MapMatcher;
import org.swarmsense.maps.roads.RoadGraph;
import org.swarmsense.maps.roads.SyntheticTraffic;
import org.swarmsense.maps.traffic.SumoFcdReader;
import org.swarmsense.maps.traffic.Trajectory;

/**
 * Prints speed figures of the maps module as ratios against a baseline measured in the same run
 * (never asserted in tests). Run from the repository root after {@code ./mvnw -B -q -o -pl maps install}:
 * <pre>
 * ./mvnw -B -q -o -pl maps dependency:build-classpath -Dmdep.outputFile=/tmp/maps-cp.txt
 * java -cp maps/target/classes:maps/target/test-classes:$(cat /tmp/maps-cp.txt) org.swarmsense.maps.MapsBench
 * </pre>
 */
public final class MapsBench {

  private MapsBench() {}

  private static double seconds(Runnable r, int reps) {
    r.run(); // warm-up
    long best = Long.MAX_VALUE;
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      r.run();
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best / 1e9;
  }

  public static void main(String[] args) throws Exception {
    long seed = 1L;
    System.out.println("MapsBench seed " + seed + ", best of several runs after warm-up");
    System.out.printf("%-44s %14s %14s %8s%n", "what", "ours", "baseline", "ratio");

    // 1. cellAt: index arithmetic on a regular grid vs R-tree lookup of the same cells
    Polygon area = (Polygon) new WKTReader().read("POLYGON ((0 0, 3000 200, 2800 2900, 100 2600, 0 0))");
    SensingGrid regular = SensingGrid.over(area, 25);
    SensingGrid explicit = SensingGrid.ofCells(regular.cells());
    Random rnd = new Random(seed);
    int nq = 1_000_000;
    double[] qx = new double[nq];
    double[] qy = new double[nq];
    for (int i = 0; i < nq; i++) {
      qx[i] = rnd.nextDouble() * 3000;
      qy[i] = rnd.nextDouble() * 3000;
    }
    long[] sink = new long[1];
    double tRegular = seconds(() -> { for (int i = 0; i < nq; i++) { sink[0] += regular.cellAt(qx[i], qy[i]).orElse(-1); } }, 5);
    double tExplicit = seconds(() -> { for (int i = 0; i < nq; i++) { sink[0] += explicit.cellAt(qx[i], qy[i]).orElse(-1); } }, 3);
    System.out.printf("%-44s %11.1f ns %11.1f ns %7.1fx  (%d cells; baseline = R-tree)%n",
        "cellAt per lookup", tRegular / nq * 1e9, tExplicit / nq * 1e9, tExplicit / tRegular, regular.size());

    // 2. road graph: cached load vs fresh import (Andorra)
    Path osm = SharedData.file("maps/andorra.osm.pbf");
    Path cache = Files.createTempDirectory("maps-bench-cache");
    long t0 = System.nanoTime();
    RoadGraph.load(osm, cache).close();
    double tImport = (System.nanoTime() - t0) / 1e9;
    double tLoad = seconds(() -> RoadGraph.load(osm, cache).close(), 3);
    System.out.printf("%-44s %12.3f s %12.3f s %7.1fx  (baseline = import)%n", "Andorra graph: cached load vs import", tLoad, tImport, tImport / tLoad);

    // 3. routing: one fastest route vs one snap (the per-point floor of any query)
    try (RoadGraph g = RoadGraph.load(osm, cache)) {
      List<double[]> pairs = new ArrayList<>();
      Random r = new Random(seed);
      var b = g.bounds();
      while (pairs.size() < 200) {
        double lon1 = b.minLonDeg() + r.nextDouble() * (b.maxLonDeg() - b.minLonDeg());
        double lat1 = b.minLatDeg() + r.nextDouble() * (b.maxLatDeg() - b.minLatDeg());
        double lon2 = b.minLonDeg() + r.nextDouble() * (b.maxLonDeg() - b.minLonDeg());
        double lat2 = b.minLatDeg() + r.nextDouble() * (b.maxLatDeg() - b.minLatDeg());
        try {
          g.route(lon1, lat1, lon2, lat2);
          pairs.add(new double[] {lon1, lat1, lon2, lat2});
        } catch (IllegalArgumentException offRoad) {
          // far from roads or unroutable: draw again
        }
      }
      double tRoute = seconds(() -> pairs.forEach(p -> g.route(p[0], p[1], p[2], p[3])), 3);
      double tSnap = seconds(() -> pairs.forEach(p -> g.snap(p[0], p[1])), 5);
      System.out.printf("%-44s %11.3f ms %11.3f ms %7.1fx  (baseline = snap)%n", "Andorra route per query",
          tRoute / pairs.size() * 1e3, tSnap / pairs.size() * 1e3, tRoute / tSnap);

      // 3b. synthetic traffic: 20 vehicles x 600 s, against the routes it needs
      double tSyn = seconds(() -> SyntheticTraffic.generate(g, 20, 600, seed), 3);
      System.out.printf("%-44s %12.1f ms %11.3f ms %7.1fx  (baseline = one route)%n", "synthetic traffic 20 x 600 s",
          tSyn * 1e3, tRoute / pairs.size() * 1e3, tSyn / (tRoute / pairs.size()));

      // 3c. map matching a noisy 600 s drive (fix every 10 s) vs routing its end points
      Trajectory truth = SyntheticTraffic.generate(g, 1, 600, seed).get(0);
      List<Coordinate> fixes = new ArrayList<>();
      for (int i = 0; i < truth.size(); i += 10) {
        fixes.add(new Coordinate(truth.lonDeg(i) + r.nextGaussian() * 1e-4, truth.latDeg(i) + r.nextGaussian() * 1e-4));
      }
      double tMatch = seconds(() -> MapMatcher.match(g, fixes, 20, "bench"), 3);
      Coordinate f0 = fixes.get(0);
      Coordinate f1 = fixes.get(fixes.size() - 1);
      double tEnds = seconds(() -> g.route(f0.x, f0.y, f1.x, f1.y), 20);
      System.out.printf("%-44s %12.1f ms %11.3f ms %7.1fx  (%d fixes; baseline = route between the ends)%n",
          "map matching a 600 s drive", tMatch * 1e3, tEnds * 1e3, tMatch / tEnds, fixes.size());
    }

    // 4. SUMO FCD reading vs plain gunzip + line count of the same file
    Path fcd = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
    double tRead = seconds(() -> SumoFcdReader.read(fcd), 5);
    double tGunzip = seconds(() -> {
      try (BufferedReader br = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(fcd))))) {
        sink[0] += br.lines().count();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, 5);
    int samples = SumoFcdReader.read(fcd).stream().mapToInt(Trajectory::size).sum();
    System.out.printf("%-44s %12.1f ms %11.1f ms %7.1fx  (%d samples; baseline = gunzip+lines)%n",
        "Monaco FCD read", tRead * 1e3, tGunzip * 1e3, tRead / tGunzip, samples);

    // 5. free-flight route around 20 square zones vs the straight-leg check alone
    List<NoFlyZone> zs = new ArrayList<>();
    Random zr = new Random(seed);
    WKTReader wkt = new WKTReader();
    while (zs.size() < 20) {
      double x = zr.nextDouble() * 2800;
      double y = zr.nextDouble() * 2800;
      Polygon p = (Polygon) wkt.read(String.format(java.util.Locale.ROOT,
          "POLYGON ((%f %f, %f %f, %f %f, %f %f, %f %f))", x, y, x + 120, y, x + 120, y + 120, x, y + 120, x, y));
      if (zs.stream().noneMatch(z -> z.areaLocal().buffer(20).intersects(p))) {
        zs.add(NoFlyZone.everywhere("z" + zs.size(), p));
      }
    }
    NoFlyZones zones = NoFlyZones.of(zs);
    long tb0 = System.nanoTime();
    FreeFlightRouter router = FreeFlightRouter.around(zones, 10);
    double tBuild = (System.nanoTime() - tb0) / 1e9;
    FreeFlightRouter empty = FreeFlightRouter.around(NoFlyZones.none(), 10);
    List<Coordinate[]> legs = new ArrayList<>();
    while (legs.size() < 500) {
      Coordinate a = new Coordinate(zr.nextDouble() * 3000, zr.nextDouble() * 3000);
      Coordinate c = new Coordinate(zr.nextDouble() * 3000, zr.nextDouble() * 3000);
      if (!zones.isInside(a) && !zones.isInside(c)) {
        legs.add(new Coordinate[] {a, c});
      }
    }
    double tFly = seconds(() -> legs.forEach(l -> router.route(l[0], l[1])), 3);
    double tStraight = seconds(() -> legs.forEach(l -> empty.route(l[0], l[1])), 3);
    System.out.printf("%-44s %11.3f ms %11.3f ms %7.1fx  (%d nodes, built in %.0f ms; baseline = no zones)%n",
        "free-flight route per leg, 20 zones", tFly / legs.size() * 1e3, tStraight / legs.size() * 1e3,
        tFly / tStraight, router.nodeCount(), tBuild * 1e3);

    try (Stream<Path> walk = Files.walk(cache)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    System.out.println("(sink " + (sink[0] & 1) + ")");
  }
}
