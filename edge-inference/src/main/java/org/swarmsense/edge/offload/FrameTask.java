package org.swarmsense.edge.offload;

import java.time.Duration;

/**
 * What a drone asks of an edge node for one frame: the fields every packet of the task repeats.
 * Immutable; validated here, so a task that exists is well formed (limits of a particular node are
 * checked by {@link OffloadServer}).
 *
 * @param taskId the task, unique per sender (1..64 of {@code [A-Za-z0-9_-]})
 * @param frameId the codec's frame id in every packet header, 0..2^32-1
 * @param orderId the codec's band order id, 0..65535
 * @param widthPx frame width, pixels, 1..65535
 * @param heightPx frame height, pixels, 1..65535
 * @param packetCount packets the frame was encoded into, >= 1
 * @param deadline how long after the node receives the task's first packet it answers with what
 *     arrived, > 0
 * @param defend the sender asks for the patch defence on this frame (the node's {@link
 *     PatchDefencePolicy} decides)
 */
public record FrameTask(String taskId, long frameId, int orderId, int widthPx, int heightPx, int packetCount,
    Duration deadline, boolean defend) {

  /** A task that does not ask for the patch defence. */
  public FrameTask(String taskId, long frameId, int orderId, int widthPx, int heightPx, int packetCount,
      Duration deadline) {
    this(taskId, frameId, orderId, widthPx, heightPx, packetCount, deadline, false);
  }

  /** Validates every field; the message names the field and the bad value. */
  public FrameTask {
    if (taskId == null || !taskId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("taskId must be 1..64 of [A-Za-z0-9_-], got: " + taskId);
    }
    if (frameId < 0 || frameId > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("frameId must be 0..4294967295, got: " + frameId);
    }
    if (orderId < 0 || orderId > 65535) {
      throw new IllegalArgumentException("orderId must be 0..65535, got: " + orderId);
    }
    if (widthPx < 1 || widthPx > 65535) {
      throw new IllegalArgumentException("widthPx must be 1..65535, got: " + widthPx);
    }
    if (heightPx < 1 || heightPx > 65535) {
      throw new IllegalArgumentException("heightPx must be 1..65535, got: " + heightPx);
    }
    if (packetCount < 1) {
      throw new IllegalArgumentException("packetCount must be >= 1, got: " + packetCount);
    }
    if (deadline == null || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be > 0, got: " + deadline);
    }
  }
}
