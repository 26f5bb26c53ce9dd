package org.swarmsense.maps.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class SensingGridTest {

  private static Polygon poly(String wkt) throws Exception {
    return (Polygon) new WKTReader().read(wkt);
  }

  @Test
  void rectangleGivesRowsTimesColumns() throws Exception {
    SensingGrid g = SensingGrid.over(poly("POLYGON ((0 0, 1000 0, 1000 600, 0 600, 0 0))"), 100);
    assertEquals(60, g.size());
    assertEquals(OptionalInt.of(0), g.cellAt(50, 50));
    assertEquals(OptionalInt.of(11), g.cellAt(150, 150)); // row 1, column 1
    assertEquals(OptionalInt.of(59), g.cellAt(1000, 600)); // far corner belongs to the last cell
    assertEquals(OptionalInt.empty(), g.cellAt(-1, 50));
    assertEquals(OptionalInt.empty(), g.cellAt(50, 601));
    SensingGrid.Cell c = g.cells().get(11);
    assertEquals(150, c.xM());
    assertEquals(150, c.yM());
    assertEquals(10_000, c.shape().getArea(), 1e-9);
  }

  @Test
  void triangleKeepsOnlyOverlappingSquares() throws Exception {
    // right triangle over a 4 x 4 block of 10 m squares: the diagonal cuts the squares on it,
    // which still overlap with positive area; the 6 squares strictly above it are dropped
    SensingGrid g = SensingGrid.over(poly("POLYGON ((0 0, 40 0, 40 40, 0 0))"), 10);
    assertEquals(10, g.size());
    assertEquals(OptionalInt.empty(), g.cellAt(5, 35));
    assertTrue(g.cellAt(35, 5).isPresent());
    assertTrue(g.cellAt(5, 5).isPresent()); // diagonal square: half inside
  }

  @Test
  void regularLookupAgreesWithGeometry() throws Exception {
    long seed = 7L;
    System.out.println("SensingGridTest seed " + seed);
    Random rnd = new Random(seed);
    SensingGrid g = SensingGrid.over(poly("POLYGON ((0 0, 900 100, 800 900, 100 700, 0 0))"), 37.5);
    SensingGrid explicit = SensingGrid.ofCells(g.cells());
    for (int i = 0; i < 5000; i++) {
      double x = rnd.nextDouble() * 1000 - 50;
      double y = rnd.nextDouble() * 1000 - 50;
      assertEquals(explicit.cellAt(x, y), g.cellAt(x, y), "at " + x + ", " + y);
    }
  }

  @Test
  void explicitCells() {
    SensingGrid g = SensingGrid.ofCells(List.of(
        SensingGrid.Cell.square(0, 15, 15, 30), SensingGrid.Cell.square(1, 45, 15, 30)));
    assertEquals(OptionalInt.of(0), g.cellAt(1, 1));
    assertEquals(OptionalInt.of(1), g.cellAt(59, 29));
    assertEquals(OptionalInt.of(0), g.cellAt(30, 10)); // shared edge: lowest id
    assertEquals(OptionalInt.empty(), g.cellAt(61, 10));
    assertFalse(g.isRegular());
    var e = assertThrows(IllegalArgumentException.class, () -> SensingGrid.ofCells(List.of(
        SensingGrid.Cell.square(0, 15, 15, 30), SensingGrid.Cell.square(1, 25, 15, 30))));
    assertTrue(e.getMessage().contains("cells 0 and 1 overlap"), e.getMessage());
  }

  @Test
  void selfIntersectingAreaIsRejectedWithWhere() throws Exception {
    Polygon bowtie = poly("POLYGON ((0 0, 100 100, 100 0, 0 100, 0 0))");
    var e = assertThrows(IllegalArgumentException.class, () -> SensingGrid.over(bowtie, 10));
    assertEquals("sensing area is not a valid polygon: Self-intersection at (50, 50)", e.getMessage());
  }

  @Test
  void badCellSizeIsNamed() throws Exception {
    Polygon p = poly("POLYGON ((0 0, 10 0, 10 10, 0 0))");
    var e = assertThrows(IllegalArgumentException.class, () -> SensingGrid.over(p, 0));
    assertTrue(e.getMessage().startsWith("cellSizeM"), e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> SensingGrid.over(p, 0.001));
    assertTrue(e2.getMessage().contains("1,000,000"), e2.getMessage());
  }
}
