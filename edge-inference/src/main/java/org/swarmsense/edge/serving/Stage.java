package org.swarmsense.edge.serving;

import java.util.Optional;
import org.swarmsense.edge.runtime.InferenceSession;

/**
 * One stage of a {@link StagedModel}: an ONNX session whose inputs are tensors a sample already
 * holds (by name) and whose outputs are added to the sample; it may end in an exit head.
 *
 * @param name stage name for tables and messages, e.g. {@code "fashion-w100/2"}
 * @param session the stage's inference session (used by one scheduler thread at a time)
 * @param exitOutput name of the output holding the exit's class probabilities, if the stage has an exit
 * @param exitThreshold confidence (max probability) from which a sample leaves at this exit; 1.01 never
 * @param exitAccuracy accuracy of this exit measured on the test split (0..1), NaN if not measured
 */
public record Stage(String name, InferenceSession session, Optional<String> exitOutput, double exitThreshold,
    double exitAccuracy) {

  /** Validates every field. */
  public Stage {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, got: " + name);
    }
    if (session == null) {
      throw new IllegalArgumentException("session of stage " + name + " must not be null");
    }
    if (exitOutput == null) {
      throw new IllegalArgumentException("exitOutput of stage " + name + " must not be null (use Optional.empty())");
    }
    exitOutput.ifPresent(o -> {
      if (!session.outputNames().contains(o)) {
        throw new IllegalArgumentException("exitOutput of stage " + name + " must be one of " + session.outputNames()
            + ", got: " + o);
      }
    });
    if (!(exitThreshold >= 0)) {
      throw new IllegalArgumentException("exitThreshold of stage " + name + " must be >= 0, got: " + exitThreshold);
    }
  }

  /** A stage without exit head. */
  public static Stage withoutExit(String name, InferenceSession session) {
    return new Stage(name, session, Optional.empty(), Double.POSITIVE_INFINITY, Double.NaN);
  }
}
