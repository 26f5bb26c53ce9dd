package org.swarmsense.semantic.codec;

import java.util.ArrayList;
import java.util.List;
import org.swarmsense.semantic.SemanticCommSettings;

/**
 * The effectiveness encoder: colour conversion (JFIF YCbCr, 4:2:0 by 2x2 averaging) or gray, 8x8
 * blocks, AAN forward DCT, JPEG quantisation at a quality, then packets of at most 1,200 bytes, each
 * one ranking-position group ({@link BandOrder#GROUP_ENDS}) for a run of MCUs in scan order
 * ({@link FrameLayout}), arithmetic-coded with a fresh adaptive model ({@link CoefficientCoder}) so
 * that it decodes on its own. Packets come out group by group in ranking order: whatever prefix
 * arrives before a deadline holds the most important bands of the whole frame.
 *
 * <p>Stateless and thread-safe: every call allocates its own working memory.
 */
public final class SemanticEncoder {

  /**
   * Bytes before the end of a packet's payload from which the encoder logs model updates so that it
   * can take the last MCU back cheaply; an MCU that overflows from further away (rare: larger than
   * this) makes the encoder code the packet again instead.
   */
  private static final int LOGGED_TAIL_BYTES = 64;

  // JFIF luma, one product per table entry (so Y = Y_R[r] + Y_G[g] + Y_B[b] is the same float as
  // 0.299f * r + 0.587f * g + 0.114f * b).
  private static final float[] Y_R = products(0.299f);
  private static final float[] Y_G = products(0.587f);
  private static final float[] Y_B = products(0.114f);

  /**
   * Ranking positions an MCU outside the region keeps in road-first coding ({@link #restrict}): the first
   * (DC, its mean colour). Fixed on 2026-12-04 before any measurement (edge-inference README, "Road-first
   * coding at the budget").
   */
  public static final int OUTSIDE_REGION_RANKS = 1;

  private SemanticEncoder() {}

  private static float[] products(float weight) {
    float[] t = new float[256];
    for (int v = 0; v < 256; v++) {
      t[v] = weight * v;
    }
    return t;
  }

  /**
   * Unquantised DCT coefficients of a frame (AAN-scaled, zig-zag order inside each block), kept so
   * that a rate controller can try several qualities with one transform.
   *
   * @param layout block geometry
   * @param dct per component, blocks x 64
   */
  public record Transformed(FrameLayout layout, float[][] dct) {}

  /** Colour conversion, padding and forward DCT of {@code image}. */
  public static Transformed transform(PixelImage image) {
    FrameLayout layout = new FrameLayout(image.width(), image.height(), image.channels() == 3);
    float[][] planes = planes(image, layout);
    float[][] dct = new float[layout.components()][];
    for (int c = 0; c < planes.length; c++) {
      int bc = layout.blockCols(c);
      int br = layout.blockRows(c);
      float[] plane = planes[c];
      AanDct.forwardPlane(plane, bc, br);
      int[] at = zigZagOffsets(bc * 8);
      float[] out = new float[bc * br * 64];
      int o = 0;
      for (int by = 0; by < br; by++) {
        for (int bx = 0; bx < bc; bx++) {
          int corner = (by * bc * 8 + bx) * 8;
          for (int k = 0; k < 64; k++) {
            out[o + k] = plane[corner + at[k]];
          }
          o += 64;
        }
      }
      dct[c] = out;
    }
    return new Transformed(layout, dct);
  }

