package org.swarmsense.epos.sensing.mission;

import org.swarmsense.maps.SharedData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellsFileTest {

  @Test
  void readsThePneumaGrid() {
    CellsFile f = CellsFile.read(SharedData.file("missions/pneuma_grid.csv"));
    assertEquals(422, f.cells().size());
    assertEquals(4, f.bases().size());
    double total = f.cells().stream().mapToDouble(CellsFile.Row::value).sum();
    assertEquals(1000, total, 0.5);
    assertEquals(846.9732270996981, f.cells().get(0).yM(), 1e-9);
    assertEquals(1631.4428430001244, f.bases().get(1).xM(), 1e-9);
  }

  @Test
  void badRowNamesFileLineAndField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "type,id,x,y,z,value\nSENSE,0,1,1,1,3\nSENSE,1,1,abc,1,3\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CellsFile.read(f));
    assertTrue(e.getMessage().contains("bad.csv:3") && e.getMessage().contains("'y'"),
        e.getMessage());
    Files.writeString(f, "type,id,x,y,z,value\nSENSOR,0,1,1,1,3\n");
    e = assertThrows(IllegalArgumentException.class, () -> CellsFile.read(f));
    assertTrue(e.getMessage().contains("bad.csv:2") && e.getMessage().contains("SENSOR"),
        e.getMessage());
    Files.writeString(f, "type,id,x,y,z,value\nSENSE,0,1,1,1,-3\n");
    e = assertThrows(IllegalArgumentException.class, () -> CellsFile.read(f));
    assertTrue(e.getMessage().contains("'value'"), e.getMessage());
  }
}
