package org.swarmsense.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Geometry;
import org.swarmsense.maps.geo.PolygonChecks;
import org.swarmsense.maps.geojson.Feature;
import org.swarmsense.maps.geojson.GeoJson;
import org.swarmsense.gateway.input.FieldError;

/**
 * The no-fly zones of every fleet (the same concept as {@code maps.nofly.NoFlyZone}, here in WGS84
 * and per fleet): areas drones must stay out of, as a GeoJSON FeatureCollection of
 * valid WGS84 polygons (checked with JTS: a self-intersecting ring is refused with the feature
 * named). A new set replaces the old one and is published to the {@link LiveHub} as a {@code
 * no-fly-zones} event. Thread-safe.
 */
public final class FleetNoFlyZones {
  /** The live event type of a fleet's new no-fly zones. */
  public static final String EVENT = "no-fly-zones";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMPTY = "{\"type\":\"FeatureCollection\",\"features\":[]}";

  private final LiveHub hub;
  private final Map<String, String> byFleet = new ConcurrentHashMap<>();

  public FleetNoFlyZones(LiveHub hub) {
    this.hub = hub;
  }

  /** The fleet's no-fly zones (an empty collection when none were set). */
  public JsonNode get(String fleet) {
    try {
      return JSON.readTree(byFleet.getOrDefault(fleet, EMPTY));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored no-fly zones are not JSON", e);
    }
  }

  /**
   * Validates and stores a fleet's no-fly zones.
   *
   * @throws IllegalArgumentException naming the feature when a geometry is not a valid polygon
   */
  public JsonNode put(String fleet, String featureCollection) {
    List<Feature> features = GeoJson.readFeatures(featureCollection, "noFlyZones");
    for (int i = 0; i < features.size(); i++) {
      Geometry g = features.get(i).geometry();
      Object name = features.get(i).properties().getOrDefault("name", "#" + i);
      if (!(g instanceof org.locationtech.jts.geom.Polygon) && !(g instanceof org.locationtech.jts.geom.MultiPolygon)) {
        throw new FieldError("features[" + i + "].geometry", g.getGeometryType(), "must be a Polygon or MultiPolygon");
      }
      PolygonChecks.requireValid(g, "no-fly zone " + name);
    }
    String json = GeoJson.write(features);
    byFleet.put(fleet, json);
    JsonNode stored = get(fleet);
    ObjectNode event = JSON.createObjectNode();
    event.put("type", EVENT);
    event.set("noFlyZones", stored);
    hub.publish(fleet, event);
    return stored;
  }
}
