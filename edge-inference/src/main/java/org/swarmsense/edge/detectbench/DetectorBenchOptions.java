package org.swarmsense.edge.detectbench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code swarmsense bench detector} measures. Immutable.
 *
 * @param map OSM extract to render frames from ({@code --map}); null when {@code data} is given
 * @param trace traffic trace of that map ({@code --trace}); null when {@code data} is given
 * @param frames frames to render, 1..10,000 ({@code --frames})
 * @param seed seed of the rendered positions and looks and of the channel's loss pattern ({@code --seed})
 * @param data an already rendered data set to measure instead of rendering ({@code --data}), or null
 * @param workDir folder the rendered frames go to (a fresh sub-folder per run)
 */
public record DetectorBenchOptions(Path map, Path trace, int frames, long seed, Path data, Path workDir) {

  /** Default frame count. */
  public static final int DEFAULT_FRAMES = 100;
  /** Frames of {@link #asQuick()}. */
  public static final int QUICK_FRAMES = 4;
  /** Largest frame count. */
  public static final int MAX_FRAMES = 10_000;
  /** Default seed. */
  public static final long DEFAULT_SEED = 2026;
  /** Codec budget of the degraded measurement, bits per pixel (the issue's). */
  public static final double BUDGET_BPP = 0.1;
  /** Gilbert-Elliott mean loss of the degraded measurement (the issue's; mean burst 4 packets). */
  public static final double MEAN_LOSS = 0.05;

  /** Validates; messages name the command-line option. */
  public DetectorBenchOptions {
    if (data == null) {
      if (map == null || !Files.isRegularFile(map)) {
        throw new IllegalArgumentException("--map: file not found: " + map);
      }
      if (trace == null || !Files.isRegularFile(trace)) {
        throw new IllegalArgumentException("--trace: file not found: " + trace);
      }
    } else if (!Files.isRegularFile(data.resolve("labels.jsonl"))) {
      throw new IllegalArgumentException("--data: not a rendered data set (no labels.jsonl): " + data);
    }
    if (frames < 1 || frames > MAX_FRAMES) {
      throw new IllegalArgumentException("--frames must be in 1.." + MAX_FRAMES + ", got: " + frames);
    }
    if (workDir == null) {
      throw new IllegalArgumentException("--out must not be null");
    }
  }

  /** Rendering {@code frames} frames of {@code map} and {@code trace} into {@code target/detector-bench}. */
  public static DetectorBenchOptions render(Path map, Path trace, int frames, long seed) {
    return new DetectorBenchOptions(map, trace, frames, seed, null, Path.of("target", "detector-bench"));
  }

  /** The same with {@value #QUICK_FRAMES} frames (for tests). */
  public DetectorBenchOptions asQuick() {
    return new DetectorBenchOptions(map, trace, Math.min(frames, QUICK_FRAMES), seed, data, workDir);
  }

  /** The same with another work folder. */
  public DetectorBenchOptions withWorkDir(Path dir) {
    return new DetectorBenchOptions(map, trace, frames, seed, data, dir);
  }

  /** The same measuring an existing data set (its first {@code frames} frames). */
  public DetectorBenchOptions withData(Path dir) {
    return new DetectorBenchOptions(map, trace, frames, seed, dir, workDir);
  }
}
