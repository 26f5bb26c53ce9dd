package org.swarmsense.edge.serving;

/**
 * The answer to one {@link Request}: answered at an exit, or rejected. Immutable.
 *
 * @param requestId id of the request
 * @param answered false if the request was rejected (policy or queue timeout)
 * @param model name of the model variant that served it ("" if rejected before a variant was chosen)
 * @param exitStage 1-based stage whose exit answered, 0 if rejected
 * @param fullDepth whether the answer comes from the last stage
 * @param predictedClass arg-max of the exit's probabilities, -1 if the exit has no class output
 * @param confidence max probability of the exit, NaN if none
 * @param finishNanos time the answer (or rejection) was given, on the serving clock
 */
public record Response(long requestId, boolean answered, String model, int exitStage, boolean fullDepth,
    int predictedClass, double confidence, long finishNanos) {

  /** Validates the exit fields. */
  public Response {
    if (answered != (exitStage >= 1)) {
      throw new IllegalArgumentException("exitStage must be >= 1 exactly when answered, got: " + exitStage);
    }
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
  }

  /** A rejection at {@code finishNanos}. */
  public static Response rejected(long requestId, String model, long finishNanos) {
    return new Response(requestId, false, model, 0, false, -1, Double.NaN, finishNanos);
  }
}
