package org.swarmsense.agents.device;

import org.swarmsense.agents.cluster.CborSerializable;

/**
 * What an edge node reports beyond its position: its task queue, its load and its counts. Carried by
 * the edge node's {@link Observation} so that the one read view holds edge nodes like every other
 * device.
 *
 * @param queueLength tasks waiting, 0..queueCapacity
 * @param queueCapacity the queue's capacity, >= 1
 * @param load the share of the node's capacity in use, finite and >= 0
 * @param served tasks answered so far, >= 0
 * @param rejected tasks refused so far (full queue, expired, malformed), >= 0
 */
public record EdgeLoad(int queueLength, int queueCapacity, double load, long served, long rejected)
    implements CborSerializable {
  /** Validates the fields; the error names the field and the value. */
  public EdgeLoad {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be >= 1, was " + queueCapacity);
    }
    if (queueLength < 0 || queueLength > queueCapacity) {
      throw new IllegalArgumentException("queueLength must be in 0.." + queueCapacity + ", was " + queueLength);
    }
    if (!(Double.isFinite(load) && load >= 0)) {
      throw new IllegalArgumentException("load must be finite and >= 0, was " + load);
    }
    if (served < 0) {
      throw new IllegalArgumentException("served must be >= 0, was " + served);
    }
    if (rejected < 0) {
      throw new IllegalArgumentException("rejected must be >= 0, was " + rejected);
    }
  }
}
