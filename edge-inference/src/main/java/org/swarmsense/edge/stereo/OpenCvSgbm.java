package org.swarmsense.edge.stereo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's reference: OpenCV's StereoSGBM (3-way, block 5, OpenCV's sample penalties and
 * filters), run by the Python script {@code opencv_sgbm.py} shipped next to this class with a
 * Python that has {@code cv2} (Debian {@code python3-opencv}). Used by {@link StereoBenchmark} only,
 * never by the product path. Each call starts one process; safe to call from one thread at a time.
 */
final class OpenCvSgbm {

  /**
   * A disparity map and OpenCV's own timing of {@code compute}: median and best wall, median CPU (all
   * threads), and the thread count OpenCV reported using.
   */
  record Result(DisparityMap disparity, double medianMs, double minMs, double medianCpuMs, int threads) {}

  private OpenCvSgbm() {}

  static Result run(Path python, Path left, Path right, int width, int height, int disparities, int repeats, int threads)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("opencv-sgbm");
    try {
      Path script = dir.resolve("opencv_sgbm.py");
      try (InputStream in = OpenCvSgbm.class.getResourceAsStream("opencv_sgbm.py")) {
        if (in == null) {
          throw new IllegalStateException("opencv_sgbm.py missing from the classpath next to " + OpenCvSgbm.class.getName());
        }
        Files.copy(in, script);
      }
      Path out = dir.resolve("disparity.f32");
      Process process = new ProcessBuilder(List.of(python.toString(), script.toString(), left.toString(), right.toString(),
          out.toString(), Integer.toString(disparities), Integer.toString(repeats), Integer.toString(threads)))
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("OpenCV reference failed (" + python + " with python3-opencv needed): " + output);
      }
      String last = output.lines().reduce((a, b) -> b).orElse("");
      String[] parts = last.split(" ");
      if (parts.length != 5 || !parts[0].equals("ms")) {
        throw new IllegalStateException("unexpected output of opencv_sgbm.py: " + output);
      }
      return new Result(DisparityMap.readRawFloat32(out, width, height), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
          Double.parseDouble(parts[3]), Integer.parseInt(parts[4]));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
