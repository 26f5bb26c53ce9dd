package org.swarmsense.maps.camera;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;

/**
 * A simulated nadir camera over a {@link MapScene}: renders the ground below a position at time t
 * (land use, roads with centre lines and zebra crossings, buildings with roof shading, trees,
 * vehicles with windscreens; vehicles in tunnels hidden), then what makes a photo a photo, all
 * drawn from the seed: the sun (shadows of buildings and vehicles),
 * lighting (brightness, contrast, colour cast), mild optical blur, motion blur along each vehicle's
 * motion (speed x exposure) and Gaussian sensor noise. Returns the image with the ground-truth box
 * of every vehicle in view and the frame's road region ({@link RoadMask}). The same arguments give
 * the same bytes.
 *
 * <p>Geometry: the camera looks straight down from {@link CameraSettings#altitudeM()}; the image's
 * top points to {@code headingDeg} (clockwise from north); pixels are square, {@link
 * CameraSettings#metresPerPixel()} on the ground; the camera's ground position is the image centre
 * (pixel edge coordinates width/2, height/2).
 *
 * <p>Immutable and thread-safe: every call allocates its own image.
 */
public final class NadirCamera {

  /** Ground around the view searched for shapes whose shadows reach into it, metres. */
  private static final double SHADOW_MARGIN_M = 60;
  /** Most copies drawn of one vehicle for its motion blur. */
  private static final int MAX_BLUR_COPIES = 8;
  private static final float[] GAUSSIAN = gaussianTable(4096, 0x5EED);
  /** Layers of the road region ({@link RoadMask}): carriageways, bridges, parking and pedestrian areas. */
  private static final Set<MapStyle.Layer> ROAD_LAYERS = EnumSet.of(
      MapStyle.Layer.ROAD, MapStyle.Layer.BRIDGE, MapStyle.Layer.PAVED_AREA);

  private final MapScene scene;
  private final CameraSettings settings;

  /** A camera with {@code settings} over {@code scene}. */
  public NadirCamera(MapScene scene, CameraSettings settings) {
    if (scene == null || settings == null) {
      throw new IllegalArgumentException("scene and settings must not be null");
    }
    this.scene = scene;
    this.settings = settings;
  }

  /** The scene photographed. */
  public MapScene scene() {
    return scene;
  }

  /** The camera's settings. */
  public CameraSettings settings() {
    return settings;
  }

  /**
   * The frame seen from above ({@code xM}, {@code yM}) (local metres of the scene's projection) at
   * {@code tS} with the image top towards {@code headingDeg}, lit and disturbed as {@code seed} says.
   */
  public CameraFrame render(TrafficSource traffic, double tS, double xM, double yM, double headingDeg, long seed) {
    Drawn d = draw(traffic, tS, xM, yM, headingDeg, seed, seed, false);
    return new CameraFrame(d.image(), d.boxes(), settings.metresPerPixel(),
        roadMask(d.items(), d.toPixel(), settings.widthPx(), settings.heightPx()));
  }

  /**
   * As {@link #render}, through a pinhole at {@link CameraSettings#altitudeM()}: roofs, tree crowns
   * and vehicle roofs are drawn as flat surfaces at their heights, scaled about the image centre by
   * altitude / (altitude - height) and painted lowest first (in a nadir view a higher flat surface
   * is nearer along every ray, so the painter's order is a z-buffer); walls are not drawn. The sun
   * and light come from {@code seed}, the sensor noise from {@code noiseSeed} (the two views of a
   * stereo pair share the light but not the noise). The image only (no boxes, no road mask): what
   * {@link StereoRig} uses.
   */
  BufferedImage renderPinhole(TrafficSource traffic, double tS, double xM, double yM, double headingDeg, long seed,
      long noiseSeed) {
    return draw(traffic, tS, xM, yM, headingDeg, seed, noiseSeed, true).image();
  }

  /** A drawn frame with what its road mask is drawn from: the items in view and the ground-to-pixel transform. */
  private record Drawn(BufferedImage image, List<VehicleBox> boxes, List<MapScene.Item> items,
      AffineTransform toPixel) {}

