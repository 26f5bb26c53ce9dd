package org.swarmsense.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class EdgeInferenceSettingsTest {

  @Test
  void referenceConfHoldsTheDocumentedDefaults() {
    EdgeInferenceSettings s = EdgeInferenceSettings.load();
    assertEquals(1, s.intraOpThreads());
    assertArrayEquals(new int[] {1, 2, 4, 8, 16}, s.latencyTableBatchSizes());
    assertEquals(15, s.latencyTableRepeats());
    assertEquals(16, s.maxBatchSize());
    assertEquals(1.0, s.lateExitMaxAccuracyLossPoints());
    assertEquals(2, s.detectorIntraOpThreads());
  }

  @Test
  void refusesUnknownKeysAndBadValuesNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.create(
        ConfigFactory.parseString("swarmsense.edge-inference.serving.max-batch = 4").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("serving.max-batch "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.create(
        ConfigFactory.parseString("swarmsense.edge-inference.serving.latency-table-batch-sizes = [2, 4]")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("latencyTableBatchSizes must start at 1, got: [2, 4]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.create(
        ConfigFactory.parseString("swarmsense.edge-inference.detector.threshold = 0.5").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("detector.threshold "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.create(
        ConfigFactory.parseString("swarmsense.edge-inference.detector.robust-score-threshold = 1.5")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("robustVehicleScoreThreshold must be in (0, 1), got: 1.5"), e.getMessage());
  }

  @Test
  void stereoSettingsInReferenceConfAreTheValuesTheCodeUsedBefore() {
    EdgeInferenceSettings.Stereo s = EdgeInferenceSettings.Stereo.load();
    // the literals of SgmSettings.defaults(), VoxelBox.standard() and OccupancyRule.anyPoint() before the move
    assertEquals(new org.swarmsense.edge.stereo.SgmSettings(64, 9, 7, 8, 96, 8, 10, 1f, 100, 2f,
        org.swarmsense.edge.stereo.SgmSettings.Subpixel.PARABOLA, 2), s.matcher());
    assertEquals(new org.swarmsense.edge.stereo.VoxelBox(-2, -2, 1.5, 4), s.box());
    assertEquals(new org.swarmsense.edge.stereo.OccupancyRule(0), s.occupancy());
    assertEquals(org.swarmsense.edge.stereo.PixelFootprint.TO_NEIGHBOURS, s.footprint());
    assertEquals(s.matcher(), org.swarmsense.edge.stereo.SgmSettings.defaults());
  }

  @Test
  void stereoSettingsRefuseBadValuesNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.Stereo.create(
        ConfigFactory.parseString("swarmsense.edge-inference.stereo.matcher.census-window-px = [9, 8]")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("censusHeightPx=8"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.Stereo.create(
        ConfigFactory.parseString("swarmsense.edge-inference.stereo.matcher.subpixel = cubic").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("matcher.subpixel") && e.getMessage().contains("cubic"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.Stereo.create(
        ConfigFactory.parseString("swarmsense.edge-inference.stereo.matcher.disparities = many").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("stereo.matcher.disparities must be an integer, got \"many\""), e.getMessage());
    // a fraction is refused, not truncated (Config.getInt would read 64.5 as 64)
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.Stereo.create(
        ConfigFactory.parseString("swarmsense.edge-inference.stereo.matcher.disparities = 64.5").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("stereo.matcher.disparities must be an integer, got 64.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.Stereo.create(
        ConfigFactory.parseString("swarmsense.edge-inference.stereo.box.side-m = -1").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("sideM") && e.getMessage().contains("-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.Stereo.create(
        ConfigFactory.parseString("swarmsense.edge-inference.stereo.pixel-footprint = blob").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("stereo.pixel-footprint") && e.getMessage().contains("blob"), e.getMessage());
  }

  @Test
  void patchSettingsInReferenceConfAreTheValuesTheCodeUsedBefore() {
    EdgeInferenceSettings.Patch p = EdgeInferenceSettings.Patch.load();
    // the literals of ImportanceDefence.Settings.DEFAULT (8, 0.2, 0.9, 5), PatchBenchOptions.OBJECTSEEKER_LINES (2)
    // and ObjectSeeker.PRUNE_IOA (0.6) before the move; the least change threshold 0 since the rule counts new
    // objects (2026-12-03; it was 1 for new detections)
    assertEquals(new org.swarmsense.edge.patch.ImportanceDefence.Settings(8, 0.2, 0.9, 5, 0), p.defence());
    assertEquals(new org.swarmsense.edge.patch.ObjectSeeker.Settings(2, 0.6), p.objectSeeker());
  }

  @Test
  void patchSettingsRefuseUnknownKeysAndBadValuesNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.Patch.create(
        ConfigFactory.parseString("swarmsense.edge-inference.patch.defence.channels = 4").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("patch.defence.channels "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.Patch.create(
        ConfigFactory.parseString("swarmsense.edge-inference.patch.seeker.lines = 4").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("patch.seeker "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.Patch.create(
        ConfigFactory.parseString("swarmsense.edge-inference.patch.defence.window-side = 1.5")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("windowSide must be in (0, 1], got: 1.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeInferenceSettings.Patch.create(
        ConfigFactory.parseString("swarmsense.edge-inference.patch.object-seeker.lines = two")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("lines") && e.getMessage().contains("two"), e.getMessage());
  }
}
