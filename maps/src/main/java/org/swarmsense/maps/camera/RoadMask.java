package org.swarmsense.maps.camera;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * The road region of a frame, one flag per pixel (row-major, x right, y down): the pixels covered by
 * the map's carriageways, bridges and paved areas (parking, pedestrian squares) grown by {@value
 * #ROAD_MARGIN_M} m on every side. Precisely: every map item of kind FILL on the layer ROAD, BRIDGE
 * or PAVED_AREA (not paths, tunnels, markings, buildings, trees or land use), drawn with the frame's
 * ground-to-pixel transform without anti-aliasing, filled and outlined with a round-capped,
 * round-joined stroke 2 x {@value #ROAD_MARGIN_M} m wide, so that the outline grows the shape by
 * {@value #ROAD_MARGIN_M} m; a pixel is in the region when the drawing covers its centre. The
 * margin takes in the kerb, vehicles a little off the mapped centre line, and their shadows.
 *
 * <p>Immutable: the flags are copied in and out. Thread-safe.
 *
 * @param widthPx width, pixels, &gt; 0
 * @param heightPx height, pixels, &gt; 0
 * @param inRegion widthPx x heightPx flags, row-major, true for a pixel in the region
 */
public record RoadMask(int widthPx, int heightPx, boolean[] inRegion) {

  /** How far the region reaches beyond the drawn road surface on every side, metres. */
  public static final double ROAD_MARGIN_M = 2.0;

  /** Validates the size against the flags and copies them. */
  public RoadMask {
    if (widthPx <= 0 || heightPx <= 0) {
      throw new IllegalArgumentException("widthPx and heightPx must be positive, got: " + widthPx + "x" + heightPx);
    }
    if (inRegion == null || inRegion.length != (long) widthPx * heightPx) {
      throw new IllegalArgumentException("inRegion must have widthPx x heightPx = " + widthPx + "x" + heightPx + " = "
          + (long) widthPx * heightPx + " flags, got: " + (inRegion == null ? "null" : inRegion.length));
    }
    inRegion = inRegion.clone();
  }

  /** A copy of the flags, row-major. */
  @Override
  public boolean[] inRegion() {
    return inRegion.clone();
  }

  /** True when pixel ({@code x}, {@code y}) is in the region; IOOBE outside the mask. */
  public boolean at(int x, int y) {
    if (x < 0 || y < 0 || x >= widthPx || y >= heightPx) {
      throw new IndexOutOfBoundsException("pixel " + x + ", " + y + " outside the " + widthPx + "x" + heightPx
          + " mask");
    }
    return inRegion[y * widthPx + x];
  }

  /** The fraction of the pixels in the region, in [0, 1]. */
  public double share() {
    int n = 0;
    for (boolean b : inRegion) {
      if (b) {
        n++;
      }
    }
    return (double) n / inRegion.length;
  }

  /** The mask as a new {@link BufferedImage#TYPE_BYTE_BINARY} image: white in the region, black outside. */
  public BufferedImage toImage() {
    BufferedImage img = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_BYTE_BINARY);
    WritableRaster r = img.getRaster();
    for (int y = 0; y < heightPx; y++) {
      for (int x = 0; x < widthPx; x++) {
        if (inRegion[y * widthPx + x]) {
          r.setSample(x, y, 0, 1);
        }
      }
    }
    return img;
  }

  /**
   * The mask an image shows, e.g. {@link #toImage()} read back from a PNG: a pixel is in the region
   * when its value is at least half the full scale: the gray sample of a gray image (&gt;= 128 of
   * 255 at 8 bits), else the red of its sRGB colour (&gt;= 128).
   */
  public static RoadMask fromImage(BufferedImage image) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean[] in = new boolean[w * h];
    boolean gray = image.getColorModel() instanceof ComponentColorModel cm
        && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    if (gray) {
      Raster r = image.getRaster();
      int half = 1 << (image.getColorModel().getComponentSize(0) - 1);
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        r.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          in[y * w + x] = row[x] >= half;
        }
      }
    } else {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          in[y * w + x] = ((row[x] >> 16) & 0xff) >= 128;
        }
      }
    }
    return new RoadMask(w, h, in);
  }

  /** Equal when the sizes and every flag are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RoadMask m && m.widthPx == widthPx && m.heightPx == heightPx
        && Arrays.equals(m.inRegion, inRegion);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * widthPx + heightPx) + Arrays.hashCode(inRegion);
  }

  @Override
  public String toString() {
    return "RoadMask[" + widthPx + "x" + heightPx + ", share=" + share() + "]";
  }
}
