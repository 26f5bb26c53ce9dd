package org.swarmsense.semantic.control;

import java.util.Arrays;

/**
 * What a controller sees at the start of a slot: every device's local queue, channel state and new
 * tasks, every service's edge queue and virtual (accuracy) queue. Immutable (arrays are copied in
 * and out) and thread-safe.
 */
public final class SlotState {

  private final double[] localQueueBits;
  private final int[] channelStates;
  private final double[] arrivalsTasks;
  private final double[] edgeQueueBits;
  private final double[] virtualQueues;

  /**
   * @param localQueueBits backlog of each device, bits, >= 0
   * @param channelStates Markov state of each device's uplink, >= 0
   * @param arrivalsTasks tasks (at the full rate) arriving at each device this slot, >= 0
   * @param edgeQueueBits backlog of each service at the edge, bits, >= 0
   * @param virtualQueues Z_m of each service, >= 0
   */
  public SlotState(double[] localQueueBits, int[] channelStates, double[] arrivalsTasks, double[] edgeQueueBits,
      double[] virtualQueues) {
    if (localQueueBits.length != channelStates.length || localQueueBits.length != arrivalsTasks.length) {
      throw new IllegalArgumentException("per-device arrays must have one length, got " + localQueueBits.length
          + ", " + channelStates.length + ", " + arrivalsTasks.length);
    }
    if (edgeQueueBits.length != virtualQueues.length) {
      throw new IllegalArgumentException("per-service arrays must have one length, got " + edgeQueueBits.length
          + ", " + virtualQueues.length);
    }
    requireNonNegative("localQueueBits", localQueueBits);
    requireNonNegative("arrivalsTasks", arrivalsTasks);
    requireNonNegative("edgeQueueBits", edgeQueueBits);
    requireNonNegative("virtualQueues", virtualQueues);
    for (int i = 0; i < channelStates.length; i++) {
      if (channelStates[i] < 0) {
        throw new IllegalArgumentException("channelStates[" + i + "] must be >= 0, got: " + channelStates[i]);
      }
    }
    this.localQueueBits = localQueueBits.clone();
    this.channelStates = channelStates.clone();
    this.arrivalsTasks = arrivalsTasks.clone();
    this.edgeQueueBits = edgeQueueBits.clone();
    this.virtualQueues = virtualQueues.clone();
  }

  private static void requireNonNegative(String field, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] >= 0) || Double.isInfinite(values[i])) {
        throw new IllegalArgumentException(field + "[" + i + "] must be a finite number >= 0, got: " + values[i]);
      }
    }
  }

  public int deviceCount() {
    return localQueueBits.length;
  }

  public int serviceCount() {
    return edgeQueueBits.length;
  }

  public double localQueueBits(int device) {
    return localQueueBits[device];
  }

  public int channelState(int device) {
    return channelStates[device];
  }

  public double arrivalsTasks(int device) {
    return arrivalsTasks[device];
  }

  public double edgeQueueBits(int service) {
    return edgeQueueBits[service];
  }

  public double virtualQueue(int service) {
    return virtualQueues[service];
  }

  @Override
  public String toString() {
    return "SlotState[localQueueBits=" + Arrays.toString(localQueueBits) + ", channelStates="
        + Arrays.toString(channelStates) + ", arrivalsTasks=" + Arrays.toString(arrivalsTasks) + ", edgeQueueBits="
        + Arrays.toString(edgeQueueBits) + ", virtualQueues=" + Arrays.toString(virtualQueues) + "]";
  }
}