  private Drawn draw(TrafficSource traffic, double tS, double xM, double yM, double headingDeg, long seed,
      long noiseSeed, boolean pinhole) {
    if (!Double.isFinite(tS) || !Double.isFinite(xM) || !Double.isFinite(yM) || !Double.isFinite(headingDeg)) {
      throw new IllegalArgumentException("tS, xM, yM, headingDeg must be finite, got: " + tS + ", " + xM + ", " + yM + ", " + headingDeg);
    }
    int w = settings.widthPx();
    int h = settings.heightPx();
    Look look = Look.of(seed, settings);
    AffineTransform toPixel = groundToPixel(xM, yM, headingDeg);
    double halfDiagM = Math.hypot(w, h) / 2 * settings.metresPerPixel();
    List<MapScene.Item> items = scene.itemsWithin(xM - halfDiagM - SHADOW_MARGIN_M, yM - halfDiagM - SHADOW_MARGIN_M,
        xM + halfDiagM + SHADOW_MARGIN_M, yM + halfDiagM + SHADOW_MARGIN_M);

    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(MapStyle.GROUND);
    g.fillRect(0, 0, w, h);
    g.setTransform(toPixel);
    for (MapScene.Item it : items) {
      if (it.kind() == MapScene.Kind.FILL) {
        g.setColor(it.colour());
        g.fill(it.shape());
      }
    }

    List<Placed> vehicles = place(scene, traffic.posesAt(tS), toPixel, w, h);
    float[] inBuildingShadow = castShadows(image, items, vehicles, toPixel, look);

    if (pinhole) {
      List<Surface> surfaces = surfaces(items, vehicles, inBuildingShadow);
      BasicStroke edge = new BasicStroke(0.5f);
      for (Surface s : surfaces) {
        g.setTransform(atHeight(toPixel, s.heightM()));
        if (s.vehicle() != null) {
          drawVehicle(g, s.vehicle(), s.shade(), look);
        } else if (s.item().kind() == MapScene.Kind.TREE) {
          drawCrown(g, s.item(), look);
        } else {
          drawRoof(g, s.item(), look, edge);
        }
      }
    } else {
      drawRoofs(g, items, look);
      for (int i = 0; i < vehicles.size(); i++) {
        drawVehicle(g, vehicles.get(i), inBuildingShadow[i], look);
      }
    }
    g.dispose();

    int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    if (look.blurWeight > 0) {
      blur(px, w, h, look.blurWeight);
    }
    develop(px, look, noiseSeed);
    List<VehicleBox> boxes = new ArrayList<>(vehicles.size());
    for (Placed p : vehicles) {
      boxes.add(p.box);
    }
    return new Drawn(image, boxes, items, toPixel);
  }

