package org.swarmsense.semantic.codec;

import java.util.List;

/**
 * One encoded frame: its packets in sending order (ranking groups first, MCU scan order inside a
 * group), each at most {@link PacketHeader#MAX_PACKET} bytes and decodable on its own. Immutable.
 *
 * @param layout block geometry
 * @param quality JPEG quality used
 * @param order band order used
 * @param packets the packets, in sending order
 * @param energy total energy of the dequantised coefficients (pixel-domain squared error of
 *     sending nothing but mid-gray, in units of 8-bit levels squared)
 */
public record EncodedFrame(FrameLayout layout, int quality, BandOrder order, List<byte[]> packets, double energy) {

  /** Copies the packet list. */
  public EncodedFrame {
    packets = List.copyOf(packets);
  }

  /** Total size of all packets, bytes. */
  public long totalBytes() {
    long n = 0;
    for (byte[] p : packets) {
      n += p.length;
    }
    return n;
  }

  /** The longest prefix of the packets whose total size is at most {@code budgetBytes}. */
  public List<byte[]> prefixWithin(long budgetBytes) {
    long n = 0;
    int k = 0;
    while (k < packets.size() && n + packets.get(k).length <= budgetBytes) {
      n += packets.get(k).length;
      k++;
    }
    return packets.subList(0, k);
  }
}
