package org.swarmsense.edge.patch;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * The query-only attack: a square patch found by random search (in the manner of Square Attack and
 * Sparse-RS: random square updates of the patch content, occasional random moves of its location,
 * a proposal kept when the loss does not rise) that suppresses the target detections. It starts at
 * the best of the {@value #START_CANDIDATES} corners nearest the targets ({@link Patches#nearTargets},
 * the white-box script's placement rule; one query each), not at a random corner: a patch far from
 * every target cannot reach them, and moves of a quarter side rarely walk it there within the budget.
 * The patch stays where {@link Settings#placement} lets it (beside the targets, or clear of them).
 * Only the detector's outputs (boxes and scores at a low reporting threshold) are used, never gradients. The
 * loss is the sum over targets of the highest score of a same-class detection overlapping it (IoU
 * >= {@value #LOSS_IOU}), 0 when none: 0 means every target is gone. Every detector call counts as
 * a query, the first (the starting patch) included; the search stops at the budget or at loss 0.
 */
public final class RandomSearchPatch {

  /** Overlap with a target above which a detection still "is" the target, for the loss. */
  public static final double LOSS_IOU = 0.3;
  /** Corners near the targets the search tries first, one query each (fewer if the budget is smaller). */
  public static final int START_CANDIDATES = 8;
  /** Share of proposals that move the patch instead of changing its content. */
  public static final double MOVE_SHARE = 0.1;

  /**
   * @param maxQueries detector calls allowed, 1..2000 (the cap)
   * @param areaShare patch area as a share of the image, (0, 0.04]
   * @param seed seed of the search
   * @param placement where the patch may lie: beside the targets (covering no centre) or clear of them
   */
  public record Settings(int maxQueries, double areaShare, long seed, Patches.Placement placement) {
    /** Validates the ranges. */
    public Settings {
      if (maxQueries < 1 || maxQueries > 2000) {
        throw new IllegalArgumentException("maxQueries must be in [1, 2000], got: " + maxQueries);
      }
      if (!(areaShare > 0 && areaShare <= Patches.MAX_AREA_SHARE)) {
        throw new IllegalArgumentException("areaShare must be in (0, 0.04], got: " + areaShare);
      }
      if (placement == null) {
        throw new IllegalArgumentException("placement must be given");
      }
    }

    /** A search beside the targets ({@link Patches.Placement#BESIDE}). */
    public Settings(int maxQueries, double areaShare, long seed) {
      this(maxQueries, areaShare, seed, Patches.Placement.BESIDE);
    }
  }

  /**
   * A found patch.
   *
   * @param patch the square RGB patch
   * @param x left of the patch in the image
   * @param y top of the patch in the image
   * @param queries detector calls spent
   * @param startLoss loss of the starting patch at its starting corner (the best of the candidates)
   * @param loss loss of the returned patch
   */
  public record Outcome(PixelImage patch, int x, int y, int queries, double startLoss, double loss) {
    /** {@code image} with the patch pasted in. */
    public PixelImage apply(PixelImage image) {
      return Patches.paste(image, patch, x, y);
    }
  }

  private RandomSearchPatch() {}

  /**
   * The SHA-256 of the search's compiled code: this class and {@link Patches} (the pasting it queries
   * with), as class files on the classpath. A cache of searches keys on it, so a changed search is
   * searched anew instead of served from an earlier version's results; javac gives the same bytes
   * for the same source, so it changes with the code (or the compiler).
   */
  public static String codeSha256() {
    return CodeDigest.SHA256;
  }

  private static final class CodeDigest {
    static final String SHA256 = digest(RandomSearchPatch.class, Patches.class);

    private static String digest(Class<?>... classes) {
      try {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        for (Class<?> c : classes) {
          String resource = c.getSimpleName() + ".class";
          try (java.io.InputStream in = c.getResourceAsStream(resource)) {
            if (in == null) {
              throw new IllegalStateException("the class file " + resource + " is not on the classpath");
            }
            md.update(in.readAllBytes());
          }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
      } catch (java.security.NoSuchAlgorithmException | java.io.IOException e) {
        throw new IllegalStateException("cannot digest the search's code: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Searches a patch for {@code image} against {@code query} (detections at a low threshold).
   *
   * @param targets the clean detections to suppress (non-empty)
   */
  public static Outcome attack(PixelImage image, List<Detection> targets, Function<PixelImage, List<Detection>> query,
      Settings s) {
    if (targets == null || targets.isEmpty()) {
      throw new IllegalArgumentException("targets must not be empty");
    }
    int w = image.width();
    int h = image.height();
    int side = Patches.side(w, h, s.areaShare());
    SplittableRandom rng = new SplittableRandom(s.seed());
    byte[] patch = new byte[side * side * 3];
    for (int x = 0; x < side; x++) { // vertical stripes of random extreme colours (Square Attack's start)
      byte[] colour = {(byte) (rng.nextBoolean() ? 255 : 0), (byte) (rng.nextBoolean() ? 255 : 0),
          (byte) (rng.nextBoolean() ? 255 : 0)};
      for (int y = 0; y < side; y++) {
        System.arraycopy(colour, 0, patch, (y * side + x) * 3, 3);
      }
    }
    List<int[]> starts = Patches.nearTargets(side, w, h, targets, Math.min(START_CANDIDATES, s.maxQueries()),
        s.placement());
    if (starts.isEmpty() && s.placement() == Patches.Placement.CLEAR) {
      throw new IllegalArgumentException("no corner on the " + Patches.NEAR_GRID_PX + "-px grid for a " + side
          + " px patch clear of the " + targets.size() + " targets in a " + w + "x" + h + " image");
    }
    if (starts.isEmpty()) {
      starts = List.of(Patches.randomPlace(side, w, h, targets, rng));
    }
    PixelImage rgb = image.toRgb();
    PixelImage first = new PixelImage(side, side, 3, patch);
    int queries = 0;
    int[] at = null;
    double loss = Double.POSITIVE_INFINITY;
    for (int[] c : starts) {
      double l = loss(query.apply(Patches.paste(rgb, first, c[0], c[1])), targets);
      queries++;
      if (l < loss) {
        loss = l;
        at = c;
      }
    }
    double start = loss;
    while (queries < s.maxQueries() && loss > 0) {
      byte[] cand = patch;
      int[] candAt = at;
      if (rng.nextDouble() < MOVE_SHARE) {
        int step = Math.max(1, side / 4);
        int nx = Math.max(0, Math.min(w - side, at[0] + rng.nextInt(-step, step + 1)));
        int ny = Math.max(0, Math.min(h - side, at[1] + rng.nextInt(-step, step + 1)));
        if (!Patches.allowed(nx, ny, side, w, h, targets, s.placement())) {
          continue; // not a query: the proposal is never shown to the detector
        }
        candAt = new int[] {nx, ny};
      } else {
        cand = patch.clone();
        int q = Math.max(1, (int) Math.round(side * squareShare(queries, s.maxQueries())));
        int x0 = rng.nextInt(side - q + 1);
        int y0 = rng.nextInt(side - q + 1);
        byte[] colour = {(byte) (rng.nextBoolean() ? 255 : 0), (byte) (rng.nextBoolean() ? 255 : 0),
            (byte) (rng.nextBoolean() ? 255 : 0)};
        for (int y = y0; y < y0 + q; y++) {
          for (int x = x0; x < x0 + q; x++) {
            System.arraycopy(colour, 0, cand, (y * side + x) * 3, 3);
          }
        }
      }
      double l = loss(query.apply(Patches.paste(rgb, new PixelImage(side, side, 3, cand), candAt[0], candAt[1])), targets);
      queries++;
      if (l <= loss) {
        loss = l;
        patch = cand;
        at = candAt;
      }
    }
    return new Outcome(new PixelImage(side, side, 3, patch), at[0], at[1], queries, start, loss);
  }

  /** Side of the updated square as a share of the patch side: 0.5, halved at 2, 10, 25, 50 and 80% of the budget. */
  static double squareShare(int query, int budget) {
    double f = query / (double) budget;
    double p = 0.5;
    for (double cut : new double[] {0.02, 0.10, 0.25, 0.50, 0.80}) {
      if (f >= cut) {
        p /= 2;
      }
    }
    return p;
  }

  /** Sum over targets of the best same-class score overlapping it at IoU >= {@value #LOSS_IOU}. */
  static double loss(List<Detection> found, List<Detection> targets) {
    double sum = 0;
    for (Detection t : targets) {
      double best = 0;
      for (Detection d : found) {
        if (d.classId() == t.classId() && d.score() > best && d.iou(t) >= LOSS_IOU) {
          best = d.score();
        }
      }
      sum += best;
    }
    return sum;
  }
}
