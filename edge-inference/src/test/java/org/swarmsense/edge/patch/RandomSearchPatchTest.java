package org.swarmsense.edge.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.semantic.codec.PixelImage;

class RandomSearchPatchTest {

  /**
   * A real, if simple, "detector": one box over the left half whose score is the share of pixels of
   * the whole image with red >= 128. A dark patch lowers it, so the attack has something to find.
   */
  private static List<Detection> redDetector(PixelImage img) {
    int bright = 0;
    for (int i = 0; i < img.pixelCount(); i++) {
      if ((img.pixels()[i * 3] & 0xFF) >= 128) {
        bright++;
      }
    }
    double score = bright / (double) img.pixelCount();
    return score < 0.05 ? List.of() : List.of(new Detection(0, score, 0, 0, 50, 100));
  }

  private static PixelImage red(int w, int h) {
    byte[] px = new byte[w * h * 3];
    for (int i = 0; i < w * h; i++) {
      px[i * 3] = (byte) 200;
    }
    return new PixelImage(w, h, 3, px);
  }

  /** The toy red detector as a query that counts its calls in {@code calls}. */
  static Function<PixelImage, List<Detection>> counted(AtomicInteger calls) {
    return q -> {
      calls.incrementAndGet();
      return redDetector(q);
    };
  }

  /** The bench's cache: the second identical search costs no query and gives the same patch; another seed searches. */
  @Test
  void aCachedSearchIsTheSameSearchWithoutQueries(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cache) {
    long seed = 11;
    System.out.println("RandomSearchPatchTest cache seed " + seed);
    PixelImage img = red(100, 100);
    List<Detection> targets = redDetector(img);
    AtomicInteger calls = new AtomicInteger();
    Function<PixelImage, List<Detection>> query = counted(calls);
    RandomSearchPatch.Settings settings = new RandomSearchPatch.Settings(30, 0.04, seed);
    RandomSearchPatch.Outcome first = PatchBench.attack("red", query, img, targets, settings, cache);
    assertEquals(30, calls.get());
    RandomSearchPatch.Outcome again = PatchBench.attack("red", query, img, targets, settings, cache);
    assertEquals(30, calls.get(), "the cached search made no query");
    assertEquals(List.of(first.x(), first.y(), first.queries()), List.of(again.x(), again.y(), again.queries()));
    assertEquals(first.loss(), again.loss(), 0);
    assertEquals(first.startLoss(), again.startLoss(), 0);
    assertTrue(java.util.Arrays.equals(first.patch().pixels(), again.patch().pixels()));
    PatchBench.attack("red", query, img, targets, new RandomSearchPatch.Settings(30, 0.04, seed + 1), cache);
    assertEquals(60, calls.get(), "another seed is another search");
    PatchBench.attack("other", query, img, targets, settings, cache);
    assertEquals(90, calls.get(), "another detector is another search");
  }

  /** The cache's key sees the detector's weights and the search's code, not only names and settings. */
  @Test
  void theCacheKeySeesTheWeightsAndTheSearchsCode() throws Exception {
    PixelImage img = red(40, 40);
    List<Detection> targets = redDetector(img);
    RandomSearchPatch.Settings settings = new RandomSearchPatch.Settings(30, 0.04, 3);
    String key = PatchBench.attackKey("vehicle plain sha256:aa", img, targets, settings, "c1");
    assertEquals(key, PatchBench.attackKey("vehicle plain sha256:aa", img, targets, settings, "c1"));
    assertTrue(!key.equals(PatchBench.attackKey("vehicle plain sha256:bb", img, targets, settings, "c1")),
        "other weights under the same name");
    assertTrue(!key.equals(PatchBench.attackKey("vehicle plain sha256:aa", img, targets, settings, "c2")),
        "another version of the search");
    // the search's code digest is the class files' SHA-256, read here from the classpath
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    for (String c : List.of("RandomSearchPatch.class", "Patches.class")) {
      try (java.io.InputStream in = RandomSearchPatch.class.getResourceAsStream(c)) {
        md.update(in.readAllBytes());
      }
    }
    assertEquals(java.util.HexFormat.of().formatHex(md.digest()), RandomSearchPatch.codeSha256());
  }

