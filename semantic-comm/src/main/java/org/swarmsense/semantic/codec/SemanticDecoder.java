package org.swarmsense.semantic.codec;

import java.util.BitSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import org.swarmsense.semantic.SemanticCommSettings;

/**
 * The receiver of one frame: accepts packets in any order, drops (and counts by reason, see
 * {@link PacketVerdict}) corrupted, malformed, duplicate, overlapping and foreign ones, never throws
 * on bad input; {@link #finish} at the deadline fills what is missing with zero, inverts the DCT and
 * reports the share of the coefficient energy that arrived. The first accepted packet fixes the
 * frame (id, size, quality, order).
 *
 * <p>Not thread-safe: one decoder per frame, used by one thread.
 */
public final class SemanticDecoder {

  private final Map<Integer, BandOrder> orders = new HashMap<>();
  private final EnumMap<PacketVerdict, Long> counts = new EnumMap<>(PacketVerdict.class);
  private final CoefficientCoder coder = new CoefficientCoder();
  private final RangeDecoder rangeDecoder = new RangeDecoder(coder.model);
  private PacketHeader first;
  private QuantizedFrame frame;
  private int[][] blockMap;
  private BitSet[] covered;
  private final Set<Long> seenRanges = new HashSet<>();
  private double arrivedEnergy;
  private int accepted;
  private short[] scratch = new short[0];

  /** A decoder that knows the given band orders (by id). */
  public SemanticDecoder(Collection<BandOrder> knownOrders) {
    for (BandOrder o : knownOrders) {
      orders.put(o.id(), o);
    }
    for (PacketVerdict v : PacketVerdict.values()) {
      counts.put(v, 0L);
    }
  }

  /** Takes one packet; returns what was done with it (never throws). */
  public PacketVerdict accept(byte[] packet) {
    PacketVerdict v = check(packet);
    counts.merge(v, 1L, Long::sum);
    return v;
  }

  private PacketVerdict check(byte[] p) {
    if (p == null || p.length < PacketHeader.OVERHEAD) {
      return PacketVerdict.TOO_SHORT;
    }
    if (p.length > PacketHeader.MAX_PACKET) {
      return PacketVerdict.TOO_LONG;
    }
    int len = p.length - 4;
    CRC32 crc = new CRC32();
    crc.update(p, 0, len);
    long expected = ((p[len] & 0xFFL) << 24) | ((p[len + 1] & 0xFFL) << 16) | ((p[len + 2] & 0xFFL) << 8)
        | (p[len + 3] & 0xFFL);
    if (crc.getValue() != expected) {
      return PacketVerdict.BAD_CRC;
    }
    PacketHeader h = PacketHeader.parse(p);
    if (h == null) {
      return PacketVerdict.MALFORMED_HEADER;
    }
    BandOrder order = orders.get(h.orderId());
    if (order == null) {
      return PacketVerdict.UNKNOWN_ORDER;
    }
    if (first != null) {
      if (h.frameId() != first.frameId()) {
        return PacketVerdict.OTHER_FRAME;
      }
      if (!h.layout().equals(first.layout()) || h.quality() != first.quality() || h.orderId() != first.orderId()
          || h.frameEnergyCode() != first.frameEnergyCode()) {
        return PacketVerdict.INCONSISTENT_FRAME;
      }
      long key = ((long) h.rankStart() << 56) | ((long) h.rankEnd() << 48) | ((long) h.mcuStart() << 16) | h.mcuCount();
      if (seenRanges.contains(key)) {
        return PacketVerdict.DUPLICATE;
      }
      for (int r = h.rankStart(); r < h.rankEnd(); r++) {
        int next = covered[r].nextSetBit(h.mcuStart());
        if (next >= 0 && next < h.mcuStart() + h.mcuCount()) {
          return PacketVerdict.OVERLAP;
        }
      }
    }
    FrameLayout layout = h.layout();
    int per = layout.blocksPerMcu();
    int blocks = h.mcuCount() * per;
    if (scratch.length < blocks * 64) {
      scratch = new short[blocks * 64];
    }
    int[][] map = first != null ? blockMap : layout.blockMap();
    coder.startPacket(order, h.rankStart(), h.rankEnd());
    rangeDecoder.start(p, PacketHeader.SIZE, len - PacketHeader.SIZE);
    for (int b = 0; b < blocks; b++) {
      int i = h.mcuStart() * per + b;
      if (!coder.decodeBlock(rangeDecoder, scratch, b * 64, map[0][i]) || rangeDecoder.overrun() > 8) {
        return PacketVerdict.CORRUPT_PAYLOAD;
      }
    }
    if (first == null) {
      first = h;
      blockMap = map;
      frame = QuantizedFrame.empty(layout, QuantTable.ofQuality(h.quality()));
      covered = new BitSet[64];
      for (int r = 0; r < 64; r++) {
        covered[r] = new BitSet(layout.mcuCount());
      }
    }
    for (int r = h.rankStart(); r < h.rankEnd(); r++) {
      covered[r].set(h.mcuStart(), h.mcuStart() + h.mcuCount());
    }
    seenRanges.add(((long) h.rankStart() << 56) | ((long) h.rankEnd() << 48) | ((long) h.mcuStart() << 16)
        | h.mcuCount());
    for (int b = 0; b < blocks; b++) {
      int i = h.mcuStart() * per + b;
      int c = map[0][i];
      short[] dest = frame.coefficients()[c];
      int base = map[1][i] * 64;
      int[] q = frame.quant().forComponent(c);
      for (int r = h.rankStart(); r < h.rankEnd(); r++) {
        int k = order.bandAt(r);
        short v = scratch[b * 64 + k];
        dest[base + k] = v;
        if (v != 0) {
          double d = (double) v * q[k];
          arrivedEnergy += d * d;
        }
      }
    }
    accepted++;
    return PacketVerdict.ACCEPTED;
  }

