package org.swarmsense.gateway.cli;

import java.nio.file.Path;
import java.util.List;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.edge.offload.PatchDefencePolicy;
import picocli.CommandLine.Option;

/**
 * {@code --edge-model ONNX}, {@code --edge-patch-defence POLICY} and {@code --edge-patch-calibration FILE},
 * shared by {@code serve} and {@code demo} (a picocli mixin), and the one place their edge-node settings
 * (and {@code edge}'s) are resolved: the agents' {@code edge-node} settings with the command's node count
 * and the options given, checked.
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
  private PatchDefencePolicy edgePatchDefence;

  @Option(names = "--edge-patch-calibration", paramLabel = "FILE",
      description = "the patch defence's calibration for this deployment, written by swarmsense calibrate-defence"
          + " (default swarmsense.agents.edge-node.patch-calibration; empty: the one shipped with the detector)")
  private Path edgePatchCalibration;

  /**
   * The configured edge-node settings with {@code count} nodes (null: the configured count) and
   * the {@code --edge-model} file, {@code --edge-patch-defence} policy and {@code --edge-patch-calibration}
   * file if given ({@link #apply}).
   *
   * @throws IllegalArgumentException as {@link #apply}, and for a model or calibration given when no node
   *     starts
   */
  EdgeNodeSettings settings(Integer count) {
    EdgeNodeSettings edge = org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode();
    if (count != null) {
      edge = edge.withCount(count);
    }
    Given<Path> model = new Given<>("--edge-model", edgeModel);
    Given<Path> calibration = new Given<>("--edge-patch-calibration", edgePatchCalibration);
    for (Given<Path> g : List.of(model, calibration)) {
      if (g.value() != null && edge.count() == 0) {
        throw new IllegalArgumentException(g.option() + " " + g.value() + ": no edge node would use it ("
            + (count != null ? "--edge-nodes 0" : "swarmsense.agents.edge-node.count = 0") + "); give --edge-nodes N");
      }
    }
    return apply(edge, model, new Given<>("--edge-patch-defence", edgePatchDefence), calibration);
  }

  /** A command-line option and its value (null when not given). */
  record Given<T>(String option, T value) {}

  /**
   * {@code base} with the given options applied, for {@code serve}, {@code demo} and {@code edge}.
   *
   * @throws IllegalArgumentException naming the option and its value: the model not a readable file,
   *     the calibration not a calibration, or a calibration given where the nodes would not use it
   *     (they run a model file, which has no patch defence, or the defence is off)
   */
  static EdgeNodeSettings apply(EdgeNodeSettings base, Given<Path> model, Given<PatchDefencePolicy> policy,
      Given<Path> calibration) {
    EdgeNodeSettings edge = base;
    if (model.value() != null) {
      StartChecks.requireReadableFile(model.option(), model.value());
      edge = edge.withDetectorModel(model.value());
    }
    if (policy.value() != null) {
      edge = edge.withPatchDefence(policy.value());
    }
    if (calibration.value() != null) {
      String given = calibration.option() + " " + calibration.value() + ": ";
      if (edge.detectorModel().isPresent()) {
        throw new IllegalArgumentException(given + "the patch defence runs on the shipped vehicle detector only, and"
            + " the nodes would run the model " + edge.detectorModel().get() + " ("
            + (model.value() != null ? model.option() : "swarmsense.agents.edge-node.detector-model")
            + "); give one of them");
      }
      if (edge.patchDefence() == PatchDefencePolicy.OFF) {
        throw new IllegalArgumentException(given + "the patch defence is off ("
            + (policy.value() != null ? policy.option() : "swarmsense.agents.edge-node.patch-defence")
            + "), so no node would use it; give on-request or always, or no calibration");
      }
      edge = edge.withPatchCalibration(CalibrateDefenceCommand.checked(calibration.option(), calibration.value()));
    }
    return edge;
  }
}
