package org.swarmsense.semantic.codec;

/**
 * JPEG quantisation at a quality 1..100: the example tables of T.81 Annex K scaled with the IJG
 * rule (libjpeg's {@code jpeg_quality_scaling}), values clamped to 1..255 as in baseline JPEG, so a
 * quality means the same tables as {@code cjpeg -quality}. Values are in zig-zag order. Immutable.
 *
 * @param quality 1..100
 * @param luma 64 luma divisors, zig-zag order
 * @param chroma 64 chroma divisors, zig-zag order
 */
public record QuantTable(int quality, int[] luma, int[] chroma) {

  /** Natural (row-major) index of zig-zag position k. */
  public static final int[] ZIGZAG_TO_NATURAL = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
    12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
    35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
    58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  private static final int[] LUMA_NATURAL = {
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99
  };

  private static final int[] CHROMA_NATURAL = {
    17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
    24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99
  };

  /** Validates the quality and the table sizes. */
  public QuantTable {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("quality must be 1..100, got: " + quality);
    }
    if (luma == null || luma.length != 64 || chroma == null || chroma.length != 64) {
      throw new IllegalArgumentException("luma and chroma must hold 64 divisors");
    }
  }

  /** The tables of {@code cjpeg -quality q}. */
  public static QuantTable ofQuality(int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("quality must be 1..100, got: " + quality);
    }
    int scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
    return new QuantTable(quality, scaled(LUMA_NATURAL, scale), scaled(CHROMA_NATURAL, scale));
  }

  private static int[] scaled(int[] natural, int scale) {
    int[] zz = new int[64];
    for (int k = 0; k < 64; k++) {
      long v = ((long) natural[ZIGZAG_TO_NATURAL[k]] * scale + 50) / 100;
      zz[k] = (int) Math.max(1, Math.min(255, v));
    }
    return zz;
  }

  /** Divisors of component {@code component} (0 = luma, 1 and 2 = chroma). */
  public int[] forComponent(int component) {
    return component == 0 ? luma : chroma;
  }
}