  /** Packets dropped so far, by reason (every reason listed, zero included; ACCEPTED counts the kept ones). */
  public Map<PacketVerdict, Long> counts() {
    return new EnumMap<>(counts);
  }

  /**
   * The frame at the deadline: missing coefficients zero. Empty when no packet was accepted (the
   * receiver then knows nothing of the frame, not even its size).
   */
  public Optional<DecodedFrame> finish() {
    return finish(false);
  }

  /**
   * As {@link #finish()}, optionally concealing missing DC coefficients first: a block whose DC did
   * not arrive takes the mean DC of its arrived 4-neighbours (repeated until no block can be
   * filled), instead of zero (mid-gray). Its AC coefficients stay as they are. The energy share is
   * that of what arrived either way.
   */
  public Optional<DecodedFrame> finish(boolean concealMissingDc) {
    return finish(concealMissingDc, false);
  }

  /**
   * The frame at the deadline as this process's receiver is configured: {@link #finish(boolean, boolean)} with
   * {@code codec.conceal-missing-dc} and {@code codec.deblock} of {@link SemanticCommSettings#current()}. What
   * edge nodes decode with.
   */
  public Optional<DecodedFrame> finishAsConfigured() {
    SemanticCommSettings s = SemanticCommSettings.current();
    return finish(s.concealMissingDc(), s.deblock());
  }

  /**
   * As {@link #finish(boolean)}, and with {@link Deblocking} of the decoded planes when
   * {@code deblock} is true (a receiver-side choice: the packets are the same).
   */
  public Optional<DecodedFrame> finish(boolean concealMissingDc, boolean deblock) {
    if (first == null) {
      return Optional.empty();
    }
    double total = PacketHeader.energyOf(first.frameEnergyCode());
    double share = total <= 0 ? 1.0 : Math.min(1.0, arrivedEnergy / total);
    QuantizedFrame shown = concealMissingDc ? concealDc() : frame;
    return Optional.of(new DecodedFrame(shown.toImage(deblock), share, accepted));
  }

  private QuantizedFrame concealDc() {
    FrameLayout layout = first.layout();
    BandOrder order = orders.get(first.orderId());
    int dcPosition = 0;
    for (int r = 0; r < 64; r++) {
      if (order.bandAt(r) == 0) {
        dcPosition = r;
      }
    }
    BitSet dcArrived = covered[dcPosition];
    int per = layout.blocksPerMcu();
    short[][] coef = new short[layout.components()][];
    for (int c = 0; c < coef.length; c++) {
      coef[c] = frame.coefficients()[c].clone();
      int cols = layout.blockCols(c);
      int rows = layout.blockRows(c);
      boolean[] known = new boolean[cols * rows];
      for (int i = 0; i < blockMap[0].length; i++) {
        if (blockMap[0][i] == c && dcArrived.get(i / per)) {
          known[blockMap[1][i]] = true;
        }
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        boolean[] next = known.clone();
        for (int b = 0; b < known.length; b++) {
          if (known[b]) {
            continue;
          }
          int x = b % cols;
          int y = b / cols;
          int sum = 0;
          int n = 0;
          int[][] neighbours = {{x, y - 1}, {x, y + 1}, {x - 1, y}, {x + 1, y}};
          for (int[] nb : neighbours) {
            if (nb[0] >= 0 && nb[1] >= 0 && nb[0] < cols && nb[1] < rows && known[nb[1] * cols + nb[0]]) {
              sum += coef[c][(nb[1] * cols + nb[0]) * 64];
              n++;
            }
          }
          if (n > 0) {
            coef[c][b * 64] = (short) Math.round(sum / (double) n);
            next[b] = true;
            changed = true;
          }
        }
        known = next;
      }
    }
    return new QuantizedFrame(layout, frame.quant(), coef);
  }
}
