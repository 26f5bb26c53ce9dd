package org.swarmsense.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.maps.SharedData;

/** {@code bench patch --quick}: renders 3 Berlin frames, attacks one within 20 queries, prints the table and goals. */
class BenchPatchCommandTest {

  @Test
  void quickRunPrintsEveryDefenceAndKeepsTheQueryBudget(@TempDir Path dir) {
    SwarmsenseCliTest.Run r = SwarmsenseCliTest.run("bench", "patch", "--quick",
        "--map", SharedData.file("maps/berlin-siegessaeule.osm.gz").toString(),
        "--trace", Path.of("../../examples/data/berlin-siegessaeule-sumo-mix-fcd-300s.xml.gz").toString(),
        "--gradient-patch", dir.resolve("none.png").toString(), "--out", dir.toString());
    System.out.println(r.out());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("no gradient patch at "), r.out());
    Matcher m = Pattern.compile("vehicle plain +rendered +random search +1 +(\\d+) +(\\d+) +([0-9.]+) +([0-9.]+) +([0-9.]+)")
        .matcher(r.out());
    assertTrue(m.find(), r.out());
    assertTrue(Integer.parseInt(m.group(2)) <= 20, "queries " + m.group(2));
    for (int g = 3; g <= 5; g++) {
      double recall = Double.parseDouble(m.group(g));
      assertTrue(recall >= 0 && recall <= 1, "recall " + recall);
    }
    assertTrue(r.out().contains("noise control"), r.out());
    // the search clear of the targets: its own row (the quick frame has a clear corner) and goal lines
    Matcher clear = Pattern.compile("vehicle plain +rendered +random search, clear +1 +(\\d+) +(\\d+) ").matcher(r.out());
    assertTrue(clear.find(), r.out());
    assertTrue(Integer.parseInt(clear.group(2)) <= 20, "queries " + clear.group(2));
    assertTrue(r.out().contains("random search, clear: ours recall >= 85%: "), r.out());
    assertTrue(Pattern.compile("random search: ours recall >= 85%: [0-9.]+% (met|NOT met); masking the patch's own"
        + " square in the clean frames keeps [0-9.]+% \\(\\d+ of 1?\\d\\)").matcher(r.out()).find(), r.out());
    assertTrue(r.out().contains("clean frames changed, vehicle plain rendered: ours "), r.out());
    assertTrue(r.out().contains("time per single image <= 2x"), r.out());
    assertTrue(java.util.regex.Pattern.compile("no 4% patch can take recall below \\d+\\.\\d%").matcher(r.out()).find(),
        r.out());
  }

  /**
   * A per-frame folder is matched to the attacked frame by its pixels: a 1-px patch made for the
   * rendered frame 0 gives the white-box row; the same folder against frames it was not made for
   * leaves the row out and says why.
   */
  @Test
  void perFramePatchesAreMatchedByPixelsOrTheRowIsLeftOutWithTheReason(@TempDir Path dir) throws Exception {
    String map = SharedData.file("maps/berlin-siegessaeule.osm.gz").toString();
    String trace = Path.of("../../examples/data/berlin-siegessaeule-sumo-mix-fcd-300s.xml.gz").toString();
    Path frames = dir.resolve("frames");
    SwarmsenseCliTest.Run render = SwarmsenseCliTest.run("render", "--map", map, "--trace", trace, "--frames", "3",
        "--seed", "2026", "--out", frames.toString());
    assertEquals(0, render.exitCode(), render.err());
    byte[] rgb = org.swarmsense.semantic.codec.PixelImages.read(frames.resolve("frames/000000.png")).toRgb().pixels();
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(rgb));
    Path patches = java.nio.file.Files.createDirectories(dir.resolve("per-frame"));
    javax.imageio.ImageIO.write(org.swarmsense.semantic.codec.PixelImages.toBuffered(
        new org.swarmsense.semantic.codec.PixelImage(1, 1, 3, new byte[3])), "png",
        patches.resolve(sha + ".png").toFile());
    java.nio.file.Files.writeString(patches.resolve(sha + ".txt"), "0 0\n");

    SwarmsenseCliTest.Run r = SwarmsenseCliTest.run("bench", "patch", "--quick", "--vehicle-frames", frames.toString(),
        "--gradient-patch", dir.resolve("none.png").toString(), "--gradient-patches", patches.toString(),
        "--out", dir.resolve("out").toString());
    assertEquals(0, r.exitCode(), r.err());
    Matcher m = Pattern.compile("vehicle plain +rendered +white-box patch +1 +(\\d+) +- +([0-9.]+)").matcher(r.out());
    assertTrue(m.find(), r.out());
    assertTrue(Integer.parseInt(m.group(1)) >= 1, r.out());
    assertTrue(r.out().contains("vehicle plain / rendered / white-box patch: attack cuts recall to <= 40%"), r.out());
    // masking the 1-px patch's square in the clean frame keeps every vehicle (none lies at 0,0)
    assertTrue(Pattern.compile("white-box patch: ours recall >= 85%: .*; masking the patch's own square in the clean"
        + " frames keeps 100\\.0% \\((\\d+) of \\1\\)\n").matcher(r.out()).find(), r.out());

    Path others = dir.resolve("others");
    SwarmsenseCliTest.Run render2 = SwarmsenseCliTest.run("render", "--map", map, "--trace", trace, "--frames", "3",
        "--seed", "7", "--out", others.toString());
    assertEquals(0, render2.exitCode(), render2.err());
    SwarmsenseCliTest.Run r2 = SwarmsenseCliTest.run("bench", "patch", "--quick", "--vehicle-frames", others.toString(),
        "--gradient-patch", dir.resolve("none.png").toString(), "--gradient-patches", patches.toString(),
        "--out", dir.resolve("out2").toString());
    assertEquals(0, r2.exitCode(), r2.err());
    assertTrue(r2.out().contains("no per-frame patch in " + patches + " for 1 of the attacked frames"), r2.out());
    assertFalse(r2.out().contains("white-box patch "), r2.out());
  }
}
