package org.swarmsense.maps.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.osm.OsmFeatureReader;
import org.swarmsense.maps.osm.OsmFeatures;
import org.swarmsense.maps.osm.OsmWay;

/** The nadir camera against geometry worked out by hand and against the Monaco map. */
class NadirCameraTest {

  /** 100 m, 60 degrees, 512 px: the ground is 2 x 100 x tan(30 deg) = 115.47 m wide. */
  static final CameraSettings SETTINGS = new CameraSettings(100, 60, 512, 512, 0.02, 6);
  static final double M_PER_PX = 2 * 100 * Math.tan(Math.toRadians(30)) / 512;

  static MapScene monaco;
  static List<OsmWay> monacoWays;

  @BeforeAll
  static void loadMonaco() {
    monaco = MapScene.load(SharedData.file("maps/monaco.osm.gz"));
    monacoWays = OsmFeatureReader.read(SharedData.file("maps/monaco.osm.gz")).ways();
  }

  static MapScene empty() {
    return MapScene.of("empty", OsmFeatures.ofWays(List.of()), LocalProjection.centredOn(7.42, 43.73));
  }

  static TrafficSource fixed(VehiclePose... poses) {
    return t -> List.of(poses);
  }

  @Test
  void metresPerPixelFollowsFromAltitudeAndFieldOfView() {
    assertEquals(0.225527, SETTINGS.metresPerPixel(), 1e-6);
    assertEquals(115.470, SETTINGS.groundWidthM(), 1e-3);
  }

  @Test
  void aCarAtAKnownPlaceGetsTheBoxWorkedOutByHand() {
    // car 5.0 x 1.8 m at (10, 5) m heading 30 deg; camera above (0, 0), image top to the north
    VehiclePose car = new VehiclePose("car", VehicleClass.PASSENGER, 10, 5, 30, 0);
    CameraFrame f = new NadirCamera(empty(), SETTINGS).render(fixed(car), 0, 0, 0, 0, 1);
    assertEquals(1, f.boxes().size());
    VehicleBox b = f.boxes().get(0);
    double s = Math.sin(Math.toRadians(30));
    double c = Math.cos(Math.toRadians(30));
    double halfX = (2.5 * s + 0.9 * c) / M_PER_PX; // east extent of the rotated footprint
    double halfY = (2.5 * c + 0.9 * s) / M_PER_PX; // north extent
    double cx = 256 + 10 / M_PER_PX;
    double cy = 256 - 5 / M_PER_PX;
    assertEquals(cx - halfX, b.x0(), 1e-6);
    assertEquals(cx + halfX, b.x1(), 1e-6);
    assertEquals(cy - halfY, b.y0(), 1e-6);
    assertEquals(cy + halfY, b.y1(), 1e-6);
    assertEquals(1.0, b.visibleFraction(), 1e-9);
    assertEquals("car", b.vehicleId());
    assertEquals("passenger", b.vehicleClass().label());
    // the car is drawn where its box is: the same frame without it differs there, and only near it
    BufferedImage without = new NadirCamera(empty(), SETTINGS).render(t -> List.of(), 0, 0, 0, 0, 1).image();
    assertFalse(near(f.image().getRGB((int) cx, (int) cy), without.getRGB((int) cx, (int) cy), 3));
    assertEquals(without.getRGB(20, 20), f.image().getRGB(20, 20));
  }

  @Test
  void turningTheCameraTurnsTheImage() {
    // image top to the east: east is up, north is left
    VehiclePose bus = new VehiclePose("b", VehicleClass.BUS, 10, 5, 90, 0);
    VehicleBox b = new NadirCamera(empty(), SETTINGS).render(fixed(bus), 0, 0, 0, 90, 1).boxes().get(0);
    double cx = 256 - 5 / M_PER_PX;
    double cy = 256 - 10 / M_PER_PX;
    // a bus heading east on an east-up image points up: 12 m tall, 2.5 m wide
    assertEquals(cx - 1.25 / M_PER_PX, b.x0(), 1e-6);
    assertEquals(cx + 1.25 / M_PER_PX, b.x1(), 1e-6);
    assertEquals(cy - 6 / M_PER_PX, b.y0(), 1e-6);
    assertEquals(cy + 6 / M_PER_PX, b.y1(), 1e-6);
  }

