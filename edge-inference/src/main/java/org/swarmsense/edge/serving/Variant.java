package org.swarmsense.edge.serving;

/**
 * One servable variant in the {@link ModelRegistry}: a staged model with how it was derived and its
 * measured profile. Immutable.
 *
 * @param model the stages it runs (a truncated chain when it answers from an early exit)
 * @param widthMultiplier channel multiplier of the architecture family (1 = base width)
 * @param inputSizePx side of the square input image, pixels
 * @param exits number of stages run; the answer comes from the last one's exit
 * @param pruningLevel fraction of channels pruned from the family's full width (0 = unpruned)
 * @param table latency table measured at start-up
 * @param accuracy accuracy of its final exit on the test split (0..1)
 */
public record Variant(StagedModel model, double widthMultiplier, int inputSizePx, int exits, double pruningLevel,
    LatencyTable table, double accuracy) {

  /** Validates every field. */
  public Variant {
    if (model == null || table == null) {
      throw new IllegalArgumentException("model and table must not be null");
    }
    if (!(widthMultiplier > 0)) {
      throw new IllegalArgumentException("widthMultiplier must be > 0, got: " + widthMultiplier);
    }
    if (inputSizePx < 1) {
      throw new IllegalArgumentException("inputSizePx must be >= 1, got: " + inputSizePx);
    }
    if (exits != model.depth() || table.depth() != exits) {
      throw new IllegalArgumentException("exits must equal the model's and the table's depth " + model.depth()
          + ", got: " + exits);
    }
    if (!(pruningLevel >= 0 && pruningLevel < 1)) {
      throw new IllegalArgumentException("pruningLevel must be in [0, 1), got: " + pruningLevel);
    }
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("accuracy must be in [0, 1], got: " + accuracy);
    }
  }

  /** Predicted batch-1 latency at an emulated slowdown factor. */
  public long predictedNanos(double slowdown) {
    return Math.round(table.fullDepthNanos() * slowdown);
  }
}
