package org.swarmsense.maps.nofly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;

/**
 * Shortest free-flight paths in local metres that keep out of no-fly zones.
 *
 * <p>Each zone is grown by a clearance (mitred buffer, so a square stays a square) and overlapping
 * grown zones are merged into obstacles. A leg whose straight line does not cross an obstacle's
 * interior is flown straight; otherwise the path is the shortest one on the visibility graph whose
 * nodes are the obstacles' vertices (Dijkstra; segments may run along obstacle edges). A start or
 * end point inside the clearance ring but outside the zone itself is allowed: segments from it are
 * checked against the zones themselves. Building costs O(V^2) visibility tests for V obstacle
 * vertices; each route then costs O(V) tests plus a Dijkstra. Immutable and thread-safe.
 */
public final class FreeFlightRouter {

  private static final GeometryFactory GF = new GeometryFactory();

  private final NoFlyZones zones;
  private final double clearanceM;
  private final List<Polygon> obstacles;
  private final List<Geometry> cores;
  private final Coordinate[] nodes;
  private final double[][] nodeDistances; // +inf when not visible

  private FreeFlightRouter(NoFlyZones zones, double clearanceM) {
    this.zones = zones;
    this.clearanceM = clearanceM;
    List<Geometry> grown = new ArrayList<>();
    BufferParameters params = new BufferParameters(2, BufferParameters.CAP_FLAT, BufferParameters.JOIN_MITRE, 5.0);
    for (NoFlyZone z : zones.zones()) {
      grown.add(clearanceM == 0 ? z.areaLocal() : BufferOp.bufferOp(z.areaLocal(), clearanceM, params));
    }
    Geometry union = grown.isEmpty() ? GF.createGeometryCollection() : GF.buildGeometry(grown).union();
    List<Polygon> obs = new ArrayList<>();
    for (int i = 0; i < union.getNumGeometries(); i++) {
      if (union.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
        obs.add(p);
      }
    }
    this.obstacles = List.copyOf(obs);
    List<Geometry> coreList = new ArrayList<>();
    for (Polygon o : obstacles) {
      List<Geometry> parts = new ArrayList<>();
      for (NoFlyZone z : zones.zones()) {
        if (o.intersects(z.areaLocal())) {
          parts.add(z.areaLocal());
        }
      }
      coreList.add(GF.buildGeometry(parts).union());
    }
    this.cores = List.copyOf(coreList);
    List<Coordinate> vs = new ArrayList<>();
    for (Polygon o : obstacles) {
      addRing(vs, o.getExteriorRing().getCoordinates());
      for (int h = 0; h < o.getNumInteriorRing(); h++) {
        addRing(vs, o.getInteriorRingN(h).getCoordinates());
      }
    }
    this.nodes = vs.toArray(new Coordinate[0]);
    int n = nodes.length;
    this.nodeDistances = new double[n][n];
    for (int i = 0; i < n; i++) {
      nodeDistances[i][i] = 0;
      for (int j = i + 1; j < n; j++) {
        double d = visible(nodes[i], nodes[j]) ? nodes[i].distance(nodes[j]) : Double.POSITIVE_INFINITY;
        nodeDistances[i][j] = d;
        nodeDistances[j][i] = d;
      }
    }
  }

  private static void addRing(List<Coordinate> out, Coordinate[] ring) {
    for (int i = 0; i < ring.length - 1; i++) {
      out.add(ring[i]);
    }
  }

  /**
   * A router around {@code zones} (all of them, at every altitude: filter with
   * {@link NoFlyZones#atAltitude} first for a given flight level), keeping {@code clearanceM}
   * metres away from them.
   */
  public static FreeFlightRouter around(NoFlyZones zones, double clearanceM) {
    if (zones == null) {
      throw new IllegalArgumentException("zones must not be null");
    }
    if (!(clearanceM >= 0) || Double.isInfinite(clearanceM)) {
      throw new IllegalArgumentException("clearanceM must be >= 0, got: " + clearanceM);
    }
    return new FreeFlightRouter(zones, clearanceM);
  }

  /** The clearance kept around the zones, metres. */
  public double clearanceM() {
    return clearanceM;
  }