  @Test
  void aCarOnTheFrameEdgeIsClippedWithItsVisibleShare() {
    // heading east, centre exactly on the left edge (half the ground width west of the camera)
    double edge = -SETTINGS.groundWidthM() / 2;
    VehiclePose car = new VehiclePose("half", VehicleClass.PASSENGER, edge, 0, 90, 0);
    VehicleBox b = new NadirCamera(empty(), SETTINGS).render(fixed(car), 0, 0, 0, 0, 1).boxes().get(0);
    assertEquals(0.0, b.x0(), 1e-6);
    assertEquals(2.5 / M_PER_PX, b.x1(), 1e-6);
    assertEquals(256 - 0.9 / M_PER_PX, b.y0(), 1e-6);
    assertEquals(256 + 0.9 / M_PER_PX, b.y1(), 1e-6);
    assertEquals(0.5, b.visibleFraction(), 1e-9);
  }

  @Test
  void aVehicleInATunnelIsNeitherDrawnNorLabelled() {
    LocalProjection proj = LocalProjection.centredOn(7.42, 43.73);
    OsmWay tunnel = way(1, proj, Map.of("highway", "primary", "tunnel", "yes"), -50, 0, 50, 0);
    OsmWay surface = way(2, proj, Map.of("highway", "primary"), 20, -50, 20, 50);
    MapScene scene = MapScene.of("t", OsmFeatures.ofWays(List.of(tunnel, surface)), proj);
    VehiclePose inTunnel = new VehiclePose("tunnel", VehicleClass.PASSENGER, -10, 0, 90, 10);
    VehiclePose aboveTunnel = new VehiclePose("crossing", VehicleClass.PASSENGER, 20, 0, 0, 10);
    VehiclePose onSurface = new VehiclePose("surface", VehicleClass.PASSENGER, 20, 30, 0, 10);
    NadirCamera camera = new NadirCamera(scene, SETTINGS);
    CameraFrame f = camera.render(fixed(inTunnel, aboveTunnel, onSurface), 0, 0, 0, 0, 5);
    assertEquals(List.of("crossing", "surface"), f.boxes().stream().map(VehicleBox::vehicleId).toList());
    int[] without = pixels(camera.render(fixed(aboveTunnel, onSurface), 0, 0, 0, 0, 5).image());
    assertArrayEquals(without, pixels(f.image()));
  }

  @Test
  void aCrossingOnARoadGetsZebraStripes() {
    LocalProjection proj = LocalProjection.centredOn(7.42, 43.73);
    // an east-west primary road (7 m) through the camera centre, a crossing node at x = 0
    Coordinate a = proj.toWgs84(-50, 0);
    Coordinate m = proj.toWgs84(0, 0);
    Coordinate b = proj.toWgs84(50, 0);
    OsmWay road = new OsmWay(1, Map.of("highway", "primary", "oneway", "yes"),
        new double[] {a.x, m.x, b.x}, new double[] {a.y, m.y, b.y});
    MapScene plain = MapScene.of("road", OsmFeatures.ofWays(List.of(road)), proj);
    MapScene zebra = MapScene.of("zebra", new OsmFeatures(List.of(road), List.of(),
        List.of(new OsmFeatures.Node(7, m.x, m.y))), proj);
    BufferedImage without = new NadirCamera(plain, SETTINGS).render(t -> List.of(), 0, 0, 0, 0, 3).image();
    BufferedImage with = new NadirCamera(zebra, SETTINGS).render(t -> List.of(), 0, 0, 0, 0, 3).image();
    // bars 0.5 m wide every metre across the road, centred at -3.0, -2.0, ... 3.0 m north
    int bright = 0;
    for (double northM = -3.0; northM <= 3.0; northM += 1.0) {
      int py = (int) Math.floor(256 - northM / M_PER_PX);
      int[] on = mean3x3(with, 256, py);
      int[] off = mean3x3(without, 256, py);
      if (on[0] > off[0] + 60) {
        bright++;
      }
    }
    assertEquals(7, bright, "zebra bars brighter than the asphalt");
    // between the bars (0.5 m off a bar centre) and away from the crossing the road is unchanged
    assertEquals(without.getRGB(256 + (int) (10 / M_PER_PX), 256), with.getRGB(256 + (int) (10 / M_PER_PX), 256));
  }

