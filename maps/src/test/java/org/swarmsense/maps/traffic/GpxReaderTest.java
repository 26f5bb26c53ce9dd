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
import org.swarmsense.maps.SharedData;

class GpxReaderTest {

  @Test
  void andorraTrackWithoutTimesGetsOneSecondPerPoint() {
    List<Trajectory> ts = GpxReader.read(SharedData.file("maps/gpx/andorra_for_map_matching.gpx"));
    assertEquals(1, ts.size());
    Trajectory t = ts.get(0);
    assertEquals("new#0/0", t.vehicleId());
    assertEquals(21, t.size());
    assertEquals(1.532909, t.lonDeg(0));
    assertEquals(42.623636, t.latDeg(0));
    assertEquals(20.0, t.tS(20));
  }

  @Test
  void timedTrack(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("t.gpx");
    Files.writeString(f, """
        <?xml version="1.0"?>
        <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
          <trkpt lat="42.5" lon="1.5"><time>2024-05-01T10:00:00Z</time></trkpt>
          <trkpt lat="42.6" lon="1.6"><ele>1000</ele><time>2024-05-01T10:00:02.5Z</time></trkpt>
        </trkseg></trk></gpx>
        """);
    Trajectory t = GpxReader.read(f).get(0);
    assertEquals("track#0/0", t.vehicleId());
    assertArrayEquals(new double[] {1714557600.0, 1714557602.5}, t.tS());
    assertEquals(3, t.at1Hz().size());
    assertEquals(1.54, t.at1Hz().lonDeg(1), 1e-12);
  }

  @Test
  void truncatedGpxNamesFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("cut.gpx");
    Files.writeString(f, "<gpx><trk><trkseg>\n<trkpt lat=\"42.5\" lon=\"1.5\"/>\n<trkpt lat=\"42.5");
    var e = assertThrows(IllegalArgumentException.class, () -> GpxReader.read(f));
    assertTrue(e.getMessage().startsWith(f + ": truncated or corrupt trace near line 3"), e.getMessage());
  }

  @Test
  void latitudeOutOfRangeIsNamed(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.gpx");
    Files.writeString(f, "<gpx><trk><trkseg>\n<trkpt lat=\"142.5\" lon=\"1.5\"/>\n</trkseg></trk></gpx>");
    var e = assertThrows(IllegalArgumentException.class, () -> GpxReader.read(f));
    assertEquals(f + ": line 2: <trkpt> lat = 142.5 outside [-90, 90]", e.getMessage());
  }
}
