package org.swarmsense.edge.stereo;

/**
 * Accuracy of a disparity map against ground truth (see {@link DisparityMap#scoreAgainst}).
 *
 * @param endPointErrorPx mean absolute disparity error over covered known pixels, pixels
 * @param bad2Fraction share of covered known pixels off by more than 2 px, 0..1
 * @param coverageFraction share of known pixels that have a disparity, 0..1
 */
public record DisparityScore(double endPointErrorPx, double bad2Fraction, double coverageFraction) {

  /** Validates the ranges (NaN allowed for the errors when nothing is covered). */
  public DisparityScore {
    if (endPointErrorPx < 0) {
      throw new IllegalArgumentException("endPointErrorPx must be >= 0, got " + endPointErrorPx);
    }
    if (bad2Fraction < 0 || bad2Fraction > 1) {
      throw new IllegalArgumentException("bad2Fraction must be in [0,1], got " + bad2Fraction);
    }
    if (!(coverageFraction >= 0 && coverageFraction <= 1)) {
      throw new IllegalArgumentException("coverageFraction must be in [0,1], got " + coverageFraction);
    }
  }
}
