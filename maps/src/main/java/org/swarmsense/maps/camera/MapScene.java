package org.swarmsense.maps.camera;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.osm.OsmFeatureReader;
import org.swarmsense.maps.osm.OsmFeatures;
import org.swarmsense.maps.osm.OsmWay;

/**
 * An OSM map ready to be photographed: every drawable way projected once into local metres, turned
 * into a filled shape (roads stroked to their width, markings dashed, areas and buildings as
 * polygons), sorted in draw order and indexed in a uniform grid, so that a frame only touches the
 * shapes under it. Immutable after construction and thread-safe.
 */
public final class MapScene {

  /** Distance between trees along a {@code natural=tree_row}, metres. */
  private static final double TREE_SPACING_M = 8;
  /** Side of an index cell, metres. */
  private static final double CELL_M = 64;
  /** A shape spanning more cells than this is kept in a list checked by every frame. */
  private static final int MAX_CELLS_PER_ITEM = 400;

  /**
   * What kind of item it is: a plain fill, a building (shadow, roof shading), or a tunnel (not
   * drawn: it hides the vehicles in it). Buildings and trees keep an outline ring for their
   * shadows and are drawn after the shadows.
   */
  enum Kind { FILL, BUILDING, TREE, TUNNEL }

  /**
   * One drawable shape in local metres; buildings also keep their outline ring (x0, y0, x1, y1, ...,
   * counter-clockwise, not repeating the first point) for their shadows.
   */
  record Item(Shape shape, Rectangle2D bounds, MapStyle.Layer layer, int rank, Kind kind, Color colour, double heightM, double[] ring) {}

  private final String name;
  private final LocalProjection projection;
  private final Envelope boundsM;
  private final Item[] items;
  private final int cols;
  private final int rows;
  private final int[][] cells;
  private final int[] everywhere;

