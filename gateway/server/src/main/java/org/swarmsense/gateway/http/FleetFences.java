package org.swarmsense.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.swarmsense.agents.airspace.BreachMonitor;
import org.swarmsense.agents.airspace.Fence;
import org.swarmsense.agents.airspace.FenceAction;
import org.swarmsense.agents.airspace.FenceKind;
import org.swarmsense.agents.airspace.FenceSet;
import org.swarmsense.gateway.input.FieldError;
import org.swarmsense.gateway.persistence.GatewayStore;
import org.swarmsense.maps.geo.PolygonChecks;
import org.swarmsense.maps.geojson.Feature;
import org.swarmsense.maps.geojson.GeoJson;

/**
 * The fences operators set for each fleet over HTTP: its <em>no-fly zones</em> (polygons drones
 * keep out of; the same concept as {@code maps.nofly.NoFlyZone}, here in WGS84 and per fleet) and
 * its <em>geofences</em> (polygons drones keep inside), each a GeoJSON FeatureCollection of valid
 * WGS84 Polygons or MultiPolygons. Feature properties: {@code name} (default {@code zone-<index>},
 * unique per kind), {@code action} ({@code alarm} (default), {@code hold} or {@code rtl}: what a
 * breach triggers). A new set of one kind replaces the old one of that kind, is handed to the
 * {@link BreachMonitor} (which judges every drone telemetry against the fleet's fences) and is
 * published to the {@link LiveHub} as a {@code no-fly-zones} / {@code geofences} event; a refused set
 * changes nothing. At most {@link FenceLimits#maxPerFleet()} fences per fleet, both kinds together.
 * An accepted set is written to the {@link GatewayStore} before it takes effect (and before the
 * request is answered); {@link #restore()} re-arms the stored sets after a restart. Thread-safe.
 */
public final class FleetFences implements Fences {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMPTY = "{\"type\":\"FeatureCollection\",\"features\":[]}";

  /** Per fleet: the stored document and the parsed fences of each kind. */
  private record Stored(Map<FenceKind, String> json, Map<FenceKind, List<Fence>> fences) {}

  private final LiveHub hub;
  private final BreachMonitor monitor;
  private final FenceLimits limits;
  private final Map<String, Stored> byFleet = new java.util.HashMap<>();
  private final GatewayStore store;

  /** Fences kept in memory only. */
  public FleetFences(LiveHub hub, BreachMonitor monitor, FenceLimits limits) {
    this(hub, monitor, limits, GatewayStore.inMemory());
  }

  /** Fences kept in {@code store}; call {@link #restore()} to re-arm what it holds. */
  public FleetFences(LiveHub hub, BreachMonitor monitor, FenceLimits limits, GatewayStore store) {
    this.hub = hub;
    this.monitor = monitor;
    this.limits = limits;
    this.store = store;
  }

  /**
   * Re-arms every fleet's stored fences (validated again, as if put now).
   *
   * @return the number of fences armed
   */
  public synchronized int restore() {
    int n = 0;
    for (String fleet : store.fenceFleets()) {
      for (Map.Entry<FenceKind, String> e : store.fences(fleet).featureCollections().entrySet()) {
        apply(fleet, e.getKey(), e.getValue(), false);
        n += byFleet.get(fleet).fences().get(e.getKey()).size();
      }
    }
    return n;
  }

  /** The live event type of a fleet's new fences of a kind: {@code no-fly-zones}, {@code geofences}. */
  public static String event(FenceKind kind) {
    return kind == FenceKind.NO_FLY_ZONE ? "no-fly-zones" : "geofences";
  }

  /** The key of the fences in that live event: {@code noFlyZones}, {@code geofences}. */
  static String eventKey(FenceKind kind) {
    return kind == FenceKind.NO_FLY_ZONE ? "noFlyZones" : "geofences";
  }

