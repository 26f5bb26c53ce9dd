package org.swarmsense.maps.roads;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.ResponsePath;
import com.graphhopper.config.CHProfile;
import com.graphhopper.config.Profile;
import com.graphhopper.routing.ev.DecimalEncodedValue;
import com.graphhopper.routing.ev.VehicleSpeed;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.storage.NodeAccess;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.Constants;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.GHUtility;
import com.graphhopper.util.Parameters;
import com.graphhopper.util.PointList;
import com.graphhopper.util.details.PathDetail;
import com.graphhopper.util.shapes.BBox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.geo.LonLatBounds;
import org.swarmsense.maps.geojson.Feature;
import org.swarmsense.maps.geojson.GeoJson;

/**
 * A road graph imported from an OSM file ({@code .osm.pbf}, {@code .osm.gz}, {@code .osm}) with
 * GraphHopper's car profile, cached on disk: the import lands in
 * {@code <cacheDir>/<first 16 hex of the file's SHA-256>-car-gh<GraphHopper version>}, written to a
 * temporary directory first and moved into place atomically, so a crash never leaves a half graph
 * and later loads of the same content skip the import. The import prepares contraction
 * hierarchies for the car profile, so routes are fast (about 2x plain Dijkstra on Andorra); map
 * matching uses the flexible (non-CH) router.
 *
 * <p>Thread-safe for queries after {@link #load}; {@link #close()} releases the graph's memory.
 */
public final class RoadGraph implements AutoCloseable {

  /** The only supported routing profile. */
  public static final String PROFILE = "car";

  private static final GeometryFactory GF = new GeometryFactory();

  private final GraphHopper hopper;
  private final Path osmFile;
  private final Path graphDir;
  private final boolean loadedFromCache;
  private final LonLatBounds bounds;
  private final double maxSnapDistanceM;

  private RoadGraph(GraphHopper hopper, Path osmFile, Path graphDir, boolean loadedFromCache, double maxSnapDistanceM) {
    this.hopper = hopper;
    this.osmFile = osmFile;
    this.graphDir = graphDir;
    this.loadedFromCache = loadedFromCache;
    this.maxSnapDistanceM = maxSnapDistanceM;
    BBox b = hopper.getBaseGraph().getBounds();
    this.bounds = new LonLatBounds(b.minLon, b.minLat, b.maxLon, b.maxLat);
  }

  /** Loads (importing on first use) the road graph of {@code osmFile}, snapping up to 500 m. */
  public static RoadGraph load(Path osmFile, Path cacheDir) {
    return load(osmFile, cacheDir, 500);
  }

  /** As {@link #load(Path, Path)} with the cache dir and snap distance of {@code settings}. */
  public static RoadGraph load(Path osmFile, MapsSettings settings) {
    return load(osmFile, settings.cacheDir(), settings.maxSnapDistanceM());
  }

  /**
   * Loads (importing on first use) the road graph of {@code osmFile}.
   *
   * @param maxSnapDistanceM points further than this from a road are refused by {@link #snap}
   */
  public static RoadGraph load(Path osmFile, Path cacheDir, double maxSnapDistanceM) {
    if (osmFile == null || !Files.isRegularFile(osmFile)) {
      throw new IllegalArgumentException("OSM file not found: " + osmFile);
    }
    String name = osmFile.getFileName().toString();
    if (!(name.endsWith(".osm.pbf") || name.endsWith(".osm.gz") || name.endsWith(".osm") || name.endsWith(".pbf"))) {
      throw new IllegalArgumentException("OSM file must end in .osm.pbf, .osm.gz or .osm, got: " + osmFile);
    }
    if (!(maxSnapDistanceM > 0)) {
      throw new IllegalArgumentException("maxSnapDistanceM must be > 0, got: " + maxSnapDistanceM);
    }
    if (cacheDir == null) {
      throw new IllegalArgumentException("cacheDir must not be null");
    }
    try {
      Files.createDirectories(cacheDir);
      Path graphDir = cacheDir.resolve(cacheKey(osmFile));
      boolean cached = Files.isRegularFile(graphDir.resolve("properties"));
      if (!cached) {
        importInto(osmFile, graphDir);
      }
      GraphHopper hopper = configure(osmFile, graphDir);
      hopper.setAllowWrites(false); // the cached graph is read-only: concurrent loads never lock or touch it
      hopper.importOrLoad();
      return new RoadGraph(hopper, osmFile, graphDir, cached, maxSnapDistanceM);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the road graph of " + osmFile + " in " + cacheDir, e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("cannot build the road graph of " + osmFile + ": " + e.getMessage(), e);
    }
  }

