package org.swarmsense.edge.serving;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Options of {@link EdgeBench}.
 *
 * @param duration length of each serving run's trace (issue 13: 60 s)
 * @param seed seed of the trace
 * @param fashion whether to bench the multi-exit Fashion-MNIST CNN
 * @param fashionDir folder with the Fashion-MNIST test split (gzipped IDX)
 * @param detectorModel the CenterNet ONNX file to split into 3 stages, if the detector is benched
 * @param imagesDir folder of the detector's input images (.jpg)
 * @param cacheDir folder for the split detector stages
 * @param intraOpThreads ONNX Runtime threads per stage run
 * @param tritonGrid whether the Triton-style batcher tries its whole grid (false: only its first setting)
 * @param serving whether to run the serving comparison (false: latency tables and frequency levels only)
 */
public record EdgeBenchOptions(Duration duration, long seed, boolean fashion, Path fashionDir,
    Optional<Path> detectorModel, Path imagesDir, Path cacheDir, int intraOpThreads, boolean tritonGrid, boolean serving) {

  /** Validates every field. */
  public EdgeBenchOptions {
    if (duration == null || duration.toMillis() < 100) {
      throw new IllegalArgumentException("duration must be >= 100ms, got: " + duration);
    }
    if (fashion && (fashionDir == null)) {
      throw new IllegalArgumentException("fashionDir must be set when the fashion model is benched");
    }
    if (detectorModel == null) {
      throw new IllegalArgumentException("detectorModel must not be null (use Optional.empty())");
    }
    if (detectorModel.isPresent() && (imagesDir == null || cacheDir == null)) {
      throw new IllegalArgumentException("imagesDir and cacheDir must be set when the detector is benched");
    }
    if (!fashion && detectorModel.isEmpty()) {
      throw new IllegalArgumentException("nothing to bench: enable the fashion model or give a detector model");
    }
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be >= 1, got: " + intraOpThreads);
    }
  }
}
