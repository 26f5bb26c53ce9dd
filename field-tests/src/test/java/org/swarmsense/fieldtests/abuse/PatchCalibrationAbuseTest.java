package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.edge.patch.ImportanceDefence;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * A deployment's patch-defence calibration is a new input path (issue 20 part 5): the frames {@code
 * calibrate-defence} reads, and the calibration file {@code edge --patch-calibration} and {@code bench
 * patch --vehicle-calibration} load. Each bad value is refused with exit 2 and an error naming the
 * option, folder or file: before any frame is decoded for a frame that declares more pixels than a
 * frame can have, before the broker is contacted for a file that is no calibration, and at the node's
 * start for a calibration of another detector. A refused calibration run leaves the previous file whole.
 */
class PatchCalibrationAbuseTest {

  private static void png(Path file, int w, int h) throws Exception {
    ImageIO.write(PixelImages.toBuffered(new PixelImage(w, h, 3, new byte[w * h * 3])), "png", file.toFile());
  }

  @Test
  @Timeout(300)
  void badFramesAndBadCalibrationFilesAreRefusedNamingThem(@TempDir Path dir) throws Exception {
    Path frames = Files.createDirectories(dir.resolve("frames"));
    for (int i = 0; i < 10; i++) {
      png(frames.resolve(String.format("%06d.png", i)), 32, 32);
    }
    Path bombs = Files.createDirectories(dir.resolve("bombs"));
    for (int i = 0; i < 10; i++) {
      png(bombs.resolve(i + ".png"), 64, 64);
    }
    Path bomb = bombs.resolve("5.png");
    png(bomb, 2049, 2049); // a few KB declaring 4.2 million pixels
    Path previous = dir.resolve("site.txt");
    String kept = ImportanceDefence.shippedVehicleCalibration().toText("the previous calibration");
    Files.writeString(previous, kept);

    record Probe(List<String> args, String expected) {}
    List<Probe> probes = new ArrayList<>();
    probes.add(new Probe(List.of("calibrate-defence", "--frames", bombs.toString(), "--out", previous.toString()),
        "frames: not a usable frame: " + bomb + " (" + bomb + " is 2049x2049 pixels, more than the 4194304 allowed)"));
    probes.add(new Probe(List.of("calibrate-defence", "--frames", previous.toString(), "--out", dir.resolve("c.txt")
        .toString()), "frames: not a folder: " + previous));
    probes.add(new Probe(List.of("calibrate-defence", "--frames", frames.toString(), "--out", frames.toString()),
        "--out " + frames + ": a folder; give the calibration file's name"));
    probes.add(new Probe(List.of("calibrate-defence", "--frames", frames.toString(), "--out", "/dev/null/c.txt"),
        "--out /dev/null/c.txt: its folder /dev/null does not exist"));
    probes.add(new Probe(List.of("calibrate-defence", "--frames", frames.toString(), "--out", previous.toString(),
        "--threads", "0"), "threads must be >= 1, got: 0"));

    Path big = Files.write(dir.resolve("big.txt"), new byte[1 << 20]);
    Path device = Path.of("/dev/zero");
    Path junk = Files.writeString(dir.resolve("junk.txt"), "feature=x\nchannels=1,1\nthreshold=1\nchange-threshold=0\n");
    Path script = Files.writeString(dir.resolve("script.txt"), "feature=x\n$(rm -rf /)\n");
    Path huge = Files.writeString(dir.resolve("huge-channels.txt"), "feature=x\nchannels="
        + String.join(",", java.util.stream.IntStream.range(0, 5000).mapToObj(Integer::toString).toList())
        + "\nthreshold=1\nchange-threshold=0\n");
    List<String> edge = List.of("edge", "--mqtt-url", "tcp://127.0.0.1:1", "--fleet", "f", "--duration", "1s");
    record Bad(Path file, String expected) {}
    for (Bad b : List.of(
        new Bad(dir.resolve("missing.txt"), "calibration file not found (or not a regular file): " + dir.resolve("missing.txt")),
        new Bad(device, "calibration file not found (or not a regular file): /dev/zero"),
        new Bad(dir, "calibration file not found (or not a regular file): " + dir),
        new Bad(big, "calibration file " + big + " is 1048576 bytes, more than the 65536 a calibration can take"),
        new Bad(junk, junk + ": channels must be ascending, distinct and >= 0, got: [1, 1]"),
        new Bad(script, script + " line 2: expected one of feature=, channels=, threshold=, change-threshold= (each once),"
            + " got: $(rm -rf /)"),
        new Bad(huge, huge + ": channels must list 1..4096 channels, got: 5000"))) {
      List<String> e = new ArrayList<>(edge);
      e.addAll(List.of("--patch-calibration", b.file().toString()));
      probes.add(new Probe(e, "--patch-calibration: " + b.expected()));
      probes.add(new Probe(List.of("bench", "patch", "--quick", "--vehicle-frames", frames.toString(),
          "--vehicle-calibration", b.file().toString(), "--out", dir.resolve("bench").toString()),
          "--vehicle-calibration: " + b.expected()));
    }
    // "shipped" names the shipped calibration; a file of that name is given with a path
    probes.add(new Probe(List.of("bench", "patch", "--quick", "--vehicle-frames", frames.toString(),
        "--vehicle-calibration", "./shipped", "--out", dir.resolve("bench").toString()),
        "--vehicle-calibration: calibration file not found (or not a regular file): ./shipped"));
    // parses, but made for another detector: the node refuses it when it opens the detector
    Path other = Files.writeString(dir.resolve("other.txt"),
        "feature=/another/net/Relu_output_0\nchannels=1,2\nthreshold=1.2\nchange-threshold=0\n");
    List<String> e = new ArrayList<>(edge);
    e.addAll(List.of("--patch-calibration", other.toString()));
    probes.add(new Probe(e, "the patch calibration " + other + " does not fit the shipped plain vehicle detector"));

    for (Probe p : probes) {
      CliRun r = CliRun.of(p.args());
      assertEquals(2, r.exitCode(), p.args() + ": " + r.err() + r.out());
      assertTrue(r.err().contains(p.expected()), p.args() + ": " + r.err());
    }
    assertEquals(kept, Files.readString(previous), "a refused calibration run left the previous file whole");
    assertFalse(Files.exists(dir.resolve("bench")), "a refused bench run wrote its output folder");
    try (var s = Files.list(dir)) {
      assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }

  /**
   * {@code serve} and {@code demo} open their edge nodes' detectors before anything else starts: a
   * calibration of another detector stops them with exit 2 before the broker, the HTTP server or the
   * data directory exist. A calibration no node would use (the nodes run a model file, the defence is
   * off, or no node starts) is refused by name instead of being ignored.
   */
  @Test
  @Timeout(300)
  void serveDemoAndEdgeRefuseACalibrationTheyCannotRunOrWouldNotUseBeforeStartingAnything(@TempDir Path dir)
      throws Exception {
    Path site = Files.writeString(dir.resolve("site.txt"),
        ImportanceDefence.shippedVehicleCalibration().toText("a site's calibration"));
    Path other = Files.writeString(dir.resolve("other.txt"),
        "feature=/another/net/Relu_output_0\nchannels=1,2\nthreshold=1.2\nchange-threshold=0\n");
    Path model = Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
    Path data = dir.resolve("data");
    int mqttPort = org.swarmsense.gateway.broker.FreePorts.pick();
    List<String> serve = List.of("serve", "--mqtt-port", String.valueOf(mqttPort), "--no-http", "--duration", "5s",
        "--data-dir", data.toString());
    String unfit = "swarmsense.agents.edge-node.patch-calibration: the patch calibration " + other
        + " does not fit the shipped plain vehicle detector";

    record Probe(List<String> args, String expected) {}
    List<Probe> probes = List.of(
        new Probe(with(serve, "--edge-nodes", "1", "--edge-patch-calibration", other.toString()), unfit),
        new Probe(List.of("demo", "--headless", "--duration", "1", "--edge-nodes", "1", "--edge-patch-calibration",
            other.toString()), unfit),
        new Probe(with(serve, "--edge-nodes", "1", "--edge-patch-calibration", dir.resolve("none.txt").toString()),
            "--edge-patch-calibration: calibration file not found (or not a regular file): " + dir.resolve("none.txt")),
        new Probe(with(serve, "--edge-nodes", "1", "--edge-patch-defence", "off", "--edge-patch-calibration",
            site.toString()), "--edge-patch-calibration " + site + ": the patch defence is off (--edge-patch-defence),"
            + " so no node would use it; give on-request or always, or no calibration"),
        new Probe(with(serve, "--edge-nodes", "1", "--edge-model", model.toString(), "--edge-patch-calibration",
            site.toString()), "--edge-patch-calibration " + site + ": the patch defence runs on the shipped vehicle"
            + " detector only, and the nodes would run the model " + model + " (--edge-model); give one of them"),
        new Probe(with(serve, "--edge-patch-calibration", site.toString()), "--edge-patch-calibration " + site
            + ": no edge node would use it (swarmsense.agents.edge-node.count = 0); give --edge-nodes N"),
        new Probe(List.of("demo", "--headless", "--edge-nodes", "0", "--edge-patch-calibration", site.toString()),
            "--edge-patch-calibration " + site + ": no edge node would use it (--edge-nodes 0); give --edge-nodes N"),
        new Probe(List.of("edge", "--mqtt-url", "tcp://127.0.0.1:1", "--fleet", "f", "--duration", "1s",
            "--patch-defence", "off", "--patch-calibration", site.toString()), "--patch-calibration " + site
            + ": the patch defence is off (--patch-defence), so no node would use it"));
    for (Probe p : probes) {
      CliRun r = CliRun.of(p.args());
      assertEquals(2, r.exitCode(), p.args() + ": " + r.err() + r.out());
      assertTrue(r.err().contains(p.expected()), p.args() + ": " + r.err());
      String all = r.out() + r.err();
      assertFalse(all.contains("gateway: broker") || all.contains("MQTT broker") || all.contains("road graph"),
          "started something before refusing: " + p.args() + ": " + all);
    }
    assertFalse(Files.exists(data), "a refused serve created its data directory");
    try (java.net.ServerSocket free = new java.net.ServerSocket(mqttPort, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      assertEquals(mqttPort, free.getLocalPort(), "no broker kept the MQTT port");
    }
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }
}
