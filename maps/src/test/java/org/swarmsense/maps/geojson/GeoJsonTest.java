package org.swarmsense.maps.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class GeoJsonTest {

  private static Geometry wkt(String s) throws Exception {
    return new WKTReader().read(s);
  }

  @Test
  void bareGeometryRoundTrips() throws Exception {
    Geometry g = wkt("POLYGON ((7.41 43.72, 7.43 43.72, 7.43 43.74, 7.41 43.72))");
    String json = GeoJson.write(g);
    assertEquals("{\"type\":\"Polygon\",\"coordinates\":[[[7.41,43.72],[7.43,43.72],[7.43,43.74],[7.41,43.72]]]}", json);
    assertTrue(GeoJson.readGeometry(json).equalsExact(g));
  }

  @Test
  void featuresWithPropertiesRoundTrip() throws Exception {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("drone", "d-1");
    props.put("energy_j", 1234.5);
    props.put("hover_s", 60);
    List<Feature> in = List.of(
        Feature.of(wkt("LINESTRING (7.41 43.72, 7.42 43.73)"), props),
        Feature.of(wkt("POINT (7.42 43.73)"), Map.of("kind", "base")));
    String json = GeoJson.write(in);
    List<Feature> out = GeoJson.readFeatures(json, "plans.geojson");
    assertEquals(2, out.size());
    assertTrue(out.get(0).geometry().equalsExact(in.get(0).geometry()));
    assertEquals("d-1", out.get(0).properties().get("drone"));
    assertEquals(1234.5, out.get(0).properties().get("energy_j"));
    assertEquals(60, out.get(0).properties().get("hover_s"));
    assertEquals(List.of("drone", "energy_j", "hover_s"), List.copyOf(out.get(0).properties().keySet()));
    assertEquals("base", out.get(1).properties().get("kind"));
    assertEquals(json, GeoJson.write(out));
  }

  @Test
  void featureCollectionOfPolygonsIsTheirUnion() {
    String json = """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}},
         {"type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[[[1,0],[3,0],[3,2],[1,2],[1,0]]]}}]}""";
    Geometry g = GeoJson.readGeometry(json);
    assertInstanceOf(Polygon.class, g);
    assertEquals(6.0, g.getArea(), 1e-12);
  }

  @Test
  void featureGivesItsGeometry() {
    Geometry g = GeoJson.readGeometry(
        "{\"type\":\"Feature\",\"properties\":{\"name\":\"a\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,42.5]}}");
    assertEquals("POINT (1.5 42.5)", g.toText());
  }

  @Test
  void errorsNameSourceAndPlace() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> GeoJson.readGeometry("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"}]}", "area.geojson"));
    assertTrue(e.getMessage().contains("area.geojson") && e.getMessage().contains("/features/0"), e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> GeoJson.readGeometry("{\"type\":\"Polygon\",", "x.json"));
    assertTrue(e2.getMessage().contains("x.json") && e2.getMessage().contains("line 1"), e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class, () -> GeoJson.readGeometry("{\"type\":\"Circle\"}", "c.json"));
    assertTrue(e3.getMessage().contains("Circle"), e3.getMessage());
  }

  @Test
  void metresInsteadOfDegreesAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> GeoJson.readGeometry(
        "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1200.5,300]}}", "bases.geojson"));
    assertEquals("bases.geojson at /geometry: coordinate [1200.5, 300.0] is not a WGS84 [lon, lat] in degrees"
        + " (GeoJSON is always WGS84; local metres must be converted first)", e.getMessage());
  }

  @Test
  void nonFinitePropertyIsRefusedOnWrite() throws Exception {
    Feature f = Feature.of(wkt("POINT (1 2)"), Map.of("energy_j", Double.NaN));
    var e = assertThrows(IllegalArgumentException.class, () -> GeoJson.write(List.of(f)));
    assertEquals("property 'energy_j' = NaN cannot be written as JSON (not finite)", e.getMessage());
  }

  @Test
  void selfIntersectingPolygonInCollectionIsRejectedByName() {
    String bowtie = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}}]}";
    var e = assertThrows(IllegalArgumentException.class, () -> GeoJson.readGeometry(bowtie, "zones.geojson"));
    assertTrue(e.getMessage().contains("zones.geojson /features/0"), e.getMessage());
    assertTrue(e.getMessage().contains("Self-intersection at (1, 1)"), e.getMessage());
  }
}
