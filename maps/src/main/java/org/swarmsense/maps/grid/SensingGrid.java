package org.swarmsense.maps.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.swarmsense.maps.geo.PolygonChecks;

/**
 * Sensing cells in local metres (see {@link org.swarmsense.maps.geo.LocalProjection}).
 *
 * <p>{@link #over} lays a square grid with its lower-left corner at the area's envelope minimum;
 * a square becomes a cell when it overlaps the area with positive area, so every point of the area
 * lies in a cell; the cell's shape is the whole square (drones sense whole cells), its centre is
 * the square's centre, and ids run row by row from the south-west (x fastest). {@link #cellAt} on
 * such a grid is index arithmetic. {@link #ofCells} takes explicit cells (e.g. from a cells file)
 * and looks points up in an R-tree. Immutable and thread-safe.
 */
public final class SensingGrid {

  /**
   * One sensing cell. Immutable and thread-safe (the shape must not be mutated by callers).
   *
   * @param id index of the cell in {@link #cells()} (0-based, dense)
   * @param xM centre, metres east of the projection origin
   * @param yM centre, metres north of the projection origin
   * @param shape the cell's area in local metres
   */
  public record Cell(int id, double xM, double yM, Polygon shape) {
    /** Validates the id, centre and shape. */
    public Cell {
      if (id < 0) {
        throw new IllegalArgumentException("cell id must be >= 0, got: " + id);
      }
      if (!Double.isFinite(xM) || !Double.isFinite(yM)) {
        throw new IllegalArgumentException("cell " + id + " centre must be finite, got: (" + xM + ", " + yM + ")");
      }
      PolygonChecks.requireValid(shape, "shape of cell " + id);
    }

    /** A square cell of side {@code sizeM} centred on (xM, yM). */
    public static Cell square(int id, double xM, double yM, double sizeM) {
      if (!(sizeM > 0) || Double.isInfinite(sizeM)) {
        throw new IllegalArgumentException("sizeM of cell " + id + " must be positive, got: " + sizeM);
      }
      double h = sizeM / 2;
      return new Cell(id, xM, yM, (Polygon) GF.toGeometry(new Envelope(xM - h, xM + h, yM - h, yM + h)));
    }
  }

  private static final GeometryFactory GF = new GeometryFactory();

  private final List<Cell> cells;
  // regular grid lookup (null when explicit)
  private final int[] cellOfSquare;
  private final int columns;
  private final int rows;
  private final double originX;
  private final double originY;
  private final double cellSizeM;
  // explicit cells lookup (null when regular)
  private final STRtree index;

  private SensingGrid(
      List<Cell> cells, int[] cellOfSquare, int columns, int rows, double originX, double originY,
      double cellSizeM, STRtree index) {
    this.cells = List.copyOf(cells);
    this.cellOfSquare = cellOfSquare;
    this.columns = columns;
    this.rows = rows;
    this.originX = originX;
    this.originY = originY;
    this.cellSizeM = cellSizeM;
    this.index = index;
  }

