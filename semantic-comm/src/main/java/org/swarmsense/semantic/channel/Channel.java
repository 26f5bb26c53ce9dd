package org.swarmsense.semantic.channel;

import java.time.Duration;
import java.util.List;

/**
 * A channel that carries packets, in order, until a deadline. Implementations are immutable value
 * descriptions; every call to {@link #transmit} draws its losses from its own seed, so it is
 * thread-safe and repeatable.
 */
public interface Channel {

  /** Bytes per second the channel carries. */
  double rateBytesPerS();

  /**
   * Sends {@code packets} in order until {@code deadline}: a packet is sent when it fits in the
   * remaining byte budget {@code rate x deadline}; sent packets may be erased. Returns the indices of
   * the packets that arrived, in order.
   *
   * @param seed seed of the loss process of this transmission
   */
  Delivery transmit(List<byte[]> packets, Duration deadline, long seed);

  /** The byte budget of a deadline: {@code floor(rate x deadline)}. */
  default long budgetBytes(Duration deadline) {
    if (deadline == null || deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must be >= 0, got: " + deadline);
    }
    return (long) Math.floor(rateBytesPerS() * (deadline.toNanos() / 1e9));
  }

  /**
   * Outcome of one transmission.
   *
   * @param sent how many packets (a prefix of the list) went out before the deadline
   * @param arrived indices of the packets that arrived, ascending
   * @param sentBytes bytes sent
   */
  record Delivery(int sent, List<Integer> arrived, long sentBytes) {
    /** Copies the list. */
    public Delivery {
      arrived = List.copyOf(arrived);
    }

    /** Index of the first lost packet, or {@code sent} if none was lost. */
    public int firstLoss() {
      for (int i = 0; i < arrived.size(); i++) {
        if (arrived.get(i) != i) {
          return i;
        }
      }
      return arrived.size() == sent ? sent : arrived.size();
    }
  }
}
