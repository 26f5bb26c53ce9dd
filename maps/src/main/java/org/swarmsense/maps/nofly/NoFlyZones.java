package org.swarmsense.maps.nofly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.geo.PolygonChecks;
import org.swarmsense.maps.geojson.Feature;
import org.swarmsense.maps.geojson.GeoJson;

/**
 * A set of no-fly zones in local metres. Immutable and thread-safe.
 *
 * <p>GeoJSON input ({@link #fromGeoJson}): one Feature per zone, Polygon geometry in WGS84;
 * optional properties {@code name} (default "zone-&lt;index&gt;"), {@code floor_m} (default 0) and
 * {@code ceiling_m} (default unlimited), metres above ground.
 */
public final class NoFlyZones {

  private static final GeometryFactory GF = new GeometryFactory();
  private final List<NoFlyZone> zones;

  private NoFlyZones(List<NoFlyZone> zones) {
    this.zones = List.copyOf(zones);
  }

  /** The given zones. */
  public static NoFlyZones of(List<NoFlyZone> zones) {
    if (zones == null) {
      throw new IllegalArgumentException("zones must not be null");
    }
    return new NoFlyZones(zones);
  }

  /** No zones at all. */
  public static NoFlyZones none() {
    return new NoFlyZones(List.of());
  }

  /** Zones from a GeoJSON document (see class comment), projected with {@code projection}. */
  public static NoFlyZones fromGeoJson(String json, String source, LocalProjection projection) {
    List<Feature> features = GeoJson.readFeatures(json, source);
    List<NoFlyZone> zones = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      Map<String, Object> p = f.properties();
      String name = p.get("name") instanceof String s && !s.isBlank() ? s : "zone-" + i;
      Polygon wgs = PolygonChecks.requireValidPolygon(f.geometry(), source + ": no-fly zone '" + name + "'");
      Polygon local = (Polygon) projection.toLocal(wgs);
      double floor = number(p, "floor_m", 0, source, name);
      double ceiling = number(p, "ceiling_m", Double.POSITIVE_INFINITY, source, name);
      zones.add(new NoFlyZone(name, local, floor, ceiling));
    }
    return new NoFlyZones(zones);
  }

  private static double number(Map<String, Object> p, String key, double dflt, String source, String name) {
    Object v = p.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(
        source + ": no-fly zone '" + name + "': property " + key + " must be a number, got: " + v);
  }

  /** The zones. */
  public List<NoFlyZone> zones() {
    return zones;
  }

  /** Whether the local point lies in (or on the edge of) any zone, at any altitude. */
  public boolean isInside(Coordinate local) {
    return zoneAt(local).isPresent();
  }

  /** Whether the local point at this altitude lies in a zone closed at that altitude. */
  public boolean isInside(Coordinate local, double altitudeM) {
    Point p = GF.createPoint(local);
    return zones.stream().anyMatch(z -> z.closesAltitude(altitudeM) && z.areaLocal().intersects(p));
  }

  /** The first zone containing the local point (any altitude). */
  public Optional<NoFlyZone> zoneAt(Coordinate local) {
    Point p = GF.createPoint(local);
    return zones.stream().filter(z -> z.areaLocal().intersects(p)).findFirst();
  }

  /** The zones closed at the given altitude. */
  public NoFlyZones atAltitude(double altitudeM) {
    return new NoFlyZones(zones.stream().filter(z -> z.closesAltitude(altitudeM)).toList());
  }
}