  private MapScene(String name, LocalProjection projection, Envelope boundsM, List<Item> sorted) {
    this.name = name;
    this.projection = projection;
    this.boundsM = boundsM;
    this.items = sorted.toArray(Item[]::new);
    this.cols = Math.max(1, (int) Math.ceil(boundsM.getWidth() / CELL_M));
    this.rows = Math.max(1, (int) Math.ceil(boundsM.getHeight() / CELL_M));
    int[] counts = new int[cols * rows];
    List<Integer> big = new ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      Rectangle2D b = items[i].bounds();
      int c0 = col(b.getMinX());
      int c1 = col(b.getMaxX());
      int r0 = row(b.getMinY());
      int r1 = row(b.getMaxY());
      if ((long) (c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS_PER_ITEM) {
        big.add(i);
        continue;
      }
      for (int r = r0; r <= r1; r++) {
        for (int c = c0; c <= c1; c++) {
          counts[r * cols + c]++;
        }
      }
    }
    this.cells = new int[cols * rows][];
    for (int k = 0; k < cells.length; k++) {
      cells[k] = new int[counts[k]];
    }
    int[] fill = new int[cols * rows];
    for (int i = 0; i < items.length; i++) {
      Rectangle2D b = items[i].bounds();
      int c0 = col(b.getMinX());
      int c1 = col(b.getMaxX());
      int r0 = row(b.getMinY());
      int r1 = row(b.getMaxY());
      if ((long) (c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS_PER_ITEM) {
        continue;
      }
      for (int r = r0; r <= r1; r++) {
        for (int c = c0; c <= c1; c++) {
          int k = r * cols + c;
          cells[k][fill[k]++] = i;
        }
      }
    }
    this.everywhere = big.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Reads an OSM extract ({@code .osm}, {@code .osm.gz}, {@code .osm.pbf}) and builds its scene,
   * projected about the centre of the map's extent; IAE naming the file when unreadable or empty.
   */
  public static MapScene load(Path osmFile) {
    OsmFeatures features = OsmFeatureReader.read(osmFile);
    List<OsmWay> ways = features.ways();
    if (ways.isEmpty()) {
      throw new IllegalArgumentException(osmFile + ": no roads, buildings or land use in this OSM file");
    }
    double minLon = Double.POSITIVE_INFINITY;
    double maxLon = Double.NEGATIVE_INFINITY;
    double minLat = Double.POSITIVE_INFINITY;
    double maxLat = Double.NEGATIVE_INFINITY;
    for (OsmWay w : ways) {
      for (int i = 0; i < w.size(); i++) {
        minLon = Math.min(minLon, w.lonDeg(i));
        maxLon = Math.max(maxLon, w.lonDeg(i));
        minLat = Math.min(minLat, w.latDeg(i));
        maxLat = Math.max(maxLat, w.latDeg(i));
      }
    }
    LocalProjection projection = LocalProjection.centredOn((minLon + maxLon) / 2, (minLat + maxLat) / 2);
    return of(osmFile.getFileName().toString(), features, projection);
  }

  /** A scene of the given features in {@code projection}'s local metres. */
  public static MapScene of(String name, OsmFeatures features, LocalProjection projection) {
    List<Item> out = new ArrayList<>();
    Envelope env = new Envelope();
    for (OsmFeatures.Node t : features.trees()) {
      Coordinate c = projection.toLocal(t.lonDeg(), t.latDeg());
      addTree(t.id(), c.x, c.y, out);
    }
    java.util.Set<Coordinate> crossings = new java.util.HashSet<>();
    for (OsmFeatures.Node n : features.crossings()) {
      crossings.add(new Coordinate(n.lonDeg(), n.latDeg()));
    }
    List<OsmWay> ways = features.ways();
    for (OsmWay w : ways) {
      Path2D.Double line = new Path2D.Double(Path2D.WIND_NON_ZERO, w.size());
      double[] xy = new double[2 * w.size()];
      for (int i = 0; i < w.size(); i++) {
        Coordinate c = projection.toLocal(w.lonDeg(i), w.latDeg(i));
        env.expandToInclude(c);
        xy[2 * i] = c.x;
        xy[2 * i + 1] = c.y;
        if (i == 0) {
          line.moveTo(c.x, c.y);
        } else {
          line.lineTo(c.x, c.y);
        }
      }
      addItems(w, line, xy, out);
      if (!crossings.isEmpty() && MapStyle.isRoad(w.tag("highway")) && !MapStyle.hidden(w)) {
        for (int i = 0; i < w.size(); i++) {
          if (crossings.contains(new Coordinate(w.lonDeg(i), w.latDeg(i)))) {
            addZebra(w, xy, i, out);
          }
        }
      }
    }
    if (env.isNull()) {
      env.expandToInclude(0, 0);
    }
    env.expandBy(1);
    out.sort(Comparator.comparing(Item::layer).thenComparingInt(Item::rank));
    return new MapScene(name, projection, env, out);
  }

  /** Crown radius of a tree, metres, picked by its id in [2, 4). */
  private static void addTree(long id, double x, double y, List<Item> out) {
    long h = Hashing.mix(id);
    double r = 2 + (h >>> 11) * 0x1.0p-53 * 2;
    double[] ring = new double[16];
    Path2D.Double crown = new Path2D.Double();
    for (int k = 0; k < 8; k++) {
      double a = Math.PI * 2 * k / 8;
      ring[2 * k] = x + r * Math.cos(a);
      ring[2 * k + 1] = y + r * Math.sin(a);
    }
    Shape shape = new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
    int shade = (int) ((h >>> 3) % 25);
    out.add(new Item(shape, shape.getBounds2D(), MapStyle.Layer.TREE, 0, Kind.TREE,
        new Color(52 + shade, 84 + shade, 40 + shade / 2), 3 * r, ring));
  }

  /**
   * Zebra stripes where a crossing node lies on a road: bars 0.5 m wide and 3 m long along the
   * road, one every metre across its width.
   */
  private static void addZebra(OsmWay w, double[] xy, int i, List<Item> out) {
    int n = xy.length / 2;
    int a = Math.max(0, i - 1);
    int b = Math.min(n - 1, i + 1);
    double dx = xy[2 * b] - xy[2 * a];
    double dy = xy[2 * b + 1] - xy[2 * a + 1];
    double len = Math.hypot(dx, dy);
    if (len == 0) {
      return;
    }
    dx /= len;
    dy /= len;
    double nx = -dy;
    double ny = dx;
    double half = MapStyle.roadWidthM(w) / 2;
    Path2D.Double bars = new Path2D.Double();
    for (double o = -half + 0.5; o <= half - 0.5; o += 1.0) {
      double cx = xy[2 * i] + nx * o;
      double cy = xy[2 * i + 1] + ny * o;
      bars.moveTo(cx - dx * 1.5 - nx * 0.25, cy - dy * 1.5 - ny * 0.25);
      bars.lineTo(cx + dx * 1.5 - nx * 0.25, cy + dy * 1.5 - ny * 0.25);
      bars.lineTo(cx + dx * 1.5 + nx * 0.25, cy + dy * 1.5 + ny * 0.25);
      bars.lineTo(cx - dx * 1.5 + nx * 0.25, cy - dy * 1.5 + ny * 0.25);
      bars.closePath();
    }
    out.add(new Item(bars, bars.getBounds2D(), MapStyle.bridge(w) ? MapStyle.Layer.BRIDGE_MARKING : MapStyle.Layer.MARKING,
        MapStyle.roadRank(w.tag("highway")), Kind.FILL, MapStyle.MARKING, 0, null));
  }

  private static void addItems(OsmWay w, Path2D.Double line, double[] xy, List<Item> out) {
    String highway = w.tag("highway");
    if ("tree_row".equals(w.tag("natural"))) {
      double next = TREE_SPACING_M / 2;
      double at = 0;
      for (int i = 0; i + 3 < xy.length; i += 2) {
        double len = Math.hypot(xy[i + 2] - xy[i], xy[i + 3] - xy[i + 1]);
        for (; next <= at + len; next += TREE_SPACING_M) {
          double f = len == 0 ? 0 : (next - at) / len;
          addTree(Hashing.mix(w.id()) + (long) next, xy[i] + f * (xy[i + 2] - xy[i]), xy[i + 1] + f * (xy[i + 3] - xy[i + 1]), out);
        }
        at += len;
      }
      return;
    }
    if (w.tag("building") != null && w.closed() && !"no".equals(w.tag("building"))) {
      line.closePath();
      out.add(new Item(line, line.getBounds2D(), MapStyle.Layer.BUILDING, 0, Kind.BUILDING,
          MapStyle.roof(w.id()), MapStyle.buildingHeightM(w), counterClockwiseRing(xy)));
      return;
    }
    MapStyle.Area area = w.closed() ? MapStyle.area(w) : null;
    if (area != null) {
      line.closePath();
      out.add(new Item(line, line.getBounds2D(), area.layer(), 0, Kind.FILL, area.colour(), 0, null));
      return;
    }
    if (highway == null) {
      String waterway = w.tag("waterway");
      if ("river".equals(waterway) || "canal".equals(waterway) || "stream".equals(waterway)) {
        float widthM = "stream".equals(waterway) ? 2f : 8f;
        stroke(line, widthM, MapStyle.Layer.WATER, 0, MapStyle.WATER, out);
      }
      return;
    }
    if (MapStyle.hidden(w)) {
      if (MapStyle.isRoad(highway)) {
        Shape s = new BasicStroke((float) MapStyle.roadWidthM(w), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)
            .createStrokedShape(line);
        out.add(new Item(s, s.getBounds2D(), MapStyle.Layer.ROAD, 0, Kind.TUNNEL, MapStyle.ASPHALT, 0, null));
      }
      return;
    }
    boolean bridge = MapStyle.bridge(w);
    if (MapStyle.isRoad(highway)) {
      int rank = MapStyle.roadRank(highway);
      stroke(line, (float) MapStyle.roadWidthM(w), bridge ? MapStyle.Layer.BRIDGE : MapStyle.Layer.ROAD, rank,
          MapStyle.ASPHALT, out);
      int lanes = MapStyle.lanes(w);
      if (lanes >= 2) {
        BasicStroke dashes = new BasicStroke(0.15f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {3f, 6f}, 0f);
        double widthM = MapStyle.roadWidthM(w);
        Path2D.Double lines = new Path2D.Double();
        // dashed lines between lanes (on a two-way road of even lanes the middle one is the centre line)
        for (int k = 1; k < lanes; k++) {
          lines.append(dashes.createStrokedShape(offsetLine(xy, -widthM / 2 + k * widthM / lanes)), false);
        }
        out.add(new Item(lines, lines.getBounds2D(),
            bridge ? MapStyle.Layer.BRIDGE_MARKING : MapStyle.Layer.MARKING, rank, Kind.FILL, MapStyle.MARKING, 0, null));
      }
    } else {
      double width = MapStyle.pathWidthM(highway);
      if (!Double.isNaN(width)) {
        stroke(line, (float) width, bridge ? MapStyle.Layer.BRIDGE : MapStyle.Layer.PATH, 0, MapStyle.PAVING, out);
      }
    }
  }

  private static void stroke(Path2D line, float widthM, MapStyle.Layer layer, int rank, Color colour, List<Item> out) {
    Shape s = new BasicStroke(widthM, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND).createStrokedShape(line);
    out.add(new Item(s, s.getBounds2D(), layer, rank, Kind.FILL, colour, 0, null));
  }

  /**
   * The polyline moved {@code offsetM} to its left (negative: right), corners mitred (the miter
   * capped at 3 x the offset so that hairpins do not shoot out).
   */
  static Path2D.Double offsetLine(double[] xy, double offsetM) {
    int n = xy.length / 2;
    Path2D.Double p = new Path2D.Double();
    for (int i = 0; i < n; i++) {
      double nx = 0;
      double ny = 0;
      for (int j = Math.max(0, i - 1); j < Math.min(n - 1, i + 1); j++) {
        double dx = xy[2 * j + 2] - xy[2 * j];
        double dy = xy[2 * j + 3] - xy[2 * j + 1];
        double len = Math.hypot(dx, dy);
        if (len > 0) {
          nx += -dy / len;
          ny += dx / len;
        }
      }
      double len = Math.hypot(nx, ny);
      double scale = 0;
      if (len > 0) {
        nx /= len;
        ny /= len;
        // the averaged normal is cos(half turn) shorter than needed to keep the offset: len / 2 = cos
        double cos = i == 0 || i == n - 1 ? 1 : len / 2;
        scale = offsetM / Math.max(cos, 1 / 3.0);
      }
      double x = xy[2 * i] + nx * scale;
      double y = xy[2 * i + 1] + ny * scale;
      if (i == 0) {
        p.moveTo(x, y);
      } else {
        p.lineTo(x, y);
      }
    }
    return p;
  }

  /** A closed way's points without the repeated last one, counter-clockwise. */
  static double[] counterClockwiseRing(double[] closedXy) {
    int n = closedXy.length / 2 - 1;
    double[] ring = java.util.Arrays.copyOf(closedXy, 2 * n);
    double area2 = 0;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      area2 += ring[2 * i] * ring[2 * j + 1] - ring[2 * j] * ring[2 * i + 1];
    }
    if (area2 < 0) {
      for (int i = 0; i < n / 2; i++) {
        int j = n - 1 - i;
        double x = ring[2 * i];
        double y = ring[2 * i + 1];
        ring[2 * i] = ring[2 * j];
        ring[2 * i + 1] = ring[2 * j + 1];
        ring[2 * j] = x;
        ring[2 * j + 1] = y;
      }
    }
    return ring;
  }

  /** The map file's name (for labels). */
  public String name() {
    return name;
  }

  /** The projection between WGS84 and this scene's local metres. */
  public LocalProjection projection() {
    return projection;
  }

  /** Extent of the drawn features, local metres. */
  public Envelope boundsM() {
    return new Envelope(boundsM);
  }

  /** Number of drawable shapes. */
  public int itemCount() {
    return items.length;
  }

  /**
   * True when a vehicle at ({@code xM}, {@code yM}) cannot be seen from above: it is on a tunnel
   * (or covered, or below-ground) road and on no visible road, path or paved area.
   */
  public boolean underground(double xM, double yM) {
    boolean inTunnel = false;
    for (int i : cells[row(yM) * cols + col(xM)]) {
      Item it = items[i];
      if (it.kind() == Kind.TUNNEL && !inTunnel && it.bounds().contains(xM, yM) && it.shape().contains(xM, yM)) {
        inTunnel = true;
      }
    }
    if (!inTunnel) {
      return false;
    }
    for (int[] list : new int[][] {cells[row(yM) * cols + col(xM)], everywhere}) {
      for (int i : list) {
        Item it = items[i];
        if (it.kind() == Kind.FILL && SURFACE.contains(it.layer()) && it.bounds().contains(xM, yM)
            && it.shape().contains(xM, yM)) {
          return false;
        }
      }
    }
    return true;
  }

  private static final java.util.Set<MapStyle.Layer> SURFACE = java.util.EnumSet.of(
      MapStyle.Layer.ROAD, MapStyle.Layer.BRIDGE, MapStyle.Layer.PAVED_AREA, MapStyle.Layer.PATH);

  /** Items whose bounds meet the box, in draw order (bottom layer first). */
  List<Item> itemsWithin(double minX, double minY, double maxX, double maxY) {
    int c0 = col(minX);
    int c1 = col(maxX);
    int r0 = row(minY);
    int r1 = row(maxY);
    int n = 0;
    int[] found = new int[64];
    boolean[] seen = new boolean[items.length];
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        for (int i : cells[r * cols + c]) {
          if (!seen[i]) {
            seen[i] = true;
            if (n == found.length) {
              found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = i;
          }
        }
      }
    }
    for (int i : everywhere) {
      if (n == found.length) {
        found = Arrays.copyOf(found, n * 2);
      }
      found[n++] = i;
    }
    Arrays.sort(found, 0, n);
    List<Item> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      Rectangle2D b = items[found[k]].bounds();
      if (b.getMaxX() >= minX && b.getMinX() <= maxX && b.getMaxY() >= minY && b.getMinY() <= maxY) {
        out.add(items[found[k]]);
      }
    }
    return out;
  }

  private int col(double x) {
    return Math.max(0, Math.min(cols - 1, (int) Math.floor((x - boundsM.getMinX()) / CELL_M)));
  }

  private int row(double y) {
    return Math.max(0, Math.min(rows - 1, (int) Math.floor((y - boundsM.getMinY()) / CELL_M)));
  }
}
