package org.swarmsense.semantic.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.swarmsense.semantic.SemanticCommSettings;

/**
 * The sender's choice of quality for a byte budget (rate-distortion): for each candidate quality
 * the frame is packed in the band order, the packets that fit the budget are kept (a prefix: the
 * most important bands first), and the quality whose prefix leaves the least squared error wins.
 * The error is computed in the DCT domain (orthonormal, so it equals the pixel-domain error of the
 * YCbCr planes; chroma weighs 4 because each chroma sample covers 4 pixels): a coefficient whose
 * packet is kept costs its quantisation error, a missing one its whole energy. So at a small budget
 * the sender may prefer a higher quality truncated to the first bands over a low quality with all
 * bands, and the band order decides what is cut.
 *
 * <p>Packs each candidate once and reuses it for every budget. Not thread-safe.
 */
public final class RateControl {

  /**
   * Candidate qualities: {@code codec.candidate-qualities} of {@link SemanticCommSettings} (q2 to
   * q90, neighbours at most 15% apart in quantiser step: the rule in reference.conf).
   */
  private static final int[] CANDIDATES = SemanticCommSettings.current().candidateQualities();

  private final SemanticEncoder.Transformed transformed;
  private final BandOrder order;
  private final int frameId;
  private final Map<Integer, Packed> packed = new HashMap<>();

  /**
   * A chosen encoding.
   *
   * @param quality the quality chosen
   * @param packets the prefix of its packets within the budget
   * @param squaredError expected squared error of the receiver's image if everything arrives
   */
  public record Choice(int quality, List<byte[]> packets, double squaredError) {}

  /**
   * Where a candidate's packets may be cut at the budget.
   */
  public enum Cut {
    /**
     * After any packet: the prefix of whole packets that fits. The last ranking group may then be
     * sent for only part of the MCU scan, so some MCU rows get bands that others lack.
     */
    ANY_PACKET,
    /**
     * Only after a whole ranking group: the longest prefix of complete groups that fits, so every
     * block of the frame gets the same bands.
     */
    GROUP_BOUNDARY
  }

  private record Packed(EncodedFrame frame, double fullError, double[] gain, boolean[] firstGroup,
      boolean[] groupStart) {}

  /** A rate controller for one frame and band order. */
  public RateControl(SemanticEncoder.Transformed transformed, BandOrder order, int frameId) {
    this.transformed = transformed;
    this.order = order;
    this.frameId = frameId;
  }

  /** The candidate with the least squared error within {@code budgetBytes}. */
  public Choice choose(long budgetBytes) {
    return choose(budgetBytes, Cut.ANY_PACKET);
  }

  /**
   * The candidate with the least squared error within {@code budgetBytes}, each candidate cut as
   * {@code cut} says. With {@link Cut#GROUP_BOUNDARY}, when no candidate has even its first group
   * whole within the budget, the {@link Cut#ANY_PACKET} choice is returned (something rather than
   * nothing).
   */
  public Choice choose(long budgetBytes, Cut cut) {
    Choice best = null;
    for (int q : CANDIDATES) {
      Choice c = candidate(q, budgetBytes, cut);
      if (c.packets().isEmpty() && cut == Cut.GROUP_BOUNDARY) {
        continue;
      }
      if (best == null || c.squaredError() < best.squaredError()) {
        best = c;
      }
    }
    return best != null ? best : choose(budgetBytes, Cut.ANY_PACKET);
  }

  /**
   * Candidate quality {@code q} alone: its prefix within {@code budgetBytes} cut as {@code cut} says,
   * and the expected squared error of that prefix.
   */
  public Choice candidate(int q, long budgetBytes, Cut cut) {
    Packed p = packed.computeIfAbsent(q, this::pack);
    int k = p.frame().prefixWithin(budgetBytes).size();
    if (cut == Cut.GROUP_BOUNDARY) {
      while (k > 0 && k < p.groupStart().length && !p.groupStart()[k]) {
        k--;
      }
    }
    return new Choice(q, p.frame().packets().subList(0, k), errorOfPrefix(p, k));
  }

  private static double errorOfPrefix(Packed p, int kept) {
    double error = p.fullError();
    for (int i = kept; i < p.gain().length; i++) {
      error += p.gain()[i];
    }
    return error;
  }

