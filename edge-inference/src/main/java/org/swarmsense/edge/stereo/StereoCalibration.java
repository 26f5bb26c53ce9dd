package org.swarmsense.edge.stereo;

/**
 * Pinhole calibration of a rectified stereo pair, Middlebury 2014 convention: depth {@code Z = f B /
 * (d + doffs)}, {@code X = (x - cx) Z / f}, {@code Y = (y - cy) Z / f}, camera coordinates in metres
 * (X right, Y down, Z forward). The one copy of these formulas in the module. Immutable.
 *
 * @param focalPx focal length f in pixels
 * @param principalXPx cx of the left camera in pixels
 * @param principalYPx cy in pixels
 * @param doffsPx x-difference of the two principal points in pixels (0 for a standard rig)
 * @param baselineM baseline B in metres
 */
public record StereoCalibration(double focalPx, double principalXPx, double principalYPx, double doffsPx,
    double baselineM) {

  /** Validates every field. */
  public StereoCalibration {
    if (!(focalPx > 0) || Double.isInfinite(focalPx)) {
      throw new IllegalArgumentException("focalPx must be positive and finite, got " + focalPx);
    }
    if (!Double.isFinite(principalXPx) || !Double.isFinite(principalYPx)) {
      throw new IllegalArgumentException("principal point must be finite, got cx=" + principalXPx + " cy=" + principalYPx);
    }
    if (!Double.isFinite(doffsPx) || doffsPx < 0) {
      throw new IllegalArgumentException("doffsPx must be finite and >= 0, got " + doffsPx);
    }
    if (!(baselineM > 0) || Double.isInfinite(baselineM)) {
      throw new IllegalArgumentException("baselineM must be positive and finite, got " + baselineM);
    }
  }

  /** Middlebury 2014 Motorcycle at 741x500 (shared/data/README.md). */
  public static StereoCalibration middleburyMotorcycle() {
    return new StereoCalibration(994.978, 311.193, 254.877, 31.086, 0.193001);
  }

  /**
   * Parses {@code f,cx,cy,doffs,baselineMm} (pixels, and the baseline in millimetres as Middlebury
   * writes it), e.g. {@code 994.978,311.193,254.877,31.086,193.001}.
   */
  public static StereoCalibration parse(String text) {
    String[] parts = text.split(",");
    if (parts.length != 5) {
      throw new IllegalArgumentException("calib must be f,cx,cy,doffs,baselineMm (5 numbers), got: " + text);
    }
    double[] v = new double[5];
    for (int i = 0; i < 5; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("calib value " + (i + 1) + " is not a number: '" + parts[i] + "' in " + text, e);
      }
    }
    return new StereoCalibration(v[0], v[1], v[2], v[3], v[4] / 1000.0);
  }

  /**
   * The calibration of the pair at half size ({@link GrayImage#halfSize()}): focal length, doffs and
   * disparities halve, and pixel centres map as x_half = (x + 0.5) / 2 - 0.5; depth is unchanged.
   */
  public StereoCalibration halfSize() {
    return new StereoCalibration(focalPx / 2, (principalXPx + 0.5) / 2 - 0.5, (principalYPx + 0.5) / 2 - 0.5,
        doffsPx / 2, baselineM);
  }

  /** Depth in metres of a pixel with disparity {@code disparityPx}. */
  public double depthM(double disparityPx) {
    return focalPx * baselineM / (disparityPx + doffsPx);
  }

  /** Depth change in metres per pixel of disparity at depth {@code depthM}: Z^2 / (f B). */
  public double depthStepM(double depthM) {
    return depthM * depthM / (focalPx * baselineM);
  }
}
