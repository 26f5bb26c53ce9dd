package org.swarmsense.maps.osm;

import java.util.Map;

/**
 * One OSM way (or one outer ring of a multipolygon relation) with the tags that describe it.
 * Immutable and thread-safe.
 *
 * @param id the OSM way id
 * @param tags the way's tags; for a multipolygon ring, the relation's tags
 * @param lonDeg node longitudes, degrees, in way order
 * @param latDeg node latitudes, degrees, in way order
 */
public record OsmWay(long id, Map<String, String> tags, double[] lonDeg, double[] latDeg) {

  /** Validates the coordinates; the message names the way. */
  public OsmWay {
    tags = Map.copyOf(tags);
    if (lonDeg == null || latDeg == null || lonDeg.length != latDeg.length || lonDeg.length < 2) {
      throw new IllegalArgumentException("way " + id + ": needs at least 2 nodes with longitude and latitude");
    }
    lonDeg = lonDeg.clone();
    latDeg = latDeg.clone();
  }

  /** Number of nodes. */
  public int size() {
    return lonDeg.length;
  }

  /** Longitude of node i, degrees (no copy). */
  public double lonDeg(int i) {
    return lonDeg[i];
  }

  /** Latitude of node i, degrees (no copy). */
  public double latDeg(int i) {
    return latDeg[i];
  }

  /** The value of a tag, or null. */
  public String tag(String key) {
    return tags.get(key);
  }

  /** True when the first and last node coincide (an area's outline). */
  public boolean closed() {
    int n = lonDeg.length - 1;
    return n >= 3 && lonDeg[0] == lonDeg[n] && latDeg[0] == latDeg[n];
  }

  @Override
  public double[] lonDeg() {
    return lonDeg.clone();
  }

  @Override
  public double[] latDeg() {
    return latDeg.clone();
  }
}
