package org.swarmsense.edge.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.swarmsense.edge.runtime.Tensor;

/**
 * Confidence thresholds of early exits that cost no accuracy on held-out data: scanning the
 * held-out samples from the most confident at exit k down, the threshold is the confidence at which
 * the scan must stop because, for the first time, the samples seen so far would be answered
 * correctly at exit k less often than at the last exit (the same samples compared, so an early
 * answer never trades an easy sample's full-depth answer for a worse one). Stateless.
 */
public final class ExitCalibration {

  private ExitCalibration() {}

  /**
   * The threshold of every early exit of {@code model} (one per stage but the last) on held-out
   * {@code images} with {@code labels}; +infinity where no confident prefix qualifies.
   */
  public static double[] thresholds(StagedModel model, StageExecutor executor, List<Tensor> images, int[] labels) {
    if (images.size() != labels.length || images.isEmpty()) {
      throw new IllegalArgumentException("need as many labels as images (>0), got: " + images.size() + " vs "
          + labels.length);
    }
    int depth = model.depth();
    float[][][] probs = new float[depth][images.size()][];
    for (int from = 0; from < images.size(); from += 100) {
      List<Map<String, Tensor>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(images.size(), from + 100); i++) {
        batch.add(new HashMap<>(Map.of(model.inputName(), images.get(i))));
      }
      for (int k = 0; k < depth; k++) {
        Stage stage = model.stages().get(k);
        List<Map<String, Tensor>> out = executor.run(stage, batch);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).putAll(out.get(i));
          probs[k][from + i] = out.get(i).get(stage.exitOutput().orElseThrow(
              () -> new IllegalArgumentException("stage " + stage.name() + " has no exit"))).data();
        }
      }
    }
    double[] thresholds = new double[depth - 1];
    for (int k = 0; k < depth - 1; k++) {
      thresholds[k] = threshold(probs[k], probs[depth - 1], labels);
    }
    return thresholds;
  }

  /** The rule on one exit's and the last exit's probabilities. */
  static double threshold(float[][] exit, float[][] last, int[] labels) {
    int n = labels.length;
    Integer[] order = new Integer[n];
    double[] conf = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      conf[i] = max(exit[i]);
    }
    Arrays.sort(order, (a, b) -> Double.compare(conf[b], conf[a]));
    int exitCorrect = 0;
    int lastCorrect = 0;
    double threshold = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      int i = order[j];
      exitCorrect += argmax(exit[i]) == labels[i] ? 1 : 0;
      lastCorrect += argmax(last[i]) == labels[i] ? 1 : 0;
      if (exitCorrect < lastCorrect) {
        break; // the first prefix that would lose accuracy ends the scan (no cherry-picking a later one)
      }
      boolean tieAhead = j + 1 < n && conf[order[j + 1]] == conf[i];
      if (!tieAhead) {
        threshold = conf[i];
      }
    }
    return threshold;
  }

  private static double max(float[] p) {
    double m = Double.NEGATIVE_INFINITY;
    for (float v : p) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static int argmax(float[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      best = p[c] > p[best] ? c : best;
    }
    return best;
  }
}