  /**
   * As {@link #choose(long)}, protected against bursty loss within the same budget: every packet of
   * the first ranking group (the DC band in every order the project uses: its loss greys whole MCU
   * rows) is sent twice, the copies after all the other packets in the same order, so that the
   * original and its copy are as far apart in time as the frame allows and one burst shorter than
   * that distance cannot take both. The copies are byte-identical: any receiver keeps the first
   * that arrives and counts the other as {@link PacketVerdict#DUPLICATE}, so the packet format is
   * unchanged. Per candidate quality the coded prefix is the longest one whose bytes plus its
   * first-group copies fit the budget; the least squared error (of the prefix, as in
   * {@link #choose}) wins. A candidate of which not even one DC packet fits twice is sent
   * unprotected, as {@link #choose} would send it. {@link Choice#packets()} is in sending order,
   * copies included.
   */
  public Choice chooseProtected(long budgetBytes) {
    Choice best = null;
    for (int q : CANDIDATES) {
      Packed p = packed.computeIfAbsent(q, this::pack);
      List<byte[]> all = p.frame().packets();
      long bytes = 0;
      int k = 0;
      List<byte[]> copies = new ArrayList<>();
      while (k < all.size()) {
        byte[] next = all.get(k);
        boolean first = p.firstGroup()[k];
        long cost = first ? 2L * next.length : next.length;
        if (bytes + cost > budgetBytes) {
          break;
        }
        bytes += cost;
        if (first) {
          copies.add(next);
        }
        k++;
      }
      if (k == 0) {
        // Not even one DC packet fits twice: send this candidate unprotected rather than nothing.
        List<byte[]> prefix = p.frame().prefixWithin(budgetBytes);
        k = prefix.size();
      }
      double error = errorOfPrefix(p, k);
      if (best == null || error < best.squaredError()) {
        List<byte[]> send = new ArrayList<>(all.subList(0, k));
        send.addAll(copies);
        best = new Choice(q, send, error);
      }
    }
    return best;
  }

  /**
   * The packets of {@link #choose(long)} (same quality, same packets, no byte spent on protection)
   * in another sending order: the first-group (DC) packets spread evenly over the frame instead of
   * leading it, DC packet j of d at position {@code floor(j n / d)} of n, the other packets in
   * band order in between. A burst then takes fewer DC packets, and the receiver's DC concealment
   * fills the MCU rows of a lost one from arrived neighbours (the bit-reversed row scan interleaves
   * them). On a clean channel the receiver gets exactly what {@link #choose} sends.
   */
  public Choice chooseSpread(long budgetBytes) {
    Choice plain = choose(budgetBytes);
    List<byte[]> packets = plain.packets();
    List<byte[]> dc = new ArrayList<>();
    List<byte[]> rest = new ArrayList<>();
    for (byte[] p : packets) {
      (PacketHeader.parse(p).rankStart() == 0 ? dc : rest).add(p);
    }
    int n = packets.size();
    byte[][] send = new byte[n][];
    for (int j = 0; j < dc.size(); j++) {
      send[(int) ((long) j * n / dc.size())] = dc.get(j);
    }
    int r = 0;
    for (int i = 0; i < n; i++) {
      if (send[i] == null) {
        send[i] = rest.get(r++);
      }
    }
    return new Choice(plain.quality(), List.of(send), plain.squaredError());
  }

  /** The full encoding at quality {@code q} (packed once). */
  public EncodedFrame encoded(int q) {
    return packed.computeIfAbsent(q, this::pack).frame();
  }

  private Packed pack(int q) {
    QuantizedFrame qf = SemanticEncoder.quantize(transformed, q);
    EncodedFrame f = SemanticEncoder.pack(qf, order, frameId);
    FrameLayout layout = qf.layout();
    // Per block and band: energy c^2 and error when received (c - dequantised)^2, orthonormal units.
    int comps = layout.components();
    float[][] missCost = new float[comps][];
    double full = 0;
    float[] unscale = new float[64];
    for (int k = 0; k < 64; k++) {
      int n = QuantTable.ZIGZAG_TO_NATURAL[k];
      unscale[k] = (float) (1.0 / (8 * AanDct.scale(n >> 3) * AanDct.scale(n & 7)));
    }
    for (int c = 0; c < comps; c++) {
      float weight = c == 0 ? 1f : 4f;
      float[] d = transformed.dct()[c];
      short[] v = qf.coefficients()[c];
      int[] qt = qf.quant().forComponent(c);
      float[] extra = new float[v.length];
      for (int o = 0; o < v.length; o += 64) {
        for (int k = 0; k < 64; k++) {
          float coef = d[o + k] * unscale[k];
          float err = coef - v[o + k] * qt[k];
          full += weight * err * err;
          extra[o + k] = weight * (coef * coef - err * err);
        }
      }
      missCost[c] = extra;
    }
    int[][] map = layout.blockMap();
    int per = layout.blocksPerMcu();
    List<byte[]> packets = f.packets();
    double[] gain = new double[packets.size()];
    boolean[] firstGroup = new boolean[packets.size()];
    boolean[] groupStart = new boolean[packets.size()];
    int previousRank = -1;
    for (int i = 0; i < packets.size(); i++) {
      PacketHeader h = PacketHeader.parse(packets.get(i));
      firstGroup[i] = h.rankStart() == 0;
      groupStart[i] = h.rankStart() != previousRank;
      previousRank = h.rankStart();
      double g = 0;
      for (int m = h.mcuStart(); m < h.mcuStart() + h.mcuCount(); m++) {
        for (int j = 0; j < per; j++) {
          int b = m * per + j;
          float[] extra = missCost[map[0][b]];
          int base = map[1][b] * 64;
          for (int r = h.rankStart(); r < h.rankEnd(); r++) {
            g += extra[base + order.bandAt(r)];
          }
        }
      }
      gain[i] = g;
    }
    return new Packed(f, full, gain, firstGroup, groupStart);
  }

  /** Candidate qualities as a list, for printing. */
  public static List<Integer> candidates() {
    List<Integer> l = new ArrayList<>();
    for (int q : CANDIDATES) {
      l.add(q);
    }
    return l;
  }
}
