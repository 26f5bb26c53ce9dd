package org.swarmsense.semantic.codec;

/**
 * Block geometry of a frame: macroblocks (MCUs) of 16x16 pixels with four luma and one Cb and one
 * Cr 8x8 block (YCbCr 4:2:0), or 8x8 pixels with one block (gray); the frame is padded to whole
 * MCUs by repeating its last row and column.
 *
 * <p>Packets address MCUs by their index in the <em>scan</em>: MCU rows are visited in bit-reversed
 * order (for 8 rows: 0, 4, 2, 6, 1, 5, 3, 7), left to right inside a row. A packet holds a run of
 * consecutive scan indices, so a lost packet removes thin stripes spread over the frame instead of
 * one band of rows. Immutable and thread-safe.
 *
 * @param width frame width, pixels
 * @param height frame height, pixels
 * @param color true for YCbCr 4:2:0, false for gray
 */
public record FrameLayout(int width, int height, boolean color) {

  /** Validates the size. */
  public FrameLayout {
    if (width < 1 || width > 65535 || height < 1 || height > 65535) {
      throw new IllegalArgumentException("frame size must be 1..65535 each way, got: " + width + "x" + height);
    }
  }

  /** MCU edge, pixels (16 colour, 8 gray). */
  public int mcuSize() {
    return color ? 16 : 8;
  }

  /** MCUs per row. */
  public int mcuCols() {
    return (width + mcuSize() - 1) / mcuSize();
  }

  /** MCU rows. */
  public int mcuRows() {
    return (height + mcuSize() - 1) / mcuSize();
  }

  /** MCUs in the frame. */
  public int mcuCount() {
    return mcuCols() * mcuRows();
  }

  /** Blocks per MCU: 6 (Y Y Y Y Cb Cr) or 1. */
  public int blocksPerMcu() {
    return color ? 6 : 1;
  }

  /** Components: 3 or 1. */
  public int components() {
    return color ? 3 : 1;
  }

  /** Blocks per row of component {@code c}'s block grid. */
  public int blockCols(int c) {
    return color && c == 0 ? 2 * mcuCols() : mcuCols();
  }

  /** Block rows of component {@code c}'s block grid. */
  public int blockRows(int c) {
    return color && c == 0 ? 2 * mcuRows() : mcuRows();
  }

  /**
   * Which MCUs a pixel region meets: {@code out[row * mcuCols() + col]} is true when any pixel of
   * that MCU inside the frame is in {@code regionPixels} (row-major, width x height, y down).
   *
   * @throws IllegalArgumentException when {@code regionPixels} is not width x height long
   */
  public boolean[] mcusMeeting(boolean[] regionPixels) {
    if (regionPixels == null || regionPixels.length != width * height) {
      throw new IllegalArgumentException("regionPixels must hold " + width + "x" + height + " = " + width * height
          + " pixels, got: " + (regionPixels == null ? "null" : regionPixels.length));
    }
    int m = mcuSize();
    int cols = mcuCols();
    boolean[] out = new boolean[mcuCount()];
    for (int y = 0; y < height; y++) {
      int row = y / m * cols;
      int o = y * width;
      for (int x = 0; x < width; x++) {
        if (regionPixels[o + x]) {
          out[row + x / m] = true;
        }
      }
    }
    return out;
  }

  /** MCU row visited at scan row {@code s} (bit-reversed order). */
  public int[] scanRows() {
    int n = mcuRows();
    int bits = 0;
    while ((1 << bits) < n) {
      bits++;
    }
    int[] rows = new int[n];
    int k = 0;
    for (int i = 0; i < (1 << bits); i++) {
      int r = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
      if (r < n) {
        rows[k++] = r;
      }
    }
    return rows;
  }

  /**
   * For every scan MCU and each of its blocks: component in {@code comp[s * blocksPerMcu + j]} and
   * block index inside that component's grid in {@code block[...]}.
   */
  public int[][] blockMap() {
    int per = blocksPerMcu();
    int cols = mcuCols();
    int[] rows = scanRows();
    int[] comp = new int[mcuCount() * per];
    int[] block = new int[mcuCount() * per];
    for (int s = 0; s < mcuCount(); s++) {
      int my = rows[s / cols];
      int mx = s % cols;
      int o = s * per;
      if (color) {
        int yc = blockCols(0);
        block[o] = (2 * my) * yc + 2 * mx;
        block[o + 1] = (2 * my) * yc + 2 * mx + 1;
        block[o + 2] = (2 * my + 1) * yc + 2 * mx;
        block[o + 3] = (2 * my + 1) * yc + 2 * mx + 1;
        comp[o + 4] = 1;
        block[o + 4] = my * cols + mx;
        comp[o + 5] = 2;
        block[o + 5] = my * cols + mx;
      } else {
        block[o] = my * cols + mx;
      }
    }
    return new int[][] {comp, block};
  }
}
