package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.maps.camera.CameraFrame;
import org.swarmsense.maps.camera.RoadMask;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.PixelImage;

/** A frame's way through the detect run's link: encoded in the order given, decoded by the edge server. */
class EdgeFrameLinkTest {

  /** A 64 x 64 frame: a horizontal grey ramp with a dark 16 x 8 "car" at (24, 28). */
  private static CameraFrame frame() {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int v = x >= 24 && x < 40 && y >= 28 && y < 36 ? 20 : 60 + 2 * x;
        img.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    return new CameraFrame(img, List.of(), 0.25, new RoadMask(64, 64, new boolean[64 * 64]));
  }

  @Test
  void theEdgeServerDecodesAFrameSentInTheDetectorsLearnedOrder() {
    // lossless uplink, so every packet arrives and the decoded frame is the codec's at quality 50
    MissionDetectSettings settings = MissionDetectSettings.create(ConfigFactory
        .parseString("swarmsense.agents.mission-detect.mean-loss = 0").withFallback(ConfigFactory.load()));
    List<PixelImage> seen = new ArrayList<>();
    FrameDetector recorder = FrameDetector.named("recorder", image -> {
      seen.add(image);
      return List.of(new Detection(0, 0.9, 24, 28, 40, 36));
    });
    BandOrder learned = VehicleDetector.Variant.PLAIN.bandOrder();
    assertTrue(learned.id() != BandOrder.zigZag().id(), "the shipped order is not zig-zag");
    EdgeFrameLink link = new EdgeFrameLink(recorder, learned, AgentsSettings.defaults().edgeNode().limits(), settings);

    Optional<List<Detection>> answer = link.send(frame(), 7, 1);

    assertEquals(Optional.of(List.of(new Detection(0, 0.9, 24, 28, 40, 36))), answer);
    assertEquals(1, seen.size());
    // decoded in the right order: the car and the ramp come back within a few grey levels
    PixelImage got = seen.get(0);
    assertEquals(64, got.width());
    double err = 0;
    BufferedImage sent = frame().image();
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        err += Math.abs((sent.getRGB(x, y) & 0xFF) - got.sample(x, y, 1));
      }
    }
    assertTrue(err / (64 * 64) < 4, "mean absolute error " + err / (64 * 64));
  }

  /**
   * When the whole frame does not fit the deadline's bytes, the link sends it road-first: outside the road
   * region (here the left half) only DC arrives, so each 8x8 block there decodes flat; inside, detail.
   */
  @Test
  void aFrameThatDoesNotFitTheDeadlineGoesRoadFirst() {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    java.util.Random rnd = new java.util.Random(5);
    boolean[] left = new boolean[64 * 64];
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int v = 40 + rnd.nextInt(160); // noise: the whole frame takes far more than the 1,000 bytes below
        img.setRGB(x, y, (v << 16) | (v << 8) | v);
        left[y * 64 + x] = x < 32;
      }
    }
    CameraFrame frame = new CameraFrame(img, List.of(), 0.25, new RoadMask(64, 64, left));
    MissionDetectSettings settings = MissionDetectSettings.create(ConfigFactory.parseString(
        "swarmsense.agents.mission-detect { mean-loss = 0, uplink-rate-bytes-per-s = 2000, deadline = 500ms }")
        .withFallback(ConfigFactory.load()));
    List<PixelImage> seen = new ArrayList<>();
    FrameDetector recorder = FrameDetector.named("recorder", image -> {
      seen.add(image);
      return List.of();
    });
    EdgeFrameLink link = new EdgeFrameLink(recorder, BandOrder.zigZag(), AgentsSettings.defaults().edgeNode().limits(),
        settings);
    assertTrue(link.send(frame, 1, 1).isPresent());
    PixelImage got = seen.get(0);
    int flatRight = 0;
    int flatLeft = 0;
    for (int by = 0; by < 8; by++) {
      for (int bx = 0; bx < 8; bx++) {
        int min = 255;
        int max = 0;
        for (int y = by * 8 + 2; y < by * 8 + 6; y++) {
          for (int x = bx * 8 + 2; x < bx * 8 + 6; x++) {
            min = Math.min(min, got.sample(x, y, 1));
            max = Math.max(max, got.sample(x, y, 1));
          }
        }
        if (max - min <= 3) {
          if (bx < 4) {
            flatLeft++;
          } else {
            flatRight++;
          }
        }
      }
    }
    assertEquals(32, flatRight, "every block outside the region decodes flat (DC only)");
    assertTrue(flatLeft < 8, flatLeft + " of 32 blocks inside the region flat");
  }

  @Test
  void aLinkWithoutAnOrderIsRefusedNamingIt() {
    FrameDetector none = FrameDetector.named("none", image -> List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EdgeFrameLink(none, null,
        AgentsSettings.defaults().edgeNode().limits(), AgentsSettings.defaults().missionDetect()));
    assertTrue(e.getMessage().contains("order"), e.getMessage());
  }

  /** The report's link line names the order the frames went in, not a fixed "zig-zag". */
  @Test
  void theReportsLinkLineNamesTheOrderTheFramesWentIn() {
    MissionDetectSettings settings = AgentsSettings.defaults().missionDetect();
    FrameDetector none = FrameDetector.named("none", image -> List.of());
    BandOrder learned = new BandOrder(3, "learned for a test", BandOrder.zigZag().ranking());
    EdgeFrameLink link = new EdgeFrameLink(none, learned, AgentsSettings.defaults().edgeNode().limits(), settings);
    assertEquals(java.util.Optional.of(learned), link.bandOrder());
    assertEquals("semantic codec quality 50, band order id 3 (learned for a test); uplink 250000 B/s, Gilbert-Elliott"
        + " mean loss 0.050; deadline 500 ms (at most 125000 B per frame)", settings.linkDescription(link.bandOrder()));
    assertTrue(settings.linkDescription(java.util.Optional.of(BandOrder.zigZag()))
        .startsWith("semantic codec quality 50, zig-zag band order; "));
    assertTrue(settings.linkDescription(java.util.Optional.empty())
        .startsWith("semantic codec quality 50, frames not encoded; "));
  }
}
