package org.swarmsense.gateway.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.stereo.StereoBenchmark;
import org.swarmsense.edge.stereo.StereoCalibration;
import org.swarmsense.edge.stereo.VoxelBox;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.camera.MapScene;
import org.swarmsense.maps.camera.StereoPair;
import org.swarmsense.maps.camera.StereoRig;
import org.swarmsense.maps.camera.TrafficSource;
import org.swarmsense.maps.camera.TrafficTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench stereo}: a thin shell over {@link StereoBenchmark} (edge-inference). With {@code --map}
 * the pair is rendered by maps' {@link StereoRig} (nadir, exact disparity) and scored in the box
 * {@link VoxelBox#nadirBelow}.
 */
@Command(name = "stereo", sortOptions = false,
    description = "Census semi-global matching vs OpenCV SGBM (EPE, bad-2px, coverage, time) and occupancy at"
        + " 8^3..64^3 (IoU, Chamfer, latency; pruned vs dense) against ground truth, on Middlebury Motorcycle or"
        + " (--map, --at) on a nadir pair rendered from a map with its exact disparity. Run the JVM with"
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

  @Option(names = "--map", paramLabel = "FILE", description = "render the pair from this OSM map (.osm, .osm.gz, .osm.pbf)"
      + " with the stereo rig of reference.conf (swarmsense.maps.stereo-rig) instead of reading files")
  private Path map;

  @Option(names = "--at", paramLabel = "LON,LAT", description = "with --map: the left camera's ground position, WGS84 degrees")
  private String at;

  @Option(names = "--trace", paramLabel = "FILE", description = "with --map: traffic trace drawn in the pair (SUMO FCD, pNEUMA,"
      + " GPX); default none")
  private Path trace;

  @Option(names = "--time", paramLabel = "S", description = "with --trace: the trace time of the pair, seconds (default 0)")
  private double timeS = 0;

  @Option(names = "--heading", paramLabel = "DEG", description = "with --map: the image top's heading, degrees (default 0)")
  private double headingDeg = 0;

  @Option(names = "--altitude", paramLabel = "M", description = "with --map: altitude of the rig, metres (default"
      + " swarmsense.maps.camera.altitude-m, 100)")
  private Double altitudeM;

  @Option(names = "--seed", paramLabel = "N", description = "with --map: light and sensor noise of the pair (default 1)")
  private long seed = 1;

  @Option(names = "--repeats", paramLabel = "N", description = "timed runs per method after a warm-up (default 5)")
  private int repeats = 5;

  @Option(names = "--threads", paramLabel = "N", description = "threads for both matchers (default 2)")
  private int threads = 2;

  @Option(names = "--python", paramLabel = "EXE", description = "Python with python3-opencv (default /usr/bin/python3)")
  private Path python = Path.of("/usr/bin/python3");

  @Option(names = "--learned", description = "issue 19 part 3: the learned occupancy network against the classical path on the"
      + " held-out rendered box scenes of its model card (IoU and ms per level, goal at 16^3); uses --threads only")
  private boolean learned;

  @Override
  public Integer call() throws Exception {
    if (learned) {
      if (map != null || left != null || right != null || disparity != null || calib != null) {
        throw new IllegalArgumentException("--learned runs on its own held-out rendered pairs: --map, --left, --right,"
            + " --disparity and --calib do not apply");
      }
      org.swarmsense.edge.stereo.LearnedStereoBenchmark.run(threads, System.out);
      return 0;
    }
    StereoBenchmark.Options options = map != null ? rendered() : files();
    StereoBenchmark.run(options, System.out);
    return 0;
  }

  private StereoBenchmark.Options files() {
    if (at != null || trace != null) {
      throw new IllegalArgumentException("--at and --trace need --map");
    }
    StereoBenchmark.Options defaults = left == null || right == null || disparity == null
        ? StereoBenchmark.Options.motorcycle(StereoBenchmark.Options.findSharedData()) : null;
    return new StereoBenchmark.Options(
        left != null ? left : defaults.left(), right != null ? right : defaults.right(),
        disparity != null ? disparity : defaults.truth(),
        calib != null ? StereoCalibration.parse(calib) : StereoCalibration.middleburyMotorcycle(),
        EdgeInferenceSettings.Stereo.load().box(), repeats, threads, python);
  }

  /** Renders the pair, writes it beside its truth into a temporary folder (printed) and points the bench at it. */
  private StereoBenchmark.Options rendered() throws IOException {
    if (left != null || right != null || disparity != null || calib != null) {
      throw new IllegalArgumentException("--map renders the pair: --left, --right, --disparity and --calib do not apply");
    }
    if (at == null) {
      throw new IllegalArgumentException("--map needs --at LON,LAT (the left camera's ground position)");
    }
    double[] lonLat = lonLat(at);
    if (!Files.isRegularFile(map)) {
      throw new IllegalArgumentException("--map: file not found: " + map);
    }
    if (trace != null && !Files.isRegularFile(trace)) {
      throw new IllegalArgumentException("--trace: file not found: " + trace);
    }
    if (!Double.isFinite(timeS) || !Double.isFinite(headingDeg)) {
      throw new IllegalArgumentException("--time and --heading must be finite, got " + timeS + ", " + headingDeg);
    }
    MapsSettings settings = MapsSettings.load();
    double altitude = altitudeM != null ? altitudeM : settings.camera().altitudeM();
    VoxelBox box = VoxelBox.nadirBelow(altitude);
    MapScene scene = MapScene.load(map);
    Coordinate c = scene.projection().toLocal(lonLat[0], lonLat[1]);
    if (!scene.boundsM().contains(c)) {
      throw new IllegalArgumentException("--at " + at + " lies outside the map " + map.getFileName());
    }
    TrafficSource traffic = trace != null ? TrafficTrace.load(trace, scene.projection()) : t -> List.of();
    StereoPair pair = new StereoRig(scene, settings.camera(), settings.stereoRig())
        .render(traffic, timeS, c.x, c.y, headingDeg, altitude, seed);
    Path dir = Files.createTempDirectory("swarmsense-stereo-");
    Path l = dir.resolve("left.png");
    Path r = dir.resolve("right.png");
    Path d = dir.resolve("disparity_" + pair.heightPx() + "x" + pair.widthPx() + ".f32");
    ImageIO.write(pair.left(), "png", l.toFile());
    ImageIO.write(pair.right(), "png", r.toFile());
    ByteBuffer bytes = ByteBuffer.allocate(4 * pair.disparityPx().length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(pair.disparityPx());
    try (OutputStream out = new DataOutputStream(Files.newOutputStream(d))) {
      out.write(bytes.array());
    }
    StereoCalibration calibration = new StereoCalibration(pair.focalPx(), pair.principalXPx(), pair.principalYPx(), 0,
        pair.baselineM());
    System.out.printf(java.util.Locale.ROOT, "rendered nadir pair: %s at %s (local %.1f, %.1f m), heading %.1f deg, altitude %.1f m,"
        + " baseline %.2f m, f %.2f px, seed %d%s; written to %s%n", map.getFileName(), at, c.x, c.y, headingDeg, altitude,
        pair.baselineM(), pair.focalPx(), seed, trace != null ? ", trace " + trace.getFileName() + " at " + timeS + " s" : "",
        dir);
    return new StereoBenchmark.Options(l, r, d, calibration, box, repeats, threads, python);
  }

  private static double[] lonLat(String text) {
    String[] parts = text.split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException("--at must be LON,LAT in degrees, got: " + text);
    }
    try {
      double lon = Double.parseDouble(parts[0].trim());
      double lat = Double.parseDouble(parts[1].trim());
      if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
        throw new IllegalArgumentException("--at must be LON,LAT with lon in [-180, 180] and lat in [-90, 90], got: " + text);
      }
      return new double[] {lon, lat};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--at must be LON,LAT in degrees, got: " + text, e);
    }
  }
}
