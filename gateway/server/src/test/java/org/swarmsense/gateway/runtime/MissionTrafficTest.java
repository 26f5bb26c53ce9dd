package org.swarmsense.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.epos.sensing.plans.SensingProblem;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.maps.camera.CameraSettings;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.traffic.TrafficDemand;

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
  // the maps default camera written out: 60 degrees, 512 x 512 px, at 100 m sees 115.5 m x 115.5 m
  static final CameraSettings CAMERA = new CameraSettings(100, 60, 512, 512, 0.02, 6);
  // the forecast counts whole cells
  static final Optional<TrafficDemand.Footprint> CELL = Optional.empty();

  static OptionalInt at(MissionTraffic t, String device, double xM, double yM, long nowNanos) {
    Coordinate c = AT.toWgs84(xM, yM);
    return t.cellFor(device, c.y, c.x, nowNanos);
  }

  @Test
  void aCountFallsInTheCellWhoseSquareHoldsItAndOutsideEveryCellIsCounted() {
    MissionTraffic t = new MissionTraffic(AT, CELLS, 100, Duration.ZERO, CAMERA, CELL);
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
    MissionTraffic t = new MissionTraffic(AT, CELLS, 100, Duration.ofSeconds(1), CAMERA, CELL);
    assertEquals(OptionalInt.of(1), at(t, "sensor/a", 100, 0, 10 * SECOND));
    assertEquals(OptionalInt.empty(), at(t, "sensor/a", 100, 0, 10 * SECOND + SECOND / 2), "too soon");
    assertEquals(OptionalInt.of(1), at(t, "sensor/b", 100, 0, 10 * SECOND + SECOND / 2), "another device");
    assertEquals(OptionalInt.of(1), at(t, "sensor/a", 100, 0, 11 * SECOND), "one interval later");
    assertEquals(OptionalInt.empty(), at(t, "sensor/c", 9000, 0, 11 * SECOND));
    assertEquals(OptionalInt.empty(), at(t, "sensor/c", 100, 0, 11 * SECOND + 1), "outside counts for the bound too");
    assertEquals("{\"accepted\":3,\"throttled\":2,\"outsideMission\":1}", t.counts().toString());
  }

  @Test
  void aDronesCountCoversItsCameraFootprintsShareOfTheCellASensorsTheWholeCell() {
    // footprint side 2 x alt x tan(30 deg) = alt x 2 / sqrt(3); area alt^2 x 4 / 3
    MissionTraffic big = new MissionTraffic(AT, CELLS, 200, Duration.ZERO, CAMERA, CELL);
    assertEquals(1.0 / 3, big.cellShare(DeviceKind.DRONE, 100), 1e-12, "100^2 x 4/3 / 200^2");
    assertEquals(1.0 / 12, big.cellShare(DeviceKind.DRONE, 50), 1e-12, "50^2 x 4/3 / 200^2");
    assertEquals(1.0, big.cellShare(DeviceKind.DRONE, 300), 1e-12, "a footprint wider than the cell: clipped to 1");
    assertEquals(1.0 / 3, big.cellShare(DeviceKind.DRONE, 0), 1e-12, "on the ground: the camera's own altitude");
    assertEquals(1.0 / 3, big.cellShare(DeviceKind.DRONE, -5), 1e-12);
    assertEquals(1.0, big.cellShare(DeviceKind.SENSOR, 0), "a sensor counts its whole cell");
    // a 2:1 image: height half the width
    MissionTraffic wide = new MissionTraffic(AT, CELLS, 200, Duration.ZERO, CAMERA.withSizePx(512, 256), CELL);
    assertEquals(1.0 / 6, wide.cellShare(DeviceKind.DRONE, 100), 1e-12);
  }

  @Test
  void onACameraMissionTheForecastCountsTheFootprintSoADroneAtTheMissionsAltitudeCoversAllOfItASensorMore() {
    // the mission's demand counts the 100 m camera's 115.5 m square over each 200 m cell's centre
    double side = 200 / Math.sqrt(3);
    MissionTraffic cam = new MissionTraffic(AT, CELLS, 200, Duration.ZERO, CAMERA,
        Optional.of(new TrafficDemand.Footprint(side, side)));
    assertEquals(1.0, cam.cellShare(DeviceKind.DRONE, 100), 1e-12, "the footprint the forecast counts");
    assertEquals(0.25, cam.cellShare(DeviceKind.DRONE, 50), 1e-12, "half the side: a quarter of it");
    assertEquals(3.0, cam.cellShare(DeviceKind.DRONE, 300), 1e-12, "clipped to the cell: 200^2 / (115.5^2)");
    assertEquals(3.0, cam.cellShare(DeviceKind.SENSOR, 0), 1e-12, "a sensor counts the whole cell: 3x the footprint");
    // a footprint wider than the cell is counted as the cell: the same shares as a whole-cell forecast
    MissionTraffic wideView = new MissionTraffic(AT, CELLS, 200, Duration.ZERO, CAMERA,
        Optional.of(new TrafficDemand.Footprint(500, 500)));
    assertEquals(1.0 / 3, wideView.cellShare(DeviceKind.DRONE, 100), 1e-12);
    assertEquals(1.0, wideView.cellShare(DeviceKind.SENSOR, 0), 1e-12);
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MissionTraffic(AT, CELLS, 0, Duration.ZERO, CAMERA, CELL));
    assertThrows(IllegalArgumentException.class, () -> new MissionTraffic(AT, CELLS, Double.NaN, Duration.ZERO, CAMERA, CELL));
    assertThrows(IllegalArgumentException.class, () -> new MissionTraffic(AT, CELLS, 100, Duration.ofSeconds(-1), CAMERA, CELL));
    assertThrows(IllegalArgumentException.class, () -> new MissionTraffic(null, CELLS, 100, Duration.ZERO, CAMERA, CELL));
    assertThrows(IllegalArgumentException.class, () -> new MissionTraffic(AT, CELLS, 100, Duration.ZERO, null, CELL));
    assertThrows(IllegalArgumentException.class, () -> new MissionTraffic(AT, CELLS, 100, Duration.ZERO, CAMERA, null));
  }
}
