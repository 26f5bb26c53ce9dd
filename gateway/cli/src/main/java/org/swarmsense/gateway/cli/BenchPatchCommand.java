package org.swarmsense.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.swarmsense.edge.patch.PatchBench;
import org.swarmsense.edge.patch.PatchBenchOptions;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.camera.RenderDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense bench patch}: adversarial patches against the COCO detector (photos, video
 * frames) and our vehicle detector (frames rendered here from a map and trace, since the library may
 * not see maps), without defence, with ours and with the ObjectSeeker baseline (library: {@link
 * PatchBench}).
 */
@Command(name = "patch", sortOptions = false,
    description = "Adversarial patches (random search beside and clear of the targets, noise control, gradient patch"
        + " files) against the COCO and vehicle detectors: recall without defence, with ours and with ObjectSeeker;"
        + " clean frames changed; overhead.")
final class BenchPatchCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--images", paramLabel = "DIR", description = "photos for the COCO detector (default ../shared/data/images)")
  private Path images = Path.of("../shared/data/images");

  @Option(names = "--video", paramLabel = "FILE", description = "video for the COCO detector (default opencv-doc's vtest.avi)")
  private Path video = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");

  @Option(names = "--no-coco", description = "skip the COCO detector (photos and video)")
  private boolean noCoco;

  @Option(names = "--no-vehicle", description = "skip the vehicle detector (no frames are rendered)")
  private boolean noVehicle;

  @Option(names = "--vehicle-frames", paramLabel = "DIR", description = "already rendered frames (PNG) for the vehicle"
      + " detector instead of rendering --map/--trace")
  private Path vehicleFrames;

  @Option(names = "--map", paramLabel = "FILE", description = "OSM extract to render vehicle frames from (default Berlin"
      + " Siegessaeule, held out of training)")
  private Path map = Path.of("../shared/data/maps/berlin-siegessaeule.osm.gz");

  @Option(names = "--trace", paramLabel = "FILE", description = "traffic trace of that map")
  private Path trace = Path.of("examples/data/berlin-siegessaeule-sumo-mix-fcd-300s.xml.gz");

  @Option(names = "--gradient-patch", paramLabel = "FILE", description = "patch from edge-inference/scripts/"
      + "gradient_patch.py (default edge-inference/patches/vehicle_plain_gradient.png; skipped if missing)")
  private Path gradientPatch = Path.of("edge-inference/patches/vehicle_plain_gradient.png");

  @Option(names = "--gradient-patches", paramLabel = "DIR", description = "per-frame white-box patches from"
      + " gradient_patch.py --per-frame, matched to the attacked frames by their pixels (default"
      + " edge-inference/patches/vehicle_plain_per_frame; skipped if missing)")
  private Path gradientPatches = Path.of("edge-inference/patches/vehicle_plain_per_frame");

  @Option(names = "--video-patches", paramLabel = "DIR", description = "the white-box patch for the video's frames"
      + " from gradient_patch.py --video, matched to the frames by their pixels (default: none)")
  private Path videoPatches;

  @Option(names = "--coco-model", paramLabel = "FILE", description = "COCO detector (default ../shared/data/models/"
      + "mb3_centernet_coco.onnx)")
  private Path cocoModel = Path.of("../shared/data/models/mb3_centernet_coco.onnx");

  @Option(names = "--queries", paramLabel = "N", description = "query budget per photo and for the video patch"
      + " (default 200, at most 2000)")
  private int queries = 200;

  @Option(names = "--vehicle-queries", paramLabel = "N", description = "query budget per rendered frame (default 500)")
  private int vehicleQueries = 500;

  @Option(names = "--video-frames", paramLabel = "N", description = "consecutive video frames (default 30)")
  private int videoFrames = 30;

  @Option(names = "--vehicle-count", paramLabel = "N", description = "rendered frames attacked (default 20)")
  private int vehicleCount = 20;

  @Option(names = "--max-images", paramLabel = "N", description = "at most N photos, in name order (default all)")
  private int maxImages = Integer.MAX_VALUE;

  @Option(names = "--seed", paramLabel = "S", description = "seed of the attacks and frames (default 2026)")
  private long seed = 2026;

  @Option(names = "--out", paramLabel = "DIR", description = "cache of split models and frames (default target/patch-bench)")
  private Path outDir = Path.of("target", "patch-bench");

  @Option(names = "--vehicle-calibration", paramLabel = "FILE",
      description = "the vehicle defence's calibration as an edge node loads it: a file from swarmsense"
          + " calibrate-defence, or 'shipped' (a file of that name: ./shipped; default: calibrated on the 10 rendered"
          + " frames after the attacked ones)")
  private String vehicleCalibration;

  @Option(names = "--quick", description = "vehicle detector only, 1 frame (2 to calibrate), 20 queries (for tests)")
  private boolean quick;

  @Option(names = "--diagnose", description = "also print, per attacked image, where the patch's window ranks among"
      + " the defence's stage-1 anomaly windows")
  private boolean diagnose;

  @Override
  public Integer call() throws Exception {
    PrintStream out = CommandOutput.of(spec);
    // read before any frame is rendered
    PatchBenchOptions.StoredCalibration stored = vehicleCalibration == null ? null
        : vehicleCalibration.equals("shipped") ? PatchBenchOptions.StoredCalibration.shipped()
        : PatchBenchOptions.StoredCalibration.stored(
            CalibrateDefenceCommand.read("--vehicle-calibration", Path.of(vehicleCalibration)), Path.of(vehicleCalibration));
    int count = quick ? 1 : vehicleCount;
    int calibration = quick ? 2 : PatchBenchOptions.CALIBRATION_FRAMES;
    Path frames = vehicleFrames;
    if (frames == null && !noVehicle) { // the library may not see maps: frames are rendered here, measured there
      Files.createDirectories(outDir);
      frames = Files.createTempDirectory(outDir, "frames-");
      RenderDataset.run(new RenderDataset.Options(map, trace, count + calibration, seed, frames,
          MapsSettings.load().camera(), "bench-patch"), out);
    }
    Path grad = gradientPatch != null && Files.isRegularFile(gradientPatch) ? gradientPatch : null;
    if (grad == null && !noVehicle) {
      out.println("no gradient patch at " + gradientPatch + ": run edge-inference/scripts/gradient_patch.py (see the README)");
    }
    Path perFrame = gradientPatches != null && Files.isDirectory(gradientPatches) ? gradientPatches : null;
    if (perFrame == null && !noVehicle) {
      out.println("no per-frame patches at " + gradientPatches + ": run edge-inference/scripts/gradient_patch.py"
          + " --per-frame (see the README)");
    }
    boolean coco = !quick && !noCoco;
    if (videoPatches != null && coco && !Files.isDirectory(videoPatches)) {
      throw new IllegalArgumentException("--video-patches: not a folder: " + videoPatches);
    }
    if (noVehicle && !coco) {
      throw new IllegalArgumentException("--no-vehicle with --no-coco (or --quick) leaves nothing to measure");
    }
    PatchBenchOptions o = new PatchBenchOptions(coco ? images : null, coco ? video : null, noVehicle ? null : frames,
        grad, perFrame, coco ? videoPatches : null, cocoModel,
        quick ? 20 : queries, quick ? 20 : vehicleQueries, quick ? 20 : queries, videoFrames, count, maxImages,
        calibration, seed, outDir, diagnose, stored);
    PatchBench.run(o, out);
    out.flush();
    return 0;
  }
}