  /**
   * Road-first coding: {@code t} with every MCU outside the region reduced to the coefficients of the
   * first {@code keptRanks} ranking positions of {@code order} (DC for 1, in every order the project
   * uses), in all its blocks; the other coefficients of those MCUs are set to 0 before quantisation.
   * MCUs in the region keep everything. The packet format and the decoder are unchanged: zeros cost
   * the entropy coder little, so a byte budget goes to the region, and a rate controller given the
   * result counts only what the region loses. {@code t} is not changed.
   *
   * @param regionMcus per MCU, row-major ({@link FrameLayout#mcuRows()} x {@link FrameLayout#mcuCols()}),
   *     true inside the region (see {@link FrameLayout#mcusMeeting})
   * @param keptRanks ranking positions kept outside the region, 1..64
   * @throws IllegalArgumentException naming the argument that does not fit
   */
  public static Transformed restrict(Transformed t, boolean[] regionMcus, BandOrder order, int keptRanks) {
    if (t == null || order == null) {
      throw new IllegalArgumentException("t and order must not be null");
    }
    FrameLayout layout = t.layout();
    if (regionMcus == null || regionMcus.length != layout.mcuCount()) {
      throw new IllegalArgumentException("regionMcus must hold " + layout.mcuCount() + " MCUs, got: "
          + (regionMcus == null ? "null" : regionMcus.length));
    }
    if (keptRanks < 1 || keptRanks > 64) {
      throw new IllegalArgumentException("keptRanks must be 1..64, got: " + keptRanks);
    }
    boolean[] keep = new boolean[64];
    for (int r = 0; r < keptRanks; r++) {
      keep[order.bandAt(r)] = true;
    }
    int cols = layout.mcuCols();
    // Luma blocks of a colour frame are 2x2 per MCU; chroma (and gray) blocks one per MCU.
    float[][] dct = new float[t.dct().length][];
    for (int c = 0; c < dct.length; c++) {
      float[] d = t.dct()[c].clone();
      int bc = layout.blockCols(c);
      int perMcu = layout.color() && c == 0 ? 2 : 1;
      for (int b = 0; b < d.length / 64; b++) {
        int mcu = (b / bc) / perMcu * cols + (b % bc) / perMcu;
        if (!regionMcus[mcu]) {
          for (int k = 0; k < 64; k++) {
            if (!keep[k]) {
              d[b * 64 + k] = 0f;
            }
          }
        }
      }
      dct[c] = d;
    }
    return new Transformed(layout, dct);
  }

  /** Level-shifted planes padded to whole MCUs: Y, or Y Cb Cr with chroma averaged over 2x2. */
  static float[][] planes(PixelImage image, FrameLayout layout) {
    int w = image.width();
    int h = image.height();
    int pw = layout.mcuCols() * layout.mcuSize();
    int ph = layout.mcuRows() * layout.mcuSize();
    byte[] px = image.pixels();
    // Source offset of every padded column and row (the last ones repeat).
    int[] col = new int[pw];
    for (int x = 0; x < pw; x++) {
      col[x] = Math.min(x, w - 1) * image.channels();
    }
    int[] row = new int[ph];
    for (int y = 0; y < ph; y++) {
      row[y] = Math.min(y, h - 1) * w * image.channels();
    }
    float[][] planes = new float[layout.components()][];
    float[] luma = new float[pw * ph];
    planes[0] = luma;
    if (!layout.color()) {
      for (int y = 0; y < ph; y++) {
        int o = y * pw;
        for (int x = 0; x < pw; x++) {
          luma[o + x] = (px[row[y] + col[x]] & 0xFF) - 128f;
        }
      }
    } else {
      // One pass over 2x2 pixel quads: luma of each pixel, chroma of the quad's mean colour.
      int cw = pw / 2;
      int ch = ph / 2;
      float[] cbPlane = new float[cw * ch];
      float[] crPlane = new float[cw * ch];
      planes[1] = cbPlane;
      planes[2] = crPlane;
      // Quads whose two columns are inside the image read the pixels directly; the padded ones
      // (right edge) through the column table.
      int inside = Math.min(cw, w / 2);
      for (int cy = 0; cy < ch; cy++) {
        int rowA = row[2 * cy];
        int rowB = row[2 * cy + 1];
        int oa = 2 * cy * pw;
        int ob = oa + pw;
        int oc = cy * cw;
        for (int cx = 0; cx < inside; cx++) {
          int ia = rowA + 6 * cx;
          int ic = rowB + 6 * cx;
          quad(px, ia, ia + 3, ic, ic + 3, luma, oa + 2 * cx, ob + 2 * cx, cbPlane, crPlane, oc + cx);
        }
        for (int cx = inside; cx < cw; cx++) {
          int x0 = 2 * cx;
          quad(px, rowA + col[x0], rowA + col[x0 + 1], rowB + col[x0], rowB + col[x0 + 1], luma, oa + x0, ob + x0,
              cbPlane, crPlane, oc + cx);
        }
      }
    }
    return planes;
  }

