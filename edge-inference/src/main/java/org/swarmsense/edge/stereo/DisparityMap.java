package org.swarmsense.edge.stereo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A disparity map of the left image in pixels, row-major, {@code NaN} where unknown. The array is
 * not copied: callers must not change it after building the record. Safe to share once built.
 *
 * @param widthPx columns
 * @param heightPx rows
 * @param disparityPx {@code widthPx * heightPx} disparities (x_left - x_right) in pixels, NaN = none
 */
public record DisparityMap(int widthPx, int heightPx, float[] disparityPx) {

  /** Validates the size. */
  public DisparityMap {
    if (widthPx < 1 || heightPx < 1) {
      throw new IllegalArgumentException("disparity size must be positive, got widthPx=" + widthPx + " heightPx=" + heightPx);
    }
    if (disparityPx == null || disparityPx.length != widthPx * heightPx) {
      throw new IllegalArgumentException("disparityPx must hold widthPx*heightPx=" + (widthPx * heightPx)
          + " values, got " + (disparityPx == null ? "null" : disparityPx.length));
    }
  }

  /** Disparity at column {@code x}, row {@code y}; NaN = unknown. */
  public float at(int x, int y) {
    return disparityPx[y * widthPx + x];
  }

  /**
   * Reads raw little-endian float32, row-major, as the Middlebury ground truth in shared/data is
   * stored; NaN, infinities (the shared Motorcycle file marks its 27,226 unknown pixels +inf, not NaN
   * as shared/data/README.md says) and negative values all count as unknown (NaN).
   */
  public static DisparityMap readRawFloat32(Path file, int widthPx, int heightPx) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("disparity file not found: " + file);
    }
    byte[] bytes = Files.readAllBytes(file);
    long expected = 4L * widthPx * heightPx;
    if (bytes.length != expected) {
      throw new IllegalArgumentException("disparity file " + file + " has " + bytes.length + " bytes, expected "
          + expected + " for " + widthPx + "x" + heightPx + " float32");
    }
    float[] d = new float[widthPx * heightPx];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(d);
    for (int i = 0; i < d.length; i++) {
      if (!Float.isFinite(d[i]) || d[i] < 0) {
        d[i] = Float.NaN;
      }
    }
    return new DisparityMap(widthPx, heightPx, d);
  }

  /**
   * Scores this map against {@code truth} over the pixels where the truth is known: end-point error
   * (mean absolute difference) and bad-2px (share off by more than 2 px) over the pixels this map
   * covers, and coverage (share of known truth pixels this map covers).
   */
  public DisparityScore scoreAgainst(DisparityMap truth) {
    if (truth.widthPx != widthPx || truth.heightPx != heightPx) {
      throw new IllegalArgumentException("truth is " + truth.widthPx + "x" + truth.heightPx + ", map is " + widthPx + "x" + heightPx);
    }
    long known = 0;
    long covered = 0;
    long bad = 0;
    double sum = 0;
    float[] t = truth.disparityPx;
    for (int i = 0; i < t.length; i++) {
      if (Float.isNaN(t[i])) {
        continue;
      }
      known++;
      if (Float.isNaN(disparityPx[i])) {
        continue;
      }
      covered++;
      double e = Math.abs(disparityPx[i] - t[i]);
      sum += e;
      if (e > 2.0) {
        bad++;
      }
    }
    if (known == 0) {
      throw new IllegalArgumentException("truth has no known pixel");
    }
    return new DisparityScore(covered == 0 ? Double.NaN : sum / covered, covered == 0 ? Double.NaN : (double) bad / covered,
        (double) covered / known);
  }
}