  /**
   * A square grid over {@code areaLocal} (a valid polygon in local metres) with cells of side
   * {@code cellSizeM}.
   *
   * @throws IllegalArgumentException if the polygon is invalid (naming the fault and where), the
   *     cell size is not positive, or the grid would exceed 1,000,000 squares
   */
  public static SensingGrid over(Polygon areaLocal, double cellSizeM) {
    PolygonChecks.requireValidPolygon(areaLocal, "sensing area");
    if (!(cellSizeM > 0) || Double.isInfinite(cellSizeM)) {
      throw new IllegalArgumentException("cellSizeM must be a positive number, got: " + cellSizeM);
    }
    Envelope env = areaLocal.getEnvelopeInternal();
    int columns = Math.max(1, (int) Math.ceil(env.getWidth() / cellSizeM));
    int rows = Math.max(1, (int) Math.ceil(env.getHeight() / cellSizeM));
    if ((long) columns * rows > 1_000_000L) {
      throw new IllegalArgumentException(
          "cellSizeM " + cellSizeM + " gives " + columns + " x " + rows
              + " squares over the area; at most 1,000,000 are allowed");
    }
    PreparedGeometry area = PreparedGeometryFactory.prepare(areaLocal);
    int[] cellOfSquare = new int[columns * rows];
    Arrays.fill(cellOfSquare, -1);
    List<Cell> cells = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        double x0 = env.getMinX() + c * cellSizeM;
        double y0 = env.getMinY() + r * cellSizeM;
        Polygon square = (Polygon) GF.toGeometry(new Envelope(x0, x0 + cellSizeM, y0, y0 + cellSizeM));
        boolean inside = area.containsProperly(square)
            || (area.intersects(square) && square.intersection(areaLocal).getArea() > 0);
        if (inside) {
          cellOfSquare[r * columns + c] = cells.size();
          cells.add(new Cell(cells.size(), x0 + cellSizeM / 2, y0 + cellSizeM / 2, square));
        }
      }
    }
    return new SensingGrid(cells, cellOfSquare, columns, rows, env.getMinX(), env.getMinY(), cellSizeM, null);
  }

  /**
   * A grid of explicit cells. Ids must be 0..n-1 in list order; shapes may not overlap (a point on
   * a shared edge belongs to the lowest id).
   */
  public static SensingGrid ofCells(List<Cell> cells) {
    if (cells == null || cells.isEmpty()) {
      throw new IllegalArgumentException("cells must not be empty");
    }
    STRtree tree = new STRtree();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      if (cell.id() != i) {
        throw new IllegalArgumentException("cell at position " + i + " has id " + cell.id() + "; ids must be 0..n-1 in order");
      }
      tree.insert(cell.shape().getEnvelopeInternal(), cell);
    }
    for (int i = 0; i < cells.size(); i++) {
      for (Object o : tree.query(cells.get(i).shape().getEnvelopeInternal())) {
        Cell other = (Cell) o;
        if (other.id() > i && cells.get(i).shape().relate(other.shape(), "2********")) {
          throw new IllegalArgumentException("cells " + i + " and " + other.id() + " overlap");
        }
      }
    }
    tree.build();
    return new SensingGrid(cells, null, 0, 0, 0, 0, Double.NaN, tree);
  }

  /** The cells, indexed by id. */
  public List<Cell> cells() {
    return cells;
  }

  /** Number of cells. */
  public int size() {
    return cells.size();
  }

  /** Cell side in metres for a regular grid; NaN for explicit cells. */
  public double cellSizeM() {
    return cellSizeM;
  }

  /** Whether this grid was laid by {@link #over} (lookup by index arithmetic). */
  public boolean isRegular() {
    return cellOfSquare != null;
  }

  /**
   * The id of the cell containing the local point (metres), or empty when outside every cell.
   * Points on an edge between two cells go to the cell to the east / north on regular grids.
   */
  public OptionalInt cellAt(double xM, double yM) {
    if (cellOfSquare != null) {
      double fx = (xM - originX) / cellSizeM;
      double fy = (yM - originY) / cellSizeM;
      if (!(fx >= 0 && fy >= 0)) {
        return OptionalInt.empty();
      }
      int c = (int) fx;
      int r = (int) fy;
      // the far edge of the last column/row still belongs to the grid
      if (c == columns && fx == columns) {
        c--;
      }
      if (r == rows && fy == rows) {
        r--;
      }
      if (c >= columns || r >= rows) {
        return OptionalInt.empty();
      }
      int id = cellOfSquare[r * columns + c];
      return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }
    Point p = GF.createPoint(new Coordinate(xM, yM));
    int best = -1;
    for (Object o : index.query(new Envelope(xM, xM, yM, yM))) {
      Cell cell = (Cell) o;
      if ((best < 0 || cell.id() < best) && cell.shape().intersects(p)) {
        best = cell.id();
      }
    }
    return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
  }

  /** As {@link #cellAt(double, double)} for a coordinate. */
  public OptionalInt cellAt(Coordinate local) {
    return cellAt(local.x, local.y);
  }

  @Override
  public String toString() {
    return isRegular()
        ? "SensingGrid[" + cells.size() + " cells of " + cellSizeM + " m in " + columns + " x " + rows + "]"
        : "SensingGrid[" + cells.size() + " explicit cells]";
  }
}
