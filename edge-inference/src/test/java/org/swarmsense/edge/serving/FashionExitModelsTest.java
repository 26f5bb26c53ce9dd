package org.swarmsense.edge.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.edge.runtime.ThreadSettings;
import org.swarmsense.maps.SharedData;

/**
 * The committed multi-exit CNN on ONNX Runtime reproduces the exporter's (torch's) outputs on fixed
 * test images at every exit and pruning level, with a dynamic batch axis, and the accuracy its model
 * card states.
 */
class FashionExitModelsTest {

  private static final FashionMnist TEST = FashionMnist.testSplit(SharedData.folder("fashion-mnist"));

  @Test
  void onnxRuntimeOutputsEqualTheExportersReferenceOutputs() {
    Config ref = ConfigFactory.parseString(new String(org.swarmsense.edge.runtime.ModelResources.bytes(
        FashionExitModels.RESOURCE_DIR, "reference.json"),
        StandardCharsets.UTF_8));
    List<Integer> indices = ref.getIntList("testIndices");
    try (FashionExitModels models = FashionExitModels.load(new OnnxRuntimeBackend(ThreadSettings.singleThread()))) {
      List<? extends Config> variants = ref.getConfigList("variants");
      assertEquals(models.levels().size(), variants.size());
      OnnxStageExecutor exec = new OnnxStageExecutor();
      for (int v = 0; v < variants.size(); v++) {
        FashionExitModels.Level level = models.levels().get(v);
        assertEquals(variants.get(v).getDouble("width"), level.width(), 1e-9);
        @SuppressWarnings("unchecked")
        List<List<List<Number>>> expected = (List<List<List<Number>>>) (Object) variants.get(v).getList("probsPerStage")
            .unwrapped();
        List<Map<String, Tensor>> batch = new ArrayList<>();
        for (int i : indices) {
          batch.add(new HashMap<>(Map.of("image", TEST.image(i))));
        }
        double maxDiff = 0;
        for (int k = 0; k < level.model().depth(); k++) {
          List<Map<String, Tensor>> out = exec.run(level.model().stages().get(k), batch);
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).putAll(out.get(i));
            float[] probs = out.get(i).get("probs" + (k + 1)).data();
            List<Number> want = expected.get(k).get(i);
            assertEquals(want.size(), probs.length);
            for (int c = 0; c < probs.length; c++) {
              maxDiff = Math.max(maxDiff, Math.abs(probs[c] - want.get(c).doubleValue()));
            }
          }
        }
        System.out.printf("fashion width %.2f: max |onnxruntime - torch| over %d images x 3 exits = %.2g%n",
            level.width(), indices.size(), maxDiff);
        assertTrue(maxDiff <= 1e-5, "width " + level.width() + " differs from the exporter by " + maxDiff);
      }
    }
  }

  @Test
  void theUnprunedModelHasTheAccuracyOfItsCardOnTheSameTestImages() {
    try (FashionExitModels models = FashionExitModels.load(new OnnxRuntimeBackend(new ThreadSettings(2, 1)))) {
      FashionExitModels.Level full = models.full();
      OnnxStageExecutor exec = new OnnxStageExecutor();
      int n = models.card().getInt("testImages"); // the first n test images, as the exporter measured them
      int[] correct = new int[full.model().depth()];
      for (int from = 0; from < n; from += 100) {
        List<Map<String, Tensor>> batch = new ArrayList<>();
        for (int i = from; i < Math.min(n, from + 100); i++) {
          batch.add(new HashMap<>(Map.of("image", TEST.image(i))));
        }
        for (int k = 0; k < full.model().depth(); k++) {
          List<Map<String, Tensor>> out = exec.run(full.model().stages().get(k), batch);
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).putAll(out.get(i));
            float[] p = out.get(i).get("probs" + (k + 1)).data();
            int arg = 0;
            for (int c = 1; c < p.length; c++) {
              arg = p[c] > p[arg] ? c : arg;
            }
            correct[k] += arg == TEST.label(from + i) ? 1 : 0;
          }
        }
      }
      for (int k = 0; k < correct.length; k++) {
        double acc = correct[k] / (double) n;
        System.out.printf("exit %d: accuracy %.4f on %d test images, model card %.4f%n", k + 1, acc, n,
            full.testAccuracy().get(k));
        // same images as the exporter: only float rounding may flip a near-tie arg-max
        assertEquals(full.testAccuracy().get(k), acc, 0.002, "exit " + (k + 1));
      }
      assertTrue(correct[2] > correct[0], "the last exit must beat the first");
    }
  }
}
