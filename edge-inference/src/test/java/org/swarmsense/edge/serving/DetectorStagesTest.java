package org.swarmsense.edge.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.runtime.InferenceSession;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.edge.runtime.ThreadSettings;
import org.swarmsense.maps.SharedData;

/**
 * The CenterNet detector split by the project's script chains to the full model on ONNX Runtime
 * within 1e-5 of each output's scale.
 */
class DetectorStagesTest {

  @Test
  void threeStagesChainToTheFullModel() {
    Path model = SharedData.file("models/mb3_centernet_coco.onnx");
    List<Path> files = DetectorStages.split(model, Path.of("target", "centernet-stages"), 3);
    OnnxRuntimeBackend backend = new OnnxRuntimeBackend(new ThreadSettings(2, 1));
    Tensor image = DetectorStages.nhwc(SharedData.file("images/dog.jpg"), 512);
    StagedModel staged = DetectorStages.load("centernet", files, backend);
    try (InferenceSession full = backend.open(model)) {
      Map<String, Tensor> expected = full.run(Map.of("images_nhwc", image));
      Map<String, Tensor> state = new HashMap<>(Map.of("images_nhwc", image));
      OnnxStageExecutor exec = new OnnxStageExecutor();
      for (Stage s : staged.stages()) {
        state.putAll(exec.run(s, List.of(state)).get(0));
      }
      for (String out : List.of("keypoints", "wh")) {
        float[] e = expected.get(out).data();
        float[] a = state.get(out).data();
        assertEquals(e.length, a.length, out);
        double max = 0;
        double scale = 0;
        for (int i = 0; i < e.length; i++) {
          max = Math.max(max, Math.abs(e[i] - a[i]));
          scale = Math.max(scale, Math.abs(e[i]));
        }
        System.out.printf("centernet chain %s: max |full - staged| = %.3g (max |full| = %.3g)%n", out, max, scale);
        // 1e-5 relative to the output's scale: keypoints are in [0, 1]; wh are pixel distances up to
        // a few hundred, where float32 rounding differences from operator fusion across a stage
        // boundary are ~1e-4 absolute (1e-6 relative).
        assertTrue(max <= 1e-5 * Math.max(1.0, scale), out + " differs by " + max + " at scale " + scale);
        assertTrue(scale > 0.1, out + " is all near zero: the comparison would prove nothing");
      }
    } finally {
      staged.close();
    }
  }
}
