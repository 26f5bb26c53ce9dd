package org.swarmsense.maps.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.osm.OsmFeatures;
import org.swarmsense.maps.osm.OsmWay;

/** The nadir stereo rig against disparities and outlines worked out by hand. */
class StereoRigTest {

  /** 60 degrees over 512 px: f = 256 / tan(30 deg) = 443.405 px; B = 9.5 m. */
  static final StereoRigSettings RIG = new StereoRigSettings(9.5, 60, 512, 512);
  static final double F = 256 / Math.tan(Math.toRadians(30));
  /** No sensor noise, so that the two views can be compared pixel by pixel. */
  static final CameraSettings NO_NOISE = new CameraSettings(100, 60, 512, 512, 0.02, 0);
  static final LocalProjection PROJ = LocalProjection.centredOn(7.42, 43.73);

  /** Roads in several directions with lane markings: texture for the shift check; no building, no tree. */
  static MapScene flat() {
    List<OsmWay> ways = new ArrayList<>();
    ways.add(way(1, Map.of("highway", "primary", "lanes", "4"), -200, -150, 200, 170));
    ways.add(way(2, Map.of("highway", "secondary", "lanes", "2"), -200, 60, 200, -90));
    ways.add(way(3, Map.of("highway", "residential"), 30, -200, -20, 200));
    return MapScene.of("flat", OsmFeatures.ofWays(ways), PROJ);
  }

  static OsmWay way(long id, Map<String, String> tags, double... xy) {
    double[] lon = new double[xy.length / 2];
    double[] lat = new double[xy.length / 2];
    for (int i = 0; i < lon.length; i++) {
      Coordinate c = PROJ.toWgs84(xy[2 * i], xy[2 * i + 1]);
      lon[i] = c.x;
      lat[i] = c.y;
    }
    return new OsmWay(id, tags, lon, lat);
  }

  static TrafficSource none() {
    return t -> List.of();
  }

  @Test
  void theFocalLengthFollowsFromTheFieldOfView() {
    assertEquals(443.405, RIG.focalPx(), 1e-3);
    assertEquals(443.405 * 9.5 / 100, RIG.disparityPx(100), 1e-3);
  }

  @Test
  void aFlatMapHasOneDisparityAndTheRightViewIsTheLeftShiftedByIt() {
    // altitude chosen so that the ground's disparity is a whole 40 px: f B / 40
    double altitudeM = F * 9.5 / 40;
    StereoPair pair = new StereoRig(flat(), NO_NOISE, RIG).render(none(), 0, 0, 0, 0, altitudeM, 7);
    for (float d : pair.disparityPx()) {
      assertEquals(40.0, d, 1e-4);
    }
    // the left pixel x shows what the right one shows at x - 40; at x - 39 or x - 41 it does not
    double at40 = meanAbsDifference(pair, 40);
    double at39 = meanAbsDifference(pair, 39);
    double at41 = meanAbsDifference(pair, 41);
    assertTrue(at40 < 0.5, "mean |L(x) - R(x - 40)| = " + at40);
    assertTrue(at39 > 4 * at40 + 0.5 && at41 > 4 * at40 + 0.5, "at 39: " + at39 + ", at 40: " + at40 + ", at 41: " + at41);
  }

