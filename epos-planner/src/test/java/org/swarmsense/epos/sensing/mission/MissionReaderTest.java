package org.swarmsense.epos.sensing.mission;

import org.swarmsense.maps.SharedData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissionReaderTest {

  private static String cellsMission(Path cells) {
    return "name: athens\n"
        + "cells: " + cells + "\n"
        + "window: {startS: 0, endS: 3600, slotS: 300}\n"
        + "drones: {count: [10, 20], plansPerDrone: 16}\n"
        + "coverageTarget: 2\n"
        + "planner: {iterations: 20, beta: 0.1, cost: L1, seed: 7}\n";
  }

  @Test
  void readsAYamlCellsMissionWithDefaults(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, cellsMission(SharedData.file("missions/pneuma_grid.csv")));
    Mission m = MissionReader.read(f);
    assertEquals("athens", m.name());
    assertEquals(12, m.window().slots());
    assertEquals(4, m.bases().size(), "bases default to the BASE rows");
    assertEquals(List.of(10, 20), m.droneCounts());
    assertEquals(16, m.fleet().plansPerDrone());
    assertEquals(Mission.CostFunction.L1, m.planner().cost());
    assertEquals(0.1, m.planner().beta());
    assertEquals(5, m.planner().repetitions(),
        "I-EPOS repetitions default to the local search's 5 starts (issue 21, epos-planner README)");
    assertEquals(2, m.planner().children());
    assertEquals(Mission.DemandSource.CELLS, m.demand().source());
    assertEquals(1.07, m.fleet().model().bodyMassKg());
  }

  @Test
  void readsJsonAreaMission(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("t.xml");
    Files.writeString(trace, "<fcd-export/>");
    Path f = dir.resolve("m.json");
    Files.writeString(f, "{\"area\": {\"bbox\": [7.41, 43.72, 7.44, 43.75]}, \"cellSizeM\": 200,"
        + "\"window\": {\"endS\": 300, \"slotS\": 60}, \"bases\": [[7.42, 43.73]],"
        + "\"noFlyZones\": [{\"name\": \"palace\", \"polygon\": [[7.420,43.731],[7.421,43.731],"
        + "[7.421,43.732]]}, {\"type\": \"Feature\", \"properties\": {\"name\": \"port\","
        + " \"maxAltitudeM\": 40}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
        + " [[[7.42,43.73],[7.43,43.73],[7.43,43.74],[7.42,43.73]]]}}],"
        + "\"drones\": {\"count\": 5}, \"demand\": {\"source\": \"sumo\", \"path\": \"t.xml\"}}");
    Mission m = MissionReader.read(f);
    assertTrue(m.geographic());
    assertEquals(4, m.area().orElseThrow().ring().size());
    assertEquals(trace.toAbsolutePath().normalize(), m.demand().path().orElseThrow());
    assertEquals("palace", m.noFlyZones().get(0).name());
    assertEquals("port", m.noFlyZones().get(1).name());
    assertEquals(40.0, m.noFlyZones().get(1).maxAltitudeM().orElseThrow());
    assertEquals(4, m.noFlyZones().get(1).ring().size());
  }

  private static String areaMission(String demandExtra) {
    return "{\"area\": {\"bbox\": [7.41, 43.72, 7.44, 43.75]}, \"cellSizeM\": 200,"
        + "\"window\": {\"endS\": 300, \"slotS\": 60}, \"bases\": [[7.42, 43.73]],"
        + "\"drones\": {\"count\": 5}, \"demand\": {\"source\": \"sumo\", \"path\": \"t.xml\"" + demandExtra + "}}";
  }

  @Test
  void theDemandViewIsTheWholeCellUnlessTheMissionSaysCamera(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("t.xml"), "<fcd-export/>");
    Path f = dir.resolve("m.json");
    Files.writeString(f, areaMission(""));
    assertEquals(Mission.DemandView.CELL, MissionReader.read(f).demand().view());
    Files.writeString(f, areaMission(", \"view\": \"cell\""));
    assertEquals(Mission.DemandView.CELL, MissionReader.read(f).demand().view());
    Files.writeString(f, areaMission(", \"view\": \"camera\""));
    assertEquals(Mission.DemandView.CAMERA, MissionReader.read(f).demand().view());
  }

  @Test
  void aBadDemandViewIsRefusedNamingTheFieldAndTheValue(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("t.xml"), "<fcd-export/>");
    String bad = error(dir, areaMission(", \"view\": \"Camera\""));
    assertTrue(bad.endsWith("field 'demand.view' must be one of cell, camera; got 'Camera'"), bad);
    bad = error(dir, areaMission(", \"view\": 60"));
    assertTrue(bad.endsWith("field 'demand.view' must be one of cell, camera; got '60'"), bad);
    bad = error(dir, cellsMission(SharedData.file("missions/pneuma_grid.csv")) + "demand: {source: cells, view: camera}\n");
    assertTrue(bad.endsWith("field 'demand.view' is camera but 'demand.source' is cells: a camera view needs a trace"
        + " over an area"), bad);
  }

  @Test
  void aSelfIntersectingAreaIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("t.xml"), "<fcd-export/>");
    String msg =
        error(
            dir,
            "{\"area\": {\"type\": \"Polygon\", \"coordinates\": [[[7.415,43.728],[7.435,43.745],"
                + "[7.435,43.728],[7.415,43.745],[7.415,43.728]]]}, \"cellSizeM\": 200,"
                + "\"window\": {\"endS\": 300, \"slotS\": 60}, \"bases\": [[7.42, 43.73]],"
                + "\"drones\": {\"count\": 5}, \"demand\": {\"source\": \"sumo\", \"path\": \"t.xml\"}}");
    assertTrue(msg.contains("'area'") && msg.contains("Self-intersection"), msg);
  }

  private static String error(Path dir, String yaml) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, yaml);
    return assertThrows(IllegalArgumentException.class, () -> MissionReader.read(f)).getMessage();
  }

  @Test
  void everyBadFieldIsNamed(@TempDir Path dir) throws Exception {
    String cells = SharedData.file("missions/pneuma_grid.csv").toString();
    String ok = cellsMission(Path.of(cells));
    assertTrue(error(dir, ok.replace("slotS: 300", "slotS: -5")).contains("window.slotS"));
    assertTrue(error(dir, ok.replace("count: [10, 20]", "count: 0")).contains("drones.count"));
    assertTrue(error(dir, ok.replace("plansPerDrone: 16", "plansPerDrone: 1.5"))
        .contains("drones.plansPerDrone"));
    assertTrue(error(dir, ok.replace("cost: L1", "cost: VAR")).contains("planner.cost"));
    String withCap = error(dir, ok.replace("cost: L1", "cost: cover, capFactor: 1.5"));
    assertTrue(withCap.contains("planner.capFactor") && withCap.contains("COVER") && withCap.contains("1.5"), withCap);
    Path cover = dir.resolve("cover.yaml");
    Files.writeString(cover, ok.replace("cost: L1", "cost: cover"));
    assertEquals(Mission.CostFunction.COVER, MissionReader.read(cover).planner().cost());
    assertTrue(error(dir, ok.replace("beta: 0.1", "beta: 2")).contains("beta"));
    assertTrue(error(dir, ok.replace("coverageTarget: 2", "coverageTarget: -1"))
        .contains("coverageTarget"));
    assertTrue(error(dir, ok + "colour: red\n").contains("unknown field 'colour'"));
    assertTrue(error(dir, ok.replace("plansPerDrone: 16", "plansPerDrone: 16, wings: 2"))
        .contains("drones.wings"));
    assertTrue(error(dir, ok.replace("plansPerDrone: 16",
        "model: {rotorDiameterM: 0.005, bodyMassKg: 0.025, batteryMassKg: 0.007}"))
        .contains("physically absurd"));
    assertTrue(error(dir, ok.replace("window: {startS: 0, endS: 3600, slotS: 300}\n", ""))
        .contains("'window'"));
    assertTrue(error(dir, ok.replace(cells, "/nonexistent/cells.csv")).contains("cells"));
    assertTrue(error(dir, "area: {bbox: [7.41, 43.72, 7.40, 43.75]}\ncellSizeM: 100\n")
        .contains("area.bbox"));
    assertTrue(error(dir, "area: {bbox: [7.41, 95, 7.44, 96]}\ncellSizeM: 100\n")
        .contains("area.bbox"));
    assertTrue(error(dir, "cells: [unclosed\n").contains("YAML"));
  }
}
