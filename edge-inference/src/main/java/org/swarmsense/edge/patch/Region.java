package org.swarmsense.edge.patch;

/**
 * An axis-aligned region of the model input as fractions of its width and height (0..1), so the same
 * region can be occluded in every feature map whatever its resolution. Immutable.
 *
 * @param x0 left, 0..1
 * @param y0 top, 0..1
 * @param x1 right, x0..1
 * @param y1 bottom, y0..1
 */
public record Region(double x0, double y0, double x1, double y1) {

  /** Validates the corners. */
  public Region {
    if (!(x0 >= 0 && y0 >= 0 && x1 <= 1 && y1 <= 1 && x1 > x0 && y1 > y0)) {
      throw new IllegalArgumentException("region must satisfy 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1, got: "
          + x0 + "," + y0 + "," + x1 + "," + y1);
    }
  }

  /** Width times height, as a fraction of the input. */
  public double area() {
    return (x1 - x0) * (y1 - y0);
  }
}
