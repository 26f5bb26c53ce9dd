package org.swarmsense.edge.serving;

/**
 * Picks the model variant that serves a request when it is admitted, given the time the work
 * already waiting ahead of it is predicted to take. {@link ModelRegistry} implements it.
 */
@FunctionalInterface
public interface VariantChooser {

  /** The variant for {@code request} admitted at {@code nowNanos} behind {@code backlogNanos} of work. */
  StagedModel choose(Request request, long nowNanos, long backlogNanos);

  /** Always {@code model}. */
  static VariantChooser fixed(StagedModel model) {
    return (request, now, backlog) -> model;
  }
}
