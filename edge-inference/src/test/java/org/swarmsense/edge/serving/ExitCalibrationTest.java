package org.swarmsense.edge.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.edge.runtime.ThreadSettings;

class ExitCalibrationTest {

  private static float[] p(int cls, float conf) {
    float[] v = new float[3];
    java.util.Arrays.fill(v, (1 - conf) / 2);
    v[cls] = conf;
    return v;
  }

  @Test
  void stopsWhereTheExitFirstLosesToTheLastExit() {
    // samples by exit confidence 0.9, 0.8, 0.7, 0.6; labels 0; exit right / last right:
    // 0.9: yes/yes (1 vs 1), 0.8: no/no (1 vs 1), 0.7: no/yes (1 vs 2 -> stop), 0.6: yes/no (would tie again)
    float[][] exit = {p(0, 0.9f), p(1, 0.8f), p(1, 0.7f), p(0, 0.6f)};
    float[][] last = {p(0, 0.9f), p(2, 0.9f), p(0, 0.9f), p(1, 0.9f)};
    assertEquals(0.8f, ExitCalibration.threshold(exit, last, new int[] {0, 0, 0, 0}), 1e-6);
    // the most confident sample already loses: never exit early
    assertEquals(Double.POSITIVE_INFINITY, ExitCalibration.threshold(new float[][] {p(1, 0.9f)},
        new float[][] {p(0, 0.9f)}, new int[] {0}));
  }

  @Test
  void theModelCardsThresholdsFollowTheRuleOnTheHeldOutImages() {
    // the last 1,000 images of Debian's training split, held out by the training script
    FashionMnist train = FashionMnist.trainSplit(FashionMnist.DEBIAN_DIR);
    List<Tensor> images = new ArrayList<>();
    int[] labels = new int[1000];
    for (int i = 0; i < 1000; i++) {
      images.add(train.image(train.size() - 1000 + i));
      labels[i] = train.label(train.size() - 1000 + i);
    }
    try (FashionExitModels models = FashionExitModels.load(new OnnxRuntimeBackend(new ThreadSettings(2, 1)))) {
      for (FashionExitModels.Level level : models.levels()) {
        double[] t = ExitCalibration.thresholds(level.model(), new OnnxStageExecutor(), images, labels);
        for (int k = 0; k < t.length; k++) {
          assertEquals(level.model().stages().get(k).exitThreshold(), t[k], 1e-6,
              "width " + level.width() + " exit " + (k + 1));
        }
      }
    }
  }
}