  /** Number of visibility-graph nodes (obstacle vertices). */
  public int nodeCount() {
    return nodes.length;
  }

  /** Whether the local point lies inside (or on the edge of) a no-fly zone. */
  public boolean isInside(Coordinate local) {
    return zones.isInside(local);
  }

  /**
   * The shortest path from {@code from} to {@code to} (local metres) that keeps out of the zones.
   *
   * @throws IllegalArgumentException if an end point lies in a zone (naming the zone and the point)
   *     or no path exists (e.g. the point is enclosed by zones)
   */
  public FlightPath route(Coordinate from, Coordinate to) {
    requireOutside(from, "start");
    requireOutside(to, "end");
    if (visible(from, to)) {
      return FlightPath.through(List.of(from, to));
    }
    int n = nodes.length;
    int src = n;
    int dst = n + 1;
    double[] fromD = new double[n];
    double[] toD = new double[n];
    for (int i = 0; i < n; i++) {
      fromD[i] = visible(from, nodes[i]) ? from.distance(nodes[i]) : Double.POSITIVE_INFINITY;
      toD[i] = visible(nodes[i], to) ? nodes[i].distance(to) : Double.POSITIVE_INFINITY;
    }
    double[] dist = new double[n + 2];
    int[] prev = new int[n + 2];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    Arrays.fill(prev, -1);
    boolean[] done = new boolean[n + 2];
    dist[src] = 0;
    PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    queue.add(new double[] {0, src});
    while (!queue.isEmpty()) {
      double[] top = queue.poll();
      int u = (int) top[1];
      if (done[u]) {
        continue;
      }
      done[u] = true;
      if (u == dst) {
        break;
      }
      for (int v = 0; v < n + 2; v++) {
        if (done[v] || v == src) {
          continue;
        }
        double w = weight(u, v, fromD, toD);
        if (w < Double.POSITIVE_INFINITY && dist[u] + w < dist[v]) {
          dist[v] = dist[u] + w;
          prev[v] = u;
          queue.add(new double[] {dist[v], v});
        }
      }
    }
    if (prev[dst] < 0) {
      throw new IllegalArgumentException(
          "no free-flight path from " + from + " to " + to + ": one of them is enclosed by no-fly zones");
    }
    List<Coordinate> path = new ArrayList<>();
    for (int v = dst; v >= 0; v = prev[v]) {
      path.add(v == src ? from : v == dst ? to : nodes[v]);
    }
    java.util.Collections.reverse(path);
    return FlightPath.through(path);
  }

  private double weight(int u, int v, double[] fromD, double[] toD) {
    int n = nodes.length;
    if (u == n) {
      return v == n + 1 ? Double.POSITIVE_INFINITY : fromD[v];
    }
    if (v == n + 1) {
      return toD[u];
    }
    return nodeDistances[u][v];
  }

  private void requireOutside(Coordinate c, String what) {
    if (c == null || !Double.isFinite(c.x) || !Double.isFinite(c.y)) {
      throw new IllegalArgumentException(what + " point must be finite, got: " + c);
    }
    zones.zoneAt(c).ifPresent(z -> {
      throw new IllegalArgumentException(
          what + " point (" + c.x + ", " + c.y + ") lies inside no-fly zone '" + z.name() + "'");
    });
  }

  /** Whether the segment a-b stays out of every obstacle's interior. */
  private boolean visible(Coordinate a, Coordinate b) {
    if (a.equals2D(b)) {
      return true;
    }
    LineString seg = GF.createLineString(new Coordinate[] {a, b});
    Envelope env = seg.getEnvelopeInternal();
    for (int k = 0; k < obstacles.size(); k++) {
      Polygon o = obstacles.get(k);
      if (!o.getEnvelopeInternal().intersects(env)) {
        continue;
      }
      Geometry against = o;
      if (clearanceM > 0 && (properlyInside(o, a) || properlyInside(o, b))) {
        against = cores.get(k);
      }
      if (seg.relate(against, "T********")) {
        return false;
      }
    }
    return true;
  }

  private static boolean properlyInside(Polygon o, Coordinate c) {
    Point p = GF.createPoint(c);
    return p.relate(o, "0********");
  }
}
