package org.swarmsense.semantic.codec;

/**
 * Decoder-side deblocking of one component plane (level-shifted samples, whole 8x8 blocks): at a
 * low quality a smooth area becomes flat blocks whose edges the task model sees as structure. Each
 * 8x8 block edge is looked at across the eight samples {@code p3 p2 p1 p0 | q0 q1 q2 q3}; when the
 * step {@code d = q0 - p0} is small enough to come from quantisation and both sides are smooth
 * next to it, the step is spread into a linear ramp: {@code p_k += d (7 - 2k) / 16},
 * {@code q_k -= d (7 - 2k) / 16}, so two flat plateaus become one straight line over the eight
 * samples. Vertical edges first, then horizontal ones.
 *
 * <p>Thresholds, fixed before measuring, in sample levels from the component's DC quantiser step
 * {@code s = qDc / 8} (one DC step moves a block's mean by s): an edge is filtered when
 * {@code |d| <= 1.5 s}, {@code |p1 - p0| <= s / 2} and {@code |q1 - q0| <= s / 2}; a larger
 * step is a real edge and stays. At high quality s is small (1-2 levels at q75), so the filter
 * touches almost nothing there. Stateless.
 */
public final class Deblocking {

  /** An edge step up to this many DC steps is taken as a quantisation artefact. */
  static final float MAX_STEP_DC_STEPS = 1.5f;
  /** Each side must vary by at most this many DC steps next to the edge. */
  static final float MAX_SIDE_DC_STEPS = 0.5f;
  private static final float[] RAMP = {7 / 16f, 5 / 16f, 3 / 16f, 1 / 16f};

  private Deblocking() {}

  /**
   * Filters {@code plane} ({@code blockCols x 8} samples wide, {@code blockRows x 8} high) in
   * place, with thresholds from the DC quantiser step {@code dcQuant} (zig-zag index 0 of the
   * component's table).
   */
  public static void filter(float[] plane, int blockCols, int blockRows, int dcQuant) {
    int w = blockCols * 8;
    int h = blockRows * 8;
    if (plane.length != w * h) {
      throw new IllegalArgumentException("plane must hold " + w * h + " samples, got: " + plane.length);
    }
    float step = dcQuant / 8f;
    float maxStep = MAX_STEP_DC_STEPS * step;
    float maxSide = MAX_SIDE_DC_STEPS * step;
    // Vertical edges: x = 8, 16, ...; samples along a row (stride 1).
    for (int y = 0; y < h; y++) {
      for (int x = 8; x < w; x += 8) {
        edge(plane, y * w + x, 1, maxStep, maxSide);
      }
    }
    // Horizontal edges: y = 8, 16, ...; samples down a column (stride w).
    for (int y = 8; y < h; y += 8) {
      for (int x = 0; x < w; x++) {
        edge(plane, y * w + x, w, maxStep, maxSide);
      }
    }
  }

  /** One edge position: {@code q0} at {@code at}, {@code p0} at {@code at - stride}. */
  private static void edge(float[] p, int at, int stride, float maxStep, float maxSide) {
    float p0 = p[at - stride];
    float q0 = p[at];
    float d = q0 - p0;
    if (Math.abs(d) > maxStep || Math.abs(p[at - 2 * stride] - p0) > maxSide
        || Math.abs(p[at + stride] - q0) > maxSide) {
      return;
    }
    for (int k = 0; k < 4; k++) {
      float delta = d * RAMP[k];
      p[at - (k + 1) * stride] += delta;
      p[at + k * stride] -= delta;
    }
  }
}
