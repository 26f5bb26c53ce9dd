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

  /**
   * This region of a model input of {@code inputWidth x inputHeight} pixels (the frame padded right
   * and bottom, as the vehicle detector pads to a multiple of 16) as a region of the {@code
   * frameWidth x frameHeight} frame inside it: scaled, and clipped to the frame (at least 0.001 of a
   * side wide, so a region that lies in the padding becomes a sliver on the frame's edge).
   *
   * @throws IllegalArgumentException if the input is smaller than the frame or a side is < 1
   */
  public Region inFrame(long inputWidth, long inputHeight, int frameWidth, int frameHeight) {
    if (frameWidth < 1 || frameHeight < 1 || inputWidth < frameWidth || inputHeight < frameHeight) {
      throw new IllegalArgumentException("need an input of at least the frame's size, got input " + inputWidth + "x"
          + inputHeight + " and frame " + frameWidth + "x" + frameHeight);
    }
    double sx = (double) inputWidth / frameWidth;
    double sy = (double) inputHeight / frameHeight;
    double fx0 = Math.min(x0 * sx, 0.999);
    double fy0 = Math.min(y0 * sy, 0.999);
    return new Region(fx0, fy0, Math.min(1, Math.max(x1 * sx, fx0 + 0.001)), Math.min(1, Math.max(y1 * sy, fy0 + 0.001)));
  }
}
