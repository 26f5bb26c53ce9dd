package org.swarmsense.epos.sensing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.geojson.Feature;
import org.swarmsense.maps.geojson.GeoJson;

class ReportWriterTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void cellsMissionReportHasEveryMetricAndLocalCoordinates(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, "cells: " + SharedData.file("missions/3x3_gaussian.csv") + "\n"
        + "window: {endS: 1800, slotS: 600}\n"
        + "drones: {count: [2, 4], plansPerDrone: 8}\n"
        + "coverageTarget: [1, 2]\n"
        + "noFlyZones: [{name: centre, polygon: [[1.8, 1.8], [2.2, 1.8], [2.2, 2.2], [1.8, 2.2]]}]\n"
        + "planner: {iterations: 10}\n");
    MissionPlanner.Result result = MissionPlanner.plan(MissionReader.read(f), s -> { });
    Path out = dir.resolve("out");
    ReportWriter.write(result, out);
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertEquals(4, report.get("runs").size(), "2 fleet sizes x 2 coverage targets");
    assertEquals("local-metres", report.get("coordinates").asText());
    for (JsonNode run : report.get("runs")) {
      for (Strategy strategy : Strategy.values()) {
        String s = strategy.label();
        JsonNode m = run.get("strategies").get(s);
        for (String k : new String[] {"mismatchPercent", "underSensingPercent",
            "overSensingPercent", "energyKj", "energyPercentOfCapacity", "flights",
            "vehicleObservationShare", "observationsPerKj", "coverage", "perSlot"}) {
          assertTrue(m.has(k), s + " lacks " + k);
        }
        assertEquals(3, m.get("perSlot").size());
      }
    }
    JsonNode geo = JSON.readTree(out.resolve("plans.geojson").toFile());
    assertEquals("local-metres", geo.get("coordinates").asText());
    var features = GeoJson.readFeatures(out.resolve("plans.geojson"));
    assertFalse(features.isEmpty());
    // the centre cell (2, 2) is a no-fly zone: never sensed, routes never cross it
    Geometry zone = new GeometryFactory().toGeometry(
        new org.locationtech.jts.geom.Envelope(1.8, 2.2, 1.8, 2.2));
    for (Feature ft : features) {
      if ("hover".equals(ft.properties().get("kind"))) {
        assertTrue(!ft.geometry().getCoordinate().equals2D(new Coordinate(2, 2)));
      } else {
        assertFalse(ft.geometry().crosses(zone) || zone.contains(ft.geometry()),
            "route crosses the zone: " + ft.geometry());
      }
    }
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<svg") && html.contains("I-EPOS") && html.contains("local-search"));
    assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"));
    assertFalse(html.contains("https://"), "self-contained: no external links");
    assertFalse(html.contains("<script src"));
    String svg = Files.readString(out.resolve("map.svg"));
    assertTrue(svg.startsWith("<svg") && svg.trim().endsWith("</svg>"));
    assertEquals(9 * 2, count(svg, "<title>cell "), "9 cells in each of 2 panels");
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }
}