  private static void importInto(Path osmFile, Path graphDir) throws IOException {
    Path tmp = graphDir.resolveSibling(graphDir.getFileName() + ".tmp-" + UUID.randomUUID());
    GraphHopper importer = configure(osmFile, tmp);
    try {
      importer.importOrLoad();
    } finally {
      importer.close();
    }
    try {
      Files.move(tmp, graphDir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileSystemException e) {
      // rename(2) onto a non-empty directory fails with ENOTEMPTY, reported as a plain FileSystemException
      if (!Files.isDirectory(graphDir)) {
        deleteTree(tmp);
        throw e;
      }
      if (Files.isRegularFile(graphDir.resolve("properties"))) {
        // another thread or process finished the same import first: keep theirs
        deleteTree(tmp);
      } else {
        // a directory without GraphHopper's properties file is a leftover (finished graphs are
        // only ever moved in whole), so it is safe to replace
        deleteTree(graphDir);
        Files.move(tmp, graphDir, StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  private static GraphHopper configure(Path osmFile, Path dir) {
    GraphHopper gh = new GraphHopper();
    gh.setOSMFile(osmFile.toString());
    gh.setGraphHopperLocation(dir.toString());
    gh.setEncodedValuesString("car_access, car_average_speed, road_access");
    gh.setProfiles(new Profile(PROFILE).setCustomModel(GHUtility.loadCustomModelFromJar("car.json")));
    gh.getCHPreparationHandler().setCHProfiles(new CHProfile(PROFILE));
    return gh;
  }

  /** The cache sub-directory name for an OSM file: content hash, profile, GraphHopper version. */
  static String cacheKey(Path osmFile) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
    try (InputStream in = Files.newInputStream(osmFile)) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) > 0) {
        sha.update(buf, 0, r);
      }
    }
    String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    return hash + "-" + PROFILE + "-ch-gh" + Constants.VERSION.replaceAll("[^0-9A-Za-z.]", "");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The OSM file this graph was built from. */
  public Path osmFile() {
    return osmFile;
  }

  /** The cache directory holding this graph. */
  public Path graphDir() {
    return graphDir;
  }

  /** Whether this load found the graph in the cache (no import). */
  public boolean loadedFromCache() {
    return loadedFromCache;
  }

  /** Bounding box of the graph's nodes. */
  public LonLatBounds bounds() {
    return bounds;
  }

  /** Number of routing nodes (junctions and dead ends). */
  public int nodeCount() {
    return hopper.getBaseGraph().getNodes();
  }

  /** Number of road edges. */
  public int edgeCount() {
    return hopper.getBaseGraph().getEdges();
  }

  /**
   * The road nearest to a WGS84 point.
   *
   * @throws IllegalArgumentException naming the point if it lies outside the map's bounds or
   *     further than the snap distance from any road
   */
  public SnappedPoint snap(double lonDeg, double latDeg) {
    if (!bounds.contains(lonDeg, latDeg)) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "point (lon %.6f, lat %.6f) is outside the map %s (lon %.4f..%.4f, lat %.4f..%.4f)",
          lonDeg, latDeg, osmFile.getFileName(), bounds.minLonDeg(), bounds.maxLonDeg(), bounds.minLatDeg(),
          bounds.maxLatDeg()));
    }
    Snap s = hopper.getLocationIndex().findClosest(latDeg, lonDeg, EdgeFilter.ALL_EDGES);
    if (!s.isValid() || s.getQueryDistance() > maxSnapDistanceM) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "point (lon %.6f, lat %.6f) is %s from the nearest road of %s (at most %.0f m allowed)",
          lonDeg, latDeg, s.isValid() ? String.format(java.util.Locale.ROOT, "%.0f m", s.getQueryDistance()) : "too far",
          osmFile.getFileName(), maxSnapDistanceM));
    }
    return new SnappedPoint(s.getSnappedPoint().lon, s.getSnappedPoint().lat, s.getQueryDistance(),
        s.getClosestEdge().getEdge());
  }

  /**
   * The fastest car route between two WGS84 points (each first checked with {@link #snap}).
   *
   * @throws IllegalArgumentException naming the points if either is off the map or no route exists
   */
  public RoadRoute route(double lon1, double lat1, double lon2, double lat2) {
    snap(lon1, lat1);
    snap(lon2, lat2);
    GHRequest req = new GHRequest(lat1, lon1, lat2, lon2)
        .setProfile(PROFILE)
        .setPathDetails(List.of(Parameters.Details.TIME));
    req.putHint(Parameters.Routing.INSTRUCTIONS, false);
    GHResponse rsp = hopper.route(req);
    if (rsp.hasErrors()) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "no route from (lon %.6f, lat %.6f) to (lon %.6f, lat %.6f) on %s: %s",
          lon1, lat1, lon2, lat2, osmFile.getFileName(), rsp.getErrors()));
    }
    ResponsePath path = rsp.getBest();
    PointList pl = path.getPoints();
    Coordinate[] coords = new Coordinate[pl.size()];
    for (int i = 0; i < pl.size(); i++) {
      coords[i] = new Coordinate(pl.getLon(i), pl.getLat(i));
    }
    double[] times = new double[pl.size()];
    List<PathDetail> details = path.getPathDetails().getOrDefault(Parameters.Details.TIME, List.of());
    for (PathDetail d : details) {
      int first = d.getFirst();
      int last = d.getLast();
      double ms = ((Number) d.getValue()).doubleValue();
      double total = 0;
      for (int i = first + 1; i <= last; i++) {
        total += distanceM(coords[i - 1], coords[i]);
      }
      double acc = 0;
      for (int i = first + 1; i <= last; i++) {
        acc += distanceM(coords[i - 1], coords[i]);
        times[i] = times[first] + (total > 0 ? ms / 1000.0 * acc / total : ms / 1000.0 * (i - first) / (last - first));
      }
    }
    LineString line = coords.length >= 2 ? GF.createLineString(coords)
        : GF.createLineString(new Coordinate[] {coords[0], coords[0]});
    if (coords.length < 2) {
      times = new double[] {0, 0};
    }
    return new RoadRoute(line, path.getDistance(), path.getTime() / 1000.0, times);
  }

  /** Every road edge as a WGS84 LineString, indexed by edge id. */
  public List<LineString> edges() {
    List<LineString> out = new ArrayList<>(edgeCount());
    AllEdgesIterator it = hopper.getBaseGraph().getAllEdges();
    while (it.next()) {
      out.add(toLine(it.fetchWayGeometry(FetchMode.ALL)));
    }
    return out;
  }

  /**
   * The road network as a GeoJSON FeatureCollection of LineStrings (WGS84), one feature per edge
   * with properties {@code edge} (id), {@code length_m} and {@code speed_kmh} (car average speed,
   * the faster direction), for drawing on a map. With {@code simplifyToleranceM > 0} each line is
   * simplified (Douglas-Peucker, in local metres) to that tolerance; 0 keeps every vertex.
   */
  public String roadNetworkGeoJson(double simplifyToleranceM) {
    if (!(simplifyToleranceM >= 0) || Double.isInfinite(simplifyToleranceM)) {
      throw new IllegalArgumentException("simplifyToleranceM must be >= 0, got: " + simplifyToleranceM);
    }
    LocalProjection proj = LocalProjection.centredOn(bounds.centreLonDeg(), bounds.centreLatDeg());
    DecimalEncodedValue speed = hopper.getEncodingManager().getDecimalEncodedValue(VehicleSpeed.key(PROFILE));
    List<Feature> features = new ArrayList<>(edgeCount());
    AllEdgesIterator it = hopper.getBaseGraph().getAllEdges();
    while (it.next()) {
      Geometry line = toLine(it.fetchWayGeometry(FetchMode.ALL));
      if (simplifyToleranceM > 0) {
        line = proj.toWgs84(DouglasPeuckerSimplifier.simplify(proj.toLocal(line), simplifyToleranceM));
      }
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("edge", it.getEdge());
      props.put("length_m", Math.round(it.getDistance() * 10) / 10.0);
      props.put("speed_kmh", Math.max(it.get(speed), it.getReverse(speed)));
      features.add(new Feature(line, props));
    }
    return GeoJson.write(features);
  }

  /** WGS84 coordinates (x = lon, y = lat) of routing node {@code node}. */
  Coordinate node(int node) {
    NodeAccess na = hopper.getBaseGraph().getNodeAccess();
    return new Coordinate(na.getLon(node), na.getLat(node));
  }

  /**
   * The GraphHopper instance behind this graph, for the {@code matching} adapter package only; not
   * part of the supported API.
   */
  public GraphHopper graphHopper() {
    return hopper;
  }

  private static LineString toLine(PointList pl) {
    Coordinate[] coords = new Coordinate[Math.max(2, pl.size())];
    for (int i = 0; i < pl.size(); i++) {
      coords[i] = new Coordinate(pl.getLon(i), pl.getLat(i));
    }
    if (pl.size() == 1) {
      coords[1] = coords[0];
    }
    return GF.createLineString(coords);
  }

  /** Great-circle distance (mean-radius sphere), metres; used to spread edge times along vertices. */
  static double distanceM(Coordinate a, Coordinate b) {
    double r = 6_371_008.8;
    double dLat = Math.toRadians(b.y - a.y);
    double dLon = Math.toRadians(b.x - a.x);
    double h = Math.pow(Math.sin(dLat / 2), 2)
        + Math.cos(Math.toRadians(a.y)) * Math.cos(Math.toRadians(b.y)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  @Override
  public void close() {
    hopper.close();
  }

  @Override
  public String toString() {
    return "RoadGraph[" + osmFile.getFileName() + ", " + nodeCount() + " nodes, " + edgeCount() + " edges]";
  }
}