  @Test
  void laneLinesAreDashedBetweenLanes() {
    LocalProjection proj = LocalProjection.centredOn(7.42, 43.73);
    // a one-way three-lane road along x from -50 m: 9.75 m wide, lines 1.625 m either side of the axis
    OsmWay road = way(1, proj, Map.of("highway", "trunk", "oneway", "yes", "lanes", "3"), -50, 0, 50, 0);
    BufferedImage img = new NadirCamera(MapScene.of("lanes", OsmFeatures.ofWays(List.of(road)), proj), SETTINGS)
        .render(t -> List.of(), 0, 0, 0, 0, 4).image();
    // dashes are 3 m painted, 6 m gap from the line's start: x = -48.5 m is on a dash, x = -44 m in a gap
    for (double northM : new double[] {-1.625, 1.625}) {
      int py = (int) Math.floor(256 - northM / M_PER_PX);
      int[] dash = mean3x3(img, (int) Math.floor(256 - 48.5 / M_PER_PX), py);
      int[] gap = mean3x3(img, (int) Math.floor(256 - 44 / M_PER_PX), py);
      // a 0.15 m line is 0.67 px: about a third of the 3 x 3 mean, +40 levels of paint over asphalt
      assertTrue(dash[0] > gap[0] + 20, "lane line at " + northM + " m: dash " + dash[0] + " vs gap " + gap[0]);
    }
    // and no line on the axis (between lanes 1.625 m apart there is none at 0)
    int axis = mean3x3(img, (int) Math.floor(256 - 48.5 / M_PER_PX), 256)[0];
    int gapAxis = mean3x3(img, (int) Math.floor(256 - 44 / M_PER_PX), 256)[0];
    assertTrue(Math.abs(axis - gapAxis) < 10, "paint on the axis of a three-lane road: " + axis + " vs " + gapAxis);
  }

  @Test
  void offsetLinesKeepTheirDistanceAroundCorners() {
    java.awt.geom.PathIterator it = MapScene.offsetLine(new double[] {0, 0, 10, 0, 10, 10}, 1).getPathIterator(null);
    double[] c = new double[6];
    List<double[]> points = new ArrayList<>();
    for (; !it.isDone(); it.next()) {
      it.currentSegment(c);
      points.add(new double[] {c[0], c[1]});
    }
    assertArrayEquals(new double[] {0, 1}, points.get(0), 1e-9);
    assertArrayEquals(new double[] {9, 1}, points.get(1), 1e-9);
    assertArrayEquals(new double[] {9, 10}, points.get(2), 1e-9);
  }

  static OsmWay way(long id, LocalProjection proj, Map<String, String> tags, double x0, double y0, double x1, double y1) {
    Coordinate a = proj.toWgs84(x0, y0);
    Coordinate b = proj.toWgs84(x1, y1);
    return new OsmWay(id, tags, new double[] {a.x, b.x}, new double[] {a.y, b.y});
  }

  @Test
  void everyVehicleInViewHasABoxAndNoneOutside() {
    long seed = new Random().nextLong();
    System.out.println("NadirCameraTest.everyVehicleInViewHasABoxAndNoneOutside seed " + seed);
    everyVehicleInViewHasABoxAndNoneOutside(seed);
  }

  @Test
  void boxesCutByTheFrameEdgeEndExactlyOnIt() {
    // this layout clipped a van at y0 = -1.8e-15 before boxes were clamped to the frame
    everyVehicleInViewHasABoxAndNoneOutside(-1520467032609855913L);
  }

  static void everyVehicleInViewHasABoxAndNoneOutside(long seed) {
    Random r = new Random(seed);
    List<VehiclePose> poses = new ArrayList<>();
    VehicleClass[] classes = VehicleClass.values();
    for (int i = 0; i < 300; i++) {
      poses.add(new VehiclePose("v" + i, classes[r.nextInt(classes.length)], r.nextDouble(-150, 150),
          r.nextDouble(-150, 150), r.nextDouble(0, 360), r.nextDouble(0, 20)));
    }
    double heading = r.nextDouble(0, 360);
    double camX = r.nextDouble(-20, 20);
    double camY = r.nextDouble(-20, 20);
    CameraFrame f = new NadirCamera(empty(), SETTINGS).render(t -> poses, 0, camX, camY, heading, seed);
    Map<String, VehicleBox> boxes = new HashMap<>();
    f.boxes().forEach(b -> boxes.put(b.vehicleId(), b));
    double a = Math.toRadians(heading);
    int inView = 0;
    for (VehiclePose p : poses) {
      // camera frame by hand: right = (cos a, -sin a), up = (sin a, cos a)
      double dx = p.xM() - camX;
      double dy = p.yM() - camY;
      double px = 256 + (dx * Math.cos(a) - dy * Math.sin(a)) / M_PER_PX;
      double py = 256 - (dx * Math.sin(a) + dy * Math.cos(a)) / M_PER_PX;
      double reach = Math.hypot(p.vehicleClass().lengthM(), p.vehicleClass().widthM()) / 2 / M_PER_PX;
      boolean surelyIn = px > 0 && px < 512 && py > 0 && py < 512;
      boolean surelyOut = px < -reach || px > 512 + reach || py < -reach || py > 512 + reach;
      VehicleBox b = boxes.get(p.vehicleId());
      if (surelyIn) {
        inView++;
        assertNotNull(b, "no box for " + p + " at pixel " + px + ", " + py + " (seed " + seed + ")");
        assertTrue(b.x0() <= px && px <= b.x1() && b.y0() <= py && py <= b.y1(), "box " + b + " misses centre " + px + ", " + py);
      }
      if (surelyOut) {
        assertFalse(boxes.containsKey(p.vehicleId()), "box for a vehicle out of view: " + p + " (seed " + seed + ")");
      }
      if (b != null) {
        assertTrue(b.x0() >= 0 && b.y0() >= 0 && b.x1() <= 512 && b.y1() <= 512, "box outside the frame: " + b);
      }
    }
    assertTrue(inView > 0, "the random layout put no vehicle in view (seed " + seed + ")");
  }

