package org.swarmsense.semantic.codec;

import org.swarmsense.semantic.SemanticCommSettings;

/**
 * The 22-byte header every packet starts with (big-endian), followed by the entropy-coded payload
 * and a CRC32 of everything before it:
 *
 * <pre>
 *  0  magic 0x53            1  version (high nibble, 1) | layout (low nibble: 0 gray, 1 YCbCr 4:2:0)
 *  2  frame id (u32)        6  width (u16)     8  height (u16)     10 quality (u8, 1..100)
 * 11  band order id (u16)  13  first ranking position (u8)   14  end ranking position (u8, exclusive)
 * 15  first MCU in scan order (u24)   18  MCU count (u16)
 * 20  frame coefficient energy, log2(1 + E) * 512 (u16)
 * </pre>
 *
 * Immutable and thread-safe.
 *
 * @param frameId frame identifier
 * @param layout block geometry (size and colour)
 * @param quality JPEG quality of the quantisation tables
 * @param orderId id of the band order
 * @param rankStart first ranking position carried
 * @param rankEnd end ranking position (exclusive)
 * @param mcuStart first MCU (scan order)
 * @param mcuCount number of MCUs
 * @param frameEnergyCode coded total coefficient energy of the frame (see {@link #energyCode})
 */
public record PacketHeader(int frameId, FrameLayout layout, int quality, int orderId, int rankStart, int rankEnd,
    int mcuStart, int mcuCount, int frameEnergyCode) {

  /** Header size, bytes. */
  public static final int SIZE = 22;
  /** Header plus CRC, bytes. */
  public static final int OVERHEAD = SIZE + 4;
  /** Largest packet, bytes: {@code codec.max-packet-bytes} of {@link SemanticCommSettings} (1,200). */
  public static final int MAX_PACKET = SemanticCommSettings.current().maxPacketBytes();
  /**
   * Largest frame a receiver accepts, pixels: {@code codec.max-frame-pixels} of
   * {@link SemanticCommSettings} (16.7 M: 4096 x 4096), so that one forged header cannot make it
   * allocate gigabytes of coefficients.
   */
  public static final long MAX_PIXELS = SemanticCommSettings.current().maxFramePixels();
  static final int MAGIC = 0x53;
  static final int VERSION = 1;

  /** Energy as carried in the header (log scale, 0.14% steps). */
  public static int energyCode(double energy) {
    return (int) Math.min(65535, Math.round(Math.log1p(Math.max(0, energy)) / Math.log(2) * 512));
  }

  /** Energy a header code stands for. */
  public static double energyOf(int code) {
    return Math.expm1(code / 512.0 * Math.log(2));
  }

  void write(byte[] b) {
    b[0] = (byte) MAGIC;
    b[1] = (byte) ((VERSION << 4) | (layout.color() ? 1 : 0));
    b[2] = (byte) (frameId >>> 24);
    b[3] = (byte) (frameId >>> 16);
    b[4] = (byte) (frameId >>> 8);
    b[5] = (byte) frameId;
    putU16(b, 6, layout.width());
    putU16(b, 8, layout.height());
    b[10] = (byte) quality;
    putU16(b, 11, orderId);
    b[13] = (byte) rankStart;
    b[14] = (byte) rankEnd;
    b[15] = (byte) (mcuStart >>> 16);
    putU16(b, 16, mcuStart & 0xFFFF);
    putU16(b, 18, mcuCount);
    putU16(b, 20, frameEnergyCode);
  }

  private static void putU16(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 8);
    b[o + 1] = (byte) v;
  }

  private static int u16(byte[] b, int o) {
    return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
  }

  /**
   * Parses and checks a header (the CRC has been checked by the caller). Returns null when a field
   * is out of range or inconsistent (magic, version, sizes up to {@link #MAX_PIXELS}, quality,
   * ranges).
   */
  public static PacketHeader parse(byte[] b) {
    if ((b[0] & 0xFF) != MAGIC || ((b[1] & 0xFF) >>> 4) != VERSION || (b[1] & 0x0F) > 1) {
      return null;
    }
    boolean color = (b[1] & 0x0F) == 1;
    int frameId = ((b[2] & 0xFF) << 24) | ((b[3] & 0xFF) << 16) | ((b[4] & 0xFF) << 8) | (b[5] & 0xFF);
    int width = u16(b, 6);
    int height = u16(b, 8);
    int quality = b[10] & 0xFF;
    int orderId = u16(b, 11);
    int r0 = b[13] & 0xFF;
    int r1 = b[14] & 0xFF;
    int mcuStart = ((b[15] & 0xFF) << 16) | u16(b, 16);
    int mcuCount = u16(b, 18);
    if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS || quality < 1 || quality > 100 || r0 >= r1 || r1 > 64 || mcuCount < 1) {
      return null;
    }
    FrameLayout layout = new FrameLayout(width, height, color);
    if ((long) mcuStart + mcuCount > layout.mcuCount()) {
      return null;
    }
    return new PacketHeader(frameId, layout, quality, orderId, r0, r1, mcuStart, mcuCount, u16(b, 20));
  }
}
