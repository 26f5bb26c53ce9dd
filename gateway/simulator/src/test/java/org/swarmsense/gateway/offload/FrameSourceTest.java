package org.swarmsense.gateway.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.SharedData;
import org.swarmsense.maps.camera.CameraFrame;
import org.swarmsense.maps.camera.MapScene;
import org.swarmsense.maps.camera.NadirCamera;
import org.swarmsense.maps.camera.TrafficSource;
import org.swarmsense.maps.camera.TrafficTrace;
import org.swarmsense.maps.camera.VehiclePose;
import org.swarmsense.semantic.codec.PixelImages;

/** What a drone's camera hands the encoder: the frame and, from the maps camera, its road region. */
class FrameSourceTest {

  @Test
  void theNadirCameraGivesTheFrameWithItsRoadRegion() throws Exception {
    MapScene scene = MapScene.load(SharedData.file("maps/monaco.osm.gz"));
    NadirCamera camera = new NadirCamera(scene, MapsSettings.load().camera());
    TrafficSource traffic =
        TrafficTrace.load(SharedData.file("traces/monaco-sumo-fcd-300s.xml.gz"), scene.projection());
    VehiclePose pose = traffic.posesAt(120).get(0); // the drone hovers over a vehicle, so over a road
    Coordinate above = scene.projection().toWgs84(pose.xM(), pose.yM());
    CameraFrame expected = camera.renderAtLonLat(traffic, 120, above.x, above.y, 0, 7);

    FrameSource.Captured shot = FrameSource.nadir(camera, traffic, 120, 7).capture(0, above.y, above.x);
    int w = expected.image().getWidth();
    int h = expected.image().getHeight();
    assertArrayEquals(PixelImages.fromBuffered(expected.image()).pixels(), shot.image().pixels());
    assertArrayEquals(expected.roads().inRegion(), shot.roads());
    assertTrue(shot.roads()[h / 2 * w + w / 2], "the pixel below the drone, over a vehicle, is in the road region");
    int in = 0;
    for (boolean b : shot.roads()) {
      in += b ? 1 : 0;
    }
    assertTrue(in > 0 && in < w * h, in + " of " + w * h + " pixels in the region");
  }

  @Test
  void recordedFramesHaveNoRegionAndARegionMustFitItsFrame() {
    FrameSource.Captured shot = FrameSource.cycling(List.of(PixelImages.midGray(32, 16, 3))).capture(0, 0, 0);
    assertNull(shot.roads());
    assertEquals(32, shot.image().width());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FrameSource.Captured(PixelImages.midGray(32, 16, 3), new boolean[100]));
    assertTrue(e.getMessage().contains("32x16") && e.getMessage().contains("100"), e.getMessage());
  }
}
