package org.swarmsense.maps.roads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.traffic.Trajectory;

class SyntheticTrafficTest {

  private static RoadGraph monaco;

  @BeforeAll
  static void load() {
    monaco = RoadGraph.load(SharedData.file("maps/monaco.osm.gz"), RoadGraphTest.TEST_CACHE);
  }

  @AfterAll
  static void close() {
    monaco.close();
  }

  @Test
  void vehiclesDriveOnRoadsAtPlausibleSpeedsAt1Hz() {
    long seed = 11L;
    System.out.println("SyntheticTrafficTest seed " + seed);
    List<Trajectory> ts = SyntheticTraffic.generate(monaco, 20, 300, seed);
    assertEquals(20, ts.size());
    double maxSpeed = 0;
    for (Trajectory t : ts) {
      assertEquals(301, t.size(), t.toString());
      assertEquals(0.0, t.tS(0));
      assertEquals(300.0, t.tS(300));
      for (int i = 1; i < t.size(); i++) {
        double v = RoadGraph.distanceM(new Coordinate(t.lonDeg(i - 1), t.latDeg(i - 1)), new Coordinate(t.lonDeg(i), t.latDeg(i)));
        maxSpeed = Math.max(maxSpeed, v);
      }
      for (int i = 0; i < t.size(); i += 50) {
        assertTrue(monaco.snap(t.lonDeg(i), t.latDeg(i)).distanceM() < 1.0, "off road at " + i + " of " + t);
      }
    }
    System.out.printf("max 1 s displacement: %.1f m%n", maxSpeed);
    assertTrue(maxSpeed > 5 && maxSpeed < 40, "max speed " + maxSpeed + " m/s");
  }

  @Test
  void sameSeedSameTraffic() {
    assertEquals(SyntheticTraffic.generate(monaco, 3, 60, 5), SyntheticTraffic.generate(monaco, 3, 60, 5));
    assertNotEquals(SyntheticTraffic.generate(monaco, 3, 60, 5), SyntheticTraffic.generate(monaco, 3, 60, 6));
  }

  @Test
  void badArgumentsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> SyntheticTraffic.generate(monaco, 0, 60, 1));
    assertEquals("vehicles must be > 0, got: 0", e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> SyntheticTraffic.generate(monaco, 1, -5, 1));
    assertTrue(e2.getMessage().startsWith("durationS"), e2.getMessage());
  }
}
