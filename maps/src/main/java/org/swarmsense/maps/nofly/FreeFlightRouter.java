package org.swarmsense.maps.nofly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
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
  private final List<Shape> obstacleShapes;
  private final List<Shape> coreShapes;
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
    this.obstacleShapes = obstacles.stream().map(Shape::new).toList();
    this.coreShapes = coreList.stream().map(Shape::new).toList();
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
    Envelope env = new Envelope(a, b);
    for (int k = 0; k < obstacles.size(); k++) {
      Shape o = obstacleShapes.get(k);
      if (!o.envelope.intersects(env)) {
        continue;
      }
      Shape against = o;
      if (clearanceM > 0 && (o.locator.locate(a) == Location.INTERIOR || o.locator.locate(b) == Location.INTERIOR)) {
        against = coreShapes.get(k);
      }
      if (against.crossesInterior(a, b)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A polygonal obstacle prepared for segment tests: its boundary segments and a point locator.
   * The segment a-b enters the interior iff some open stretch of it between consecutive boundary
   * contacts has its midpoint in the interior (stretches along the boundary locate as BOUNDARY).
   */
  private static final class Shape {
    final Envelope envelope;
    final double[] edges; // x1, y1, x2, y2 per boundary segment
    final IndexedPointInAreaLocator locator;

    Shape(Geometry polygonal) {
      this.envelope = polygonal.getEnvelopeInternal();
      this.locator = new IndexedPointInAreaLocator(polygonal);
      List<double[]> list = new ArrayList<>();
      for (int i = 0; i < polygonal.getNumGeometries(); i++) {
        Polygon p = (Polygon) polygonal.getGeometryN(i);
        addEdges(list, p.getExteriorRing().getCoordinates());
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          addEdges(list, p.getInteriorRingN(h).getCoordinates());
        }
      }
      this.edges = new double[list.size() * 4];
      for (int i = 0; i < list.size(); i++) {
        System.arraycopy(list.get(i), 0, edges, i * 4, 4);
      }
    }

    private static void addEdges(List<double[]> out, Coordinate[] ring) {
      for (int i = 1; i < ring.length; i++) {
        out.add(new double[] {ring[i - 1].x, ring[i - 1].y, ring[i].x, ring[i].y});
      }
    }

    boolean crossesInterior(Coordinate a, Coordinate b) {
      RobustLineIntersector li = new RobustLineIntersector();
      double dx = b.x - a.x;
      double dy = b.y - a.y;
      double len2 = dx * dx + dy * dy;
      double minX = Math.min(a.x, b.x);
      double maxX = Math.max(a.x, b.x);
      double minY = Math.min(a.y, b.y);
      double maxY = Math.max(a.y, b.y);
      double[] params = new double[8];
      int n = 0;
      params[n++] = 0;
      params[n++] = 1;
      Coordinate p = new Coordinate();
      Coordinate q = new Coordinate();
      for (int e = 0; e < edges.length; e += 4) {
        if (Math.max(edges[e], edges[e + 2]) < minX || Math.min(edges[e], edges[e + 2]) > maxX
            || Math.max(edges[e + 1], edges[e + 3]) < minY || Math.min(edges[e + 1], edges[e + 3]) > maxY) {
          continue;
        }
        p.x = edges[e];
        p.y = edges[e + 1];
        q.x = edges[e + 2];
        q.y = edges[e + 3];
        li.computeIntersection(a, b, p, q);
        for (int i = 0; i < li.getIntersectionNum(); i++) {
          Coordinate c = li.getIntersection(i);
          double t = ((c.x - a.x) * dx + (c.y - a.y) * dy) / len2;
          if (n == params.length) {
            params = Arrays.copyOf(params, n * 2);
          }
          params[n++] = Math.max(0, Math.min(1, t));
        }
      }
      Arrays.sort(params, 0, n);
      Coordinate mid = new Coordinate();
      for (int i = 1; i < n; i++) {
        if (params[i] - params[i - 1] <= 1e-12) {
          continue;
        }
        double t = (params[i] + params[i - 1]) / 2;
        mid.x = a.x + t * dx;
        mid.y = a.y + t * dy;
        if (locator.locate(mid) == Location.INTERIOR) {
          return true;
        }
      }
      return false;
    }
  }

}