  /**
   * One 2x2 quad: luma of each pixel (top pair at {@code ia, ib}, bottom pair at {@code ic, id}, RGB
   * byte offsets) into {@code luma[top], luma[top + 1], luma[bottom], luma[bottom + 1]}, chroma of the
   * quad's mean colour (the mean of the four chroma values, up to float rounding) into {@code cb[c], cr[c]}.
   */
  private static void quad(byte[] px, int ia, int ib, int ic, int id, float[] luma, int top, int bottom, float[] cb,
      float[] cr, int c) {
    int ra = px[ia] & 0xFF, ga = px[ia + 1] & 0xFF, ba = px[ia + 2] & 0xFF;
    int rb = px[ib] & 0xFF, gb = px[ib + 1] & 0xFF, bb = px[ib + 2] & 0xFF;
    int rc = px[ic] & 0xFF, gc = px[ic + 1] & 0xFF, bc = px[ic + 2] & 0xFF;
    int rd = px[id] & 0xFF, gd = px[id + 1] & 0xFF, bd = px[id + 2] & 0xFF;
    luma[top] = Y_R[ra] + Y_G[ga] + Y_B[ba] - 128f;
    luma[top + 1] = Y_R[rb] + Y_G[gb] + Y_B[bb] - 128f;
    luma[bottom] = Y_R[rc] + Y_G[gc] + Y_B[bc] - 128f;
    luma[bottom + 1] = Y_R[rd] + Y_G[gd] + Y_B[bd] - 128f;
    float rs = ra + rb + rc + rd;
    float gs = ga + gb + gc + gd;
    float bs = ba + bb + bc + bd;
    cb[c] = 0.25f * (-0.168736f * rs - 0.331264f * gs + 0.5f * bs);
    cr[c] = 0.25f * (0.5f * rs - 0.418688f * gs - 0.081312f * bs);
  }

  /** JPEG quantisation of a transformed frame at {@code quality} (round to nearest, halves up). */
  public static QuantizedFrame quantize(Transformed t, int quality) {
    QuantTable quant = QuantTable.ofQuality(quality);
    FrameLayout layout = t.layout();
    short[][] coef = new short[layout.components()][];
    for (int c = 0; c < coef.length; c++) {
      float[] recip = reciprocals(quant, c);
      float[] d = t.dct()[c];
      short[] v = new short[d.length];
      for (int i = 0; i < d.length; i++) {
        v[i] = quantize(d[i], recip[i & 63]);
      }
      coef[c] = v;
    }
    return new QuantizedFrame(layout, quant, coef);
  }

  /**
   * Transform and quantisation in one pass over the blocks (no unquantised frame kept): the same
   * coefficients as {@code quantize(transform(image), quality)}.
   */
  public static QuantizedFrame transformQuantized(PixelImage image, int quality) {
    return transformQuantized(image, quality, new long[image.channels() == 3 ? 3 : 1][]);
  }

  /**
   * As {@link #transformQuantized(PixelImage, int)}, also filling {@code nonZero} (one array per
   * component) with {@link QuantizedFrame#nonZeroMasks()}, found while quantising.
   */
  static QuantizedFrame transformQuantized(PixelImage image, int quality, long[][] nonZero) {
    FrameLayout layout = new FrameLayout(image.width(), image.height(), image.channels() == 3);
    QuantTable quant = QuantTable.ofQuality(quality);
    float[][] planes = planes(image, layout);
    short[][] coef = new short[layout.components()][];
    for (int c = 0; c < planes.length; c++) {
      float[] recip = reciprocals(quant, c);
      int bc = layout.blockCols(c);
      int br = layout.blockRows(c);
      AanDct.forwardPlane(planes[c], bc, br);
      nonZero[c] = new long[bc * br];
      coef[c] = quantizePlane(planes[c], bc, br, recip, nonZero[c]);
    }
    return new QuantizedFrame(layout, quant, coef);
  }

