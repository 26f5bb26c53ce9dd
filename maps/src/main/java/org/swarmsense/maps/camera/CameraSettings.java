package org.swarmsense.maps.camera;

/**
 * The nadir camera's optics, sensor and exposure (defaults in maps {@code reference.conf}, section
 * {@code swarmsense.maps.camera}). Pixels are square: the horizontal field of view fixes the ground
 * width, the height follows from the pixel count. Immutable and thread-safe.
 *
 * @param altitudeM height of the camera above the ground, metres (&gt; 0)
 * @param horizontalFovDeg horizontal field of view, degrees, in (0, 170)
 * @param widthPx image width, pixels, 1..{@value #MAX_SIZE_PX}
 * @param heightPx image height, pixels, 1..{@value #MAX_SIZE_PX}
 * @param exposureS exposure time, seconds, in [0, 1]: a vehicle moving at v m/s is smeared over
 *     v x exposure metres (motion blur)
 * @param maxNoiseSigma largest standard deviation of the Gaussian sensor noise, 8-bit levels, in
 *     [0, 50]; each frame draws its own in [0, max] from the seed
 */
public record CameraSettings(
    double altitudeM, double horizontalFovDeg, int widthPx, int heightPx, double exposureS, double maxNoiseSigma) {

  /** Largest accepted image width or height, pixels (a 4096 x 4096 frame is 64 MB as ints). */
  public static final int MAX_SIZE_PX = 4096;

  /** Validates every field; the message names the field and the bad value. */
  public CameraSettings {
    if (!(altitudeM > 0) || !Double.isFinite(altitudeM)) {
      throw new IllegalArgumentException("altitudeM must be a positive finite number of metres, got: " + altitudeM);
    }
    if (!(horizontalFovDeg > 0 && horizontalFovDeg < 170)) {
      throw new IllegalArgumentException("horizontalFovDeg must be in (0, 170) degrees, got: " + horizontalFovDeg);
    }
    if (widthPx < 1 || widthPx > MAX_SIZE_PX) {
      throw new IllegalArgumentException("widthPx must be in 1.." + MAX_SIZE_PX + ", got: " + widthPx);
    }
    if (heightPx < 1 || heightPx > MAX_SIZE_PX) {
      throw new IllegalArgumentException("heightPx must be in 1.." + MAX_SIZE_PX + ", got: " + heightPx);
    }
    if (!(exposureS >= 0 && exposureS <= 1)) {
      throw new IllegalArgumentException("exposureS must be in [0, 1] seconds, got: " + exposureS);
    }
    if (!(maxNoiseSigma >= 0 && maxNoiseSigma <= 50)) {
      throw new IllegalArgumentException("maxNoiseSigma must be in [0, 50] levels, got: " + maxNoiseSigma);
    }
  }

  /** Width of the ground seen across the image, metres: 2 x altitude x tan(FOV / 2). */
  public double groundWidthM() {
    return 2 * altitudeM * Math.tan(Math.toRadians(horizontalFovDeg) / 2);
  }

  /** Length of the ground seen along the image's height, metres (square pixels: metres per pixel x height). */
  public double groundHeightM() {
    return metresPerPixel() * heightPx;
  }

  /** Ground sampling distance, metres per pixel (the same along both image axes). */
  public double metresPerPixel() {
    return groundWidthM() / widthPx;
  }

  /** These settings at another altitude. */
  public CameraSettings withAltitudeM(double m) {
    return new CameraSettings(m, horizontalFovDeg, widthPx, heightPx, exposureS, maxNoiseSigma);
  }

  /** These settings with another horizontal field of view. */
  public CameraSettings withHorizontalFovDeg(double deg) {
    return new CameraSettings(altitudeM, deg, widthPx, heightPx, exposureS, maxNoiseSigma);
  }

  /** These settings with another image size. */
  public CameraSettings withSizePx(int width, int height) {
    return new CameraSettings(altitudeM, horizontalFovDeg, width, height, exposureS, maxNoiseSigma);
  }
}
