package org.swarmsense.maps.camera;

import java.awt.Color;
import java.util.Map;
import java.util.Set;
import org.swarmsense.maps.osm.OsmWay;

/**
 * How OSM features look from above: draw layer, colour, road widths by highway class and lanes,
 * building heights. One place for every colour and width the camera uses. Stateless.
 */
final class MapStyle {

  private MapStyle() {}

  /** Draw layers, bottom to top. */
  enum Layer { LANDUSE, GREEN, WATER, PAVED_AREA, PATH, ROAD, MARKING, BRIDGE, BRIDGE_MARKING, TREE, BUILDING }

  /** Ground where the map has nothing: a neutral grey-beige. */
  static final Color GROUND = new Color(152, 149, 138);
  /** Asphalt of every road class. */
  static final Color ASPHALT = new Color(86, 88, 92);
  /** Paving of footways, pedestrian streets and squares. */
  static final Color PAVING = new Color(182, 176, 165);
  /** Paint of road markings. */
  static final Color MARKING = new Color(232, 232, 226);
  static final Color WATER = new Color(58, 88, 118);
  static final Color GRASS = new Color(96, 128, 72);
  static final Color FOREST = new Color(58, 86, 48);
  static final Color PARKING = new Color(112, 112, 115);

  /** Lane width, metres, used when a road's width comes from its lanes. */
  static final double LANE_WIDTH_M = 3.25;
  /** Height of a building whose map tags give none, metres. */
  static final double DEFAULT_BUILDING_HEIGHT_M = 10;
  /** Storey height for {@code building:levels}, metres. */
  static final double LEVEL_HEIGHT_M = 3.2;

  /** Default (lanes, width m) by highway class; classes not listed are not drawn. */
  private static final Map<String, double[]> ROADS = Map.ofEntries(
      Map.entry("motorway", new double[] {2, 7.5}),
      Map.entry("trunk", new double[] {2, 7.5}),
      Map.entry("primary", new double[] {2, 7.0}),
      Map.entry("secondary", new double[] {2, 6.5}),
      Map.entry("tertiary", new double[] {2, 6.0}),
      Map.entry("unclassified", new double[] {2, 5.5}),
      Map.entry("residential", new double[] {2, 5.5}),
      Map.entry("living_street", new double[] {1, 4.5}),
      Map.entry("service", new double[] {1, 3.5}),
      Map.entry("road", new double[] {2, 5.5}),
      Map.entry("track", new double[] {1, 3.0}),
      Map.entry("motorway_link", new double[] {1, 4.0}),
      Map.entry("trunk_link", new double[] {1, 4.0}),
      Map.entry("primary_link", new double[] {1, 4.0}),
      Map.entry("secondary_link", new double[] {1, 4.0}),
      Map.entry("tertiary_link", new double[] {1, 4.0}));

  /** Paved ways for people, with their width in metres. */
  private static final Map<String, Double> PATHS = Map.of(
      "pedestrian", 6.0, "footway", 2.0, "path", 1.5, "cycleway", 2.0, "steps", 2.0, "bridleway", 2.0);

  private static final Set<String> GREEN = Set.of("grass", "park", "meadow", "garden", "village_green",
      "recreation_ground", "pitch", "golf_course", "playground", "cemetery", "allotments", "grassland",
      "heath", "scrub", "orchard", "vineyard", "farmland", "flowerbed", "nature_reserve", "common");
  private static final Set<String> FORESTS = Set.of("forest", "wood");
  private static final Set<String> WATERS = Set.of("water", "reservoir", "basin", "riverbank", "wetland");

  /** A road's draw rank within its layer: minor roads first, so major ones cover their junctions. */
  static int roadRank(String highway) {
    return switch (highway) {
      case "motorway", "trunk" -> 6;
      case "primary" -> 5;
      case "secondary" -> 4;
      case "tertiary" -> 3;
      case "unclassified", "residential", "road" -> 2;
      default -> highway.endsWith("_link") ? 4 : 1;
    };
  }

  /** True for a highway class drawn as a carriageway. */
  static boolean isRoad(String highway) {
    return highway != null && ROADS.containsKey(highway);
  }

  /** Width of a path class, metres, or NaN when it is not a path. */
  static double pathWidthM(String highway) {
    Double w = highway == null ? null : PATHS.get(highway);
    return w == null ? Double.NaN : w;
  }

  /** Lanes: the {@code lanes} tag when it is a positive number, else the class default. */
  static int lanes(OsmWay way) {
    double tagged = leadingNumber(way.tag("lanes"));
    if (tagged >= 1 && tagged <= 12) {
      return (int) tagged;
    }
    return (int) ROADS.get(way.tag("highway"))[0];
  }