  /**
   * Re-arms one fleet's stored fences, read afresh from the store (another node may have set them
   * since this node last read them): its home starts here.
   *
   * @return the number of fences armed
   */
  public synchronized int restore(String fleet) {
    store.releaseFences(fleet);
    byFleet.remove(fleet);
    monitor.setFences(fleet, FenceSet.empty());
    int n = 0;
    for (Map.Entry<FenceKind, String> e : store.fences(fleet).featureCollections().entrySet()) {
      apply(fleet, e.getKey(), e.getValue(), false);
      n += byFleet.get(fleet).fences().get(e.getKey()).size();
    }
    return n;
  }

  /**
   * Disarms and forgets one fleet's fences on this node (they stay in the store): its home left.
   */
  public synchronized void forget(String fleet) {
    byFleet.remove(fleet);
    monitor.setFences(fleet, FenceSet.empty());
    store.releaseFences(fleet);
  }

  /** The fleet's fences of one kind (an empty collection when none were set). */
  @Override
  public synchronized JsonNode get(String fleet, FenceKind kind) {
    Stored s = byFleet.get(fleet);
    try {
      return JSON.readTree(s == null ? EMPTY : s.json().getOrDefault(kind, EMPTY));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored fences are not JSON", e);
    }
  }

  /**
   * Validates and stores a fleet's fences of one kind.
   *
   * @throws IllegalArgumentException naming the feature and the field when a geometry is not a valid
   *     polygon, an action is unknown, a name is used twice or the fleet would hold too many fences
   */
  @Override
  public synchronized JsonNode put(String fleet, FenceKind kind, String featureCollection) {
    return apply(fleet, kind, featureCollection, true);
  }

  /** Validates, then (when {@code persist}) writes to the store, then arms and publishes. */
  private JsonNode apply(String fleet, FenceKind kind, String featureCollection, boolean persist) {
    List<Feature> features = GeoJson.readFeatures(featureCollection, eventKey(kind));
    List<Fence> parsed = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      Map<String, Object> p = features.get(i).properties();
      Object name = p.getOrDefault("name", "zone-" + i);
      if (!(name instanceof String n) || n.isBlank()) {
        throw new FieldError("features[" + i + "].properties.name", name, "must be a non-blank string");
      }
      Geometry g = features.get(i).geometry();
      if (!(g instanceof org.locationtech.jts.geom.Polygon) && !(g instanceof org.locationtech.jts.geom.MultiPolygon)) {
        throw new FieldError("features[" + i + "].geometry", g.getGeometryType(), "must be a Polygon or MultiPolygon");
      }
      try {
        PolygonChecks.requireValid(g, "geometry");
      } catch (IllegalArgumentException e) {
        throw new FieldError("features[" + i + "].geometry", n, e.getMessage().substring("geometry ".length()));
      }
      Object action = p.getOrDefault("action", FenceAction.ALARM.code());
      parsed.add(new Fence(n, kind, g, FenceAction.fromCode("features[" + i + "].properties.action", action)));
    }
    Stored old = byFleet.getOrDefault(fleet, new Stored(Map.of(), Map.of()));
    Map<FenceKind, List<Fence>> fences = new EnumMap<>(FenceKind.class);
    fences.putAll(old.fences());
    fences.put(kind, parsed);
    List<Fence> all = new ArrayList<>();
    fences.values().forEach(all::addAll);
    FenceSet set = FenceSet.of(all, limits.hysteresisM(), limits.maxPerFleet());
    Map<FenceKind, String> json = new EnumMap<>(FenceKind.class);
    json.putAll(old.json());
    json.put(kind, GeoJson.write(features));
    if (persist) {
      store.setFences(fleet, kind, json.get(kind)); // written before it takes effect: nothing acknowledged is lost
    }
    byFleet.put(fleet, new Stored(Map.copyOf(json), Map.copyOf(fences)));
    monitor.setFences(fleet, set);
    JsonNode stored = get(fleet, kind);
    ObjectNode event = JSON.createObjectNode();
    event.put("type", event(kind));
    event.set(eventKey(kind), stored);
    hub.publish(fleet, event);
    return stored;
  }
}
