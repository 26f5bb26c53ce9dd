package org.swarmsense.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.swarmsense.edge.serving.EdgeBench;
import org.swarmsense.edge.serving.EdgeBenchOptions;
import org.swarmsense.edge.serving.FashionMnist;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench edge}: thin command over {@link EdgeBench} (all logic lives in edge-inference). */
@Command(name = "edge", sortOptions = false,
    description = "Deadline-aware serving on ONNX Runtime (issue 13): FIFO, Triton-style batching and the exit-aware"
        + " scheduler on the same bursty arrivals; latency, SLO, accuracy, throughput and the goals as ratios.")
final class BenchEdgeCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--duration", converter = DurationOption.class, paramLabel = "D",
      description = "length of every run's trace (default 60s, the issue's load)")
  private Duration duration = Duration.ofSeconds(60);

  @Option(names = "--quick", description = "10 s traces, first Triton setting only, no detector (for tests)")
  private boolean quick;

  @Option(names = "--seed", paramLabel = "N", description = "trace seed (default 13)")
  private long seed = 13;

  @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads (default: edge-inference reference.conf, 1)")
  private int threads = org.swarmsense.edge.EdgeInferenceSettings.load().intraOpThreads();

  @Option(names = "--fashion-dir", paramLabel = "DIR", description = "Fashion-MNIST test split (default: Debian's)")
  private Path fashionDir = FashionMnist.DEBIAN_DIR;

  @Option(names = "--no-fashion", description = "skip the multi-exit Fashion-MNIST CNN")
  private boolean noFashion;

  @Option(names = "--detector", paramLabel = "FILE",
      description = "CenterNet ONNX to split into 3 stages and serve (default: shared/data/models/mb3_centernet_coco.onnx"
          + " if found above the working directory; tests and benchmarks only)")
  private Path detector;

  @Option(names = "--no-detector", description = "skip the detector")
  private boolean noDetector;

  @Option(names = "--no-serving", description = "only latency tables and frequency levels (no serving runs)")
  private boolean noServing;

  @Override
  public Integer call() {
    Optional<Path> shared = sharedData();
    Optional<Path> det = noDetector || quick ? Optional.empty()
        : Optional.ofNullable(detector).or(() -> shared.map(d -> d.resolve("models/mb3_centernet_coco.onnx")));
    Path images = shared.map(d -> d.resolve("images")).orElse(Path.of("images"));
    EdgeBenchOptions options = new EdgeBenchOptions(quick ? Duration.ofSeconds(10) : duration, seed, !noFashion,
        fashionDir, det, images, Path.of(System.getProperty("java.io.tmpdir"), "swarmsense-edge", "centernet-stages"),
        threads, !quick, !noServing);
    PrintStream out = CommandOutput.of(spec);
    EdgeBench.run(options, out);
    out.flush();
    return 0;
  }

  private static Optional<Path> sharedData() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared").resolve("data"))) {
        return Optional.of(p.resolve("shared").resolve("data"));
      }
    }
    return Optional.empty();
  }
}
