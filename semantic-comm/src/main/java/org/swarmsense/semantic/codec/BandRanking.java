package org.swarmsense.semantic.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Learns a band order for a task: drop one band at a time and rank the bands by how much task score
 * is lost.
 *
 * <p>Procedure: every validation image is encoded at {@code quality}; its full decode is the
 * reference. For each of the 64 bands b, the image is decoded again with band b set to zero in every
 * block of every component, and the task scores the result against the original image. The loss of
 * band b is the mean, over the validation images, of (score of the full decode - score without b),
 * floored at zero: a band whose removal does not lower the score has no measured value (a negative
 * loss on a small validation set is noise, not a band that hurts). Bands are sent in decreasing
 * loss; equal losses (zeros included) keep zig-zag order. Single-threaded, deterministic
 * for a deterministic task score.
 */
public final class BandRanking {

  private BandRanking() {}

  /**
   * A task's score of a decoded image against its original (higher is better), e.g. detection F1
   * against the task model's own output on the original.
   */
  @FunctionalInterface
  public interface TaskScore {
    /** Score of {@code decoded} for the task, given the uncompressed {@code original}. */
    double score(PixelImage original, PixelImage decoded);
  }

  /**
   * The learned order and what each band is worth.
   *
   * @param order the ranking
   * @param lossPerBand mean task score lost when the band (zig-zag index) is dropped, floored at 0
   * @param fullScore mean task score of the full decodes
   */
  public record Result(BandOrder order, double[] lossPerBand, double fullScore) {}

  /**
   * Runs the procedure of the class comment.
   *
   * @param progress called with the band index after each band (for a progress line), may be null
   */
  public static Result learn(List<PixelImage> validation, int quality, TaskScore task, int id, String name,
      IntConsumer progress) {
    if (validation.isEmpty()) {
      throw new IllegalArgumentException("validation set must not be empty");
    }
    List<QuantizedFrame> frames = new ArrayList<>();
    double full = 0;
    for (PixelImage img : validation) {
      QuantizedFrame f = SemanticEncoder.quantize(SemanticEncoder.transform(img), quality);
      frames.add(f);
      full += task.score(img, f.toImage());
    }
    full /= validation.size();
    double[] loss = new double[64];
    for (int b = 0; b < 64; b++) {
      boolean[] drop = new boolean[64];
      drop[b] = true;
      double s = 0;
      for (int i = 0; i < frames.size(); i++) {
        s += task.score(validation.get(i), frames.get(i).withoutBands(drop).toImage());
      }
      loss[b] = Math.max(0.0, full - s / validation.size());
      if (progress != null) {
        progress.accept(b);
      }
    }
    List<Integer> bands = new ArrayList<>();
    for (int b = 0; b < 64; b++) {
      bands.add(b);
    }
    bands.sort(Comparator.<Integer>comparingDouble(b -> -loss[b]).thenComparingInt(b -> b));
    int[] ranking = bands.stream().mapToInt(Integer::intValue).toArray();
    return new Result(new BandOrder(id, name, ranking), loss, full);
  }
}
