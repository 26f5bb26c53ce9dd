package org.swarmsense.maps.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.grid.SensingGrid;

class TrafficDemandTest {

  @Test
  void countsVehicleSecondsPerCellAndSlot() throws Exception {
    LocalProjection proj = LocalProjection.centredOn(7.42, 43.73);
    // two 100 m cells side by side: cell 0 = x in [0,100), cell 1 = x in [100, 200]
    SensingGrid grid = SensingGrid.over((Polygon) new WKTReader().read("POLYGON ((0 0, 200 0, 200 100, 0 100, 0 0))"), 100);
    // a vehicle at x = 50 for t = 0..9 (10 samples), then jumps to x = 150 at t = 10 and stays to t = 19
    Coordinate a = proj.toWgs84(50, 50);
    Coordinate b = proj.toWgs84(150, 50);
    Trajectory v = new Trajectory("v",
        new double[] {0, 9, 9.5, 19}, new double[] {a.x, a.x, b.x, b.x}, new double[] {a.y, a.y, b.y, b.y});
    double[] d = TrafficDemand.vehicleSeconds(List.of(v), proj, grid, 0, 10, 2);
    // index cell * slots + slot: cell 0 slot 0 = 10 s, cell 1 slot 1 = 10 s
    assertArrayEquals(new double[] {10, 0, 0, 10}, d);
    double[] later = TrafficDemand.vehicleSeconds(List.of(v), proj, grid, 5, 10, 1);
    assertArrayEquals(new double[] {5, 5}, later);
  }

  @Test
  void monacoTraceAllSamplesLandInACoveringGrid() throws Exception {
    List<Trajectory> ts = SumoFcdReader.read(SharedData.file(SumoFcdReaderTest.MONACO));
    LocalProjection proj = LocalProjection.centredOn(7.42, 43.74);
    SensingGrid grid = SensingGrid.over((Polygon) new WKTReader().read("POLYGON ((-3000 -3000, 3000 -3000, 3000 3000, -3000 3000, -3000 -3000))"), 250);
    double[] d = TrafficDemand.vehicleSeconds(ts, proj, grid, 0, 60, 5);
    assertEquals(grid.size() * 5, d.length);
    assertEquals(15_196, Arrays.stream(d).sum(), 1e-9);
  }

  @Test
  void badSlotIsNamed() throws Exception {
    SensingGrid grid = SensingGrid.over((Polygon) new WKTReader().read("POLYGON ((0 0, 200 0, 200 100, 0 0))"), 100);
    var e = assertThrows(IllegalArgumentException.class,
        () -> TrafficDemand.vehicleSeconds(List.of(), LocalProjection.centredOn(0, 0), grid, 0, 0, 1));
    assertEquals("slotS must be > 0, got: 0", e.getMessage());
  }
}
