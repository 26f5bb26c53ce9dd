package org.swarmsense.edge.stereo;

/**
 * Settings of {@link SemiGlobalMatcher}. The defaults live in edge-inference's {@code reference.conf}
 * ({@code swarmsense.edge-inference.stereo}, read by {@link org.swarmsense.edge.EdgeInferenceSettings.Stereo}),
 * each with the reason it was chosen; the module README says which were chosen before measuring.
 * Immutable.
 *
 * @param disparities number of disparity hypotheses, 0 .. disparities-1 pixels
 * @param censusWidthPx census window width, odd
 * @param censusHeightPx census window height, odd; width x height - 1 <= 62 comparison bits
 * @param smallPenalty P1, penalty for a 1-pixel disparity change between neighbours (census bits)
 * @param largePenalty P2, penalty for a larger change (census bits), > smallPenalty
 * @param edgeGreyLevels T: P2 falls to P2 T / (T + |dI|) across a grey-level step dI (0 = fixed P2)
 * @param uniquenessPercent the best cost must beat the best cost outside +-1 of it by this margin
 * @param leftRightMaxDiffPx largest allowed |d_left - d_right| in the left-right check, pixels
 * @param speckleWindowPx connected regions smaller than this are removed (0 = off)
 * @param speckleRangePx largest disparity step inside a connected region, pixels
 * @param subpixel how the winning disparity is refined between integers
 * @param threads worker threads (the cost volume and the 8 paths are split between them)
 */
public record SgmSettings(int disparities, int censusWidthPx, int censusHeightPx, int smallPenalty, int largePenalty, int edgeGreyLevels, int uniquenessPercent,
    float leftRightMaxDiffPx, int speckleWindowPx, float speckleRangePx, Subpixel subpixel, int threads) {

  /** Sub-pixel refinement of the winning integer disparity from its two neighbours' costs. */
  public enum Subpixel {
    /** Parabola through the three costs (Hirschmueller 2008). */
    PARABOLA,
    /** Symmetric V through the three costs (Shimizu and Okutomi 2001, suited to L1-like costs). */
    EQUIANGULAR
  }

  /** Most census comparisons per pixel: two 31-bit halves of a long. */
  public static final int MAX_CENSUS_BITS = 62;

  /** Validates every field. */
  public SgmSettings {
    if (disparities < 2 || disparities > 1024) {
      throw new IllegalArgumentException("disparities must be in [2,1024], got " + disparities);
    }
    if (censusWidthPx < 3 || censusHeightPx < 3 || censusWidthPx % 2 == 0 || censusHeightPx % 2 == 0
        || censusWidthPx * censusHeightPx - 1 > MAX_CENSUS_BITS) {
      throw new IllegalArgumentException("census window must be odd, at least 3x3 and hold at most " + MAX_CENSUS_BITS
          + " comparisons, got censusWidthPx=" + censusWidthPx + " censusHeightPx=" + censusHeightPx);
    }
    if (smallPenalty < 0 || largePenalty <= smallPenalty || largePenalty > 1000) {
      throw new IllegalArgumentException("need 0 <= smallPenalty < largePenalty <= 1000, got smallPenalty=" + smallPenalty
          + " largePenalty=" + largePenalty);
    }
    if (edgeGreyLevels < 0 || edgeGreyLevels > 255) {
      throw new IllegalArgumentException("edgeGreyLevels must be in [0,255], got " + edgeGreyLevels);
    }
    if (uniquenessPercent < 0 || uniquenessPercent > 100) {
      throw new IllegalArgumentException("uniquenessPercent must be in [0,100], got " + uniquenessPercent);
    }
    if (!(leftRightMaxDiffPx >= 0)) {
      throw new IllegalArgumentException("leftRightMaxDiffPx must be >= 0, got " + leftRightMaxDiffPx);
    }
    if (speckleWindowPx < 0 || !(speckleRangePx >= 0)) {
      throw new IllegalArgumentException("speckleWindowPx and speckleRangePx must be >= 0, got " + speckleWindowPx
          + " and " + speckleRangePx);
    }
    if (subpixel == null) {
      throw new IllegalArgumentException("subpixel must be set");
    }
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads must be in [1,256], got " + threads);
    }
  }

  /** The settings of {@code reference.conf} ({@code swarmsense.edge-inference.stereo}). */
  public static SgmSettings defaults() {
    return org.swarmsense.edge.EdgeInferenceSettings.Stereo.load().matcher();
  }

  /** Census comparisons per pixel, which is also the largest matching cost. */
  public int censusBits() {
    return censusWidthPx * censusHeightPx - 1;
  }

  /**
   * The same matcher for the pair at half size: half the disparities and speckle range, a quarter of
   * the speckle area (the same region in the scene).
   */
  public SgmSettings halfSize() {
    return new SgmSettings(Math.max(2, disparities / 2), censusWidthPx, censusHeightPx, smallPenalty, largePenalty,
        edgeGreyLevels, uniquenessPercent, leftRightMaxDiffPx, speckleWindowPx / 4, speckleRangePx / 2, subpixel, threads);
  }

  /** A copy with another number of disparities. */
  public SgmSettings withDisparities(int n) {
    return new SgmSettings(n, censusWidthPx, censusHeightPx, smallPenalty, largePenalty, edgeGreyLevels, uniquenessPercent,
        leftRightMaxDiffPx, speckleWindowPx, speckleRangePx, subpixel, threads);
  }

  /** A copy with another edge-adaptive P2 scale (0 = fixed P2). */
  public SgmSettings withEdgeGreyLevels(int t) {
    return new SgmSettings(disparities, censusWidthPx, censusHeightPx, smallPenalty, largePenalty, t, uniquenessPercent,
        leftRightMaxDiffPx, speckleWindowPx, speckleRangePx, subpixel, threads);
  }

  /** A copy with another sub-pixel refinement. */
  public SgmSettings withSubpixel(Subpixel s) {
    return new SgmSettings(disparities, censusWidthPx, censusHeightPx, smallPenalty, largePenalty, edgeGreyLevels,
        uniquenessPercent, leftRightMaxDiffPx, speckleWindowPx, speckleRangePx, s, threads);
  }

  /** A copy with another number of threads. */
  public SgmSettings withThreads(int n) {
    return new SgmSettings(disparities, censusWidthPx, censusHeightPx, smallPenalty, largePenalty, edgeGreyLevels,
        uniquenessPercent, leftRightMaxDiffPx, speckleWindowPx, speckleRangePx, subpixel, n);
  }
}
