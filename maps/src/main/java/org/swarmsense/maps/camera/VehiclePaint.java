package org.swarmsense.maps.camera;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * How one vehicle looks from above, in its own frame (x right, y forward, metres, centred): body,
 * windscreen and rear window, roof, cab and cargo box, bus roof units, a motorcycle's rider. Colours
 * are picked by the vehicle id (stable across runs and frames) from a palette weighted like the
 * colours of real fleets, and darkened by the shade it stands in.
 */
final class VehiclePaint {

  /** Body colours with weights (white, black, greys and silver dominate real fleets). */
  private static final int[][] CAR_COLOURS = {
    {226, 226, 222, 25}, {30, 31, 34, 18}, {108, 110, 114, 15}, {172, 174, 177, 12}, {38, 60, 122, 9},
    {152, 30, 32, 9}, {40, 72, 52, 3}, {150, 124, 94, 4}, {212, 180, 40, 2}, {204, 110, 40, 3}};
  private static final int[][] BUS_COLOURS = {
    {230, 230, 226, 4}, {190, 40, 36, 2}, {40, 90, 160, 2}, {220, 190, 50, 1}, {60, 130, 80, 1}};
  private static final Color GLASS = new Color(38, 44, 56);
  private static final Color RIDER = new Color(36, 36, 40);

  private final Color body;
  private final Color roof;
  private final Color cargo;
  private final Color glass;
  private final Color dark;

  private VehiclePaint(Color body, Color roof, Color cargo, Color glass, Color dark) {
    this.body = body;
    this.roof = roof;
    this.cargo = cargo;
    this.glass = glass;
    this.dark = dark;
  }

  /** The paint of vehicle {@code id}, darkened by {@code shade} in (0, 1] (1 = full sun). */
  static VehiclePaint of(String id, VehicleClass cls, float shade) {
    long h = Hashing.of(id);
    int[] c = pick(cls == VehicleClass.BUS ? BUS_COLOURS : CAR_COLOURS, h);
    int jitter = (int) ((h >>> 40) % 17) - 8;
    Color body = shaded(c[0] + jitter, c[1] + jitter, c[2] + jitter, shade);
    Color roof = shaded((int) (c[0] * 1.1) + 8 + jitter, (int) (c[1] * 1.1) + 8 + jitter, (int) (c[2] * 1.1) + 8 + jitter, shade);
    int box = 200 + (int) ((h >>> 48) % 50);
    Color cargo = shaded(box, box, box - (int) ((h >>> 56) % 20), shade);
    return new VehiclePaint(body, roof, cargo, shaded(GLASS.getRed(), GLASS.getGreen(), GLASS.getBlue(), shade),
        shaded(RIDER.getRed(), RIDER.getGreen(), RIDER.getBlue(), shade));
  }

  private static int[] pick(int[][] palette, long h) {
    int total = 0;
    for (int[] c : palette) {
      total += c[3];
    }
    int k = (int) Math.floorMod(h, (long) total);
    for (int[] c : palette) {
      k -= c[3];
      if (k < 0) {
        return c;
      }
    }
    return palette[0];
  }

  private static Color shaded(int r, int g, int b, float shade) {
    return new Color(MapStyle.clamp(Math.round(r * shade)), MapStyle.clamp(Math.round(g * shade)),
        MapStyle.clamp(Math.round(b * shade)));
  }

  /** Draws the vehicle centred at the origin of {@code g}'s current transform (metres). */
  void draw(Graphics2D g, VehicleClass cls) {
    double l = cls.lengthM();
    double w = cls.widthM();
    switch (cls) {
      case MOTORCYCLE -> {
        g.setColor(body);
        g.fill(new RoundRectangle2D.Double(-0.3, -l / 2, 0.6, l, 0.5, 0.5));
        g.setColor(dark);
        g.fill(new Ellipse2D.Double(-w / 2, -0.45, w, 0.75));
        g.setColor(roof);
        g.fill(new Ellipse2D.Double(-0.17, -0.05, 0.34, 0.34));
      }
      case PASSENGER -> {
        g.setColor(body);
        g.fill(new RoundRectangle2D.Double(-w / 2, -l / 2, w, l, 0.8, 0.8));
        g.setColor(glass);
        g.fill(trapezoid(w / 2 - 0.12, w / 2 - 0.3, 0.08 * l, 0.26 * l));
        g.fill(trapezoid(w / 2 - 0.3, w / 2 - 0.16, -0.34 * l, -0.22 * l));
        g.setColor(roof);
        g.fill(new Rectangle2D.Double(-w / 2 + 0.22, -0.22 * l, w - 0.44, 0.30 * l));
      }
      case DELIVERY, TRUCK -> {
        double cabStart = cls == VehicleClass.TRUCK ? 0.22 * l : 0.12 * l;
        g.setColor(body);
        g.fill(new RoundRectangle2D.Double(-w / 2, cabStart, w, l / 2 - cabStart, 0.6, 0.6));
        g.setColor(glass);
        g.fill(trapezoid(w / 2 - 0.1, w / 2 - 0.2, l / 2 - 0.95, l / 2 - 0.45));
        g.setColor(roof);
        g.fill(new Rectangle2D.Double(-w / 2 + 0.2, cabStart + 0.15, w - 0.4, l / 2 - cabStart - 1.15));
        g.setColor(cls == VehicleClass.TRUCK ? cargo.darker() : cargo);
        g.fill(new Rectangle2D.Double(-w / 2, -l / 2, w, l / 2 + cabStart - 0.1));
      }
      case BUS -> {
        g.setColor(body);
        g.fill(new RoundRectangle2D.Double(-w / 2, -l / 2, w, l, 0.6, 0.6));
        g.setColor(glass);
        g.fill(new Rectangle2D.Double(-w / 2 + 0.1, l / 2 - 0.6, w - 0.2, 0.5));
        g.setColor(roof);
        g.fill(new Rectangle2D.Double(-0.7, 0.1 * l, 1.4, 2.2));
        g.fill(new Rectangle2D.Double(-0.7, -0.3 * l, 1.4, 2.2));
        g.setColor(glass);
        g.fill(new Rectangle2D.Double(-0.4, -0.05 * l, 0.8, 0.8));
      }
      default -> throw new IllegalStateException("unknown class " + cls);
    }
  }

  /** A symmetric trapezoid across the vehicle from y0 (half width a) to y1 (half width b). */
  private static Path2D trapezoid(double a, double b, double y0, double y1) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(-a, y0);
    p.lineTo(a, y0);
    p.lineTo(b, y1);
    p.lineTo(-b, y1);
    p.closePath();
    return p;
  }
}
