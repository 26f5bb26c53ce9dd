package org.swarmsense.epos.sensing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.swarmsense.epos.sensing.MissionPlanner;
import org.swarmsense.epos.sensing.Strategy;
import org.swarmsense.epos.sensing.evaluation.CaptureControl;
import org.swarmsense.epos.sensing.evaluation.DetectionReport;
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
    assertEquals("cells", report.get("demand").get("source").asText(), "the mission's demand source is echoed");
    assertEquals("cell", report.get("demand").get("view").asText(), "the default view, whole cells, is echoed");
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

  @Test
  void controlSectionCarriesTheDelayPartsAndTheAlternatives(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, "cells: " + SharedData.file("missions/3x3_gaussian.csv") + "\n"
        + "window: {endS: 1800, slotS: 600}\n"
        + "drones: {count: [2], plansPerDrone: 4}\n"
        + "coverageTarget: [1]\n"
        + "planner: {iterations: 2}\n");
    MissionPlanner.Result result = MissionPlanner.plan(MissionReader.read(f), s -> { });
    CaptureControl.Figures controlled = new CaptureControl.Figures(0.006, 0.0063, 0.0082, 0.804, 0.088, 61106, 0,
        150, 1e-4, 4.45e-3, 1, List.of(0.83, Double.NaN, 0.46));
    CaptureControl.Figures fixed = new CaptureControl.Figures(0.0083, 0.0082, 0.01, 0.898, 0, 60034, 0, 150, 9e-5,
        4.14e-3, 0.2, List.of(0.6, 0.58, 0.64));
    CaptureControl c = new CaptureControl("I-EPOS", "exact", controlled, "level 2/4, 2 of 3", fixed, 0.8, "model",
        1.25, true, "reason", List.of(new CaptureControl.Alternative("earlier", fixed)));
    DetectionReport d = new DetectionReport("det", 10, "link", List.of(Map.of()),
        List.of(c));
    JsonNode control = JSON.readTree(ReportWriter.reportJson(result, Optional.of(d)).toString())
        .get("detection").get("control").get(0);
    JsonNode cf = control.get("controlled");
    assertEquals(0.006, cf.get("meanDelayS").asDouble(), 0);
    assertEquals(1e-4, cf.get("meanUploadDelayS").asDouble(), 0);
    assertEquals(4.45e-3, cf.get("meanEdgeDelayS").asDouble(), 0);
    // the on-board part is the rest: 6 - 0.1 - 4.45 ms
    assertEquals(1.45e-3, cf.get("meanLocalDelayS").asDouble(), 1e-12);
    assertEquals(1, cf.get("virtualQueueBoundShare").asDouble(), 0);
    assertEquals(3, cf.get("edgeShareByChannelState").size());
    assertTrue(cf.get("edgeShareByChannelState").get(1).isNull(), "a state never seen is null, not NaN");
    assertEquals(0.46, cf.get("edgeShareByChannelState").get(2).asDouble(), 0);
    assertEquals("earlier", control.get("alternatives").get(0).get("name").asText());
    assertEquals(0.0083, control.get("alternatives").get(0).get("figures").get("meanDelayS").asDouble(), 0);
    assertEquals(0.2, control.get("fixed").get("virtualQueueBoundShare").asDouble(), 0);
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }
}
