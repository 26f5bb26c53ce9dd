package org.swarmsense.gateway.http;

/**
 * The city map the dashboard draws, from our own map data (no external tile server).
 *
 * @param name a human name, e.g. "Monaco"
 * @param attribution the data attribution shown on the map, e.g. "(c) OpenStreetMap contributors, ODbL"
 * @param bounds west, south, east, north in degrees (WGS84)
 * @param roadsGeoJson the road network as a GeoJSON FeatureCollection of LineStrings
 */
public record MapLayer(String name, String attribution, double[] bounds, String roadsGeoJson) {
  public MapLayer {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("map name must not be empty");
    }
    if (attribution == null || attribution.isBlank()) {
      throw new IllegalArgumentException("map attribution must not be empty (map data has a licence)");
    }
    if (bounds == null || bounds.length != 4 || !(bounds[0] < bounds[2]) || !(bounds[1] < bounds[3])) {
      throw new IllegalArgumentException("map bounds must be [west, south, east, north] with west<east, south<north");
    }
    bounds = bounds.clone();
    if (roadsGeoJson == null) {
      roadsGeoJson = "{\"type\":\"FeatureCollection\",\"features\":[]}";
    }
  }

  @Override
  public double[] bounds() {
    return bounds.clone();
  }
}
