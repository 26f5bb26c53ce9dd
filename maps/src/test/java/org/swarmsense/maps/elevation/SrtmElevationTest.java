package org.swarmsense.maps.elevation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.maps.SharedData;

class SrtmElevationTest {

  private static SrtmElevation shared() {
    return SrtmElevation.fromDirectory(SharedData.dir().resolve("maps/srtm"));
  }

  @Test
  void andorraLaVellaIsAboutOneThousandMetresUp() {
    double e = shared().elevationM(1.5218, 42.5063);
    System.out.println("Andorra la Vella: " + e + " m");
    assertTrue(e > 1000 && e < 1100, "elevation " + e);
  }

  @Test
  void monacoHarbourIsNearSeaLevel() {
    double e = shared().elevationM(7.4229, 43.7350); // Port Hercule quay
    System.out.println("Monaco harbour: " + e + " m");
    assertTrue(e > -5 && e < 15, "elevation " + e);
  }

  @Test
  void missingTileIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> shared().elevationM(2.35, 48.85));
    assertTrue(e.getMessage().startsWith("no SRTM tile for (lon 2.350000, lat 48.850000): expected N48E002.hgt"), e.getMessage());
  }

  @Test
  void bilinearOnAHandMadeTile(@TempDir Path dir) throws Exception {
    // a 1201 x 1201 tile S01W002 (lat -1..0, lon -2..-1) whose sample at row r, column c is r + c
    ByteBuffer b = ByteBuffer.allocate(1201 * 1201 * 2);
    for (int r = 0; r < 1201; r++) {
      for (int c = 0; c < 1201; c++) {
        b.putShort((short) (r + c));
      }
    }
    Files.write(dir.resolve("S01W002.hgt"), b.array());
    SrtmElevation e = SrtmElevation.fromDirectory(dir);
    // row r is at lat -r/1200, column c at lon -2 + c/1200
    assertEquals(1, e.elevationM(-2, -1.0 / 1200), 1e-6); // row 1, column 0
    assertEquals(2400, e.elevationM(-1 - 1e-12, -1), 1e-6); // south-east corner
    assertEquals(1200, e.elevationM(-1.5, -0.5), 1e-6);
    assertEquals(1.5, e.elevationM(-2 + 0.5 / 1200, -1.0 / 1200), 1e-6); // half a sample east
    assertEquals("S01W002", SrtmElevation.tileName(-2, -1));
  }
}
