package org.swarmsense.agents.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeNodeSettingsTest {

  static Config with(String override) {
    return ConfigFactory.parseString(override).withFallback(ConfigFactory.defaultReference()).resolve();
  }

  @Test
  void referenceDefaultsAreReadAsWritten() {
    EdgeNodeSettings s = EdgeNodeSettings.create(ConfigFactory.defaultReference());
    assertEquals(new EdgeNodeSettings(0, Duration.ofSeconds(1), 8, 512 * 1024, 4_194_304, Optional.empty(), 2, 0.3,
        org.swarmsense.edge.offload.PatchDefencePolicy.ON_REQUEST, Optional.empty()), s);
    assertEquals(Optional.of(Path.of("/m.onnx")), s.withDetectorModel(Path.of("/m.onnx")).detectorModel());
  }

  @Test
  void aBadPatchDefenceIsRefusedNamingKeyAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EdgeNodeSettings.create(with("swarmsense.agents.edge-node.patch-defence = sometimes")));
    assertTrue(e.getMessage().contains("swarmsense.agents.edge-node.patch-defence") && e.getMessage().contains("sometimes"),
        e.getMessage());
    assertEquals(org.swarmsense.edge.offload.PatchDefencePolicy.ALWAYS,
        EdgeNodeSettings.create(with("swarmsense.agents.edge-node.patch-defence = always")).patchDefence());
  }

  @Test
  void aPatchCalibrationFileIsReadAsAPathAndEmptyMeansTheShippedOne() {
    assertEquals(Optional.of(Path.of("/srv/edge/berlin.patch-defence.txt")), EdgeNodeSettings.create(
        with("swarmsense.agents.edge-node.patch-calibration = \" /srv/edge/berlin.patch-defence.txt \"")).patchCalibration());
    assertEquals(Optional.empty(), EdgeNodeSettings.create(with("swarmsense.agents.edge-node.patch-calibration = \"\""))
        .patchCalibration());
    EdgeNodeSettings s = EdgeNodeSettings.create(ConfigFactory.defaultReference()).withPatchCalibration(Path.of("c.txt"));
    assertEquals(Optional.of(Path.of("c.txt")), s.patchCalibration());
    assertEquals(Optional.of(Path.of("c.txt")), s.withCount(3).withPatchDefence(
        org.swarmsense.edge.offload.PatchDefencePolicy.ALWAYS).withDetectorModel(null).patchCalibration(), "kept by copies");
  }

  @Test
  void badAndUnknownKeysAreRefusedByName() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> EdgeNodeSettings.create(with("swarmsense.agents.edge-node.queue-size = 4")));
    assertTrue(unknown.getMessage().startsWith("unknown key swarmsense.agents.edge-node.queue-size"), unknown.getMessage());
    IllegalArgumentException queue = assertThrows(IllegalArgumentException.class,
        () -> EdgeNodeSettings.create(with("swarmsense.agents.edge-node.queue-capacity = 0")));
    assertEquals("queueCapacity must be >= 1, got: 0", queue.getMessage());
    IllegalArgumentException score = assertThrows(IllegalArgumentException.class,
        () -> EdgeNodeSettings.create(with("swarmsense.agents.edge-node.min-score = 1.5")));
    assertEquals("edge-node.min-score must be in [0, 1], got: 1.5", score.getMessage());
  }
}
