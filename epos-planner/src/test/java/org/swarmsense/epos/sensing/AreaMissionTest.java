package org.swarmsense.epos.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.maps.SharedData;
import org.swarmsense.epos.sensing.report.ReportWriter;
import org.swarmsense.maps.geojson.Feature;
import org.swarmsense.maps.geojson.GeoJson;

/** Monaco with the SUMO trace: demand from real streets, a no-fly zone, WGS84 output. */
class AreaMissionTest {

  static String mission(String extra) {
    return "area: {bbox: [7.4070, 43.7234, 7.4392, 43.7518]}\n"
        + "cellSizeM: 250\n"
        + "window: {startS: 0, endS: 300, slotS: 100}\n"
        + "bases: [[7.4236, 43.7347], [7.4190, 43.7275]]\n"
        + "noFlyZones: [{name: palace, polygon: [[7.4185, 43.7300], [7.4225, 43.7300],"
        + " [7.4225, 43.7325], [7.4185, 43.7325]]}]\n"
        + "drones: {count: 6, plansPerDrone: 8, localityM: 800}\n"
        + "demand: {source: sumo, path: "
        + SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz") + "}\n"
        + "planner: {iterations: 10}\n" + extra;
  }

  @Test
  void monacoSumoMissionPlansAroundThePalace(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("monaco.yaml");
    Files.writeString(f, mission(""));
    MissionPlanner.Result r = MissionPlanner.plan(MissionReader.read(f), s -> { });
    MissionPlanner.Run run = r.runs().get(0);
    double vehicleSeconds = 0;
    for (double v : run.problem().vehicleSeconds()) {
      vehicleSeconds += v;
    }
    // the trace has 15,196 samples at 1 Hz; nearly all of them fall inside the bbox and window
    assertTrue(vehicleSeconds > 14_000 && vehicleSeconds <= 15_196, "got " + vehicleSeconds);
    assertEquals(3, run.problem().slots());
    Path out = dir.resolve("out");
    ReportWriter.write(r, out);
    Geometry palace = new GeometryFactory().toGeometry(
        new org.locationtech.jts.geom.Envelope(7.4185, 7.4225, 43.7300, 43.7325));
    int routes = 0;
    for (Feature ft : GeoJson.readFeatures(out.resolve("plans.geojson"))) {
      Coordinate c = ft.geometry().getCoordinate();
      assertTrue(c.x > 7.3 && c.x < 7.5 && c.y > 43.6 && c.y < 43.8, "WGS84: " + c);
      if ("route".equals(ft.properties().get("kind"))) {
        routes++;
        assertFalse(ft.geometry().intersects(palace.buffer(-1e-6)), "route enters the palace");
      }
    }
    assertTrue(routes > 0);
  }

  @Test
  void baseInsideANoFlyZoneIsNamed(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, mission("").replace("[7.4190, 43.7275]", "[7.4200, 43.7310]"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MissionPlanner.plan(MissionReader.read(f), s -> { }));
    assertTrue(e.getMessage().contains("palace"), e.getMessage());
  }

  @Test
  void selfIntersectingAreaIsRejectedWithWhere(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bowtie.yaml");
    Files.writeString(f, mission("").replace("area: {bbox: [7.4070, 43.7234, 7.4392, 43.7518]}",
        "area: {type: Polygon, coordinates: [[[7.41, 43.73], [7.43, 43.75], [7.43, 43.73],"
            + " [7.41, 43.75], [7.41, 43.73]]]}"));
    // refused when read, before any planning, in the user's own coordinates
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MissionReader.read(f));
    assertTrue(e.getMessage().contains("field 'area'") && e.getMessage().contains("Self-intersection at (7.42, 43.74)"),
        e.getMessage());
  }
}