  /**
   * Quantised coefficients, block by block in zig-zag order, of a plane transformed in place by
   * {@link AanDct#forwardPlane}; {@code recip} per zig-zag index ({@link #reciprocals}); per block,
   * bit k of {@code nonZero} set when zig-zag coefficient k is not zero.
   */
  static short[] quantizePlane(float[] plane, int bc, int br, float[] recip, long[] nonZero) {
    int[] at = zigZagOffsets(bc * 8);
    short[] v = new short[bc * br * 64];
    int o = 0;
    for (int by = 0; by < br; by++) {
      for (int bx = 0; bx < bc; bx++) {
        int corner = (by * bc * 8 + bx) * 8;
        long bits = 0;
        for (int k = 0; k < 64; k++) {
          short q = quantize(plane[corner + at[k]], recip[k]);
          v[o + k] = q;
          bits |= (long) ((q | -q) >>> 31) << k;
        }
        nonZero[o >> 6] = bits;
        o += 64;
      }
    }
    return v;
  }

  /** Per zig-zag index, the offset of that coefficient from its block's corner in a plane {@code stride} wide. */
  private static int[] zigZagOffsets(int stride) {
    int[] at = new int[64];
    for (int k = 0; k < 64; k++) {
      int n = QuantTable.ZIGZAG_TO_NATURAL[k];
      at[k] = (n >> 3) * stride + (n & 7);
    }
    return at;
  }

  /** Per zig-zag index, 1 / (divisor x AAN scale) of component {@code c}. */
  static float[] reciprocals(QuantTable quant, int c) {
    int[] q = quant.forComponent(c);
    float[] recip = new float[64];
    for (int k = 0; k < 64; k++) {
      int n = QuantTable.ZIGZAG_TO_NATURAL[k];
      recip[k] = (float) (1.0 / (q[k] * 8.0 * AanDct.scale(n >> 3) * AanDct.scale(n & 7)));
    }
    return recip;
  }

  /** Round half up, branch-free: |x| < 4096 for 8-bit samples, so x + 8192.5 stays positive. */
  static short quantize(float coefficient, float reciprocal) {
    return (short) ((int) (coefficient * reciprocal + 8192.5f) - 8192);
  }

  /** Transforms, quantises and packs {@code image} in the calling thread. */
  public static EncodedFrame encode(PixelImage image, int quality, BandOrder order, int frameId) {
    long[][] nonZero = new long[image.channels() == 3 ? 3 : 1][];
    QuantizedFrame frame = transformQuantized(image, quality, nonZero);
    return pack(frame, nonZero, order, frameId, 1, LOGGED_TAIL_BYTES);
  }

  /**
   * As {@link #encode(PixelImage, int, BandOrder, int)} with road-first coding: the MCUs that no pixel of
   * {@code regionPixels} meets keep only their first {@value #OUTSIDE_REGION_RANKS} ranking position(s)
   * ({@link #restrict}). A null region encodes the whole frame, as the four-argument form does.
   *
   * @param regionPixels the region, row-major width x height, y down; null for the whole frame
   */
  public static EncodedFrame encode(PixelImage image, int quality, BandOrder order, int frameId,
      boolean[] regionPixels) {
    if (regionPixels == null) {
      return encode(image, quality, order, frameId);
    }
    Transformed t = transform(image);
    return pack(quantize(restrict(t, t.layout().mcusMeeting(regionPixels), order, OUTSIDE_REGION_RANKS), quality),
        order, frameId);
  }

  /**
   * What a drone sends over an uplink that carries {@code budgetBytes} by the deadline: the whole frame
   * ({@link #encode(PixelImage, int, BandOrder, int)}) when it fits; otherwise, when a region is given,
   * road-first ({@link #encode(PixelImage, int, BandOrder, int, boolean[])}), so that the bands the deadline
   * cuts are cut outside the region first. A frame that fits is never restricted: road-first takes the
   * detail of every vehicle outside the region, and at the detect run's quality 50, where every frame fits,
   * it lost up to 11 matched vehicles of 335 per strategy (edge-inference README, "Road-first coding at the
   * budget").
   *
   * Off ({@code codec.road-first = false} in {@link SemanticCommSettings}), the whole frame is sent and the
   * deadline cuts it.
   *
   * @param regionPixels the region, row-major width x height, y down; null for none
   * @param budgetBytes bytes the uplink carries by the deadline, >= 0
   */
  public static EncodedFrame encodeWithin(PixelImage image, int quality, BandOrder order, int frameId,
      boolean[] regionPixels, long budgetBytes) {
    return encodeWithin(image, quality, order, frameId, regionPixels, budgetBytes,
        SemanticCommSettings.current().roadFirst());
  }

