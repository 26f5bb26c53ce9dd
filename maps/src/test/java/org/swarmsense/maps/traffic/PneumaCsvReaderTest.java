package org.swarmsense.maps.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PneumaCsvReaderTest {

  private static final String HEADER =
      "track_id; type; traveled_d; avg_speed; lat; lon; speed; lon_acc; lat_acc; time\n";

  @Test
  void readsRepeatingGroups(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("pneuma.csv");
    Files.writeString(f, HEADER
        + "1; Car; 48.85; 9.770344; 37.977391; 23.737688; 4.9178; 0.0518; -0.0299; 0.000000; 37.977388; 23.737690; 4.9207; -0.0124; -0.0354; 0.040000; \n"
        + "2; Motorcycle; 98.09; 19.839417; 37.977642; 23.737400; 16.9759; -0.0361; -0.0228; 0.000000\n");
    List<Trajectory> ts = PneumaCsvReader.read(f);
    assertEquals(2, ts.size());
    assertEquals("1", ts.get(0).vehicleId());
    assertArrayEquals(new double[] {0.0, 0.04}, ts.get(0).tS());
    assertArrayEquals(new double[] {23.737688, 23.737690}, ts.get(0).lonDeg());
    assertArrayEquals(new double[] {37.977391, 37.977388}, ts.get(0).latDeg());
    assertEquals(1, ts.get(1).size());
    assertEquals("Car", ts.get(0).vehicleType());
    assertEquals("Motorcycle", ts.get(1).vehicleType());
  }

  @Test
  void truncatedLineIsNamed(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("cut.csv");
    Files.writeString(f, HEADER + "1; Car; 48.85; 9.77; 37.977391; 23.737688; 4.9178; 0.0518; -0.0299; 0.0; 37.97\n");
    var e = assertThrows(IllegalArgumentException.class, () -> PneumaCsvReader.read(f));
    assertTrue(e.getMessage().startsWith(f + ": line 2: 11 fields"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void badNumberIsNamedWithField(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, HEADER + "1; Car; 48.85; 9.77; 37.977391; abc; 4.9178; 0.0518; -0.0299; 0.0\n");
    var e = assertThrows(IllegalArgumentException.class, () -> PneumaCsvReader.read(f));
    assertEquals(f + ": line 2: field 6 (lon) \"abc\" is not a number", e.getMessage());
  }
}
