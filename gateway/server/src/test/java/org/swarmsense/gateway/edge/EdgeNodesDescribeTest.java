package org.swarmsense.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.edge.offload.PatchDefencePolicy;

/**
 * The line {@code serve}, the demo and {@code edge} print for what their nodes run: a configured
 * calibration the nodes do not use (a model file, or the defence off) is said to be unused, not left out.
 */
class EdgeNodesDescribeTest {

  private static final EdgeNodeSettings BASE = AgentsSettings.defaults().edgeNode();
  private static final Path SITE = Path.of("/srv/site.txt");

  @Test
  void theLineNamesTheDetectorAndWhetherTheCalibrationIsUsed() {
    assertEquals("the shipped vehicle detector (plain, band order id 3)", EdgeNodes.describeDetector(BASE));
    assertEquals("the shipped vehicle detector (plain, band order id 3, patch calibration /srv/site.txt)",
        EdgeNodes.describeDetector(BASE.withPatchCalibration(SITE)));
    assertEquals("the shipped vehicle detector (plain, band order id 3, patch defence off, patch calibration"
        + " /srv/site.txt unused)",
        EdgeNodes.describeDetector(BASE.withPatchCalibration(SITE).withPatchDefence(PatchDefencePolicy.OFF)));
    assertEquals("the shipped vehicle detector (plain, band order id 3)",
        EdgeNodes.describeDetector(BASE.withPatchDefence(PatchDefencePolicy.OFF)));
    assertEquals("coco.onnx", EdgeNodes.describeDetector(BASE.withDetectorModel(Path.of("/m/coco.onnx"))));
    assertEquals("coco.onnx (patch calibration /srv/site.txt unused: no patch defence with a model file)",
        EdgeNodes.describeDetector(BASE.withDetectorModel(Path.of("/m/coco.onnx")).withPatchCalibration(SITE)));
  }
}
