package org.swarmsense.gateway.wire;

/**
 * A region an edge node's patch defence masked (JSON {@code x0_px, y0_px, x1_px, y1_px}), in the
 * pixel coordinates of the task's frame. Immutable.
 *
 * @param x0Px left, pixels, >= 0
 * @param y0Px top, pixels, >= 0
 * @param x1Px right, pixels, > x0
 * @param y1Px bottom, pixels, > y0
 */
public record EdgeRegion(double x0Px, double y0Px, double x1Px, double y1Px) {

  /** Validates every field; errors name the JSON field and the value. */
  public EdgeRegion {
    Payloads.requireRange("x0_px", x0Px, 0, 65535);
    Payloads.requireRange("y0_px", y0Px, 0, 65535);
    Payloads.requireRange("x1_px", x1Px, x0Px, 65535);
    Payloads.requireRange("y1_px", y1Px, y0Px, 65535);
    if (x1Px == x0Px || y1Px == y0Px) {
      throw new PayloadException(Rejection.BAD_VALUE, "a masked region must have an area, was " + x0Px + "," + y0Px
          + " to " + x1Px + "," + y1Px);
    }
  }
}
