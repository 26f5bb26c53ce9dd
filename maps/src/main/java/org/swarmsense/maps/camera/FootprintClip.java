package org.swarmsense.maps.camera;

/**
 * The ground-truth box of a footprint: its corner polygon (pixels) clipped to the frame
 * (Sutherland-Hodgman against the four frame edges), the clipped polygon's bounds, and the share of
 * the footprint's area that is left. Stateless.
 */
final class FootprintClip {

  private FootprintClip() {}

  /**
   * The box of the quadrilateral {@code corners} (x0, y0, ..., x3, y3 in pixels) in a w x h frame,
   * or null when nothing of it is inside.
   */
  static VehicleBox box(String id, VehicleClass cls, double[] corners, int w, int h) {
    double[] poly = java.util.Arrays.copyOf(corners, 8);
    int n = 4;
    double full = Math.abs(area(poly, n));
    if (!(full > 0)) {
      return null;
    }
    double[] buf = new double[32];
    for (int edge = 0; edge < 4 && n > 0; edge++) {
      int m = 0;
      for (int i = 0; i < n; i++) {
        double ax = poly[2 * i];
        double ay = poly[2 * i + 1];
        double bx = poly[2 * ((i + 1) % n)];
        double by = poly[2 * ((i + 1) % n) + 1];
        double da = inside(edge, ax, ay, w, h);
        double db = inside(edge, bx, by, w, h);
        if (da >= 0) {
          buf[2 * m] = ax;
          buf[2 * m + 1] = ay;
          m++;
        }
        if ((da >= 0) != (db >= 0)) {
          double f = da / (da - db);
          buf[2 * m] = ax + f * (bx - ax);
          buf[2 * m + 1] = ay + f * (by - ay);
          m++;
        }
      }
      poly = java.util.Arrays.copyOf(buf, Math.max(8, 2 * m));
      n = m;
    }
    if (n < 3) {
      return null;
    }
    double visible = Math.min(1, Math.abs(area(poly, n)) / full);
    double x0 = Double.POSITIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      x0 = Math.min(x0, poly[2 * i]);
      x1 = Math.max(x1, poly[2 * i]);
      y0 = Math.min(y0, poly[2 * i + 1]);
      y1 = Math.max(y1, poly[2 * i + 1]);
    }
    // intersections computed in floating point may land a hair outside the frame (-1.8e-15)
    x0 = Math.max(0, x0);
    y0 = Math.max(0, y0);
    x1 = Math.min(w, x1);
    y1 = Math.min(h, y1);
    if (!(visible > 0) || !(x1 > x0) || !(y1 > y0)) {
      return null;
    }
    return new VehicleBox(id, cls, x0, y0, x1, y1, visible);
  }

  /** Signed distance inside frame edge {@code edge} (left, right, top, bottom); >= 0 is inside. */
  private static double inside(int edge, double x, double y, int w, int h) {
    return switch (edge) {
      case 0 -> x;
      case 1 -> w - x;
      case 2 -> y;
      default -> h - y;
    };
  }

  private static double area(double[] p, int n) {
    double a = 0;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      a += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1];
    }
    return a / 2;
  }
}