  /**
   * The road region of a frame ({@link RoadMask}): the road items filled and outlined with a round
   * stroke 2 x {@link RoadMask#ROAD_MARGIN_M} wide, in ground metres through {@code toPixel}, without
   * anti-aliasing, into an image of its own.
   */
  private static RoadMask roadMask(List<MapScene.Item> items, AffineTransform toPixel, int w, int h) {
    BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = mask.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(Color.WHITE);
    g.setTransform(toPixel);
    g.setStroke(new BasicStroke((float) (2 * RoadMask.ROAD_MARGIN_M), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (MapScene.Item it : items) {
      if (it.kind() == MapScene.Kind.FILL && ROAD_LAYERS.contains(it.layer())) {
        g.fill(it.shape());
        g.draw(it.shape());
      }
    }
    g.dispose();
    return RoadMask.fromImage(mask);
  }

  /** As {@link #render}, with the camera's ground position in WGS84 degrees. */
  public CameraFrame renderAtLonLat(TrafficSource traffic, double tS, double lonDeg, double latDeg, double headingDeg, long seed) {
    Coordinate c = scene.projection().toLocal(lonDeg, latDeg);
    return render(traffic, tS, c.x, c.y, headingDeg, seed);
  }

  /**
   * The height above the ground, metres, of the surface that the pinhole view of {@link
   * #renderPinhole} shows at each pixel centre (row-major, 0 = the ground): the same surfaces, the
   * same transforms and the same lowest-first order, filled without anti-aliasing so that each pixel
   * takes the surface covering its centre.
   */
  float[] pinholeHeightsM(TrafficSource traffic, double tS, double xM, double yM, double headingDeg) {
    int w = settings.widthPx();
    int h = settings.heightPx();
    AffineTransform toPixel = groundToPixel(xM, yM, headingDeg);
    double halfDiagM = Math.hypot(w, h) / 2 * settings.metresPerPixel();
    List<MapScene.Item> items = scene.itemsWithin(xM - halfDiagM - SHADOW_MARGIN_M, yM - halfDiagM - SHADOW_MARGIN_M,
        xM + halfDiagM + SHADOW_MARGIN_M, yM + halfDiagM + SHADOW_MARGIN_M);
    List<Placed> vehicles = place(scene, traffic.posesAt(tS), toPixel, w, h);
    List<Surface> surfaces = surfaces(items, vehicles, new float[vehicles.size()]);
    BufferedImage ids = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = ids.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    for (int i = 0; i < surfaces.size(); i++) {
      Surface s = surfaces.get(i);
      AffineTransform t = atHeight(toPixel, s.heightM());
      g.setColor(new Color(i + 1));
      if (s.vehicle() != null) {
        t.concatenate(s.vehicle().body());
        VehicleClass c = s.vehicle().pose().vehicleClass();
        g.setTransform(t);
        g.fill(new Rectangle2D.Double(-c.widthM() / 2, -c.lengthM() / 2, c.widthM(), c.lengthM()));
      } else {
        g.setTransform(t);
        g.fill(s.item().shape());
      }
    }
    g.dispose();
    int[] px = ((DataBufferInt) ids.getRaster().getDataBuffer()).getData();
    float[] heights = new float[w * h];
    for (int i = 0; i < px.length; i++) {
      int id = px[i] & 0xffffff;
      heights[i] = id == 0 ? 0f : (float) surfaces.get(id - 1).heightM();
    }
    return heights;
  }

  /** A flat surface above the ground in the pinhole view: a roof, a crown or a vehicle (with its shade). */
  private record Surface(double heightM, MapScene.Item item, Placed vehicle, float shade) {}

  /**
   * Buildings, trees and vehicles as surfaces, lowest first (ties in draw order); IAE when one
   * reaches within a metre of the camera.
   */
  private List<Surface> surfaces(List<MapScene.Item> items, List<Placed> vehicles, float[] shade) {
    List<Surface> out = new ArrayList<>();
    for (MapScene.Item it : items) {
      if (it.kind() == MapScene.Kind.BUILDING || it.kind() == MapScene.Kind.TREE) {
        out.add(new Surface(it.heightM(), it, null, 0f));
      }
    }
    for (int i = 0; i < vehicles.size(); i++) {
      out.add(new Surface(vehicles.get(i).pose().vehicleClass().heightM(), null, vehicles.get(i), shade[i]));
    }
    for (Surface s : out) {
      if (!(s.heightM() < settings.altitudeM() - 1)) {
        throw new IllegalArgumentException("altitudeM " + settings.altitudeM() + " is not at least 1 m above a surface of height "
            + s.heightM() + " m in view: fly higher");
      }
    }
    out.sort(java.util.Comparator.comparingDouble(Surface::heightM)); // stable: ties keep draw order
    return out;
  }

  /**
   * Ground metres to pixels for a flat surface {@code heightM} above the ground, seen through the
   * pinhole: the ground transform scaled about the image centre by altitude / (altitude - height).
   */
  private AffineTransform atHeight(AffineTransform toPixel, double heightM) {
    double k = settings.altitudeM() / (settings.altitudeM() - heightM);
    AffineTransform t = new AffineTransform(k, 0, 0, k, (1 - k) * settings.widthPx() / 2.0, (1 - k) * settings.heightPx() / 2.0);
    t.concatenate(toPixel);
    return t;
  }

  /**
   * The transform from local ground metres to pixel coordinates for a camera above ({@code xM},
   * {@code yM}) with the image top towards {@code headingDeg}: the one formula both the drawing and
   * the ground-truth boxes use.
   */
  public AffineTransform groundToPixel(double xM, double yM, double headingDeg) {
    double m = settings.metresPerPixel();
    double a = Math.toRadians(headingDeg);
    double cos = Math.cos(a);
    double sin = Math.sin(a);
    return new AffineTransform(cos / m, -sin / m, -sin / m, -cos / m,
        settings.widthPx() / 2.0 - (xM * cos - yM * sin) / m,
        settings.heightPx() / 2.0 + (xM * sin + yM * cos) / m);
  }

  /** A vehicle in view: its pose, body transform (vehicle metres to ground metres) and box. */
  private record Placed(VehiclePose pose, AffineTransform body, VehicleBox box) {}

  /** The vehicles at least partly in the frame and not in a tunnel, with their clipped boxes. */
  private static List<Placed> place(MapScene scene, List<VehiclePose> poses, AffineTransform toPixel, int w, int h) {
    List<Placed> out = new ArrayList<>();
    double[] corners = new double[8];
    for (VehiclePose p : poses) {
      VehicleClass c = p.vehicleClass();
      AffineTransform body = bodyTransform(p.xM(), p.yM(), p.headingDeg());
      double hl = c.lengthM() / 2;
      double hw = c.widthM() / 2;
      double[] local = {-hw, -hl, hw, -hl, hw, hl, -hw, hl};
      body.transform(local, 0, corners, 0, 4);
      toPixel.transform(corners, 0, corners, 0, 4);
      VehicleBox box = FootprintClip.box(p.vehicleId(), c, corners, w, h);
      if (box != null && !scene.underground(p.xM(), p.yM())) {
        out.add(new Placed(p, body, box));
      }
    }
    return out;
  }

  /** Vehicle frame (x right, y forward, metres) to ground metres. */
  private static AffineTransform bodyTransform(double xM, double yM, double headingDeg) {
    double a = Math.toRadians(headingDeg);
    double cos = Math.cos(a);
    double sin = Math.sin(a);
    return new AffineTransform(cos, -sin, sin, cos, xM, yM);
  }

  /**
   * Darkens the ground where buildings and vehicles cast shadows; returns, per vehicle, the
   * darkening factor of building shadow at its centre (vehicles are drawn after, so they are shaded
   * with it).
   */
  private float[] castShadows(BufferedImage image, List<MapScene.Item> items, List<Placed> vehicles,
      AffineTransform toPixel, Look look) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D m = mask.createGraphics();
    m.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    m.setColor(Color.WHITE);
    m.setTransform(toPixel);
    for (MapScene.Item it : items) {
      if (it.kind() == MapScene.Kind.BUILDING || it.kind() == MapScene.Kind.TREE) {
        m.fill(prismShadow(it.ring(), look.shadowX * it.heightM(), look.shadowY * it.heightM()));
      }
    }
    byte[] mb = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
    float[] factor = new float[vehicles.size()];
    double[] pt = new double[2];
    for (int i = 0; i < vehicles.size(); i++) {
      VehiclePose p = vehicles.get(i).pose();
      pt[0] = p.xM();
      pt[1] = p.yM();
      toPixel.transform(pt, 0, pt, 0, 1);
      int x = (int) Math.floor(pt[0]);
      int y = (int) Math.floor(pt[1]);
      float shade = x >= 0 && y >= 0 && x < w && y < h ? (mb[y * w + x] & 0xff) / 255f : 0f;
      factor[i] = 1f - look.shadowDarkness * shade;
    }
    for (Placed v : vehicles) {
      VehicleClass c = v.pose().vehicleClass();
      double hw = c.widthM() / 2;
      double hl = c.lengthM() / 2;
      double[] ring = {-hw, -hl, hw, -hl, hw, hl, -hw, hl};
      v.body().transform(ring, 0, ring, 0, 4);
      m.fill(prismShadow(ring, look.shadowX * c.heightM(), look.shadowY * c.heightM()));
    }
    m.setColor(Color.BLACK);
    for (MapScene.Item it : items) {
      if (it.kind() == MapScene.Kind.BUILDING) {
        m.fill(it.shape());
      }
    }
    m.dispose();
    int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < px.length; i++) {
      int s = mb[i] & 0xff;
      if (s != 0) {
        float f = 1f - look.shadowDarkness * s / 255f;
        int rgb = px[i];
        px[i] = ((int) (((rgb >> 16) & 0xff) * f) << 16) | ((int) (((rgb >> 8) & 0xff) * f) << 8) | (int) ((rgb & 0xff) * f);
      }
    }
    return factor;
  }