  /**
   * Carriageway width, metres: the {@code width} tag when plausible (2..40 m), else lanes x
   * {@value #LANE_WIDTH_M} m when lanes are tagged, else the class default.
   */
  static double roadWidthM(OsmWay way) {
    double w = leadingNumber(way.tag("width"));
    if (w >= 2 && w <= 40) {
      return w;
    }
    double lanes = leadingNumber(way.tag("lanes"));
    if (lanes >= 1 && lanes <= 12) {
      return lanes * LANE_WIDTH_M;
    }
    return ROADS.get(way.tag("highway"))[1];
  }

  /** True for ways under the ground or under a roof (not visible from above). */
  static boolean hidden(OsmWay way) {
    String tunnel = way.tag("tunnel");
    String covered = way.tag("covered");
    String layer = way.tag("layer");
    return (tunnel != null && !"no".equals(tunnel)) || "yes".equals(covered)
        || (layer != null && layer.strip().startsWith("-"));
  }

  /** True for bridges (drawn above other roads). */
  static boolean bridge(OsmWay way) {
    String b = way.tag("bridge");
    return b != null && !"no".equals(b);
  }

  /** A building's height, metres: {@code height}, else levels x storey, else the default. */
  static double buildingHeightM(OsmWay way) {
    double h = leadingNumber(way.tag("height"));
    if (h > 0 && h < 500) {
      return h;
    }
    double levels = leadingNumber(way.tag("building:levels"));
    if (levels > 0 && levels < 150) {
      return levels * LEVEL_HEIGHT_M;
    }
    return DEFAULT_BUILDING_HEIGHT_M;
  }

  /** The fill of an area way (land use, natural, leisure, water, parking), or null if not drawn. */
  static Area area(OsmWay way) {
    String natural = way.tag("natural");
    String landuse = way.tag("landuse");
    String leisure = way.tag("leisure");
    String water = way.tag("water");
    if (in(WATERS, natural) || in(WATERS, landuse) || water != null || "riverbank".equals(way.tag("waterway"))) {
      return new Area(Layer.WATER, WATER);
    }
    if (in(FORESTS, natural) || in(FORESTS, landuse)) {
      return new Area(Layer.GREEN, FOREST);
    }
    if (in(GREEN, natural) || in(GREEN, landuse) || in(GREEN, leisure)) {
      return new Area(Layer.GREEN, GRASS);
    }
    if ("beach".equals(natural) || "sand".equals(natural)) {
      return new Area(Layer.GREEN, new Color(206, 192, 158));
    }
    if ("bare_rock".equals(natural) || "scree".equals(natural) || "cliff".equals(natural)) {
      return new Area(Layer.GREEN, new Color(150, 140, 128));
    }
    if ("parking".equals(way.tag("amenity"))) {
      return new Area(Layer.PAVED_AREA, PARKING);
    }
    if ("pedestrian".equals(way.tag("highway")) && way.closed() && "yes".equals(way.tag("area"))) {
      return new Area(Layer.PAVED_AREA, PAVING);
    }
    if (landuse != null) {
      return switch (landuse) {
        case "residential" -> new Area(Layer.LANDUSE, new Color(160, 155, 148));
        case "commercial", "retail" -> new Area(Layer.LANDUSE, new Color(164, 158, 156));
        case "industrial", "railway", "construction", "brownfield" -> new Area(Layer.LANDUSE, new Color(146, 144, 140));
        default -> null;
      };
    }
    return null;
  }

  private static boolean in(Set<String> set, String value) {
    return value != null && set.contains(value);
  }

  /** An area's layer and colour. */
  record Area(Layer layer, Color colour) {}

  /** Roof colours: tiles, concrete, metal, gravel. */
  private static final Color[] ROOFS = {
    new Color(168, 92, 70), new Color(146, 82, 66), new Color(190, 120, 90), new Color(122, 122, 126),
    new Color(96, 98, 104), new Color(196, 194, 188), new Color(172, 164, 150), new Color(140, 132, 120)};

  /** A building's roof colour: picked and jittered by its OSM id (stable across runs). */
  static Color roof(long osmId) {
    long h = Hashing.mix(osmId);
    Color c = ROOFS[(int) Math.floorMod(h, (long) ROOFS.length)];
    int j = (int) ((h >>> 20) % 21) - 10;
    return new Color(clamp(c.getRed() + j), clamp(c.getGreen() + j), clamp(c.getBlue() + j));
  }

  static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  /** The number at the start of a tag value ("3", "12.5 m", "2;3" -> 2), or NaN. */
  static double leadingNumber(String v) {
    if (v == null) {
      return Double.NaN;
    }
    int i = 0;
    String s = v.strip();
    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
      i++;
    }
    if (i == 0) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s.substring(0, i));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
