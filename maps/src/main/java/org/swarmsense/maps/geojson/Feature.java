package org.swarmsense.maps.geojson;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * A GeoJSON feature: a geometry (WGS84, x = lon, y = lat, degrees) and its properties. Property
 * values are JSON-like: String, Number, Boolean, null, List or Map of those. Immutable (the
 * properties are copied into an unmodifiable insertion-ordered map; the geometry must not be
 * mutated by callers) and thread-safe.
 *
 * @param geometry the geometry
 * @param properties the properties, in insertion order
 */
public record Feature(Geometry geometry, Map<String, Object> properties) {

  /** Checks the geometry is present and copies the properties. */
  public Feature {
    if (geometry == null) {
      throw new IllegalArgumentException("geometry of a feature must not be null");
    }
    properties =
        properties == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** A feature without properties. */
  public static Feature of(Geometry geometry) {
    return new Feature(geometry, Map.of());
  }

  /** A feature with the given properties. */
  public static Feature of(Geometry geometry, Map<String, ?> properties) {
    return new Feature(geometry, new LinkedHashMap<>(properties));
  }
}
