package org.swarmsense.maps.geojson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.swarmsense.maps.geo.PolygonChecks;

/**
 * GeoJSON reading and writing in WGS84 (x = lon, y = lat, degrees).
 *
 * <p>Rule of {@link #readGeometry}: a bare geometry is returned as is; a Feature gives its geometry;
 * a FeatureCollection gives the union of its features' geometries when they are all polygonal (so
 * several polygons describing one area become one Polygon or MultiPolygon), and otherwise a
 * GeometryCollection of them in file order. Use {@link #readFeatures} to keep features apart (e.g.
 * one no-fly zone per feature, with its properties). Errors name the source and the JSON pointer
 * of the bad member. Stateless and thread-safe.
 */
public final class GeoJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  private GeoJson() {}

  /** The geometry of a GeoJSON document, by the rule in the class comment. */
  public static Geometry readGeometry(String json) {
    return readGeometry(json, "GeoJSON input");
  }

  /** As {@link #readGeometry(String)}, naming {@code source} (e.g. a file name) in errors. */
  public static Geometry readGeometry(String json, String source) {
    JsonNode root = parse(json, source);
    String type = typeOf(root, "", source);
    return switch (type) {
      case "Feature" -> geometryOf(root, "", source);
      case "FeatureCollection" -> {
        List<Feature> features = readFeatures(root, source);
        if (features.isEmpty()) {
          throw new IllegalArgumentException(source + ": FeatureCollection has no features");
        }
        List<Geometry> geometries = features.stream().map(Feature::geometry).toList();
        if (geometries.stream().allMatch(g -> g instanceof Polygonal)) {
          for (int i = 0; i < geometries.size(); i++) {
            PolygonChecks.requireValid(geometries.get(i), source + " /features/" + i);
          }
          yield FACTORY.buildGeometry(geometries).union();
        }
        yield FACTORY.buildGeometry(geometries);
      }
      default -> toGeometry(root, "", source);
    };
  }

  /** The geometry of a GeoJSON file, by the rule in the class comment. */
  public static Geometry readGeometry(Path file) {
    return readGeometry(readString(file), file.toString());
  }

  /**
   * The features of a document: a FeatureCollection's features in order, a Feature alone, or a
   * bare geometry as one feature without properties.
   */
  public static List<Feature> readFeatures(String json, String source) {
    JsonNode root = parse(json, source);
    String type = typeOf(root, "", source);
    return switch (type) {
      case "FeatureCollection" -> readFeatures(root, source);
      case "Feature" -> List.of(featureOf(root, "", source));
      default -> List.of(Feature.of(toGeometry(root, "", source)));
    };
  }

  /** The features of a GeoJSON file (see {@link #readFeatures(String, String)}). */
  public static List<Feature> readFeatures(Path file) {
    return readFeatures(readString(file), file.toString());
  }

  /** A FeatureCollection of the given features, compact, coordinates as given (no CRS member). */
  public static String write(List<Feature> features) {
    return featureCollection(features).toString();
  }

  /** A FeatureCollection as a JSON tree, for callers that add to it before writing it once. */
  public static ObjectNode featureCollection(List<Feature> features) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "FeatureCollection");
    ArrayNode array = root.putArray("features");
    for (Feature f : features) {
      array.add(featureNode(f));
    }
    return root;
  }

  /** A single Feature. */
  public static String write(Feature feature) {
    return featureNode(feature).toString();
  }

  /** A bare geometry. */
  public static String write(Geometry geometry) {
    return geometryNode(geometry).toString();
  }

  private static ObjectNode featureNode(Feature f) {
    for (var e : f.properties().entrySet()) {
      if ((e.getValue() instanceof Double d && !Double.isFinite(d)) || (e.getValue() instanceof Float x && !Float.isFinite(x))) {
        throw new IllegalArgumentException(
            "property '" + e.getKey() + "' = " + e.getValue() + " cannot be written as JSON (not finite)");
      }
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "Feature");
    node.set("geometry", geometryNode(f.geometry()));
    node.set("properties", JSON.valueToTree(f.properties()));
    return node;
  }

  private static JsonNode geometryNode(Geometry g) {
    GeoJsonWriter writer = new GeoJsonWriter(9);
    writer.setEncodeCRS(false);
    try {
      return JSON.readTree(writer.write(g));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JTS wrote GeoJSON that Jackson cannot read", e);
    }
  }

  private static List<Feature> readFeatures(JsonNode root, String source) {
    JsonNode features = root.get("features");
    if (features == null || !features.isArray()) {
      throw new IllegalArgumentException(source + ": FeatureCollection needs a \"features\" array");
    }
    List<Feature> out = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      out.add(featureOf(features.get(i), "/features/" + i, source));
    }
    return out;
  }

  private static Feature featureOf(JsonNode node, String pointer, String source) {
    String type = typeOf(node, pointer, source);
    if (!"Feature".equals(type)) {
      throw new IllegalArgumentException(
          source + " at " + pointer + ": expected a Feature, got type \"" + type + "\"");
    }
    Geometry g = geometryOf(node, pointer, source);
    JsonNode props = node.get("properties");
    Map<String, Object> properties = new LinkedHashMap<>();
    if (props != null && !props.isNull()) {
      if (!props.isObject()) {
        throw new IllegalArgumentException(
            source + " at " + pointer + "/properties: must be an object or null");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = JSON.convertValue(props, LinkedHashMap.class);
      properties.putAll(m);
    }
    return new Feature(g, properties);
  }

  private static Geometry geometryOf(JsonNode feature, String pointer, String source) {
    JsonNode g = feature.get("geometry");
    if (g == null || g.isNull()) {
      throw new IllegalArgumentException(source + " at " + pointer + ": feature has no geometry");
    }
    return toGeometry(g, pointer + "/geometry", source);
  }

  private static Geometry toGeometry(JsonNode node, String pointer, String source) {
    String type = typeOf(node, pointer, source);
    switch (type) {
      case "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon",
          "GeometryCollection" -> {}
      default -> throw new IllegalArgumentException(
          source + " at " + (pointer.isEmpty() ? "/" : pointer) + ": unknown GeoJSON type \"" + type + "\"");
    }
    try {
      Geometry g = new GeoJsonReader(FACTORY).read(node.toString());
      g.setSRID(4326);
      for (var c : g.getCoordinates()) {
        if (!(c.x >= -180 && c.x <= 180 && c.y >= -90 && c.y <= 90)) {
          throw new IllegalArgumentException(source + " at " + (pointer.isEmpty() ? "/" : pointer)
              + ": coordinate [" + c.x + ", " + c.y + "] is not a WGS84 [lon, lat] in degrees"
              + " (GeoJSON is always WGS84; local metres must be converted first)");
        }
      }
      return g;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException(
          source + " at " + (pointer.isEmpty() ? "/" : pointer) + ": bad " + type + ": " + e.getMessage(), e);
    }
  }

  private static String typeOf(JsonNode node, String pointer, String source) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          source + " at " + (pointer.isEmpty() ? "/" : pointer) + ": expected a GeoJSON object");
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw new IllegalArgumentException(
          source + " at " + (pointer.isEmpty() ? "/" : pointer) + ": missing \"type\"");
    }
    return type.asText();
  }

  private static JsonNode parse(String json, String source) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException(source + ": empty GeoJSON");
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new IllegalArgumentException(
          source
              + ": not JSON"
              + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read GeoJSON file " + file, e);
    }
  }
}
