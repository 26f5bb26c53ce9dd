package org.swarmsense.edge.codecbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings of {@code bench semcomm}: the workload (a folder of photos and frames of a video), the
 * detector, the learned band order and where to write the table and plot. Every field is printed
 * at the start of a run. Immutable.
 *
 * @param imagesDir folder of PNG/JPEG photos, or null for none
 * @param video video file whose first {@code frames} frames are extracted, or null for none
 * @param frames number of video frames, >= 0
 * @param model the COCO CenterNet ONNX file
 * @param order the learned band order file (read by the bench, written by {@code --learn-order})
 * @param outDir where the table (semcomm.txt) and the plot (semcomm-f1.png) go; also the frame cache
 * @param quick two images (dog.jpg, person.jpg of imagesDir), no video, the quick timing (15 warm-ups, 7 runs)
 * @param seed seed of the bursty channel
 */
public record SemcommBenchOptions(Path imagesDir, Path video, int frames, Path model, Path order, Path outDir,
    boolean quick, long seed) {

  /** Budgets, bits per pixel. */
  public static final List<Double> BUDGETS_BPP = List.of(0.05, 0.1, 0.2, 0.4, 0.8);
  /** Debian opencv-doc's pedestrian video. */
  public static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");

  /**
   * Validates the fields; messages name the field and the value. The video is not looked for here:
   * the defaults name opencv-doc's, which a quick run or a run with {@code frames} 0 never reads; a run
   * that reads it fails with the file's name before any frame is coded ({@link SemcommBench#loadFrames}).
   */
  public SemcommBenchOptions {
    if (frames < 0) {
      throw new IllegalArgumentException("frames must be >= 0, got: " + frames);
    }
    if (imagesDir != null && !Files.isDirectory(imagesDir)) {
      throw new IllegalArgumentException("images must be a folder, got: " + imagesDir);
    }
    if (model == null || !Files.isRegularFile(model)) {
      throw new IllegalArgumentException("model file not found: " + model
          + " (the COCO detector lives in shared/data/models; run from inside the project)");
    }
    if (order == null || outDir == null) {
      throw new IllegalArgumentException("order and outDir must be set");
    }
  }

  /**
   * Defaults: photos in shared/data/images, 100 frames of vtest.avi, the detector in
   * shared/data/models (both found by walking up from the working directory), the order file in
   * edge-inference/models, output in target/semcomm.
   */
  public static SemcommBenchOptions defaults() {
    Path shared = find("shared/data");
    Path project = find("edge-inference");
    return new SemcommBenchOptions(shared == null ? null : shared.resolve("images"), VTEST, 100,
        shared == null ? Path.of("shared/data/models/mb3_centernet_coco.onnx")
            : shared.resolve("models/mb3_centernet_coco.onnx"),
        (project == null ? Path.of("edge-inference") : project).resolve("models/mb3_centernet_coco.band-order.txt"),
        Path.of("target", "semcomm"), false, 1);
  }

  private static Path find(String relative) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(relative))) {
        return p.resolve(relative);
      }
    }
    return null;
  }

  /** A copy with another images folder, video and frame count (null keeps the current one). */
  public SemcommBenchOptions withWorkload(Path images, Path videoFile, Integer frameCount) {
    return new SemcommBenchOptions(images == null ? imagesDir : images, videoFile == null ? video : videoFile,
        frameCount == null ? frames : frameCount, model, order, outDir, quick, seed);
  }

  /** A copy in quick mode. */
  public SemcommBenchOptions asQuick() {
    return new SemcommBenchOptions(imagesDir, video, 0, model, order, outDir, true, seed);
  }

  /** A copy with another output folder. */
  public SemcommBenchOptions withOutDir(Path dir) {
    return new SemcommBenchOptions(imagesDir, video, frames, model, order, dir, quick, seed);
  }

  /** A copy with another order file. */
  public SemcommBenchOptions withOrder(Path file) {
    return new SemcommBenchOptions(imagesDir, video, frames, model, file, outDir, quick, seed);
  }
}
