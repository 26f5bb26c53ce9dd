package org.swarmsense.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * Where a device's count falls (the cell whose 100 m square holds it, by hand-placed cells) and the
 * per-device bound of one count per second (on a given clock), with the counts the metrics show.
 */
class MissionTrafficTest {
  static final LocalProjection AT = LocalProjection.centredOn(7.42, 43.73);
  // three 100 m cells in a row along x: centres at x = 0, 100, 200 (y = 0)
  static final SensingProblem CELLS = SensingProblem.of(List.of(new double[] {0, 0}, new double[] {100, 0},
      new double[] {200, 0}), new int[] {1, 2, 3}, 1, 60, 60, new double[] {60, 60, 60},
      List.<double[]>of(new double[] {0, 0}));
  static final long SECOND = 1_000_000_000L;

  static OptionalInt at(MissionTraffic t, String device, double xM, double yM, long nowNanos) {
    Coordinate c = AT.toWgs84(xM, yM);
    return t.cellFor(device, c.y, c.x, nowNanos);
  }

  @Test
  void aCountFallsInTheCellWhoseSquareHoldsItAndOutsideEveryCellIsCounted() {
    MissionTraffic t = new MissionTraffic(AT, CELLS, 100, Duration.ZERO);
    assertEquals(OptionalInt.of(0), at(t, "d", 0, 0, 0));
    assertEquals(OptionalInt.of(1), at(t, "d", 120, 40, 1));
    assertEquals(OptionalInt.of(2), at(t, "d", 245, -45, 2));
    assertEquals(OptionalInt.empty(), at(t, "d", 100, 60, 3), "60 m off a 100 m cell's centre line");
    assertEquals(OptionalInt.empty(), at(t, "d", -60, 0, 4));
    assertEquals(OptionalInt.empty(), at(t, "d", 5000, 5000, 5));
    assertEquals("{\"accepted\":3,\"throttled\":0,\"outsideMission\":3}", t.counts().toString());
  }

  @Test
  void aDeviceIsHeardAtMostOncePerIntervalInsideOrOutside() {
    MissionTraffic t = new MissionTraffic(AT, CELLS, 100, Duration.ofSeconds(1));
    assertEquals(OptionalInt.of(1), at(t, "sensor/a", 100, 0, 10 * SECOND));
    assertEquals(OptionalInt.empty(), at(t, "sensor/a", 100, 0, 10 * SECOND + SECOND / 2), "too soon");
    assertEquals(OptionalInt.of(1), at(t, "sensor/b", 100, 0, 10 * SECOND + SECOND / 2), "another device");
    assertEquals(OptionalInt.of(1), at(t, "sensor/a", 100, 0, 11 * SECOND), "one interval later");
    assertEquals(OptionalInt.empty(), at(t, "sensor/c", 9000, 0, 11 * SECOND));
    assertEquals(OptionalInt.empty(), at(t, "sensor/c", 100, 0, 11 * SECOND + 1), "outside counts for the bound too");
    assertEquals("{\"accepted\":3,\"throttled\":2,\"outsideMission\":1}", t.counts().toString());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MissionTraffic(AT, CELLS, 0, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new MissionTraffic(AT, CELLS, Double.NaN, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new MissionTraffic(AT, CELLS, 100, Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> new MissionTraffic(null, CELLS, 100, Duration.ZERO));
  }
}
