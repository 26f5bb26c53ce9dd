package org.swarmsense.maps.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
    // streaming the file through a counter gives the very same array
    TrafficDemand.Counter counter = TrafficDemand.counter(proj, grid, 0, 60, 5);
    int[] streamed = new int[1];
    SumoFcdReader.forEach(SharedData.file(SumoFcdReaderTest.MONACO), t -> {
      streamed[0]++;
      counter.accept(t);
    });
    assertArrayEquals(d, counter.vehicleSeconds());
    System.out.println("streamed " + streamed[0] + " trajectories (read() gives " + ts.size() + ")");
    assertTrue(streamed[0] >= ts.size());
  }

  @Test
  void badSlotIsNamed() throws Exception {
    SensingGrid grid = SensingGrid.over((Polygon) new WKTReader().read("POLYGON ((0 0, 200 0, 200 100, 0 0))"), 100);
    var e = assertThrows(IllegalArgumentException.class,
        () -> TrafficDemand.vehicleSeconds(List.of(), LocalProjection.centredOn(0, 0), grid, 0, 0, 1));
    assertEquals("slotS must be > 0, got: 0", e.getMessage());
  }

  @Test
  void aFootprintCountsOnlyTheSamplesInsideTheSquareOverTheCellsCentre() throws Exception {
    LocalProjection proj = LocalProjection.centredOn(7.42, 43.73);
    // one 200 m cell, centre (100, 100); a 60 m x 40 m footprint sees x in [70, 130], y in [80, 120]
    SensingGrid grid = SensingGrid.over((Polygon) new WKTReader().read("POLYGON ((0 0, 200 0, 200 200, 0 200, 0 0))"), 200);
    assertEquals(100, grid.cells().get(0).xM(), 1e-9);
    assertEquals(100, grid.cells().get(0).yM(), 1e-9);
    // crosses the whole cell west to east along y = 20, outside the square: 10 s in the cell, 0 in view
    Coordinate w = proj.toWgs84(5, 20);
    Coordinate e = proj.toWgs84(195, 20);
    Trajectory outside = new Trajectory("outside", new double[] {0, 9}, new double[] {w.x, e.x}, new double[] {w.y, e.y});
    // parked at the centre for t = 0..4, then 70 m north of it (in the cell, out of view) for t = 5..9
    Coordinate c = proj.toWgs84(100, 100);
    Coordinate n = proj.toWgs84(100, 170);
    Trajectory inside = new Trajectory("inside",
        new double[] {0, 4, 4.5, 9}, new double[] {c.x, c.x, n.x, n.x}, new double[] {c.y, c.y, n.y, n.y});
    // 29 m east of the centre (in view: half the width is 30 m) for t = 0..9, but 21 m north (out: half the height is 20 m)
    Coordinate ne = proj.toWgs84(129, 121);
    Trajectory corner = new Trajectory("corner", new double[] {0, 9}, new double[] {ne.x, ne.x}, new double[] {ne.y, ne.y});
    Optional<TrafficDemand.Footprint> view = Optional.of(new TrafficDemand.Footprint(60, 40));

    assertArrayEquals(new double[] {10}, TrafficDemand.vehicleSeconds(List.of(outside), proj, grid, 0, 10, 1));
    assertArrayEquals(new double[] {0}, TrafficDemand.vehicleSeconds(List.of(outside), proj, grid, 0, 10, 1, view));
    assertArrayEquals(new double[] {10}, TrafficDemand.vehicleSeconds(List.of(inside), proj, grid, 0, 10, 1));
    assertArrayEquals(new double[] {5}, TrafficDemand.vehicleSeconds(List.of(inside), proj, grid, 0, 10, 1, view));
    assertArrayEquals(new double[] {0}, TrafficDemand.vehicleSeconds(List.of(corner), proj, grid, 0, 10, 1, view));
    // the same corner is in a square footprint of 60 m
    assertArrayEquals(new double[] {10}, TrafficDemand.vehicleSeconds(List.of(corner), proj, grid, 0, 10, 1,
        Optional.of(new TrafficDemand.Footprint(60, 60))));
    // empty footprint: exactly the whole-cell count
    assertArrayEquals(TrafficDemand.vehicleSeconds(List.of(outside, inside, corner), proj, grid, 0, 5, 2),
        TrafficDemand.vehicleSeconds(List.of(outside, inside, corner), proj, grid, 0, 5, 2, Optional.empty()));
  }

  @Test
  void aBadFootprintIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> new TrafficDemand.Footprint(0, 10));
    assertEquals("footprint widthM must be a positive finite number of metres, got: 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TrafficDemand.Footprint(10, Double.NaN));
    assertEquals("footprint heightM must be a positive finite number of metres, got: NaN", e.getMessage());
  }
}