  @Test
  void theBudgetIsCountedAndKeptAndTheLossNeverRises() {
    long seed = 7;
    System.out.println("RandomSearchPatchTest seed " + seed);
    PixelImage img = red(100, 100);
    List<Detection> targets = redDetector(img);
    AtomicInteger calls = new AtomicInteger();
    Function<PixelImage, List<Detection>> query = counted(calls);
    RandomSearchPatch.Outcome o = RandomSearchPatch.attack(img, targets, query, new RandomSearchPatch.Settings(40, 0.04, seed));
    assertEquals(calls.get(), o.queries());
    assertEquals(40, o.queries()); // the toy detector never drops below 0.96, so the whole budget is spent
    assertEquals(20, o.patch().width()); // floor(sqrt(0.04 * 100 * 100))
    assertTrue(o.loss() <= o.startLoss(), o.startLoss() + " -> " + o.loss());
    assertEquals(RandomSearchPatch.loss(redDetector(o.apply(img)), targets), o.loss(), 1e-12);
    // the target's centre (25, 50) is never covered
    assertFalse(25 >= o.x() && 25 < o.x() + 20 && 50 >= o.y() && 50 < o.y() + 20);
    RandomSearchPatch.Outcome again = RandomSearchPatch.attack(img, targets, RandomSearchPatchTest::redDetector,
        new RandomSearchPatch.Settings(40, 0.04, seed));
    assertEquals(o.loss(), again.loss(), 0);
    assertEquals(o.x(), again.x());
  }

  /**
   * The search starts at the best of the corners nearest the targets, one query each: a "detector" whose
   * target fades only while pixel (60, 40) is covered (inside the second corner's square, (56, 32) for a
   * 20 px patch beside a car at (50, 50), and inside no other candidate's) starts there; with a budget of
   * exactly the candidates that is all it does.
   */
  @Test
  void theSearchStartsAtTheNearCornerWithTheLowestLoss() {
    byte[] px = new byte[100 * 100 * 3];
    java.util.Arrays.fill(px, (byte) 100);
    PixelImage grey = new PixelImage(100, 100, 3, px);
    Detection car = new Detection(0, 1.0, 45, 45, 55, 55);
    Function<PixelImage, List<Detection>> local = q -> List.of(new Detection(0,
        q.sample(60, 40, 0) != 100 || q.sample(60, 40, 1) != 100 || q.sample(60, 40, 2) != 100 ? 0.5 : 1.0,
        45, 45, 55, 55));
    List<int[]> near = Patches.nearTargets(20, 100, 100, List.of(car), RandomSearchPatch.START_CANDIDATES);
    assertEquals(RandomSearchPatch.START_CANDIDATES, near.size());
    assertEquals(1, near.stream().filter(c -> c[0] <= 60 && 60 < c[0] + 20 && c[1] <= 40 && 40 < c[1] + 20).count(),
        "exactly one candidate covers (60, 40)");
    RandomSearchPatch.Outcome o = RandomSearchPatch.attack(grey, List.of(car), local,
        new RandomSearchPatch.Settings(RandomSearchPatch.START_CANDIDATES, 0.04, 5));
    assertEquals(List.of(56, 32, RandomSearchPatch.START_CANDIDATES), List.of(o.x(), o.y(), o.queries()));
    assertEquals(0.5, o.startLoss(), 0);
    assertEquals(0.5, o.loss(), 0);
  }

