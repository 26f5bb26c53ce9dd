package org.swarmsense.edge.serving;

import org.swarmsense.edge.runtime.Tensor;

/**
 * An inference request from a device: its input, when it arrives, its absolute deadline and its
 * priority. Times are nanoseconds on the serving {@link Clock}. Immutable.
 *
 * @param id unique id within a trace
 * @param deviceId sending device
 * @param arrivalNanos arrival time
 * @param deadlineNanos absolute deadline (after {@code arrivalNanos})
 * @param priority 0 = normal, higher = more important
 * @param label true class for accuracy (-1 if the task has no class label)
 * @param input batch-1 input tensor of the model's first stage
 */
public record Request(long id, int deviceId, long arrivalNanos, long deadlineNanos, int priority, int label,
    Tensor input) {

  /** Validates every field. */
  public Request {
    if (arrivalNanos < 0) {
      throw new IllegalArgumentException("arrivalNanos must be >= 0, got: " + arrivalNanos);
    }
    if (deadlineNanos <= arrivalNanos) {
      throw new IllegalArgumentException("deadlineNanos must be after arrivalNanos " + arrivalNanos + ", got: "
          + deadlineNanos);
    }
    if (priority < 0) {
      throw new IllegalArgumentException("priority must be >= 0, got: " + priority);
    }
    if (label < -1) {
      throw new IllegalArgumentException("label must be >= -1, got: " + label);
    }
    if (input == null || input.batchSize() != 1) {
      throw new IllegalArgumentException("input must be a batch-1 tensor, got: " + (input == null ? null
          : java.util.Arrays.toString(input.shape())));
    }
  }
}
