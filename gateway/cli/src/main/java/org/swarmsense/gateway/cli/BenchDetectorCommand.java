package org.swarmsense.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.swarmsense.edge.detectbench.DetectorBench;
import org.swarmsense.edge.detectbench.DetectorBenchOptions;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.camera.RenderDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense bench detector}: precision, recall, F1 and milliseconds per frame of the shipped
 * vehicle detectors (plain and robust) on frames rendered from a map and trace, clean and through
 * the codec at 0.1 bpp, without loss and with 5% bursty loss (library: {@link DetectorBench}).
 */
@Command(name = "detector", sortOptions = false,
    description = "Vehicle detector (plain and robust) on rendered frames: P, R, F1 (IoU >= 0.5) and ms per frame,"
        + " clean and through the codec at 0.1 bpp, without loss and with 5%% bursty loss.")
final class BenchDetectorCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--map", paramLabel = "FILE", description = "OSM extract to render from")
  private Path map;

  @Option(names = "--trace", paramLabel = "FILE", description = "traffic trace of that map (SUMO FCD, ...)")
  private Path trace;

  @Option(names = "--frames", paramLabel = "N", description = "frames to render (default 100)")
  private int frames = DetectorBenchOptions.DEFAULT_FRAMES;

  @Option(names = "--seed", paramLabel = "S", description = "seed of the frames and the channel (default 2026)")
  private long seed = DetectorBenchOptions.DEFAULT_SEED;

  @Option(names = "--altitude-m", paramLabel = "M", description = "camera altitude of the rendered frames, metres"
      + " (default from settings: 100, the altitude the detector was trained at)")
  private Double altitudeM;

  @Option(names = "--data", paramLabel = "DIR", description = "measure an already rendered data set instead")
  private Path data;

  @Option(names = "--out", paramLabel = "DIR", description = "where rendered frames go (default target/detector-bench)")
  private Path outDir;

  @Option(names = "--quick", description = "4 frames (for tests)")
  private boolean quick;

  @Option(names = "--learn-order", description = "learn the plain detector's band order on the first --frames frames"
      + " of --data (validation frames of the training cities) into --order, and stop")
  private boolean learnOrder;

  @Option(names = "--order", paramLabel = "FILE", description = "band order file written by --learn-order (default "
      + "edge-inference/src/main/resources/org/swarmsense/edge/detect/vehicle/vehicle_plain.band-order.txt)")
  private Path order = Path.of("edge-inference/src/main/resources/org/swarmsense/edge/detect/vehicle/"
      + "vehicle_plain.band-order.txt");

  @Override
  public Integer call() throws Exception {
    var camera = MapsSettings.load().camera();
    if (altitudeM != null) {
      if (altitudeM.isNaN()) { // NaN is RenderDataset's "keep the default": refuse it here
        throw new IllegalArgumentException("--altitude-m must be a positive number of metres, got: " + altitudeM);
      }
      if (data != null) {
        throw new IllegalArgumentException("--altitude-m sets the camera of rendered frames; --data frames are"
            + " already rendered");
      }
      camera = RenderDataset.Options.camera(camera, altitudeM, Double.NaN, 0);
    }
    DetectorBenchOptions o = new DetectorBenchOptions(map, trace, frames, seed, data,
        outDir == null ? Path.of("target", "detector-bench") : outDir);
    if (quick) {
      o = o.asQuick();
    }
    PrintStream out = CommandOutput.of(spec);
    if (learnOrder) {
      if (data == null) {
        throw new IllegalArgumentException("--learn-order needs --data DIR (validation frames of the training cities)");
      }
      DetectorBench.learnOrder(data, o.frames(), order, out);
    } else {
      if (data == null) { // the library may not see maps: frames are rendered here, measured there
        java.nio.file.Files.createDirectories(o.workDir());
        Path dir = java.nio.file.Files.createTempDirectory(o.workDir(), "frames-");
        out.printf(java.util.Locale.ROOT, "camera: %.0f m altitude, %.1f m x %.1f m on the ground, %.3f m/px%n",
            camera.altitudeM(), camera.groundWidthM(), camera.groundHeightM(), camera.metresPerPixel());
        RenderDataset.run(new RenderDataset.Options(map, trace, o.frames(), seed, dir, camera, "bench-detector"), out);
        o = o.withData(dir);
      }
      DetectorBench.run(o, out);
    }
    out.flush();
    return 0;
  }
}
