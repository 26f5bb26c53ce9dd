package org.swarmsense.maps.camera;

/**
 * Where one vehicle is at one instant, in the local metric frame of a {@link MapScene}'s projection.
 * Immutable and thread-safe.
 *
 * @param vehicleId the vehicle's id in its source
 * @param vehicleClass its class (footprint and label)
 * @param xM footprint centre, metres east of the projection centre
 * @param yM footprint centre, metres north of the projection centre
 * @param headingDeg direction the vehicle's front points to, degrees clockwise from north
 * @param speedMps speed along the heading, metres per second (&gt;= 0), for motion blur
 */
public record VehiclePose(String vehicleId, VehicleClass vehicleClass, double xM, double yM, double headingDeg, double speedMps) {

  /** Validates; the message names the vehicle and the field. */
  public VehiclePose {
    if (vehicleId == null || vehicleId.isEmpty()) {
      throw new IllegalArgumentException("vehicleId must not be empty");
    }
    if (vehicleClass == null) {
      throw new IllegalArgumentException("vehicle " + vehicleId + ": vehicleClass must not be null");
    }
    if (!Double.isFinite(xM) || !Double.isFinite(yM) || !Double.isFinite(headingDeg)) {
      throw new IllegalArgumentException("vehicle " + vehicleId + ": xM, yM, headingDeg must be finite, got: "
          + xM + ", " + yM + ", " + headingDeg);
    }
    if (!(speedMps >= 0) || Double.isInfinite(speedMps)) {
      throw new IllegalArgumentException("vehicle " + vehicleId + ": speedMps must be >= 0, got: " + speedMps);
    }
  }
}
