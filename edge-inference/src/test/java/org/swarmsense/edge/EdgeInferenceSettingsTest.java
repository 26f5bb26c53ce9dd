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
}
