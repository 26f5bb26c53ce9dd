package org.swarmsense.maps.camera;

import java.awt.image.BufferedImage;

/**
 * A rendered rectified nadir stereo pair with the exact disparity of every left pixel. Pixel
 * coordinates are column and row indices (pixel centres); the principal point is the image centre,
 * the two principal points coincide (no disparity offset), and depth is {@code Z = f B / d} below
 * the cameras. The images and the array are owned by the caller.
 *
 * @param left left camera's image, {@link BufferedImage#TYPE_INT_RGB}
 * @param right right camera's image, the same size
 * @param disparityPx row-major disparity of each left pixel, pixels: the left pixel x shows the
 *     surface the right image shows at x - d
 * @param focalPx focal length f, pixels
 * @param baselineM baseline B, metres
 * @param altitudeM height of the cameras above the ground, metres
 */
public record StereoPair(BufferedImage left, BufferedImage right, float[] disparityPx, double focalPx, double baselineM,
    double altitudeM) {

  /** Validates sizes and the optics. */
  public StereoPair {
    if (left == null || right == null || disparityPx == null) {
      throw new IllegalArgumentException("left, right and disparityPx must be set");
    }
    if (left.getWidth() != right.getWidth() || left.getHeight() != right.getHeight()) {
      throw new IllegalArgumentException("left " + left.getWidth() + "x" + left.getHeight() + " and right "
          + right.getWidth() + "x" + right.getHeight() + " differ in size");
    }
    if (disparityPx.length != left.getWidth() * left.getHeight()) {
      throw new IllegalArgumentException("disparityPx has " + disparityPx.length + " values for a " + left.getWidth() + "x"
          + left.getHeight() + " image");
    }
    if (!(focalPx > 0) || !(baselineM > 0) || !(altitudeM > 0) || Double.isInfinite(focalPx + baselineM + altitudeM)) {
      throw new IllegalArgumentException("focalPx, baselineM, altitudeM must be positive and finite, got: " + focalPx + ", "
          + baselineM + ", " + altitudeM);
    }
  }

  /** Image width, pixels. */
  public int widthPx() {
    return left.getWidth();
  }

  /** Image height, pixels. */
  public int heightPx() {
    return left.getHeight();
  }

  /** Principal point x as a column index: the image centre, width / 2 - 0.5. */
  public double principalXPx() {
    return widthPx() / 2.0 - 0.5;
  }

  /** Principal point y as a row index: height / 2 - 0.5. */
  public double principalYPx() {
    return heightPx() / 2.0 - 0.5;
  }
}
