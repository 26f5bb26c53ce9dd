package org.swarmsense.maps.camera;

/**
 * The simulated nadir stereo rig (defaults and the rule behind them in maps {@code reference.conf},
 * section {@code swarmsense.maps.stereo-rig}): two identical pinhole cameras looking straight down,
 * {@code baselineM} apart across the track (the right camera to the image's right). Immutable.
 *
 * @param baselineM distance between the two cameras, metres, in (0, 1000]
 * @param horizontalFovDeg horizontal field of view of each camera, degrees, in (0, 170)
 * @param widthPx image width, pixels, 1..{@value CameraSettings#MAX_SIZE_PX}
 * @param heightPx image height, pixels, 1..{@value CameraSettings#MAX_SIZE_PX}
 */
public record StereoRigSettings(double baselineM, double horizontalFovDeg, int widthPx, int heightPx) {

  /** Validates every field; the message names the field and the bad value. */
  public StereoRigSettings {
    if (!(baselineM > 0 && baselineM <= 1000)) {
      throw new IllegalArgumentException("baselineM must be in (0, 1000] metres, got: " + baselineM);
    }
    if (!(horizontalFovDeg > 0 && horizontalFovDeg < 170)) {
      throw new IllegalArgumentException("horizontalFovDeg must be in (0, 170) degrees, got: " + horizontalFovDeg);
    }
    if (widthPx < 1 || widthPx > CameraSettings.MAX_SIZE_PX) {
      throw new IllegalArgumentException("widthPx must be in 1.." + CameraSettings.MAX_SIZE_PX + ", got: " + widthPx);
    }
    if (heightPx < 1 || heightPx > CameraSettings.MAX_SIZE_PX) {
      throw new IllegalArgumentException("heightPx must be in 1.." + CameraSettings.MAX_SIZE_PX + ", got: " + heightPx);
    }
  }

  /** Focal length in pixels: width / (2 tan(FOV / 2)). */
  public double focalPx() {
    return widthPx / (2 * Math.tan(Math.toRadians(horizontalFovDeg) / 2));
  }

  /** Disparity in pixels of a flat surface at {@code depthM} below the cameras: f B / Z. */
  public double disparityPx(double depthM) {
    return focalPx() * baselineM / depthM;
  }
}
