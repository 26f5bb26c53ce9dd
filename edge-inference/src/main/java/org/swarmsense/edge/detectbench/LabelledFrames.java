package org.swarmsense.edge.detectbench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * Reads a rendered data set ({@code swarmsense render}'s format): {@code DIR/labels.jsonl}, one JSON
 * object per frame with {@code frame} (PNG path relative to DIR) and {@code boxes} ({@code x0, y0,
 * x1, y1} in pixels, x right, y down; {@code visible}, the share of the footprint inside the frame).
 * Ground-truth boxes become {@link Detection}s of class {@link VehicleDetector#VEHICLE} with score 1;
 * a vehicle with less than {@value #MIN_VISIBLE} of its footprint inside the frame is an
 * <em>ignored</em> truth (see {@link org.swarmsense.edge.detect.DetectionF1#count(List, List, List)}):
 * neither required nor held against a detector (rule fixed before any measurement). Stateless.
 */
public final class LabelledFrames {

  /** Smallest share of a footprint inside the frame for a vehicle to count as truth. */
  public static final double MIN_VISIBLE = 0.5;

  /**
   * One labelled frame.
   *
   * @param png the frame's file
   * @param truth boxes of its vehicles with at least {@link #MIN_VISIBLE} of their footprint inside
   * @param ignored boxes of the others
   * @param roads its road mask ({@code roads/} beside {@code frames/}, same file name: white where the
   *     renderer's region of carriageways and paved areas is), or null when the data set has none for it
   */
  public record Frame(Path png, List<Detection> truth, List<Detection> ignored, Path roads) {

    /** Validates the fields. */
    public Frame {
      if (png == null || truth == null || ignored == null) {
        throw new IllegalArgumentException("png, truth and ignored must not be null");
      }
      truth = List.copyOf(truth);
      ignored = List.copyOf(ignored);
    }

    /**
     * The frame's pixels, bounded by its header like every image the product reads ({@link
     * PixelImages#readBuffered(Path)}).
     *
     * @throws IllegalArgumentException naming the file when it is not an image or is larger than a frame may be
     */
    public PixelImage image() {
      try {
        return PixelImages.read(png);
      } catch (IOException e) {
        throw new IllegalArgumentException("frame " + png + ": " + e.getMessage(), e);
      }
    }

    /**
     * The road mask as pixels (row-major, y down; a pixel is in the region when its red value is at least
     * 128), checked against the frame's size.
     *
     * @throws IllegalStateException when the frame has no road mask
     * @throws IllegalArgumentException naming the file when it does not read as an image of that size
     */
    public boolean[] roadPixels(int widthPx, int heightPx) {
      if (roads == null) {
        throw new IllegalStateException("no road mask for " + png);
      }
      BufferedImage img;
      try {
        img = PixelImages.readBuffered(roads); // bounded by the header
      } catch (IOException e) { // a truncated, corrupt or oversized PNG
        throw new IllegalArgumentException("road mask " + roads + ": not readable as an image: " + e.getMessage(), e);
      }
      if (img.getWidth() != widthPx || img.getHeight() != heightPx) { // readBuffered never returns null
        throw new IllegalArgumentException("road mask " + roads + ": not a " + widthPx + "x" + heightPx
            + " image (" + img.getWidth() + "x" + img.getHeight() + ")");
      }
      boolean[] in = new boolean[widthPx * heightPx];
      for (int y = 0; y < heightPx; y++) {
        for (int x = 0; x < widthPx; x++) {
          in[y * widthPx + x] = ((img.getRGB(x, y) >> 16) & 0xff) >= 128;
        }
      }
      return in;
    }
  }

  private LabelledFrames() {}

  /** Every frame of the data set in {@code dir}, in file order; a clear error names a bad line and field. */
  public static List<Frame> read(Path dir) throws IOException {
    Path labels = dir.resolve("labels.jsonl");
    if (!Files.isRegularFile(labels)) {
      throw new IllegalArgumentException("not a rendered data set (no labels.jsonl): " + dir);
    }
    List<Frame> frames = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(labels, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        Config c = ConfigFactory.parseString(line);
        List<Detection> truth = new ArrayList<>();
        List<Detection> ignored = new ArrayList<>();
        for (Config b : c.getConfigList("boxes")) {
          Detection d = new Detection(VehicleDetector.VEHICLE, 1.0, b.getDouble("x0"), b.getDouble("y0"), b.getDouble("x1"),
              b.getDouble("y1"));
          double visible = b.hasPath("visible") ? b.getDouble("visible") : 1.0;
          (visible >= MIN_VISIBLE ? truth : ignored).add(d);
        }
        Path png = dir.resolve(c.getString("frame"));
        Path roads = dir.resolve("roads").resolve(png.getFileName().toString());
        frames.add(new Frame(png, truth, ignored, Files.isRegularFile(roads) ? roads : null));
      } catch (ConfigException | IllegalArgumentException e) {
        throw new IllegalArgumentException(labels + " line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    return frames;
  }
}
