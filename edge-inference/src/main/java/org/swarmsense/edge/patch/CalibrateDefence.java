package org.swarmsense.edge.patch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.ThreadSettings;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * Calibrates our patch defence for the shipped plain vehicle detector (its shipped stages) on clean
 * frames: the {@link ImportanceDefence.Calibration} an edge node loads. Two uses:
 * <ul>
 *   <li>a deployment's own calibration: {@code swarmsense calibrate-defence --frames DIR --out FILE}
 *       on frames of the operator's area (rendered with {@code swarmsense render} from its map and
 *       traffic), then the nodes' {@code swarmsense.agents.edge-node.patch-calibration} (or {@code
 *       swarmsense edge --patch-calibration FILE}). The anomaly threshold is a quantile of the clean
 *       frames' top-window anomaly, and that distribution moves with the city's look;</li>
 *   <li>the shipped file {@code vehicle_plain.patch-defence.txt} next to the model, made on the
 *       training cities' validation frames (never the held-out city) whenever the weights change:
 *       {@code java -cp gateway/cli/target/swarmsense.jar org.swarmsense.edge.patch.CalibrateDefence
 *       OUT_FILE FRAMES_DIR...}.</li>
 * </ul>
 * No labels are needed. Frames are PNGs; each is checked against {@value #MAX_FRAME_PIXELS} pixels from
 * its header before it is decoded, and all of them together against {@value #MAX_TOTAL_PIXELS}.
 */
public final class CalibrateDefence {

  /** The fewest frames a calibration takes: its thresholds are 0.9 quantiles over the frames. */
  public static final int MIN_FRAMES = 10;
  /** The largest frame, pixels: an edge node's default {@code max-frame-pixels} (2048 x 2048). */
  public static final long MAX_FRAME_PIXELS = 4_194_304L;
  /** All frames together at most this many pixels (1,024 frames of 512 x 512; 768 MiB of pixels). */
  public static final long MAX_TOTAL_PIXELS = 1L << 28;

  private CalibrateDefence() {}

  /** What a calibration run chose, on how many frames, with the comment line its file carries. */
  public record Calibrated(ImportanceDefence.Calibration calibration, int frames, String comment) {
    /** The text of the calibration file. */
    public String toText() {
      return calibration.toText(comment);
    }
  }

  /**
   * Calibrates the shipped plain vehicle detector's defence (settings of {@code
   * swarmsense.edge-inference.patch}) on every PNG of {@code frameDirs}; a folder written by {@code
   * swarmsense render} may be given as it is (its {@code frames/} is used).
   *
   * @param threads ONNX Runtime intra-op threads, >= 1
   * @param progress receives a line per stage
   * @throws IllegalArgumentException naming the folder or file: no folder, a folder without PNG
   *     frames, fewer than {@value #MIN_FRAMES} frames, a frame that is not a readable image or larger
   *     than {@value #MAX_FRAME_PIXELS} pixels, more than {@value #MAX_TOTAL_PIXELS} pixels in all
   */
  public static Calibrated calibrate(List<Path> frameDirs, int threads, Consumer<String> progress) {
    if (frameDirs == null || frameDirs.isEmpty()) {
      throw new IllegalArgumentException("frames: give at least one folder of PNG frames");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got: " + threads);
    }
    List<Path> files = new ArrayList<>();
    for (Path dir : frameDirs) {
      files.addAll(pngs(dir));
    }
    if (files.size() < MIN_FRAMES) {
      throw new IllegalArgumentException("frames: " + files.size() + " PNG frames in " + frameDirs + ", a calibration"
          + " takes at least " + MIN_FRAMES + " (its thresholds are 0.9 quantiles over the frames)");
    }
    List<PixelImage> frames = new ArrayList<>();
    long pixels = 0;
    for (Path f : files) {
      PixelImage img;
      try {
        img = PixelImages.read(f, MAX_FRAME_PIXELS);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("frames: not a usable frame: " + f + " (" + e.getMessage() + ")", e);
      }
      pixels += (long) img.width() * img.height();
      if (pixels > MAX_TOTAL_PIXELS) {
        throw new IllegalArgumentException("frames: more than " + MAX_TOTAL_PIXELS + " pixels in all by " + f + " (frame "
            + (frames.size() + 1) + " of " + files.size() + "): calibrate on fewer frames");
      }
      frames.add(img);
    }
    progress.accept("calibrating the patch defence of the shipped plain vehicle detector on " + frames.size()
        + " frames of " + frameDirs);
    EdgeInferenceSettings settings = EdgeInferenceSettings.load();
    VehicleDetector.Variant plain = VehicleDetector.Variant.PLAIN;
    try (StagedDetector staged = StagedDetector.shippedVehicle(plain,
        new OnnxRuntimeBackend(new ThreadSettings(threads, 1)), plain.threshold(settings))) {
      ImportanceDefence d = ImportanceDefence.calibrate(staged, frames, EdgeInferenceSettings.Patch.load().defence());
      String comment = "Patch defence calibration of the shipped plain vehicle detector (settings of"
          + " swarmsense.edge-inference.patch)\nwritten by CalibrateDefence at " + Instant.now() + " on " + frames.size()
          + " clean frames of " + frameDirs.stream().map(CalibrateDefence::shortName).toList();
      return new Calibrated(d.calibration(), frames.size(), comment);
    }
  }

  /** The PNG frames of {@code dir} (or of its {@code frames/}, a render's output), in name order. */
  static List<Path> pngs(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("frames: not a folder: " + dir);
    }
    List<Path> out = list(dir);
    if (out.isEmpty() && Files.isDirectory(dir.resolve("frames"))) {
      out = list(dir.resolve("frames"));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("frames: no .png frames in " + dir + " (nor in its frames/)");
    }
    return out;
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")
          && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("frames: cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A folder as parent/name: the comment of a committed file names no machine's paths. */
  private static String shortName(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    return abs.getParent() == null ? abs.toString() : abs.getParent().getFileName() + "/" + abs.getFileName();
  }

  /** Entry point for the shipped file: {@code OUT_FILE FRAMES_DIR...}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: CalibrateDefence OUT_FILE FRAMES_DIR...");
      System.exit(2);
    }
    List<Path> dirs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      dirs.add(Path.of(args[i]));
    }
    Calibrated c = calibrate(dirs, 2, System.out::println);
    Path out = Path.of(args[0]);
    Files.writeString(out, c.toText());
    System.out.println(describe(c, out));
  }

  /** The line a run ends with. */
  public static String describe(Calibrated c, Path out) {
    ImportanceDefence.Calibration k = c.calibration();
    return String.format(java.util.Locale.ROOT, "calibrated on %d frames: feature %s, %d channels, threshold %.4f,"
        + " change threshold %d -> %s", c.frames(), k.feature(), k.channels().length, k.threshold(),
        k.changeThreshold(), out);
  }
}