  @Test
  void sameSeedSameBytesAndOtherSeedsDiffer() {
    Coordinate c = roadPointOf(monaco, "primary");
    TrafficSource cars = fixed(new VehiclePose("m", VehicleClass.PASSENGER, c.x, c.y, 10, 12),
        new VehiclePose("t", VehicleClass.TRUCK, c.x + 8, c.y + 3, 190, 0));
    NadirCamera camera = new NadirCamera(monaco, SETTINGS);
    int[] a = pixels(camera.render(cars, 0, c.x, c.y, 33, 42).image());
    int[] b = pixels(camera.render(cars, 0, c.x, c.y, 33, 42).image());
    assertArrayEquals(a, b);
    int[] other = pixels(camera.render(cars, 0, c.x, c.y, 33, 43).image());
    int differ = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != other[i]) {
        differ++;
      }
    }
    assertTrue(differ > a.length / 2, "seeds 42 and 43 differ in only " + differ + " pixels");
  }

  @Test
  void aRoadIsRoadColouredWhereTheMapHasIt() {
    NadirCamera camera = new NadirCamera(monaco, SETTINGS);
    for (String highway : List.of("primary", "secondary", "residential")) {
      // a point 1.2 m beside the centre line (clear of the dashed marking), no traffic
      Coordinate c = roadPointOf(monaco, highway);
      for (long seed = 1; seed <= 3; seed++) {
        BufferedImage img = camera.render(t -> List.of(), 0, c.x, c.y, 0, seed).image();
        int[] rgb = mean3x3(img, 256, 256);
        int max = Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
        int min = Math.min(rgb[0], Math.min(rgb[1], rgb[2]));
        // asphalt (86, 88, 92) under lighting within 0.8..1.2 gain, 0.8..1.2 contrast, +-7% cast,
        // possibly in a shadow: dark and grey
        assertTrue(max < 125, highway + " seed " + seed + ": not dark like asphalt: " + java.util.Arrays.toString(rgb));
        assertTrue(max - min < 30, highway + " seed " + seed + ": not grey like asphalt: " + java.util.Arrays.toString(rgb));
      }
    }
  }

  /** A point 1.2 m to the side of the middle of the first long visible way of that class. */
  static Coordinate roadPointOf(MapScene scene, String highway) {
    for (OsmWay w : monacoWays) {
      if (highway.equals(w.tag("highway")) && w.tag("tunnel") == null && w.tag("bridge") == null
          && w.tag("layer") == null && w.size() >= 2) {
        Coordinate a = scene.projection().toLocal(w.lonDeg(0), w.latDeg(0));
        Coordinate b = scene.projection().toLocal(w.lonDeg(1), w.latDeg(1));
        double len = a.distance(b);
        if (len < 20) {
          continue;
        }
        double nx = -(b.y - a.y) / len;
        double ny = (b.x - a.x) / len;
        return new Coordinate((a.x + b.x) / 2 + 1.2 * nx, (a.y + b.y) / 2 + 1.2 * ny);
      }
    }
    throw new AssertionError("no " + highway + " way of 20 m in Monaco");
  }

  static int[] mean3x3(BufferedImage img, int x, int y) {
    int[] sum = new int[3];
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int p = img.getRGB(x + dx, y + dy);
        sum[0] += (p >> 16) & 0xff;
        sum[1] += (p >> 8) & 0xff;
        sum[2] += p & 0xff;
      }
    }
    return new int[] {sum[0] / 9, sum[1] / 9, sum[2] / 9};
  }

  static boolean near(int p, int q, int tolerance) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)) > tolerance) {
        return false;
      }
    }
    return true;
  }

  static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }
}