  @Test
  void aBoxBuildingOfKnownHeightHasItsRoofDisparityOverItsOutline() {
    // a 20 x 20 m building 20 m high with its ground outline at x in [10, 30], y in [-10, 10] m, east of
    // the camera at (0, 0), 100 m up, image top to the north. Its roof is 80 m below the camera:
    // d = f B / 80 = 52.654 px, seen f / 80 px per metre, so x in 256 + (10 .. 30) f / 80 and
    // y in 256 -/+ 10 f / 80 (pixel edge coordinates): columns 311..421 and rows 201..310 have their
    // centres inside.
    OsmWay box = way(10, Map.of("building", "yes", "height", "20"), 10, -10, 30, -10, 30, 10, 10, 10, 10, -10);
    MapScene scene = MapScene.of("box", OsmFeatures.ofWays(List.of(box)), PROJ);
    StereoPair pair = new StereoRig(scene, NO_NOISE, RIG).render(none(), 0, 0, 0, 0, 100, 3);
    double roof = F * 9.5 / 80;
    double ground = F * 9.5 / 100;
    double x0 = 256 + 10 * F / 80;
    double x1 = 256 + 30 * F / 80;
    double y0 = 256 - 10 * F / 80;
    double y1 = 256 + 10 * F / 80;
    assertEquals(311, (int) Math.ceil(x0 - 0.5));
    int roofPixels = 0;
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        boolean inside = x + 0.5 > x0 && x + 0.5 < x1 && y + 0.5 > y0 && y + 0.5 < y1;
        float d = pair.disparityPx()[y * 512 + x];
        assertEquals(inside ? roof : ground, d, 1e-3, "pixel (" + x + ", " + y + ")");
        roofPixels += inside ? 1 : 0;
      }
    }
    assertEquals(111 * 110, roofPixels);
    assertEquals(52.654, roof, 1e-3);
    // the roof is drawn where its disparity says: its east edge is at x1 in the left view and at
    // x1 - d in the right one (4 px inside it the right view shows the same roof pixel as the left
    // view 4 px inside x1; 4 px outside it, not the roof)
    int roofLeft = pair.left().getRGB((int) x1 - 4, 256);
    int roofRight = pair.right().getRGB((int) (x1 - roof) - 4, 256);
    int pastRight = pair.right().getRGB((int) (x1 - roof) + 4, 256);
    assertTrue(near(roofLeft, roofRight, 12), Integer.toHexString(roofLeft) + " vs " + Integer.toHexString(roofRight));
    assertFalse(near(roofLeft, pastRight, 12), Integer.toHexString(roofLeft) + " vs " + Integer.toHexString(pastRight));
  }

  @Test
  void theHighestSurfaceWinsWhereTwoOverlap() {
    // a 30 m tower standing on a 10 m block: the tower's roof covers the block's where they overlap
    OsmWay block = way(20, Map.of("building", "yes", "height", "10"), -20, -20, 20, -20, 20, 20, -20, 20, -20, -20);
    OsmWay tower = way(21, Map.of("building", "yes", "height", "30"), -5, -5, 5, -5, 5, 5, -5, 5, -5, -5);
    for (List<OsmWay> order : List.of(List.of(block, tower), List.of(tower, block))) {
      MapScene scene = MapScene.of("stack", OsmFeatures.ofWays(order), PROJ);
      StereoPair pair = new StereoRig(scene, NO_NOISE, RIG).render(none(), 0, 0, 0, 0, 100, 3);
      assertEquals(F * 9.5 / 70, pair.disparityPx()[256 * 512 + 256], 1e-3);
      assertEquals(F * 9.5 / 90, pair.disparityPx()[256 * 512 + 256 + 60], 1e-3); // 60 px = 12 m on the block's roof
      assertEquals(F * 9.5 / 100, pair.disparityPx()[256 * 512 + 256 + 200], 1e-3);
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
    OsmWay box = way(10, Map.of("building", "yes", "height", "20"), 10, -10, 30, -10, 30, 10, 10, 10, 10, -10);
    List<OsmWay> ways = new ArrayList<>(List.of(box));
    ways.add(way(1, Map.of("highway", "primary", "lanes", "4"), -200, -150, 200, 170));
    MapScene scene = MapScene.of("box", OsmFeatures.ofWays(ways), PROJ);
    CameraSettings noisy = new CameraSettings(100, 60, 512, 512, 0.02, 6);
    StereoRig rig = new StereoRig(scene, noisy, RIG);
    StereoPair a = rig.render(none(), 0, 3, 4, 20, 100, 11);
    StereoPair b = rig.render(none(), 0, 3, 4, 20, 100, 11);
    StereoPair c = rig.render(none(), 0, 3, 4, 20, 100, 12);
    assertArrayEquals(pixels(a.left()), pixels(b.left()));
    assertArrayEquals(pixels(a.right()), pixels(b.right()));
    assertArrayEquals(a.disparityPx(), b.disparityPx());
    assertFalse(java.util.Arrays.equals(pixels(a.left()), pixels(c.left())));
    // the geometry does not depend on the seed
    assertArrayEquals(a.disparityPx(), c.disparityPx());
    // the two views have their own noise
    assertFalse(java.util.Arrays.equals(pixels(a.left()), pixels(a.right())));
  }

  @Test
  void aSurfaceReachingTheCamerasIsRefusedNamingTheAltitude() {
    OsmWay box = way(10, Map.of("building", "yes", "height", "20"), 10, -10, 30, -10, 30, 10, 10, 10, 10, -10);
    MapScene scene = MapScene.of("box", OsmFeatures.ofWays(List.of(box)), PROJ);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StereoRig(scene, NO_NOISE, RIG).render(none(), 0, 0, 0, 0, 20.5, 1));
    assertTrue(e.getMessage().contains("altitudeM 20.5"), e.getMessage());
  }

  @Test
  void badRigSettingsAreRefusedNamingTheField() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new StereoRigSettings(0, 60, 512, 512))
        .getMessage().contains("baselineM"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new StereoRigSettings(9.5, 170, 512, 512))
        .getMessage().contains("horizontalFovDeg"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new StereoRigSettings(9.5, 60, 0, 512))
        .getMessage().contains("widthPx"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new StereoRigSettings(9.5, 60, 512, 5000))
        .getMessage().contains("heightPx"));
  }

  @Test
  void referenceConfGivesTheDocumentedRig() {
    StereoRigSettings s = MapsSettings.load().stereoRig();
    assertEquals(new StereoRigSettings(9.5, 60, 512, 512), s);
    // the rule: the tallest shipped surface (< 12 m) at 100 m stays at or under 48 of 64 disparities
    assertTrue(s.disparityPx(100 - 12) <= 48, "d at 12 m: " + s.disparityPx(88));
  }

  static int[] pixels(BufferedImage img) {
    return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
  }

  /** Mean absolute grey difference between left (x, y) and right (x - shift, y) over the valid columns. */
  static double meanAbsDifference(StereoPair pair, int shift) {
    double sum = 0;
    long n = 0;
    for (int y = 0; y < pair.heightPx(); y++) {
      for (int x = shift; x < pair.widthPx(); x++) {
        sum += Math.abs(grey(pair.left().getRGB(x, y)) - grey(pair.right().getRGB(x - shift, y)));
        n++;
      }
    }
    return sum / n;
  }

  static double grey(int rgb) {
    return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
  }

  static boolean near(int a, int b, int tolerance) {
    return Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)) <= tolerance
        && Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff)) <= tolerance && Math.abs((a & 0xff) - (b & 0xff)) <= tolerance;
  }
}
