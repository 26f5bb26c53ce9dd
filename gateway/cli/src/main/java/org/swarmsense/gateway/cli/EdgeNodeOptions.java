package org.swarmsense.gateway.cli;

import java.nio.file.Path;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import picocli.CommandLine.Option;

/**
 * {@code --edge-model ONNX}, {@code --edge-patch-defence POLICY} and {@code --edge-patch-calibration FILE}, shared by {@code serve} and {@code demo} (a picocli mixin), and the one
 * place their edge-node settings are resolved: the agents' {@code edge-node} settings with the
 * command's node count and, if given, the checked model file.
 */
final class EdgeNodeOptions {
  @Option(names = "--edge-model", paramLabel = "ONNX",
      description = "a COCO-format ONNX detector the edge nodes run instead of the shipped vehicle detector"
          + " (default swarmsense.agents.edge-node.detector-model; empty: the shipped vehicle detector)")
  private Path edgeModel;

  @Option(names = "--edge-patch-defence", paramLabel = "POLICY", converter = PatchDefenceOption.class,
      description = "when the edge nodes run the adversarial-patch defence (shipped vehicle detector only): off,"
          + " on-request (frames whose task asks), always (default swarmsense.agents.edge-node.patch-defence,"
          + " on-request)")
  private org.swarmsense.edge.offload.PatchDefencePolicy edgePatchDefence;

  @Option(names = "--edge-patch-calibration", paramLabel = "FILE",
      description = "the patch defence's calibration for this deployment, written by swarmsense calibrate-defence"
          + " (default swarmsense.agents.edge-node.patch-calibration; empty: the one shipped with the detector)")
  private Path edgePatchCalibration;

  /**
   * The configured edge-node settings with {@code count} nodes (null: the configured count) and
   * the {@code --edge-model} file, {@code --edge-patch-defence} policy and {@code --edge-patch-calibration}
   * file if given.
   *
   * @throws IllegalArgumentException if the model file is not a readable file (names {@code --edge-model}), or
   *     the calibration file not a calibration (names {@code --edge-patch-calibration})
   */
  EdgeNodeSettings settings(Integer count) {
    EdgeNodeSettings edge = org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode();
    if (count != null) {
      edge = edge.withCount(count);
    }
    if (edgeModel != null) {
      StartChecks.requireReadableFile("--edge-model", edgeModel);
      edge = edge.withDetectorModel(edgeModel);
    }
    if (edgePatchDefence != null) {
      edge = edge.withPatchDefence(edgePatchDefence);
    }
    if (edgePatchCalibration != null) {
      edge = edge.withPatchCalibration(CalibrateDefenceCommand.checked("--edge-patch-calibration", edgePatchCalibration));
    }
    return edge;
  }
}
