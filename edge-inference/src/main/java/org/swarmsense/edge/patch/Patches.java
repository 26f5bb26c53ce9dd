package org.swarmsense.edge.patch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * Square patches: their size, where they may go, pasting, the random-noise control and patch files
 * (the gradient script's output). Stateless.
 */
public final class Patches {

  /** The largest patch the issue allows, as a share of the image area. */
  public static final double MAX_AREA_SHARE = 0.04;
  /** Largest side of a patch file, pixels (a guard against huge files). */
  public static final int MAX_FILE_SIDE = 2048;

  private Patches() {}

  /** Side of a square patch covering {@code areaShare} of a {@code width x height} image, pixels (at least 1). */
  public static int side(int width, int height, double areaShare) {
    if (!(areaShare > 0 && areaShare <= MAX_AREA_SHARE)) {
      throw new IllegalArgumentException("areaShare must be in (0, " + MAX_AREA_SHARE + "], got: " + areaShare);
    }
    return Math.max(1, Math.min(Math.min(width, height), (int) Math.floor(Math.sqrt(areaShare * width * height))));
  }

  /** Where a patch may lie relative to the targets it attacks. */
  public enum Placement {
    /**
     * Covering no target's centre: the patch sits beside the objects it hides and may cover their
     * edges (the bench's main threat model, of every attack row but "clear of the targets").
     */
    BESIDE,
    /**
     * Overlapping no target's box: the patch covers none of the objects' pixels, so whatever it hides it
     * hides through the detector, not by covering them (the "random search, clear" row).
     */
    CLEAR
  }

  /** {@link #allowed(int, int, int, int, int, List, Placement)} with {@link Placement#BESIDE}. */
  public static boolean allowed(int x, int y, int side, int width, int height, List<Detection> targets) {
    return allowed(x, y, side, width, height, targets, Placement.BESIDE);
  }

  /**
   * Whether a patch of {@code side} at ({@code x}, {@code y}) lies inside the image and where {@code
   * placement} lets it go: covering no target's centre, or overlapping no target's box (boxes are
   * half-open, so a patch that only touches a box's edge does not overlap it).
   */
  public static boolean allowed(int x, int y, int side, int width, int height, List<Detection> targets,
      Placement placement) {
    if (x < 0 || y < 0 || x + side > width || y + side > height) {
      return false;
    }
    for (Detection t : targets) {
      boolean hit = placement == Placement.CLEAR
          ? t.x0() < x + side && t.x1() > x && t.y0() < y + side && t.y1() > y
          : t.centreX() >= x && t.centreX() < x + side && t.centreY() >= y && t.centreY() < y + side;
      if (hit) {
        return false;
      }
    }
    return true;
  }

  /** Closeness scale of {@link #nearTargets}, pixels (the gradient script's per-frame placement). */
  public static final double NEAR_SCALE_PX = 30;
  /** Grid step of the corners {@link #nearTargets} ranks, pixels. */
  public static final int NEAR_GRID_PX = 8;
  /** Least L1 distance between two corners {@link #nearTargets} chooses, pixels. */
  public static final int NEAR_APART_PX = 32;

  /**
   * Up to {@code count} allowed top-left corners of a {@code side} patch nearest the targets, best
   * first: every allowed corner on a {@value #NEAR_GRID_PX}-px grid is scored by the sum over the
   * targets' centres of exp(-(gap_x + gap_y) / {@value #NEAR_SCALE_PX} px), a gap being how far the
   * centre lies outside the square's span on that axis (0 within it); ties go to the upper, then the
   * left corner; corners are taken in that order when at least {@value #NEAR_APART_PX} px (L1) from
   * every one taken. The rule of {@code gradient_patch.py --per-frame}'s placement (its candidates),
   * so the query attack starts where the white-box one does. Empty when no corner is allowed.
   */
  public static List<int[]> nearTargets(int side, int width, int height, List<Detection> targets, int count) {
    return nearTargets(side, width, height, targets, count, Placement.BESIDE);
  }

  /** {@link #nearTargets(int, int, int, List, int)} among the corners {@code placement} allows. */
  public static List<int[]> nearTargets(int side, int width, int height, List<Detection> targets, int count,
      Placement placement) {
    if (count < 1 || side < 1 || placement == null) {
      throw new IllegalArgumentException("count and side must be >= 1 and a placement given, got: " + count + ", "
          + side + ", " + placement);
    }
    List<double[]> ranked = new java.util.ArrayList<>(); // score, x, y
    for (int y = 0; y + side <= height; y += NEAR_GRID_PX) {
      for (int x = 0; x + side <= width; x += NEAR_GRID_PX) {
        if (!allowed(x, y, side, width, height, targets, placement)) {
          continue;
        }
        double score = 0;
        for (Detection t : targets) {
          double cx = t.centreX();
          double cy = t.centreY();
          double gx = Math.max(0, Math.max(x - cx, cx - x - side));
          double gy = Math.max(0, Math.max(y - cy, cy - y - side));
          score += Math.exp(-(gx + gy) / NEAR_SCALE_PX);
        }
        ranked.add(new double[] {score, x, y});
      }
    }
    ranked.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : a[2] != b[2] ? Double.compare(a[2], b[2])
        : Double.compare(a[1], b[1]));
    List<int[]> chosen = new java.util.ArrayList<>();
    for (double[] r : ranked) {
      int x = (int) r[1];
      int y = (int) r[2];
      boolean apart = true;
      for (int[] c : chosen) {
        if (Math.abs(x - c[0]) + Math.abs(y - c[1]) < NEAR_APART_PX) {
          apart = false;
          break;
        }
      }
      if (apart) {
        chosen.add(new int[] {x, y});
        if (chosen.size() == count) {
          break;
        }
      }
    }
    return chosen;
  }

  /** A random allowed top-left corner (200 tries, then any position inside the image). */
  public static int[] randomPlace(int side, int width, int height, List<Detection> targets, SplittableRandom rng) {
    for (int i = 0; i < 200; i++) {
      int x = rng.nextInt(width - side + 1);
      int y = rng.nextInt(height - side + 1);
      if (allowed(x, y, side, width, height, targets)) {
        return new int[] {x, y};
      }
    }
    return new int[] {rng.nextInt(width - side + 1), rng.nextInt(height - side + 1)};
  }

  /** {@code image} (as RGB) with {@code patch} (RGB, square) pasted with its top-left at (x, y). */
  public static PixelImage paste(PixelImage image, PixelImage patch, int x, int y) {
    PixelImage rgb = image.toRgb();
    PixelImage p = patch.toRgb();
    if (x < 0 || y < 0 || x + p.width() > rgb.width() || y + p.height() > rgb.height()) {
      throw new IllegalArgumentException("patch " + p.width() + "x" + p.height() + " at " + x + "," + y
          + " does not fit a " + rgb.width() + "x" + rgb.height() + " image");
    }
    byte[] px = rgb.pixels().clone();
    for (int r = 0; r < p.height(); r++) {
      System.arraycopy(p.pixels(), r * p.width() * 3, px, ((y + r) * rgb.width() + x) * 3, p.width() * 3);
    }
    return new PixelImage(rgb.width(), rgb.height(), 3, px);
  }

  /** A square RGB patch of uniform random values (the non-adversarial control). */
  public static PixelImage noise(int side, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] px = new byte[side * side * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) rng.nextInt(256);
    }
    return new PixelImage(side, side, 3, px);
  }

  /**
   * A patch file (PNG, square, RGB or gray, side 1..{@value #MAX_FILE_SIDE}).
   *
   * @throws IllegalArgumentException naming the file when it is missing, unreadable, not square or too large
   */
  public static PixelImage read(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      throw new IllegalArgumentException("patch file not found: " + file);
    }
    try {
      if (Files.size(file) > 64L * 1024 * 1024) {
        throw new IllegalArgumentException("patch file too large (> 64 MiB): " + file);
      }
      PixelImage img = PixelImages.read(file, (long) MAX_FILE_SIDE * MAX_FILE_SIDE);
      if (img.width() != img.height()) {
        throw new IllegalArgumentException("patch file must be a square of side 1.." + MAX_FILE_SIDE + ", got "
            + img.width() + "x" + img.height() + ": " + file);
      }
      return img.toRgb();
    } catch (IOException e) {
      throw new IllegalArgumentException("patch file is not a readable image: " + file + " (" + e.getMessage() + ")", e);
    }
  }

  /** {@code patch} scaled to {@code side} x {@code side} (bilinear). */
  public static PixelImage scaled(PixelImage patch, int side) {
    return patch.width() == side && patch.height() == side ? patch.toRgb() : PixelImages.resize(patch.toRgb(), side, side);
  }
}
