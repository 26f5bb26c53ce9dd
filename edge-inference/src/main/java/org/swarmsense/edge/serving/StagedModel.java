package org.swarmsense.edge.serving;

import java.util.List;

/**
 * A model as a chain of {@link Stage}s: a sample enters with the first stage's input tensor and
 * holds its tensors by name between stages, so it can be parked after any stage and resumed later.
 * The last stage's exit (if any) is the full-depth answer. Immutable; the sessions are not
 * thread-safe.
 *
 * @param name model (variant) name, e.g. {@code "fashion-w100"}
 * @param stages at least one stage, in execution order
 */
public record StagedModel(String name, List<Stage> stages) {

  /** Validates and copies the stage list. */
  public StagedModel {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, got: " + name);
    }
    if (stages == null || stages.isEmpty()) {
      throw new IllegalArgumentException("model " + name + " needs at least one stage, got: " + stages);
    }
    stages = List.copyOf(stages);
  }

  /** Name of the input tensor a request must carry (the first stage's first input). */
  public String inputName() {
    return stages.get(0).session().inputNames().get(0);
  }

  /** Number of stages. */
  public int depth() {
    return stages.size();
  }

  /** Closes every stage's session. */
  public void close() {
    stages.forEach(s -> s.session().close());
  }
}
