package org.swarmsense.maps.roads;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.swarmsense.maps.traffic.Trajectory;

/**
 * Seeded synthetic traffic on a road graph: each vehicle starts at t = 0 at a random routing node
 * and drives fastest routes to random nodes one after another (trips of at least 200 m; a trip
 * that cannot be routed, e.g. into a cut-off bit of road, is redrawn), moving along each route at
 * the graph's edge speeds, until {@code durationS}. Trajectories are sampled at 1 Hz (t = 0, 1, ...,
 * floor(durationS)). The same graph, count, duration and seed give the same trajectories. Stateless
 * and thread-safe.
 */
public final class SyntheticTraffic {

  private static final int MAX_DRAWS_PER_TRIP = 100;
  private static final double MIN_TRIP_M = 200;

  private SyntheticTraffic() {}

  /**
   * Trajectories of {@code vehicles} vehicles (ids {@code syn-0} ...) over {@code durationS} seconds.
   *
   * @throws IllegalArgumentException for a non-positive count or duration, or if no routable trip
   *     is found in 100 draws (a graph without connected roads)
   */
  public static List<Trajectory> generate(RoadGraph graph, int vehicles, double durationS, long seed) {
    if (vehicles <= 0) {
      throw new IllegalArgumentException("vehicles must be > 0, got: " + vehicles);
    }
    if (!(durationS > 0) || durationS > 7 * 24 * 3600) {
      throw new IllegalArgumentException("durationS must be in (0, 604800], got: " + durationS);
    }
    if (graph.nodeCount() < 2) {
      throw new IllegalArgumentException("road graph of " + graph.osmFile() + " has fewer than 2 nodes");
    }
    SplittableRandom root = new SplittableRandom(seed);
    List<Trajectory> out = new ArrayList<>(vehicles);
    for (int v = 0; v < vehicles; v++) {
      out.add(vehicle("syn-" + v, graph, durationS, root.split()));
    }
    return out;
  }

  private static Trajectory vehicle(String id, RoadGraph graph, double durationS, SplittableRandom rnd) {
    List<double[]> samples = new ArrayList<>(); // t, lon, lat
    double t = 0;
    int from = -1;
    while (t <= durationS) {
      RoadRoute trip = null;
      int to = -1;
      for (int draw = 0; draw < MAX_DRAWS_PER_TRIP && trip == null; draw++) {
        int a = from >= 0 ? from : rnd.nextInt(graph.nodeCount());
        int b = rnd.nextInt(graph.nodeCount());
        if (a == b) {
          continue;
        }
        Coordinate ca = graph.node(a);
        Coordinate cb = graph.node(b);
        try {
          RoadRoute r = graph.route(ca.x, ca.y, cb.x, cb.y);
          if (r.lengthM() >= MIN_TRIP_M && r.durationS() > 0) {
            trip = r;
            to = b;
            from = a;
          }
        } catch (IllegalArgumentException unroutable) {
          if (from >= 0 && draw > MAX_DRAWS_PER_TRIP / 2) {
            from = -1; // stuck on a cut-off node: start over somewhere else
          }
        }
      }
      if (trip == null) {
        throw new IllegalArgumentException(
            "no routable trip of at least " + MIN_TRIP_M + " m found in " + MAX_DRAWS_PER_TRIP + " draws on " + graph.osmFile());
      }
      LineString line = trip.lineWgs84();
      double[] times = trip.pointTimesS();
      for (int i = 0; i < line.getNumPoints(); i++) {
        double ti = t + times[i];
        if (samples.isEmpty() || ti > samples.get(samples.size() - 1)[0]) {
          Coordinate c = line.getCoordinateN(i);
          samples.add(new double[] {ti, c.x, c.y});
        }
      }
      t += trip.durationS();
      from = to;
    }
    int n = samples.size();
    double[] ts = new double[n];
    double[] lon = new double[n];
    double[] lat = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = samples.get(i)[0];
      lon[i] = samples.get(i)[1];
      lat[i] = samples.get(i)[2];
    }
    Trajectory at1Hz = new Trajectory(id, ts, lon, lat).at1Hz();
    int keep = (int) Math.min(at1Hz.size(), Math.floor(durationS) + 1);
    return new Trajectory(id,
        java.util.Arrays.copyOf(at1Hz.tS(), keep),
        java.util.Arrays.copyOf(at1Hz.lonDeg(), keep),
        java.util.Arrays.copyOf(at1Hz.latDeg(), keep));
  }
}
