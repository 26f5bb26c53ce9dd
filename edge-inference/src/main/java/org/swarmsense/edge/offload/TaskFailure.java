package org.swarmsense.edge.offload;

import java.util.Locale;

/** Why an edge node answered a task with an error instead of detections; counted per reason. */
public enum TaskFailure {
  /** The task's first packet waited in the node's inbox past the task's deadline (node overloaded). */
  EXPIRED,
  /** The node already holds as many open tasks as its queue allows. */
  QUEUE_FULL,
  /** The task declares more bytes or pixels than the node accepts. */
  TOO_LARGE,
  /** The task's band order id is not one the node knows. */
  UNKNOWN_ORDER,
  /** No packet of the task could be decoded by its deadline (all lost, late, corrupt or foreign). */
  NOTHING_DECODED,
  /** The decoded frame's size or band order differs from what the task declared. */
  FRAME_MISMATCH,
  /** The detector threw on the decoded frame. */
  DETECTOR_FAILED;

  /** The lower-case reason code, e.g. {@code queue_full}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
