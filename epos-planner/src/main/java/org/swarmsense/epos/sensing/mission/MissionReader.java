package org.swarmsense.epos.sensing.mission;

import org.swarmsense.maps.geo.PolygonChecks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.swarmsense.epos.sensing.energy.DroneModel;
import org.swarmsense.epos.sensing.energy.EnergyModel;
import org.swarmsense.epos.sensing.mission.Mission.Area;
import org.swarmsense.epos.sensing.mission.Mission.CostFunction;
import org.swarmsense.epos.sensing.mission.Mission.Demand;
import org.swarmsense.epos.sensing.mission.Mission.DemandSource;
import org.swarmsense.epos.sensing.mission.Mission.Fleet;
import org.swarmsense.epos.sensing.mission.Mission.Planner;
import org.swarmsense.epos.sensing.mission.Mission.Point;
import org.swarmsense.epos.sensing.mission.Mission.Window;
import org.swarmsense.epos.sensing.mission.Mission.Zone;

/**
 * Reads a mission from YAML ({@code .yaml}/{@code .yml}) or JSON. Every field is validated and every
 * error names the file, the field path (e.g. {@code drones.model.rotorDiameterM}) and the bad
 * value; unknown keys are rejected. Relative paths resolve against the mission file's folder.
 *
 * <pre>
 * name: text                       # optional, default: file name
 * area: {bbox: [minLon, minLat, maxLon, maxLat]}  or  a GeoJSON Polygon/Feature object
 * cellSizeM: 100                   # with area
 * cells: path/to/cells.csv         # instead of area: type,id,x,y,z,value (metres)
 * window: {startS: 0, endS: 3600, slotS: 300}
 * bases: [[x, y], ...]             # lon/lat with an area, metres with cells; default: BASE rows
 * noFlyZones: [{name: n, polygon: [[x, y], ...], maxAltitudeM: 50}, or a GeoJSON Polygon, or a
 *              Feature of one with properties name and maxAltitudeM]
 * drones: {count: 20 | [10, 20, 40], plansPerDrone: 32, batterySwapS: 120, batteriesPerDay: 0,
 *          maxCellsPerSortie: 8, budgetSpread: 2, localityM: 1000, altitudeM: 60,
 *          model: {bodyMassKg, batteryMassKg, batteryCapacityJ, rotors, rotorDiameterM,
 *                  bodyFrontalAreaM2, batteryFrontalAreaM2, efficiency, groundSpeedMps, airSpeedMps}}
 * demand: {source: cells|sumo|pneuma|gpx|synthetic, path: file, vehicles: 200, seed: 1,
 *          map: OSM file the camera photographs (optional; needed by mission plan --detect),
 *          view: cell|camera (default cell: every vehicle-second in the cell; camera: only those in
 *          the hovering camera's footprint over the cell's centre at drones.altitudeM)}
 * coverageTarget: 2 | [0.5, 1, 2, 4]
 * planner: {iterations: 40, repetitions: 5, children: 2, alpha: 0, beta: 0, cost: SQR|L1|COVER,
 *           seed: 1, capFactor: 0 (must be 0 with COVER)}
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class MissionReader {

  /**
   * I-EPOS repetitions of a mission that does not set {@code planner.repetitions}: each runs over a
   * new tree and the lowest final combined cost is kept; 5, the number of starts the central local
   * search gets (greedy + {@code Baselines.LOCAL_SEARCH_RANDOM_STARTS}), so the two are compared at
   * equal restarts (issue 21 part 2, epos-planner README).
   */
  public static final int DEFAULT_REPETITIONS = 5;

  private MissionReader() {}

  /** Reads and validates the mission file. */
  public static Mission read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read mission " + file + ": " + e.getMessage(), e);
    }
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
    Path dir = file.toAbsolutePath().getParent();
    try {
      return parse(text, yaml, dir, file.getFileName().toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses mission text; {@code dir} resolves relative paths. */
  public static Mission parse(String text, boolean yaml, Path dir, String defaultName) {
    ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    }
    return parse(root, dir, defaultName);
  }

  /**
   * Parses a mission already read as a tree (e.g. a JSON body the gateway completed with its
   * deployment's defaults), so it is parsed once; {@code dir} resolves relative paths.
   */
  public static Mission parse(JsonNode root, Path dir, String defaultName) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a mission must be an object with fields");
    }
    allowOnly(root, "", Set.of("name", "area", "cellSizeM", "cells", "window", "bases",
        "noFlyZones", "drones", "demand", "coverageTarget", "planner"));
    String name = root.has("name") ? text(root, "name") : defaultName;

    Optional<Area> area = root.has("area") ? Optional.of(area(root.get("area"))) : Optional.empty();
    Optional<Path> cells =
        root.has("cells") ? Optional.of(dir.resolve(text(root, "cells")).normalize())
            : Optional.empty();
    if (area.isPresent() && cells.isPresent()) {
      throw new IllegalArgumentException("give either 'area' or 'cells', not both");
    }
    if (area.isEmpty() && cells.isEmpty()) {
      throw new IllegalArgumentException("missing field 'area' (with 'cellSizeM') or 'cells'");
    }
    if (cells.isPresent() && !Files.isReadable(cells.get())) {
      throw new IllegalArgumentException("field 'cells': cannot read " + cells.get());
    }
    double cellSizeM = 0;
    if (area.isPresent()) {
      cellSizeM = number(root, "cellSizeM", "cellSizeM", null);
      if (!(cellSizeM >= 1 && cellSizeM <= 100_000)) {
        throw new IllegalArgumentException("field 'cellSizeM' must be in [1, 100000] m, got "
            + cellSizeM);
      }
    } else if (root.has("cellSizeM")) {
      throw new IllegalArgumentException("field 'cellSizeM' only applies with 'area'");
    }

    JsonNode w = object(root, "window", "window");
    allowOnly(w, "window.", Set.of("startS", "endS", "slotS"));
    Window window = new Window(
        number(w, "startS", "window.startS", 0.0),
        number(w, "endS", "window.endS", null),
        number(w, "slotS", "window.slotS", 300.0));

    List<Point> bases = new ArrayList<>();
    if (root.has("bases")) {
      bases.addAll(points(root.get("bases"), "bases", area.isPresent()));
    } else if (cells.isPresent()) {
      CellsFile.read(cells.get()).bases().forEach(r -> bases.add(new Point(r.xM(), r.yM())));
    }
    if (bases.isEmpty()) {
      throw new IllegalArgumentException(
          "field 'bases' must list at least one base (or the cells file needs BASE rows)");
    }

    List<Zone> zones = new ArrayList<>();
    if (root.has("noFlyZones")) {
      JsonNode z = root.get("noFlyZones");
      if (!z.isArray()) {
        throw new IllegalArgumentException("field 'noFlyZones' must be a list, got " + z);
      }
      for (int i = 0; i < z.size(); i++) {
        String p = "noFlyZones[" + i + "]";
        JsonNode zi = z.get(i);
        if (!zi.isObject()) {
          throw new IllegalArgumentException("field '" + p + "' must be an object, got " + zi);
        }
        if (zi.has("type")) {
          zones.add(geoJsonZone(zi, p, i, area.isPresent()));
          continue;
        }
        allowOnly(zi, p + ".", Set.of("name", "polygon", "maxAltitudeM"));
        String zn = zi.has("name") ? text(zi, "name") : "zone-" + i;
        List<Point> ring = points(zi.get("polygon"), p + ".polygon", area.isPresent());
        Optional<Double> ceiling = zi.has("maxAltitudeM")
            ? Optional.of(number(zi, "maxAltitudeM", p + ".maxAltitudeM", null))
            : Optional.empty();
        zones.add(new Zone(zn, ring, ceiling));
      }
    }

    JsonNode d = object(root, "drones", "drones");
    allowOnly(d, "drones.", Set.of("count", "model", "plansPerDrone", "batterySwapS",
        "batteriesPerDay", "maxCellsPerSortie", "budgetSpread", "localityM", "altitudeM"));
    List<Integer> counts = new ArrayList<>();
    JsonNode countNode = d.get("count");
    if (countNode == null) {
      throw new IllegalArgumentException("missing field 'drones.count'");
    }
    if (countNode.isArray()) {
      for (int i = 0; i < countNode.size(); i++) {
        counts.add(integer(countNode.get(i), "drones.count[" + i + "]", 1, 1_000_000));
      }
      if (counts.isEmpty()) {
        throw new IllegalArgumentException("field 'drones.count' is an empty list");
      }
    } else {
      counts.add(integer(countNode, "drones.count", 1, 1_000_000));
    }
    DroneModel model = d.has("model") ? model(d.get("model")) : DroneModel.defaults();
    Fleet fleet = new Fleet(
        counts.get(0),
        model,
        d.has("plansPerDrone") ? integer(d.get("plansPerDrone"), "drones.plansPerDrone", 1, 10_000)
            : 32,
        number(d, "batterySwapS", "drones.batterySwapS", 120.0),
        d.has("batteriesPerDay")
            ? integer(d.get("batteriesPerDay"), "drones.batteriesPerDay", 0, 1000) : 0,
        d.has("maxCellsPerSortie")
            ? integer(d.get("maxCellsPerSortie"), "drones.maxCellsPerSortie", 1, 10_000) : 8,
        number(d, "budgetSpread", "drones.budgetSpread", 2.0),
        number(d, "localityM", "drones.localityM", 1000.0),
        number(d, "altitudeM", "drones.altitudeM", 60.0));

    Demand demand;
    if (root.has("demand")) {
      JsonNode dm = object(root, "demand", "demand");
      allowOnly(dm, "demand.", Set.of("source", "path", "vehicles", "seed", "map", "view"));
      String src = text(dm, "source");
      DemandSource source;
      try {
        source = DemandSource.valueOf(src.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "field 'demand.source' must be one of cells, sumo, pneuma, gpx, synthetic; got '" + src
                + "'");
      }
      Optional<Path> path = dm.has("path")
          ? Optional.of(dir.resolve(text(dm, "path")).normalize()) : Optional.empty();
      if (source == DemandSource.CELLS && cells.isEmpty()) {
        throw new IllegalArgumentException("field 'demand.source' is cells but no 'cells' file given");
      }
      Optional<Path> map = dm.has("map")
          ? Optional.of(dir.resolve(text(dm, "map")).normalize()) : Optional.empty();
      Mission.DemandView view = Mission.DemandView.CELL;
      if (dm.has("view")) {
        JsonNode vn = dm.get("view");
        String v = vn.isTextual() ? vn.asText() : vn.toString();
        view = switch (vn.isTextual() ? v : "") {
          case "cell" -> Mission.DemandView.CELL;
          case "camera" -> Mission.DemandView.CAMERA;
          default -> throw new IllegalArgumentException(
              "field 'demand.view' must be one of cell, camera; got '" + v + "'");
        };
        if (view == Mission.DemandView.CAMERA && source == DemandSource.CELLS) {
          throw new IllegalArgumentException(
              "field 'demand.view' is camera but 'demand.source' is cells: a camera view needs a trace over an area");
        }
      }
      demand = new Demand(
          source,
          path,
          dm.has("vehicles") ? integer(dm.get("vehicles"), "demand.vehicles", 1, 1_000_000) : 200,
          dm.has("seed") ? integer(dm.get("seed"), "demand.seed", 0, Integer.MAX_VALUE) : 1,
          map,
          view);
      if (path.isPresent() && !Files.isReadable(path.get())) {
        throw new IllegalArgumentException("field 'demand.path': cannot read " + path.get());
      }
      if (map.isPresent() && !Files.isReadable(map.get())) {
        throw new IllegalArgumentException("field 'demand.map': cannot read " + map.get());
      }
    } else if (cells.isPresent()) {
      demand = new Demand(DemandSource.CELLS, Optional.empty(), 0, 1);
    } else {
      throw new IllegalArgumentException("missing field 'demand' (an area mission needs a source)");
    }
    if (demand.source() != DemandSource.CELLS && cells.isPresent()) {
      throw new IllegalArgumentException(
          "field 'demand.source' must be cells for a cells-file mission, got " + demand.source());
    }

    List<Double> targets = new ArrayList<>();
    JsonNode ct = root.get("coverageTarget");
    if (ct == null) {
      targets.add(1.0);
    } else if (ct.isArray()) {
      for (int i = 0; i < ct.size(); i++) {
        targets.add(positive(ct.get(i), "coverageTarget[" + i + "]"));
      }
      if (targets.isEmpty()) {
        throw new IllegalArgumentException("field 'coverageTarget' is an empty list");
      }
    } else {
      targets.add(positive(ct, "coverageTarget"));
    }

    JsonNode pl = root.has("planner") ? object(root, "planner", "planner")
        : new ObjectMapper().createObjectNode();
    allowOnly(pl, "planner.", Set.of("iterations", "repetitions", "children", "alpha", "beta",
        "cost", "seed", "capFactor"));
    CostFunction cost;
    String costName = pl.has("cost") ? text(pl, "cost") : "SQR";
    try {
      cost = CostFunction.valueOf(costName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "field 'planner.cost' must be SQR, L1 or COVER, got '" + costName + "'");
    }
    Planner planner = new Planner(
        pl.has("iterations") ? integer(pl.get("iterations"), "planner.iterations", 1, 100_000) : 40,
        pl.has("repetitions") ? integer(pl.get("repetitions"), "planner.repetitions", 1, 1000)
            : DEFAULT_REPETITIONS,
        pl.has("children") ? integer(pl.get("children"), "planner.children", 1, 16) : 2,
        number(pl, "alpha", "planner.alpha", 0.0),
        number(pl, "beta", "planner.beta", 0.0),
        cost,
        pl.has("seed") ? integer(pl.get("seed"), "planner.seed", 0, Integer.MAX_VALUE) : 1,
        number(pl, "capFactor", "planner.capFactor", 0.0));

    return new Mission(name, area, cellSizeM, cells, window, bases, zones, fleet, demand, targets,
        counts, planner);
  }

  /** A zone given as a GeoJSON Polygon or a Feature of one (properties: name, maxAltitudeM). */
  private static Zone geoJsonZone(JsonNode zi, String p, int i, boolean wgs84) {
    JsonNode geom = zi;
    JsonNode props = null;
    String type = zi.path("type").asText();
    if ("Feature".equals(type)) {
      geom = zi.get("geometry");
      props = zi.get("properties");
    }
    if (geom == null || !"Polygon".equals(geom.path("type").asText())) {
      throw new IllegalArgumentException("field '" + p + "' must be a GeoJSON Polygon or a Feature"
          + " of one, got type '" + type + "'");
    }
    JsonNode rings = geom.get("coordinates");
    if (rings == null || !rings.isArray() || rings.isEmpty()) {
      throw new IllegalArgumentException("field '" + p + ".coordinates' must hold a ring");
    }
    List<Point> ring = points(rings.get(0), p + ".coordinates[0]", wgs84);
    String name = "zone-" + i;
    Optional<Double> ceiling = Optional.empty();
    if (props != null && props.isObject()) {
      if (props.has("name")) {
        name = text(props, "name");
      }
      if (props.has("maxAltitudeM")) {
        ceiling = Optional.of(number(props, "maxAltitudeM", p + ".properties.maxAltitudeM", null));
      }
    }
    return new Zone(name, ring, ceiling);
  }

  private static DroneModel model(JsonNode m) {
    if (!m.isObject()) {
      throw new IllegalArgumentException("field 'drones.model' must be an object, got " + m);
    }
    allowOnly(m, "drones.model.", Set.of("bodyMassKg", "batteryMassKg", "batteryCapacityJ",
        "rotors", "rotorDiameterM", "bodyFrontalAreaM2", "batteryFrontalAreaM2", "efficiency",
        "groundSpeedMps", "airSpeedMps"));
    DroneModel d = DroneModel.defaults();
    String p = "drones.model.";
    try {
      DroneModel model = new DroneModel(
          number(m, "bodyMassKg", p + "bodyMassKg", d.bodyMassKg()),
          number(m, "batteryMassKg", p + "batteryMassKg", d.batteryMassKg()),
          number(m, "batteryCapacityJ", p + "batteryCapacityJ", d.batteryCapacityJ()),
          m.has("rotors") ? integer(m.get("rotors"), p + "rotors", 1, 16) : d.rotors(),
          number(m, "rotorDiameterM", p + "rotorDiameterM", d.rotorDiameterM()),
          number(m, "bodyFrontalAreaM2", p + "bodyFrontalAreaM2", d.bodyFrontalAreaM2()),
          number(m, "batteryFrontalAreaM2", p + "batteryFrontalAreaM2", d.batteryFrontalAreaM2()),
          number(m, "efficiency", p + "efficiency", d.efficiency()),
          number(m, "groundSpeedMps", p + "groundSpeedMps", d.groundSpeedMps()),
          number(m, "airSpeedMps", p + "airSpeedMps", d.airSpeedMps()));
      EnergyModel.of(model); // sanity check: rejects physically absurd power
      return model;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("drones.model: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a ring that is not a valid simple polygon (self-intersecting, too few points), naming
   * the field, before anything is planned.
   */
  private static void requireValidRing(List<Point> ring, String field) {
    if (ring.size() < 3) {
      throw new IllegalArgumentException(
          "field '" + field + "' needs a polygon of at least 3 points, got " + ring.size());
    }
    org.locationtech.jts.geom.Coordinate[] cs = new org.locationtech.jts.geom.Coordinate[ring.size() + 1];
    for (int i = 0; i < ring.size(); i++) {
      cs[i] = new org.locationtech.jts.geom.Coordinate(ring.get(i).x(), ring.get(i).y());
    }
    cs[ring.size()] = cs[0];
    if (cs[ring.size() - 1].equals2D(cs[0])) {
      cs = java.util.Arrays.copyOf(cs, ring.size());
    }
    try {
      PolygonChecks.requireValidPolygon(
          new org.locationtech.jts.geom.GeometryFactory().createPolygon(cs), "field '" + field + "'");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Area area(JsonNode a) {
    if (!a.isObject()) {
      throw new IllegalArgumentException("field 'area' must be an object, got " + a);
    }
    if (a.has("bbox")) {
      allowOnly(a, "area.", Set.of("bbox"));
      JsonNode b = a.get("bbox");
      if (!b.isArray() || b.size() != 4) {
        throw new IllegalArgumentException(
            "field 'area.bbox' must be [minLon, minLat, maxLon, maxLat], got " + b);
      }
      double[] v = new double[4];
      for (int i = 0; i < 4; i++) {
        v[i] = number(b.get(i), "area.bbox[" + i + "]");
      }
      lonLat(v[0], v[1], "area.bbox");
      lonLat(v[2], v[3], "area.bbox");
      if (!(v[2] > v[0] && v[3] > v[1])) {
        throw new IllegalArgumentException(
            "field 'area.bbox' needs maxLon > minLon and maxLat > minLat, got " + b);
      }
      return new Area(List.of(new Point(v[0], v[1]), new Point(v[2], v[1]),
          new Point(v[2], v[3]), new Point(v[0], v[3])), Optional.empty());
    }
    JsonNode geom = a;
    if ("Feature".equals(a.path("type").asText())) {
      geom = a.get("geometry");
    }
    if (geom == null || !"Polygon".equals(geom.path("type").asText())) {
      throw new IllegalArgumentException(
          "field 'area' must be {bbox: [...]} or a GeoJSON Polygon (or Feature of one), got type '"
              + a.path("type").asText() + "'");
    }
    JsonNode rings = geom.get("coordinates");
    if (rings == null || !rings.isArray() || rings.isEmpty()) {
      throw new IllegalArgumentException("field 'area.coordinates' must hold at least one ring");
    }
    List<Point> ring = points(rings.get(0), "area.coordinates[0]", true);
    requireValidRing(ring, "area");
    return new Area(ring, Optional.of(a.toString()));
  }

  private static List<Point> points(JsonNode n, String path, boolean wgs84) {
    if (n == null || !n.isArray()) {
      throw new IllegalArgumentException("field '" + path + "' must be a list of [x, y], got " + n);
    }
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode p = n.get(i);
      String pp = path + "[" + i + "]";
      if (!p.isArray() || p.size() < 2) {
        throw new IllegalArgumentException("field '" + pp + "' must be [x, y], got " + p);
      }
      double x = number(p.get(0), pp + "[0]");
      double y = number(p.get(1), pp + "[1]");
      if (wgs84) {
        lonLat(x, y, pp);
      }
      out.add(new Point(x, y));
    }
    return out;
  }

  private static void lonLat(double lon, double lat, String path) {
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      throw new IllegalArgumentException(
          "field '" + path + "' is not a WGS84 [lon, lat]: [" + lon + ", " + lat + "]");
    }
  }

  private static void allowOnly(JsonNode n, String prefix, Set<String> allowed) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException(
            "unknown field '" + prefix + f + "' (allowed: " + String.join(", ",
                allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private static JsonNode object(JsonNode parent, String key, String path) {
    JsonNode n = parent.get(key);
    if (n == null) {
      throw new IllegalArgumentException("missing field '" + path + "'");
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException("field '" + path + "' must be an object, got " + n);
    }
    return n;
  }

  private static String text(JsonNode parent, String key) {
    JsonNode n = parent.get(key);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException("field '" + key + "' must be a non-empty string, got " + n);
    }
    return n.asText();
  }

  private static double number(JsonNode parent, String key, String path, Double dflt) {
    JsonNode n = parent.get(key);
    if (n == null) {
      if (dflt == null) {
        throw new IllegalArgumentException("missing field '" + path + "'");
      }
      return dflt;
    }
    return number(n, path);
  }

  private static double number(JsonNode n, String path) {
    if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
      throw new IllegalArgumentException("field '" + path + "' must be a finite number, got " + n);
    }
    return n.asDouble();
  }

  private static double positive(JsonNode n, String path) {
    double v = number(n, path);
    if (!(v > 0)) {
      throw new IllegalArgumentException("field '" + path + "' must be > 0, got " + v);
    }
    return v;
  }

  private static int integer(JsonNode n, String path, int min, int max) {
    if (n == null || !n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
      throw new IllegalArgumentException(
          "field '" + path + "' must be an integer in [" + min + ", " + max + "], got " + n);
    }
    return n.asInt();
  }
}
