package org.swarmsense.edge.codecbench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Frames of a video as PNG files, extracted once by the project's script {@code extract_frames.py}
 * (Debian python3-opencv through /usr/bin/python3) and cached; the one extraction both benchmarks that
 * read videos ({@code bench semcomm}, {@code bench patch}) use.
 */
public final class VideoFrames {

  private VideoFrames() {
  }

  /**
   * Frames {@code start}, {@code start + step}, ... of {@code video} (at most {@code count}, fewer if the
   * video ends), extracted into a folder of {@code cacheRoot} named by the video and the range, and
   * reused when that folder is complete.
   *
   * @param atLeast the fewest frames the caller can use
   * @return the PNG files, in frame order
   * @throws IllegalArgumentException when the video is not a file, cannot be read, or has fewer than
   *     {@code atLeast} frames in the range (the message names the video)
   */
  public static List<Path> extract(Path video, Path cacheRoot, int start, int count, int step, int atLeast)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(video)) {
      throw new IllegalArgumentException("video file not found: " + video + (video.equals(SemcommBenchOptions.VTEST)
          ? " (Debian package opencv-doc; or name another video, or no video frames)" : ""));
    }
    String base = video.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    Path dir = cacheRoot.resolve(base + "-" + start + "-" + count + (step == 1 ? "" : "-every-" + step));
    Path done = dir.resolve("done");
    if (!Files.exists(done)) {
      Files.createDirectories(dir);
      Path script = dir.resolve("extract_frames.py");
      try (InputStream in = VideoFrames.class.getResourceAsStream("extract_frames.py")) {
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), video.toString(), dir.toString(),
          Integer.toString(start), Integer.toString(count), Integer.toString(step)).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalArgumentException("cannot extract frames of " + video
            + " (needs /usr/bin/python3 with python3-opencv): " + log.strip());
      }
      Files.writeString(done, log);
    }
    List<Path> frames;
    try (Stream<Path> s = Files.list(dir)) {
      frames = s.filter(f -> f.toString().endsWith(".png")).sorted().toList();
    }
    if (frames.size() < atLeast) {
      throw new IllegalArgumentException(video + " has fewer than " + (start + (atLeast - 1) * step + 1) + " frames");
    }
    return frames;
  }
}
