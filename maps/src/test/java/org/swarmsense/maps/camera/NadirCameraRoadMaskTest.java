package org.swarmsense.maps.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.maps.osm.OsmFeatures;
import org.swarmsense.maps.osm.OsmWay;

/** The road region the nadir camera returns with each frame: by hand on one road, and on Monaco with its traffic. */
class NadirCameraRoadMaskTest {

  static final CameraSettings SETTINGS = NadirCameraTest.SETTINGS;
  static final double M_PER_PX = NadirCameraTest.M_PER_PX;

  /** Frames of Monaco's traffic checked for vehicles outside the road region. */
  static final int FRAMES = 40;

  static MapScene monaco;
  static TrafficTrace monacoTraffic;

  @BeforeAll
  static void loadMonaco() {
    monaco = MapScene.load(SharedData.file("maps/monaco.osm.gz"));
    monacoTraffic = TrafficTrace.load(SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz"), monaco.projection());
  }

  /** The pixel row whose centre lies {@code northM} north of the camera (image top to the north). */
  static int row(double northM) {
    return (int) Math.floor(256 - northM / M_PER_PX);
  }

  @Test
  void aRoadGrowsByTheMarginAndPathsAndTunnelsStayOut() {
    LocalProjection proj = LocalProjection.centredOn(7.42, 43.73);
    // along x: a 7 m primary road on y = 0, a 2 m footway on y = 30, a 7 m primary tunnel on y = -30
    OsmWay road = NadirCameraTest.way(1, proj, Map.of("highway", "primary"), -100, 0, 100, 0);
    OsmWay footway = NadirCameraTest.way(2, proj, Map.of("highway", "footway"), -100, 30, 100, 30);
    OsmWay tunnel = NadirCameraTest.way(3, proj, Map.of("highway", "primary", "tunnel", "yes"), -100, -30, 100, -30);
    MapScene scene = MapScene.of("three", OsmFeatures.ofWays(List.of(road, footway, tunnel)), proj);
    RoadMask m = new NadirCamera(scene, SETTINGS).render(t -> List.of(), 0, 0, 0, 0, 1).roads();
    // the road reaches 3.5 m + 2 m = 5.5 m either side of its axis
    for (double northM : new double[] {0, 3.4, 5.3, -5.3}) {
      assertTrue(m.at(256, row(northM)), northM + " m north of the road's axis is outside the region");
    }
    for (double northM : new double[] {5.7, -5.7, 30, 29, -30, -27}) {
      assertFalse(m.at(256, row(northM)), northM + " m north of the road's axis is inside the region");
    }
    // rows 5.5 m either side: (5.5 + 5.5) / 0.2255 = 48.8 px, so 48 or 49 rows in every column
    int rows = 0;
    for (int y = 0; y < 512; y++) {
      rows += m.at(100, y) ? 1 : 0;
    }
    assertTrue(rows == 48 || rows == 49, rows + " rows in the region");
    assertEquals(rows / 512.0, m.share(), 1.5 / 512, "the region is one band across the frame");
  }

  @Test
  void theMaskIsTheFramesSizeAndHoldsTheVehiclesInView() {
    int frames = 0;
    int vehicles = 0;
    int inRegion = 0;
    double minShare = 1;
    double maxShare = 0;
    for (int k = 0; k < FRAMES; k++) {
      double tS = 5 + 290.0 * k / FRAMES;
      List<VehiclePose> poses = monacoTraffic.posesAt(tS);
      if (poses.isEmpty()) {
        continue;
      }
      VehiclePose centre = poses.get((7 * k) % poses.size());
      CameraFrame f = new NadirCamera(monaco, SETTINGS).render(monacoTraffic, tS, centre.xM(), centre.yM(), 37 * k, k);
      RoadMask m = f.roads();
      assertEquals(f.image().getWidth(), m.widthPx());
      assertEquals(f.image().getHeight(), m.heightPx());
      frames++;
      minShare = Math.min(minShare, m.share());
      maxShare = Math.max(maxShare, m.share());
      for (VehicleBox b : f.boxes()) {
        if (b.visibleFraction() < 0.5) {
          continue;
        }
        vehicles++;
        int x = Math.min(511, (int) Math.floor((b.x0() + b.x1()) / 2));
        int y = Math.min(511, (int) Math.floor((b.y0() + b.y1()) / 2));
        if (m.at(x, y)) {
          inRegion++;
        } else {
          System.out.println("outside the road region: " + b + " at t " + tS + " s");
        }
      }
    }
    System.out.printf("NadirCameraRoadMaskTest: %d frames, %d of %d vehicle centres in the road region,"
        + " share %.3f..%.3f%n", frames, inRegion, vehicles, minShare, maxShare);
    assertEquals(FRAMES, frames);
    // Monaco's trace has about 50 vehicles at a time and many in tunnels: about one box per frame
    assertTrue(vehicles >= 30, "only " + vehicles + " vehicles in " + FRAMES + " frames centred on one");
    // SUMO's network departs from the OSM centre lines in places (lanes laid out from its own widths,
    // tunnel portals, stops beside the road): over 150 frames of each shipped trace 97.8..100% of the
    // centres were in the region, which covers 25..32% of a frame on average; a misplaced mask would
    // hold about that share
    assertTrue(inRegion >= 0.95 * vehicles, inRegion + " of " + vehicles + " vehicle centres in the road region");
  }

  @Test
  void aCityCentreIsPartlyRoad() {
    // Monaco's port and Boulevard Albert 1er (43.7347 N, 7.4206 E)
    RoadMask m = new NadirCamera(monaco, SETTINGS).renderAtLonLat(monacoTraffic, 100, 7.4206, 43.7347, 0, 3).roads();
    System.out.printf("NadirCameraRoadMaskTest: Monaco centre road share %.3f%n", m.share());
    assertTrue(m.share() > 0.05 && m.share() < 0.8, "share " + m.share());
  }

  @Test
  void theSameFrameTwiceGivesTheSamePixelsAndTheSameMask() {
    VehiclePose v = monacoTraffic.posesAt(150).get(0);
    NadirCamera camera = new NadirCamera(monaco, SETTINGS);
    CameraFrame a = camera.render(monacoTraffic, 150, v.xM(), v.yM(), 12, 99);
    CameraFrame b = camera.render(monacoTraffic, 150, v.xM(), v.yM(), 12, 99);
    assertArrayEquals(NadirCameraTest.pixels(a.image()), NadirCameraTest.pixels(b.image()));
    assertEquals(a.roads(), b.roads());
    assertTrue(a.roads().share() > 0, "a frame centred on a vehicle shows no road");
  }

  @Test
  void farOutsideTheMapTheMaskIsEmpty() {
    var bounds = monaco.boundsM();
    CameraFrame f = new NadirCamera(monaco, SETTINGS).render(t -> List.of(), 0, bounds.getMaxX() + 5000,
        bounds.getMaxY() + 5000, 0, 1);
    assertEquals(new RoadMask(512, 512, new boolean[512 * 512]), f.roads());
  }

  @Test
  void aFrameRefusesAMaskOfAnotherSize() {
    RenderDatasetTest.expect("road mask 4x2 does not match the 4x3 image", () -> new CameraFrame(
        new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB), List.of(), 0.25,
        new RoadMask(4, 2, new boolean[8])));
  }
}
