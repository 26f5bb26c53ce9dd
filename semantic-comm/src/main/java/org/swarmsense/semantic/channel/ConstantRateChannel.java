package org.swarmsense.semantic.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A lossless channel of constant rate: every packet sent before the deadline arrives. Immutable and
 * thread-safe.
 *
 * @param rateBytesPerS bytes per second, > 0
 */
public record ConstantRateChannel(double rateBytesPerS) implements Channel {

  /** Validates the rate. */
  public ConstantRateChannel {
    if (!(rateBytesPerS > 0) || Double.isInfinite(rateBytesPerS)) {
      throw new IllegalArgumentException("rateBytesPerS must be > 0 and finite, got: " + rateBytesPerS);
    }
  }

  @Override
  public Delivery transmit(List<byte[]> packets, Duration deadline, long seed) {
    long budget = budgetBytes(deadline);
    long used = 0;
    List<Integer> arrived = new ArrayList<>();
    for (int i = 0; i < packets.size() && used + packets.get(i).length <= budget; i++) {
      used += packets.get(i).length;
      arrived.add(i);
    }
    return new Delivery(arrived.size(), arrived, used);
  }
}
