package org.swarmsense.edge.serving;

/** What the {@link ExitAwareScheduler} does with a sample that can no longer meet its deadline. */
public enum LatePolicy {
  /** Answer at once from the deepest exit it has passed; reject it if it has passed none. */
  ANSWER_FROM_EXIT_OR_REJECT,
  /** Reject it. */
  REJECT
}
