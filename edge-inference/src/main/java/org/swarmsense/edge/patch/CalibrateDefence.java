package org.swarmsense.edge.patch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.ThreadSettings;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * Calibrates our patch defence for the shipped plain vehicle detector (its shipped stages) on clean
 * frames and writes the {@link ImportanceDefence.Calibration} that edge nodes load ({@code
 * vehicle_plain.patch-defence.txt} next to the model). Run it again whenever the weights change:
 * <pre>
 * java -cp gateway/cli/target/swarmsense.jar org.swarmsense.edge.patch.CalibrateDefence OUT_FILE FRAMES_DIR...
 * </pre>
 * Every PNG of each {@code FRAMES_DIR} (a rendered data set's {@code frames/}; the training cities'
 * validation frames, never the held-out city) is used, no labels needed.
 */
public final class CalibrateDefence {

  private CalibrateDefence() {}

  /** Entry point: {@code OUT_FILE FRAMES_DIR...}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: CalibrateDefence OUT_FILE FRAMES_DIR...");
      System.exit(2);
    }
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path dir = Path.of(args[i]);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("FRAMES_DIR must be a folder of PNG frames, got: " + dir);
      }
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().forEach(files::add);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no PNG frames in " + List.of(args).subList(1, args.length));
    }
    List<PixelImage> frames = new ArrayList<>();
    for (Path f : files) {
      frames.add(PatchBench.readImage(f));
    }
    EdgeInferenceSettings settings = EdgeInferenceSettings.load();
    VehicleDetector.Variant plain = VehicleDetector.Variant.PLAIN;
    try (StagedDetector staged = StagedDetector.shippedVehicle(plain, new OnnxRuntimeBackend(new ThreadSettings(2, 1)),
        plain.threshold(settings))) {
      ImportanceDefence d = ImportanceDefence.calibrate(staged, frames, EdgeInferenceSettings.Patch.load().defence());
      String comment = "Patch defence calibration of the shipped plain vehicle detector (settings of swarmsense.edge-inference.patch)\n"
          + "written by CalibrateDefence at " + Instant.now() + " on " + frames.size() + " clean frames of "
          + List.of(args).subList(1, args.length).stream().map(a -> Path.of(a).toAbsolutePath().normalize()
          .getParent().getFileName() + "/" + Path.of(a).getFileName()).toList();
      Path out = Path.of(args[0]);
      Files.writeString(out, d.calibration().toText(comment));
      System.out.printf("calibrated on %d frames: feature %s, %d channels, threshold %.4f, change threshold %d -> %s%n",
          frames.size(), d.feature(), d.channels().length, d.threshold(), d.changeThreshold(), out);
    }
  }
}