  /** As {@link #encodeWithin(PixelImage, int, BandOrder, int, boolean[], long)}, road-first on or off. */
  static EncodedFrame encodeWithin(PixelImage image, int quality, BandOrder order, int frameId,
      boolean[] regionPixels, long budgetBytes, boolean roadFirst) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budgetBytes must be >= 0, got: " + budgetBytes);
    }
    EncodedFrame whole = encode(image, quality, order, frameId);
    if (!roadFirst || regionPixels == null || whole.totalBytes() <= budgetBytes) {
      return whole;
    }
    return encode(image, quality, order, frameId, regionPixels);
  }

  /** Packs quantised coefficients into packets (see the class comment) in the calling thread. */
  public static EncodedFrame pack(QuantizedFrame frame, BandOrder order, int frameId) {
    return pack(frame, order, frameId, 1);
  }

  /**
   * As {@link #pack(QuantizedFrame, BandOrder, int)} with the ranking groups (independent of each
   * other) coded by {@code threads} threads started for this call; the packets are the same as with
   * one thread.
   */
  public static EncodedFrame pack(QuantizedFrame frame, BandOrder order, int frameId, int threads) {
    return pack(frame, order, frameId, threads, LOGGED_TAIL_BYTES);
  }

  /** As {@link #pack(QuantizedFrame, BandOrder, int, int)} with another logged tail (tests: 0 and more). */
  static EncodedFrame pack(QuantizedFrame frame, BandOrder order, int frameId, int threads, int loggedTailBytes) {
    return pack(frame, frame.nonZeroMasks(), order, frameId, threads, loggedTailBytes);
  }

  /** As {@link #pack(QuantizedFrame, BandOrder, int, int, int)} with the frame's non-zero masks known. */
  private static EncodedFrame pack(QuantizedFrame frame, long[][] nonZero, BandOrder order, int frameId, int threads,
      int loggedTailBytes) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got: " + threads);
    }
    Packer packer = new Packer(frame, nonZero, order, frameId, loggedTailBytes);
    int groups = BandOrder.GROUP_ENDS.length;
    List<List<byte[]>> perGroup = new ArrayList<>(java.util.Collections.nCopies(groups, null));
    if (threads == 1) {
      for (int g = 0; g < groups; g++) {
        perGroup.set(g, packer.group(g));
      }
    } else {
      // Workers take the next group in order: the first groups are the largest, so they start first.
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
          new java.util.concurrent.atomic.AtomicReference<>();
      Runnable work = () -> {
        try {
          for (int g = next.getAndIncrement(); g < groups; g = next.getAndIncrement()) {
            List<byte[]> p = packer.group(g);
            synchronized (perGroup) {
              perGroup.set(g, p);
            }
          }
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      };
      List<Thread> started = new ArrayList<>();
      for (int t = 1; t < threads; t++) {
        Thread th = new Thread(work, "semantic-encoder-" + t);
        th.start();
        started.add(th);
      }
      work.run();
      for (Thread th : started) {
        try {
          th.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while packing", e);
        }
      }
      if (failure.get() != null) {
        throw failure.get();
      }
    }
    List<byte[]> packets = new ArrayList<>();
    synchronized (perGroup) {
      for (List<byte[]> p : perGroup) {
        packets.addAll(p);
      }
    }
    return new EncodedFrame(frame.layout(), frame.quant().quality(), order, packets, packer.energy);
  }

  /** What every group of one frame shares (read-only once built), and the coding of one group. */
  static final class Packer {
    private final QuantizedFrame frame;
    private final BandOrder order;
    private final int frameId;
    private final FrameLayout layout;
    private final double energy;
    private final int energyCode;
    private final int[] comp;
    private final int[] block;
    private final long[] masks;
    private final int loggedTailBytes;

    /** {@code nonZero}: the frame's {@link QuantizedFrame#nonZeroMasks()}. */
    Packer(QuantizedFrame frame, long[][] nonZero, BandOrder order, int frameId, int loggedTailBytes) {
      this.frame = frame;
      this.loggedTailBytes = loggedTailBytes;
      this.order = order;
      this.frameId = frameId;
      layout = frame.layout();
      energy = frame.energy(nonZero);
      energyCode = PacketHeader.energyCode(energy);
      int[][] map = layout.blockMap();
      comp = map[0];
      block = map[1];
      int[] rankOf = new int[64];
      boolean zigZag = true;
      for (int r = 0; r < 64; r++) {
        rankOf[order.bandAt(r)] = r;
        zigZag &= order.bandAt(r) == r;
      }
      // Per scan block: bit r set when the coefficient at ranking position r is not zero.
      masks = new long[comp.length];
      for (int i = 0; i < comp.length; i++) {
        long zz = nonZero[comp[i]][block[i]];
        long ranked = zz;
        if (!zigZag) {
          ranked = 0;
          for (long m = zz; m != 0; m &= m - 1) {
            ranked |= 1L << rankOf[Long.numberOfTrailingZeros(m)];
          }
        }
        masks[i] = ranked;
      }
    }

    /** The packets of ranking group {@code g}, in scan order. */
    List<byte[]> group(int g) {
      int r0 = g == 0 ? 0 : BandOrder.GROUP_ENDS[g - 1];
      int r1 = BandOrder.GROUP_ENDS[g];
      int per = layout.blocksPerMcu();
      int payloadMax = PacketHeader.MAX_PACKET - PacketHeader.OVERHEAD;
      short[][] coef = frame.coefficients();
      CoefficientCoder coder = new CoefficientCoder();
      RangeEncoder enc = new RangeEncoder(payloadMax + 512, coder.model);
      byte[] scratch = new byte[PacketHeader.MAX_PACKET + 512];
      int[] savedPred = new int[3];
      int[] savedClass = new int[3];
      List<byte[]> packets = new ArrayList<>();
      int s = 0;
      while (s < layout.mcuCount()) {
        coder.startPacket(order, r0, r1);
        enc.reset();
        int start = s;
        while (s < layout.mcuCount() && s - start < 65535) {
          // The snapshot and the model's undo log cost a store per bit: keep them only where this MCU
          // may overflow.
          boolean logged = enc.sizeBound() > payloadMax - loggedTailBytes;
          if (logged) {
            System.arraycopy(coder.dcPredictor, 0, savedPred, 0, 3);
            System.arraycopy(coder.dcPreviousClass, 0, savedClass, 0, 3);
            enc.mark();
          } else {
            enc.unmark();
          }
          encodeMcu(coder, enc, coef, comp, block, masks, s * per, per);
          if (enc.sizeBound() > payloadMax && s > start) {
            if (logged) {
              enc.rollback();
              System.arraycopy(savedPred, 0, coder.dcPredictor, 0, 3);
              System.arraycopy(savedClass, 0, coder.dcPreviousClass, 0, 3);
            } else {
              // A rare MCU larger than the logged tail: code the packet again without it.
              coder.startPacket(order, r0, r1);
              enc.reset();
              for (int m = start; m < s; m++) {
                encodeMcu(coder, enc, coef, comp, block, masks, m * per, per);
              }
            }
            break;
          }
          s++;
        }
        PacketHeader header = new PacketHeader(frameId, layout, frame.quant().quality(), order.id(), r0, r1, start,
            s - start, energyCode);
        header.write(scratch);
        int n = enc.finish(scratch, PacketHeader.SIZE);
        int len = PacketHeader.SIZE + n;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(scratch, 0, len);
        long v = crc.getValue();
        scratch[len] = (byte) (v >>> 24);
        scratch[len + 1] = (byte) (v >>> 16);
        scratch[len + 2] = (byte) (v >>> 8);
        scratch[len + 3] = (byte) v;
        packets.add(java.util.Arrays.copyOf(scratch, len + 4));
      }
      return packets;
    }
  }

  private static void encodeMcu(CoefficientCoder coder, RangeEncoder enc, short[][] coef, int[] comp, int[] block,
      long[] masks, int first, int count) {
    for (int i = first; i < first + count; i++) {
      coder.encodeBlock(enc, coef[comp[i]], block[i] * 64, comp[i], masks[i]);
    }
  }
}
