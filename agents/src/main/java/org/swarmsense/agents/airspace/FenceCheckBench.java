package org.swarmsense.agents.airspace;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.util.GeometricShapeFactory;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * What judging every drone position against its fleet's fences costs: {@link BreachMonitor} (prepared
 * polygons, an STR-tree over the no-fly zones, hysteresis) against the naive check measured in the
 * same run (every fence's plain JTS {@code intersects} in WGS84 for every position, no index, no
 * preparation). The workload is fixed (see {@link Options}): drones at random positions in a 10 km x
 * 10 km square, each moving 10 m a round (a report a second at 10 m/s) in a random heading; no-fly
 * zones are 24-gons of radius 50..300 m at random centres in the square; plus one geofence, the
 * square itself. The drones' first round fills the monitor's state and is not measured; then each
 * side runs whole rounds until {@link Options#minSeconds()} have passed (at least one round); rates are per second of the measuring thread's CPU time, so that other processes on a
 * shared machine do not count. Not thread-safe; single-threaded by design (the gateway judges on its
 * MQTT thread).
 */
public final class FenceCheckBench {
  private static final double SIDE_M = 10_000;
  private static final LocalProjection FRAME = LocalProjection.centredOn(7.42, 43.73);
  private static final GeometryFactory GF = new GeometryFactory();

  private FenceCheckBench() {}

  /**
   * @param drones drones reporting once a round (the 10,000 at 1 Hz)
   * @param fenceCounts numbers of no-fly zones to measure, each >= 1 (plus the one geofence)
   * @param minSeconds time each side is measured for, at least one round, > 0
   * @param seed seed of the positions, headings and zones
   */
  public record Options(int drones, int[] fenceCounts, double minSeconds, long seed) {
    /** Validates; the message names the option. */
    public Options {
      if (drones < 1) {
        throw new IllegalArgumentException("drones must be >= 1, was " + drones);
      }
      if (fenceCounts == null || fenceCounts.length == 0) {
        throw new IllegalArgumentException("fences must name at least one count");
      }
      for (int m : fenceCounts) {
        if (m < 1 || m > 100_000) {
          throw new IllegalArgumentException("fences must be 1..100000 each, was " + m);
        }
      }
      fenceCounts = fenceCounts.clone();
      if (!(minSeconds > 0) || Double.isInfinite(minSeconds)) {
        throw new IllegalArgumentException("minSeconds must be > 0, was " + minSeconds);
      }
    }

    /** The workload: 10,000 drones against 10, 100 and 1,000 no-fly zones, 2 s per side, seed 1. */
    public static Options defaults() {
      return new Options(10_000, new int[] {10, 100, 1000}, 2, 1);
    }
  }

  /**
   * One row of the table.
   *
   * @param fences no-fly zones (plus one geofence)
   * @param checksPerS positions judged per CPU second (the measuring thread's) by the monitor
   * @param naiveChecksPerS positions judged per CPU second by the naive check
   * @param breachesRaised breaches the monitor raised in its measured rounds
   * @param insideNaive positions inside some zone per the naive check, in its rounds
   */
  public record Row(int fences, double checksPerS, double naiveChecksPerS, long breachesRaised, long insideNaive) {
    /** Monitor throughput over naive throughput. */
    public double speedup() {
      return checksPerS / naiveChecksPerS;
    }
  }

  /** Runs every fence count and prints the table. */
  public static List<Row> run(Options o, PrintWriter out) {
    out.printf(Locale.ROOT, "fence check bench: %d drones (one report a round, 10 m/round, random headings) in a"
        + " %.0f km square, N no-fly zones (24-gons, radius 50..300 m) + 1 geofence, hysteresis 5 m, seed %d;"
        + " each side >= %.1f s, one thread%n", o.drones(), SIDE_M / 1000, o.seed(), o.minSeconds());
    out.printf(Locale.ROOT, "%8s %14s %10s %14s %9s %12s %14s%n", "fences", "monitor chk/s", "us/check",
        "naive chk/s", "speed-up", "1 Hz core %", "breaches");
    // chk/s: per CPU second of the measuring thread
    out.flush();
    measure(o.drones(), 10, 0.2, o.seed()); // warm-up (JIT), not printed
    List<Row> rows = new ArrayList<>();
    for (int m : o.fenceCounts()) {
      Row r = measure(o.drones(), m, o.minSeconds(), o.seed());
      rows.add(r);
      out.printf(Locale.ROOT, "%8d %14.0f %10.2f %14.0f %9.1f %12.2f %14d%n", r.fences(), r.checksPerS(),
          1e6 / r.checksPerS(), r.naiveChecksPerS(), r.speedup(), 100.0 * o.drones() / r.checksPerS(),
          r.breachesRaised());
      out.flush();
    }
    out.println("chk/s and us/check: per second of the measuring thread's CPU time; 1 Hz core %: share of one core"
        + " the monitor needs for the drones at one report a second.");
    out.flush();
    return rows;
  }

  private static Row measure(int drones, int zones, double minSeconds, long seed) {
    Random random = new Random(seed);
    List<Fence> fences = new ArrayList<>();
    for (int i = 0; i < zones; i++) {
      GeometricShapeFactory shape = new GeometricShapeFactory(GF);
      shape.setNumPoints(24);
      shape.setCentre(new Coordinate(random.nextDouble() * SIDE_M, random.nextDouble() * SIDE_M));
      shape.setSize(2 * (50 + random.nextDouble() * 250));
      fences.add(new Fence("z" + i, FenceKind.NO_FLY_ZONE, FRAME.toWgs84(shape.createCircle()), FenceAction.ALARM));
    }
    fences.add(new Fence("area", FenceKind.GEOFENCE, FRAME.toWgs84(GF.toGeometry(
        new org.locationtech.jts.geom.Envelope(0, SIDE_M, 0, SIDE_M))), FenceAction.RTL));
    double[] x = new double[drones];
    double[] y = new double[drones];
    double[] heading = new double[drones];
    for (int d = 0; d < drones; d++) {
      x[d] = random.nextDouble() * SIDE_M;
      y[d] = random.nextDouble() * SIDE_M;
      heading[d] = random.nextDouble() * 2 * Math.PI;
    }
    // positions of up to 100 rounds, in WGS84, computed before timing either side
    int rounds = 100;
    double[][] lon = new double[rounds][drones];
    double[][] lat = new double[rounds][drones];
    for (int r = 0; r < rounds; r++) {
      for (int d = 0; d < drones; d++) {
        x[d] += 10 * Math.cos(heading[d]);
        y[d] += 10 * Math.sin(heading[d]);
        Coordinate w = FRAME.toWgs84(x[d], y[d]);
        lon[r][d] = w.x;
        lat[r][d] = w.y;
      }
    }
    BreachMonitor monitor = new BreachMonitor();
    monitor.setFences("bench", FenceSet.of(fences, 5, fences.size()));
    String[] ids = new String[drones];
    for (int d = 0; d < drones; d++) {
      ids[d] = "d" + d;
    }
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    // round 0 is every drone's first report: it fills the monitor's state and is not measured
    for (int d = 0; d < drones; d++) {
      monitor.observe("bench", ids[d], lon[0][d], lat[0][d]);
    }
    long breaches = 0;
    long checks = 0;
    long start = System.nanoTime();
    long cpuStart = cpu.getCurrentThreadCpuTime();
    for (int r = 1; r < rounds && (r == 1 || System.nanoTime() - start < minSeconds * 1e9); r++) {
      for (int d = 0; d < drones; d++) {
        for (FenceBreach b : monitor.observe("bench", ids[d], lon[r][d], lat[r][d])) {
          breaches += b.raised() ? 1 : 0;
        }
      }
      checks += drones;
    }
    double monitorS = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    List<Geometry> plain = fences.stream().filter(f -> f.kind() == FenceKind.NO_FLY_ZONE).map(Fence::areaWgs84).toList();
    Geometry keepIn = fences.get(fences.size() - 1).areaWgs84();
    long inside = 0;
    long naiveChecks = 0;
    start = System.nanoTime();
    cpuStart = cpu.getCurrentThreadCpuTime();
    for (int r = 1; r < rounds && (r == 1 || System.nanoTime() - start < minSeconds * 1e9); r++) {
      for (int d = 0; d < drones; d++) {
        Point p = GF.createPoint(new Coordinate(lon[r][d], lat[r][d]));
        boolean in = !keepIn.intersects(p);
        for (Geometry g : plain) {
          in |= g.intersects(p);
        }
        inside += in ? 1 : 0;
      }
      naiveChecks += drones;
    }
    double naiveS = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    return new Row(zones, checks / monitorS, naiveChecks / naiveS, breaches, inside);
  }
}
