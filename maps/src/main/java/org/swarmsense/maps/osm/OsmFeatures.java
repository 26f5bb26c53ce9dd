package org.swarmsense.maps.osm;

import java.util.List;

/**
 * The drawable content of an OSM extract: ways (roads, buildings, land use, water) and single trees
 * ({@code natural=tree} nodes). Immutable and thread-safe.
 *
 * @param ways drawable ways, in file order (multipolygon rings last)
 * @param trees single trees
 */
public record OsmFeatures(List<OsmWay> ways, List<Tree> trees) {

  /** Copies the lists. */
  public OsmFeatures {
    ways = List.copyOf(ways);
    trees = List.copyOf(trees);
  }

  /**
   * One tree.
   *
   * @param id OSM node id
   * @param lonDeg longitude, degrees
   * @param latDeg latitude, degrees
   */
  public record Tree(long id, double lonDeg, double latDeg) {}
}
