package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * Issue 20's new input paths of {@code bench patch}: the photo folder, the video file, the gradient
 * patch file, the per-frame and video patch folders, the rendered-frame folder and the query budget. Each bad
 * value is refused before any work (exit 2) with an error naming the option or the path, and
 * nothing is written to the output folder.
 */
class BenchPatchAbuseTest {

  private static void png(Path file, int w, int h) throws Exception {
    ImageIO.write(PixelImages.toBuffered(new PixelImage(w, h, 3, new byte[w * h * 3])), "png", file.toFile());
  }

  @Test
  void badInputsAreRefusedNamingTheFieldAndNothingIsWritten(@TempDir Path dir) throws Exception {
    Path frames = Files.createDirectories(dir.resolve("frames"));
    for (int i = 0; i < 3; i++) {
      png(frames.resolve(String.format("%06d.png", i)), 64, 64);
    }
    Path wide = dir.resolve("wide.png");
    png(wide, 40, 20);
    Path text = dir.resolve("patch.png");
    Files.writeString(text, "{\"not\": \"an image\"}");
    Path huge = dir.resolve("huge.png");
    png(huge, 4096, 4096);
    Path emptyDir = Files.createDirectories(dir.resolve("empty"));
    Path fakeJpg = Files.createDirectories(dir.resolve("fake")).resolve("x.jpg");
    Files.writeString(fakeJpg, "no jpeg here");
    Path out = dir.resolve("out");
    List<String> base = List.of("bench", "patch", "--out", out.toString());
    record Probe(List<String> args, String expected) {}
    List<Probe> probes = new ArrayList<>();
    probes.add(new Probe(List.of("--no-vehicle", "--images", dir.resolve("missing").toString()), "not a folder of images: "));
    probes.add(new Probe(List.of("--no-vehicle", "--images", emptyDir.toString()), "no .png/.jpg images in " + emptyDir));
    probes.add(new Probe(List.of("--no-vehicle", "--images", frames.toString(), "--video",
        dir.resolve("none.avi").toString()), "--video: file not found: "));
    probes.add(new Probe(List.of("--no-coco", "--vehicle-frames", dir.toString(), "--vehicle-count", "1",
        "--gradient-patch", wide.toString()), "got 40x20"));
    probes.add(new Probe(List.of("--no-coco", "--vehicle-frames", dir.toString(), "--vehicle-count", "1",
        "--gradient-patch", text.toString()), "patch file is not a readable image: " + text));
    probes.add(new Probe(List.of("--no-coco", "--vehicle-frames", dir.toString(), "--vehicle-count", "1",
        "--gradient-patch", huge.toString()), huge + " is 4096x4096 pixels, more than the 4194304 allowed"));
    Path badCorner = Files.createDirectories(dir.resolve("corner"));
    String sha = "ab".repeat(32);
    png(badCorner.resolve(sha + ".png"), 4, 4);
    Files.writeString(badCorner.resolve(sha + ".txt"), "3; rm -rf /");
    probes.add(new Probe(List.of("--no-coco", "--vehicle-frames", dir.toString(), "--vehicle-count", "1",
        "--gradient-patches", badCorner.toString()), badCorner.resolve(sha + ".txt") + " must hold the corner as"));
    Path badName = Files.createDirectories(dir.resolve("name"));
    Files.writeString(badName.resolve("..%2f..%2fetc.txt"), "0 0");
    probes.add(new Probe(List.of("--no-coco", "--vehicle-frames", dir.toString(), "--vehicle-count", "1",
        "--gradient-patches", badName.toString()), "the name must be the frame's pixel SHA-256"));
    probes.add(new Probe(List.of("--no-coco", "--vehicle-frames", dir.toString(), "--vehicle-count", "1",
        "--gradient-patches", emptyDir.toString()), "per-frame patches: " + emptyDir + " holds no SHA.txt"));
    probes.add(new Probe(List.of("--no-vehicle", "--images", frames.toString(), "--video-patches",
        dir.resolve("missing").toString()), "--video-patches: not a folder: " + dir.resolve("missing")));
    probes.add(new Probe(List.of("--no-vehicle", "--images", frames.toString(), "--video-patches", badName.toString()),
        "the name must be the frame's pixel SHA-256"));
    probes.add(new Probe(List.of("--no-coco", "--vehicle-frames", dir.toString(), "--vehicle-count", "5"),
        "--vehicle-frames: " + dir + " holds 3 images, need 15"));
    probes.add(new Probe(List.of("--no-coco", "--vehicle-frames", dir.toString(), "--vehicle-queries", "2001"),
        "query budgets must be in [1, 2000], got: 2001"));
    probes.add(new Probe(List.of("--no-coco", "--vehicle-frames", dir.toString(), "--vehicle-count", "0"),
        "vehicleCount must be in [1, 10000], got: 0"));
    probes.add(new Probe(List.of("--no-coco", "--no-vehicle"), "leaves nothing to measure"));
    for (Probe p : probes) {
      List<String> args = new ArrayList<>(base);
      args.addAll(p.args());
      CliRun r = CliRun.of(args);
      assertEquals(2, r.exitCode(), p.args() + ": " + r.err() + r.out());
      assertTrue(r.err().contains(p.expected()), p.args() + ": " + r.err());
    }
    // the fake .jpg is found by its name and refused by its content, naming it
    CliRun r = CliRun.of("bench", "patch", "--out", out.toString(), "--no-vehicle", "--images", fakeJpg.getParent().toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("not a readable image: " + fakeJpg), r.err());
    if (Files.exists(out)) {
      try (Stream<Path> s = Files.list(out)) {
        assertEquals(0, s.count(), "the refused runs wrote into " + out);
      }
    }
  }

  @Test
  void junkDefenceSettingsAreRefusedByNameAndValue() {
    // the defences' settings (reference.conf, swarmsense.edge-inference.patch) are an input too: a
    // deployment's application.conf may override them; each junk value is refused naming key and value
    String[][] probes = {
        {"defence.window-side = -1", "windowSide must be in (0, 1], got: -1.0"},
        {"defence.quantile = high", "patch.defence.quantile must be a number, got \"high\""},
        {"defence.key-frame-interval = 0", "keyFrameInterval must be >= 1, got: 0"},
        {"defence.min-new-detections = many", "patch.defence.min-new-detections must be an integer, got \"many\""},
        {"defence.top-channels = 0", "topChannels must be >= 1, got: 0"},
        {"object-seeker.lines = 0", "lines must be >= 1, got: 0"},
        {"object-seeker.prune-ioa = 2", "pruneIoa must be in (0, 1], got: 2.0"},
        {"defence.channels = 8", "unknown key swarmsense.edge-inference.patch.defence.channels"},
    };
    for (String[] p : probes) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> org.swarmsense.edge.EdgeInferenceSettings.Patch.create(com.typesafe.config.ConfigFactory
              .parseString("swarmsense.edge-inference.patch." + p[0]).withFallback(com.typesafe.config.ConfigFactory.load())),
          p[0]);
      assertTrue(e.getMessage().contains(p[1]), p[0] + ": " + e.getMessage());
    }
  }
}
