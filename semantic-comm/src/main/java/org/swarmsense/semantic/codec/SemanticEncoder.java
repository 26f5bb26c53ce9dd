package org.swarmsense.semantic.codec;

import java.util.ArrayList;
import java.util.List;

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
  private static final int LOGGED_TAIL_BYTES = 256;

  private SemanticEncoder() {}

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
    int w = image.width();
    int h = image.height();
    int pw = layout.mcuCols() * layout.mcuSize();
    int ph = layout.mcuRows() * layout.mcuSize();
    float[][] full = new float[layout.components()][pw * ph];
    byte[] px = image.pixels();
    for (int y = 0; y < ph; y++) {
      int sy = Math.min(y, h - 1);
      for (int x = 0; x < pw; x++) {
        int sx = Math.min(x, w - 1);
        int o = y * pw + x;
        if (layout.color()) {
          int i = (sy * w + sx) * 3;
          float r = px[i] & 0xFF;
          float g = px[i + 1] & 0xFF;
          float b = px[i + 2] & 0xFF;
          full[0][o] = 0.299f * r + 0.587f * g + 0.114f * b - 128f;
          full[1][o] = -0.168736f * r - 0.331264f * g + 0.5f * b;
          full[2][o] = 0.5f * r - 0.418688f * g - 0.081312f * b;
        } else {
          full[0][o] = (px[sy * w + sx] & 0xFF) - 128f;
        }
      }
    }
    float[][] planes = new float[layout.components()][];
    planes[0] = full[0];
    if (layout.color()) {
      int cw = pw / 2;
      int ch = ph / 2;
      for (int c = 1; c < 3; c++) {
        float[] p = new float[cw * ch];
        float[] f = full[c];
        for (int y = 0; y < ch; y++) {
          for (int x = 0; x < cw; x++) {
            int o = 2 * y * pw + 2 * x;
            p[y * cw + x] = 0.25f * (f[o] + f[o + 1] + f[o + pw] + f[o + pw + 1]);
          }
        }
        planes[c] = p;
      }
    }
    float[][] dct = new float[layout.components()][];
    float[] block = new float[64];
    for (int c = 0; c < planes.length; c++) {
      int bc = layout.blockCols(c);
      int br = layout.blockRows(c);
      int stride = bc * 8;
      float[] out = new float[bc * br * 64];
      for (int b = 0; b < bc * br; b++) {
        int ox = (b % bc) * 8;
        int oy = (b / bc) * 8;
        for (int y = 0; y < 8; y++) {
          System.arraycopy(planes[c], (oy + y) * stride + ox, block, y * 8, 8);
        }
        AanDct.forward(block);
        int o = b * 64;
        for (int k = 0; k < 64; k++) {
          out[o + k] = block[QuantTable.ZIGZAG_TO_NATURAL[k]];
        }
      }
      dct[c] = out;
    }
    return new Transformed(layout, dct);
  }

  /** JPEG quantisation of a transformed frame at {@code quality} (round to nearest, halves up). */
  public static QuantizedFrame quantize(Transformed t, int quality) {
    QuantTable quant = QuantTable.ofQuality(quality);
    FrameLayout layout = t.layout();
    short[][] coef = new short[layout.components()][];
    for (int c = 0; c < coef.length; c++) {
      int[] q = quant.forComponent(c);
      float[] recip = new float[64];
      int[] natural = QuantTable.ZIGZAG_TO_NATURAL;
      for (int k = 0; k < 64; k++) {
        int n = natural[k];
        recip[k] = (float) (1.0 / (q[k] * 8.0 * AanDct.scale(n >> 3) * AanDct.scale(n & 7)));
      }
      float[] d = t.dct()[c];
      short[] v = new short[d.length];
      for (int i = 0; i < d.length; i++) {
        // Round half up, branch-free: |x| < 4096 for 8-bit samples, so x + 8192.5 stays positive.
        v[i] = (short) ((int) (d[i] * recip[i & 63] + 8192.5f) - 8192);
      }
      coef[c] = v;
    }
    return new QuantizedFrame(layout, quant, coef);
  }

  /** Transforms, quantises and packs {@code image}. */
  public static EncodedFrame encode(PixelImage image, int quality, BandOrder order, int frameId) {
    return pack(quantize(transform(image), quality), order, frameId);
  }

  /** Packs quantised coefficients into packets (see the class comment). */
  public static EncodedFrame pack(QuantizedFrame frame, BandOrder order, int frameId) {
    FrameLayout layout = frame.layout();
    double energy = frame.energy();
    int energyCode = PacketHeader.energyCode(energy);
    int[][] map = layout.blockMap();
    int[] comp = map[0];
    int[] block = map[1];
    int per = layout.blocksPerMcu();
    int payloadMax = PacketHeader.MAX_PACKET - PacketHeader.OVERHEAD;
    int[] rankOf = new int[64];
    for (int r = 0; r < 64; r++) {
      rankOf[order.bandAt(r)] = r;
    }
    short[][] coef = frame.coefficients();
    long[] masks = new long[comp.length];
    for (int i = 0; i < comp.length; i++) {
      masks[i] = CoefficientCoder.rankMask(coef[comp[i]], block[i] * 64, rankOf);
    }
    CoefficientCoder coder = new CoefficientCoder();
    RangeEncoder enc = new RangeEncoder(payloadMax + 512, coder.model);
    byte[] scratch = new byte[PacketHeader.MAX_PACKET + 512];
    int[] savedPred = new int[3];
    int[] savedClass = new int[3];
    List<byte[]> packets = new ArrayList<>();
    int r0 = 0;
    for (int r1 : BandOrder.GROUP_ENDS) {
      int s = 0;
      while (s < layout.mcuCount()) {
        coder.startPacket(order, r0, r1);
        enc.reset();
        int start = s;
        while (s < layout.mcuCount() && s - start < 65535) {
          System.arraycopy(coder.dcPredictor, 0, savedPred, 0, 3);
          System.arraycopy(coder.dcPreviousClass, 0, savedClass, 0, 3);
          // The model's undo log costs a store per bit: keep it only where this MCU may overflow.
          boolean logged = enc.sizeBound() > payloadMax - LOGGED_TAIL_BYTES;
          enc.mark(logged);
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
      r0 = r1;
    }
    return new EncodedFrame(layout, frame.quant().quality(), order, packets, energy);
  }

  private static void encodeMcu(CoefficientCoder coder, RangeEncoder enc, short[][] coef, int[] comp, int[] block,
      long[] masks, int first, int count) {
    for (int i = first; i < first + count; i++) {
      coder.encodeBlock(enc, coef[comp[i]], block[i] * 64, comp[i], masks[i]);
    }
  }
}
