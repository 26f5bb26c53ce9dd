package org.swarmsense.maps.osm;

import java.util.List;

/**
 * The drawable content of an OSM extract: ways (roads, buildings, land use, water), single trees
 * ({@code natural=tree} nodes) and pedestrian crossings ({@code highway=crossing} nodes, except
 * {@code crossing=unmarked/no}). Immutable and thread-safe.
 *
 * @param ways drawable ways, in file order (multipolygon rings last)
 * @param trees single trees
 * @param crossings marked pedestrian crossings (nodes shared with the road they cross)
 */
public record OsmFeatures(List<OsmWay> ways, List<Node> trees, List<Node> crossings) {

  /** Copies the lists. */
  public OsmFeatures {
    ways = List.copyOf(ways);
    trees = List.copyOf(trees);
    crossings = List.copyOf(crossings);
  }

  /** Just ways. */
  public static OsmFeatures ofWays(List<OsmWay> ways) {
    return new OsmFeatures(ways, List.of(), List.of());
  }

  /**
   * One node: a tree or a crossing.
   *
   * @param id OSM node id
   * @param lonDeg longitude, degrees
   * @param latDeg latitude, degrees
   */
  public record Node(long id, double lonDeg, double latDeg) {}
}
