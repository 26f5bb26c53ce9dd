package org.swarmsense.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.swarmsense.edge.stereo.StereoBenchmark;
import org.swarmsense.edge.stereo.StereoCalibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench stereo}: a thin shell over {@link StereoBenchmark} (edge-inference). */
@Command(name = "stereo", sortOptions = false,
    description = "Census semi-global matching vs OpenCV SGBM (EPE, bad-2px, coverage, time) and occupancy at"
        + " 8^3..64^3 (IoU, Chamfer, latency; pruned vs dense) against ground truth. Run the JVM with"
        + " --add-modules jdk.incubator.vector for the SIMD path kernel.")
final class BenchStereoCommand implements Callable<Integer> {

  @Option(names = "--left", paramLabel = "PNG", description = "left image (default shared/data/stereo/motorcycle_left.png)")
  private Path left;

  @Option(names = "--right", paramLabel = "PNG", description = "right image (default motorcycle_right.png)")
  private Path right;

  @Option(names = "--disparity", paramLabel = "F32", description = "ground truth, raw little-endian float32 of the image size")
  private Path disparity;

  @Option(names = "--calib", paramLabel = "f,cx,cy,doffs,baselineMm",
      description = "calibration (default Middlebury Motorcycle: 994.978,311.193,254.877,31.086,193.001)")
  private String calib;

  @Option(names = "--repeats", paramLabel = "N", description = "timed runs per method after a warm-up (default 5)")
  private int repeats = 5;

  @Option(names = "--threads", paramLabel = "N", description = "threads for both matchers (default 2)")
  private int threads = 2;

  @Option(names = "--python", paramLabel = "EXE", description = "Python with python3-opencv (default /usr/bin/python3)")
  private Path python = Path.of("/usr/bin/python3");

  @Override
  public Integer call() throws Exception {
    StereoBenchmark.Options defaults = left == null || right == null || disparity == null
        ? StereoBenchmark.Options.motorcycle(StereoBenchmark.Options.findSharedData()) : null;
    StereoBenchmark.Options options = new StereoBenchmark.Options(
        left != null ? left : defaults.left(), right != null ? right : defaults.right(),
        disparity != null ? disparity : defaults.truth(),
        calib != null ? StereoCalibration.parse(calib) : StereoCalibration.middleburyMotorcycle(), repeats, threads, python);
    StereoBenchmark.run(options, System.out);
    return 0;
  }
}