  /** Clear of the targets, neither the start nor any move of the patch overlaps a target's box. */
  @Test
  void aClearSearchNeverOverlapsATarget() {
    long seed = 11;
    System.out.println("RandomSearchPatchTest seed " + seed);
    PixelImage img = red(100, 100);
    List<Detection> targets = redDetector(img);
    Detection t = targets.get(0);
    List<int[]> places = new java.util.ArrayList<>();
    Function<PixelImage, List<Detection>> watched = q -> {
      places.add(changed(img, q));
      return redDetector(q);
    };
    RandomSearchPatch.Outcome o = RandomSearchPatch.attack(img, targets, watched,
        new RandomSearchPatch.Settings(200, 0.04, seed, Patches.Placement.CLEAR));
    assertEquals(200, places.size());
    assertTrue(places.stream().map(p -> p[0] + "," + p[1]).distinct().count() > 1, "the patch moved");
    for (int[] p : places) { // the changed pixels' bounding box lies outside the target's box
      assertTrue(p[2] <= t.x0() || p[0] >= t.x1() || p[3] <= t.y0() || p[1] >= t.y1(),
          java.util.Arrays.toString(p) + " overlaps " + t);
    }
    assertTrue(Patches.allowed(o.x(), o.y(), 20, 100, 100, targets, Patches.Placement.CLEAR));
    // a target over the whole image leaves no place clear of it
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RandomSearchPatch.attack(img,
        List.of(new Detection(0, 1.0, 0, 0, 100, 100)), RandomSearchPatchTest::redDetector,
        new RandomSearchPatch.Settings(10, 0.04, 1, Patches.Placement.CLEAR)));
    assertTrue(e.getMessage().contains("clear of the 1 targets"), e.getMessage());
  }

  /** Bounding box {x0, y0, x1, y1} (exclusive ends) of the pixels where {@code q} differs from {@code img}. */
  private static int[] changed(PixelImage img, PixelImage q) {
    int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        for (int c = 0; c < 3; c++) {
          if (img.sample(x, y, c) != q.sample(x, y, c)) {
            b = new int[] {Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x + 1), Math.max(b[3], y + 1)};
          }
        }
      }
    }
    return b;
  }

  @Test
  void theSearchStopsAsSoonAsEveryTargetIsGone() {
    PixelImage img = red(10, 10); // patch side 2: 4 of 100 pixels; the detector reports nothing below 0.97
    List<Detection> targets = List.of(new Detection(0, 1.0, 0, 0, 5, 10));
    Function<PixelImage, List<Detection>> strict = q -> {
      List<Detection> d = redDetector(q);
      return d.isEmpty() || d.get(0).score() < 0.97 ? List.of() : List.of(new Detection(0, 1.0, 0, 0, 5, 10));
    };
    RandomSearchPatch.Outcome o = RandomSearchPatch.attack(img, targets, strict, new RandomSearchPatch.Settings(500, 0.04, 3));
    assertEquals(0.0, o.loss(), 0);
    assertTrue(o.queries() < 500, "queries " + o.queries());
  }

  @Test
  void theLossSumsTheBestOverlappingSameClassScorePerTarget() {
    Detection t1 = new Detection(0, 0.9, 0, 0, 10, 10);
    Detection t2 = new Detection(1, 0.9, 20, 20, 30, 30);
    List<Detection> found = List.of(new Detection(0, 0.4, 0, 0, 10, 12), new Detection(0, 0.6, 1, 1, 10, 10),
        new Detection(0, 0.99, 20, 20, 30, 30), new Detection(1, 0.2, 40, 40, 50, 50));
    assertEquals(0.6, RandomSearchPatch.loss(found, List.of(t1, t2)), 1e-12);
  }

  @Test
  void budgetsAboveTheIssuesCapAndPatchesAboveFourPercentAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RandomSearchPatch.Settings(2001, 0.04, 1));
    assertThrows(IllegalArgumentException.class, () -> new RandomSearchPatch.Settings(10, 0.05, 1));
    assertThrows(IllegalArgumentException.class, () -> RandomSearchPatch.attack(red(10, 10), List.of(),
        RandomSearchPatchTest::redDetector, new RandomSearchPatch.Settings(10, 0.04, 1)));
  }

  @Test
  void theSquareShrinksWithTheSpentBudget() {
    assertEquals(0.5, RandomSearchPatch.squareShare(0, 1000), 0);
    assertEquals(0.25, RandomSearchPatch.squareShare(20, 1000), 0);
    assertEquals(0.5 / 32, RandomSearchPatch.squareShare(999, 1000), 0);
  }
}