  /**
   * The shadow of a vertical prism over a counter-clockwise ring moved by (dx, dy) ground metres:
   * the ring, the moved ring and the quadrilateral each edge sweeps, every piece counter-clockwise
   * so that the non-zero fill is their union.
   */
  static Path2D prismShadow(double[] ring, double dx, double dy) {
    int n = ring.length / 2;
    Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO, 6 * n + 8);
    for (int shift = 0; shift < 2; shift++) {
      for (int i = 0; i < n; i++) {
        double x = ring[2 * i] + shift * dx;
        double y = ring[2 * i + 1] + shift * dy;
        if (i == 0) {
          p.moveTo(x, y);
        } else {
          p.lineTo(x, y);
        }
      }
      p.closePath();
    }
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      double ax = ring[2 * i];
      double ay = ring[2 * i + 1];
      double bx = ring[2 * j];
      double by = ring[2 * j + 1];
      // quad a, b, b + d, a + d has signed area (b - a) x d: counter-clockwise when >= 0
      boolean ccw = (bx - ax) * dy - (by - ay) * dx >= 0;
      p.moveTo(ax, ay);
      if (ccw) {
        p.lineTo(bx, by);
        p.lineTo(bx + dx, by + dy);
        p.lineTo(ax + dx, ay + dy);
      } else {
        p.lineTo(ax + dx, ay + dy);
        p.lineTo(bx + dx, by + dy);
        p.lineTo(bx, by);
      }
      p.closePath();
    }
    return p;
  }

  private static void drawRoofs(Graphics2D g, List<MapScene.Item> items, Look look) {
    BasicStroke edge = new BasicStroke(0.5f);
    for (MapScene.Item it : items) {
      if (it.kind() == MapScene.Kind.TREE) {
        drawCrown(g, it, look);
        continue;
      }
      if (it.kind() == MapScene.Kind.BUILDING) {
        drawRoof(g, it, look, edge);
      }
    }
  }

  /** A building's roof: its colour, the half turned from the sun darker, a darker outline. */
  private static void drawRoof(Graphics2D g, MapScene.Item it, Look look, BasicStroke edge) {
    Composite normal = g.getComposite();
    Color roof = it.colour();
    g.setColor(roof);
    g.fill(it.shape());
    // the roof side turned from the sun is darker: shade the half-plane behind the centre line
    Rectangle2D b = it.bounds();
    double cx = b.getCenterX();
    double cy = b.getCenterY();
    double r = Math.hypot(b.getWidth(), b.getHeight());
    double sx = look.shadowX;
    double sy = look.shadowY;
    double norm = Math.hypot(sx, sy);
    if (norm > 0) {
      sx /= norm;
      sy /= norm;
      Path2D.Double half = new Path2D.Double();
      half.moveTo(cx - sy * r, cy + sx * r);
      half.lineTo(cx - sy * r + sx * r, cy + sx * r + sy * r);
      half.lineTo(cx + sy * r + sx * r, cy - sx * r + sy * r);
      half.lineTo(cx + sy * r, cy - sx * r);
      half.closePath();
      Shape clip = g.getClip();
      g.clip(it.shape());
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.18f));
      g.setColor(Color.BLACK);
      g.fill(half);
      g.setComposite(normal);
      g.setClip(clip);
    }
    g.setColor(roof.darker());
    g.setStroke(edge);
    g.draw(it.shape());
  }

  /** A tree crown: dark green disc, lighter on the side towards the sun. */
  private static void drawCrown(Graphics2D g, MapScene.Item it, Look look) {
    Rectangle2D b = it.bounds();
    double r = b.getWidth() / 2;
    g.setColor(it.colour());
    g.fill(it.shape());
    double norm = Math.max(1e-9, Math.hypot(look.shadowX, look.shadowY));
    double ox = -look.shadowX / norm * r * 0.3;
    double oy = -look.shadowY / norm * r * 0.3;
    Color c = it.colour();
    g.setColor(new Color(Math.min(255, c.getRed() + 28), Math.min(255, c.getGreen() + 34), Math.min(255, c.getBlue() + 14)));
    g.fill(new java.awt.geom.Ellipse2D.Double(b.getCenterX() + ox - r * 0.55, b.getCenterY() + oy - r * 0.55, r * 1.1, r * 1.1));
  }

  private void drawVehicle(Graphics2D g, Placed v, float shade, Look look) {
    VehiclePose p = v.pose();
    AffineTransform base = g.getTransform();
    double smearM = p.speedMps() * settings.exposureS();
    int copies = (int) Math.max(1, Math.min(MAX_BLUR_COPIES, Math.ceil(smearM / settings.metresPerPixel())));
    Composite normal = g.getComposite();
    VehiclePaint paint = VehiclePaint.of(p.vehicleId(), p.vehicleClass(), shade);
    for (int k = 0; k < copies; k++) {
      double along = copies == 1 ? 0 : smearM * (k / (copies - 1.0) - 0.5);
      AffineTransform t = new AffineTransform(base);
      t.concatenate(v.body());
      t.translate(0, along);
      g.setTransform(t);
      if (k > 0) {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 1f / (k + 1)));
      }
      paint.draw(g, p.vehicleClass());
    }
    g.setComposite(normal);
    g.setTransform(base);
  }

  /** Separable 3-tap blur [w, 1 - 2w, w] of the RGB pixels, in place. */
  private static void blur(int[] px, int w, int h, float wt) {
    int[] tmp = new int[px.length];
    float c = 1 - 2 * wt;
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int a = px[row + Math.max(0, x - 1)];
        int b = px[row + x];
        int d = px[row + Math.min(w - 1, x + 1)];
        tmp[row + x] = mix3(a, b, d, wt, c);
      }
    }
    for (int y = 0; y < h; y++) {
      int up = Math.max(0, y - 1) * w;
      int row = y * w;
      int down = Math.min(h - 1, y + 1) * w;
      for (int x = 0; x < w; x++) {
        px[row + x] = mix3(tmp[up + x], tmp[row + x], tmp[down + x], wt, c);
      }
    }
  }

  private static int mix3(int a, int b, int d, float wt, float c) {
    int r = (int) (((a >> 16) & 0xff) * wt + ((b >> 16) & 0xff) * c + ((d >> 16) & 0xff) * wt + 0.5f);
    int gr = (int) (((a >> 8) & 0xff) * wt + ((b >> 8) & 0xff) * c + ((d >> 8) & 0xff) * wt + 0.5f);
    int bl = (int) ((a & 0xff) * wt + (b & 0xff) * c + (d & 0xff) * wt + 0.5f);
    return (r << 16) | (gr << 8) | bl;
  }

  /** Lighting (gain, contrast, colour cast) by lookup table, then Gaussian noise, in place. */
  private static void develop(int[] px, Look look, long seed) {
    float[][] lut = new float[3][256];
    for (int ch = 0; ch < 3; ch++) {
      for (int v = 0; v < 256; v++) {
        lut[ch][v] = (((v / 255f) - 0.5f) * look.contrast + 0.5f) * look.gain * look.cast[ch] * 255f;
      }
    }
    float[] noise = new float[GAUSSIAN.length];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = look.noiseSigma * GAUSSIAN[i] + 0.5f; // + 0.5: clamp() rounds by truncation
    }
    long s = Hashing.mix(seed ^ 0x6E6F697365L) | 1L;
    for (int i = 0; i < px.length; i++) {
      s ^= s << 13;
      s ^= s >>> 7;
      s ^= s << 17;
      int rgb = px[i];
      int r = clamp(lut[0][(rgb >> 16) & 0xff] + noise[(int) (s & 4095)]);
      int g = clamp(lut[1][(rgb >> 8) & 0xff] + noise[(int) ((s >>> 12) & 4095)]);
      int b = clamp(lut[2][rgb & 0xff] + noise[(int) ((s >>> 24) & 4095)]);
      px[i] = (r << 16) | (g << 8) | b;
    }
  }

  /** v truncated into 0..255 (callers add 0.5 to round). */
  private static int clamp(float v) {
    if (v <= 0) {
      return 0;
    }
    return v >= 255 ? 255 : (int) v;
  }

  private static float[] gaussianTable(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] t = new float[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller from two uniforms in (0, 1]
      double u1 = 1.0 - r.nextDouble();
      double u2 = r.nextDouble();
      t[i] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    return t;
  }

  /** What the seed decides about one frame's light and sensor. */
  private static final class Look {
    double shadowX;
    double shadowY;
    float shadowDarkness;
    float gain;
    float contrast;
    final float[] cast = new float[3];
    float noiseSigma;
    float blurWeight;

    static Look of(long seed, CameraSettings settings) {
      SplittableRandom r = new SplittableRandom(Hashing.mix(seed));
      Look l = new Look();
      double azimuth = Math.toRadians(r.nextDouble(0, 360));
      double elevation = Math.toRadians(r.nextDouble(25, 70));
      double lengthPerM = 1 / Math.tan(elevation);
      // the shadow points away from the sun
      l.shadowX = -Math.sin(azimuth) * lengthPerM;
      l.shadowY = -Math.cos(azimuth) * lengthPerM;
      l.shadowDarkness = (float) r.nextDouble(0.3, 0.6);
      l.gain = (float) r.nextDouble(0.8, 1.2);
      l.contrast = (float) r.nextDouble(0.8, 1.2);
      for (int ch = 0; ch < 3; ch++) {
        l.cast[ch] = (float) r.nextDouble(0.93, 1.07);
      }
      l.noiseSigma = (float) r.nextDouble(0, Math.max(Double.MIN_VALUE, settings.maxNoiseSigma()));
      double blurSigma = r.nextDouble(0, 0.8);
      l.blurWeight = blurSigma < 0.3 ? 0f : (float) (Math.exp(-0.5 / (blurSigma * blurSigma))
          / (1 + 2 * Math.exp(-0.5 / (blurSigma * blurSigma))));
      return l;
    }
  }
}
