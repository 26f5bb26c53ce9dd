package org.swarmsense.maps.camera;

/**
 * Ground truth of one vehicle in a frame: the axis-aligned pixel box of its rotated footprint,
 * clipped to the frame (x right, y down, pixel edges: the frame spans 0..width, 0..height).
 * Immutable and thread-safe.
 *
 * @param vehicleId the vehicle's id in its source
 * @param vehicleClass its class (label name: {@link VehicleClass#label()})
 * @param x0 left edge, pixels
 * @param y0 top edge, pixels
 * @param x1 right edge, pixels (&gt; x0)
 * @param y1 bottom edge, pixels (&gt; y0)
 * @param visibleFraction share of the footprint's area inside the frame, in (0, 1]
 */
public record VehicleBox(String vehicleId, VehicleClass vehicleClass, double x0, double y0, double x1, double y1, double visibleFraction) {

  /** Validates; the message names the vehicle and the field. */
  public VehicleBox {
    if (vehicleId == null || vehicleClass == null) {
      throw new IllegalArgumentException("vehicleId and vehicleClass must not be null");
    }
    if (!(x1 > x0) || !(y1 > y0)) {
      throw new IllegalArgumentException("vehicle " + vehicleId + ": empty box x0=" + x0 + " x1=" + x1 + " y0=" + y0 + " y1=" + y1);
    }
    if (!(visibleFraction > 0 && visibleFraction <= 1)) {
      throw new IllegalArgumentException("vehicle " + vehicleId + ": visibleFraction must be in (0, 1], got: " + visibleFraction);
    }
  }
}
