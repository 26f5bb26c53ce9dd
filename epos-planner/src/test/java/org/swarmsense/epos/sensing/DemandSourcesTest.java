package org.swarmsense.epos.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.epos.sensing.mission.MissionReader;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.MapsSettings;

/** Demand from each trace kind the mission accepts: pNEUMA CSV, GPX, synthetic on a road graph. */
class DemandSourcesTest {

  static double total(MissionPlanner.Result r) {
    double s = 0;
    for (double v : r.runs().get(0).problem().vehicleSeconds()) {
      s += v;
    }
    return s;
  }

  @Test
  void pneumaStyleCsvCountsVehicleSecondsPerCellAndSlot(@TempDir Path dir) throws Exception {
    // two vehicles, 1 Hz for 0..9 s (10 samples each); vehicle 2 stays still
    StringBuilder csv = new StringBuilder("track_id; type; traveled_d; avg_speed; lat; lon; speed;"
        + " lon_acc; lat_acc; time\n");
    for (int v = 1; v <= 2; v++) {
      csv.append(v).append("; Car; 10; 5;");
      for (int t = 0; t < 10; t++) {
        double lon = 23.7300 + (v == 1 ? t * 0.0001 : 0);
        csv.append(String.format(java.util.Locale.ROOT, " 37.9800; %.5f; 5; 0; 0; %d.0;", lon, t));
      }
      csv.append('\n');
    }
    Files.writeString(dir.resolve("tracks.csv"), csv.toString());
    Files.writeString(dir.resolve("m.yaml"), "area: {bbox: [23.7290, 37.9790, 23.7320, 37.9810]}\n"
        + "cellSizeM: 50\nwindow: {startS: 0, endS: 10, slotS: 5}\nbases: [[23.7291, 37.9791]]\n"
        + "drones: {count: 2, plansPerDrone: 4}\n"
        + "demand: {source: pneuma, path: tracks.csv}\nplanner: {iterations: 5}\n");
    MissionPlanner.Result r = MissionPlanner.plan(MissionReader.read(dir.resolve("m.yaml")),
        s -> { });
    assertEquals(20, total(r), 1e-9, "2 vehicles x 10 s");
    assertEquals(2, r.runs().get(0).problem().slots());
  }

  @Test
  void gpxTrackGivesDemandAlongItsRoad(@TempDir Path dir) throws Exception {
    Path gpx = SharedData.file("maps/gpx/andorra_for_map_matching.gpx");
    Files.writeString(dir.resolve("m.yaml"), "area: {bbox: [1.530, 42.619, 1.543, 42.626]}\n"
        + "cellSizeM: 100\nwindow: {startS: 0, endS: 3600, slotS: 600}\n"
        + "bases: [[1.531, 42.620]]\ndrones: {count: 2, plansPerDrone: 4}\n"
        + "demand: {source: gpx, path: " + gpx + "}\nplanner: {iterations: 5}\n");
    MissionPlanner.Result r = MissionPlanner.plan(MissionReader.read(dir.resolve("m.yaml")),
        s -> { });
    assertTrue(total(r) > 0);
    long cellsWithTraffic = 0;
    var p = r.runs().get(0).problem();
    for (int c = 0; c < p.cells(); c++) {
      double s = 0;
      for (int t = 0; t < p.slots(); t++) {
        s += p.vehicleSecondsAt(c * p.slots() + t);
      }
      cellsWithTraffic += s > 0 ? 1 : 0;
    }
    assertTrue(cellsWithTraffic >= 3 && cellsWithTraffic < p.cells(),
        "a track crosses a few cells, got " + cellsWithTraffic + " of " + p.cells());
  }

  @Test
  void syntheticTrafficOnTheMonacoRoadGraph(@TempDir Path dir) throws Exception {
    Path osm = SharedData.file("maps/monaco.osm.gz");
    String yaml = "area: {bbox: [7.4070, 43.7234, 7.4392, 43.7518]}\n"
        + "cellSizeM: 300\nwindow: {startS: 0, endS: 600, slotS: 300}\n"
        + "bases: [[7.4236, 43.7347]]\ndrones: {count: 3, plansPerDrone: 4}\n"
        + "demand: {source: synthetic, path: " + osm + ", vehicles: 30, seed: 5}\n"
        + "planner: {iterations: 5}\n";
    Files.writeString(dir.resolve("m.yaml"), yaml);
    MapsSettings d = MapsSettings.load();
    MapsSettings maps = new MapsSettings(dir.resolve("cache"), d.roadProfile(),
        d.maxSnapDistanceM(), d.noFlyClearanceM(), d.gpsSigmaM());
    double a = total(MissionPlanner.plan(MissionReader.read(dir.resolve("m.yaml")), maps,
        s -> { }));
    double b = total(MissionPlanner.plan(MissionReader.read(dir.resolve("m.yaml")), maps,
        s -> { }));
    System.out.println("synthetic seed 5: " + a + " vehicle-seconds");
    assertTrue(a > 0);
    assertEquals(a, b, 0, "seeded: same demand twice");
  }

  @Test
  void noTrafficInTheWindowIsAClearError(@TempDir Path dir) throws Exception {
    Path trace = SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz");
    Files.writeString(dir.resolve("m.yaml"), "area: {bbox: [7.4070, 43.7234, 7.4392, 43.7518]}\n"
        + "cellSizeM: 300\nwindow: {startS: 1000, endS: 1600, slotS: 300}\n"
        + "bases: [[7.4236, 43.7347]]\ndrones: {count: 3}\n"
        + "demand: {source: sumo, path: " + trace + "}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MissionPlanner.plan(MissionReader.read(dir.resolve("m.yaml")), s -> { }));
    assertTrue(e.getMessage().contains("1000.0..1600.0"), e.getMessage());
  }
}
