package org.swarmsense.edge.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.runtime.Backend;
import org.swarmsense.edge.runtime.InferenceSession;
import org.swarmsense.edge.runtime.ModelResources;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.edge.runtime.ThreadSettings;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * swarmsense's own vehicle detector for nadir drone frames: a small CenterNet-style network
 * (trained by {@code edge-inference/scripts/train_vehicle_detector.py}, model card
 * {@code org/swarmsense/edge/detect/vehicle/MODEL_CARD.md}) shipped as a classpath resource in two
 * {@link Variant}s and run through the {@code runtime} backend.
 *
 * <p>Input: the frame as RGB floats 0..1, NCHW, zero-padded right and bottom to a multiple of 16
 * pixels (no resize: the network is fully convolutional and was trained at the camera's scale).
 * Output on the stride-4 grid: a sigmoid heatmap, box width and height (pixels) and the centre's
 * sub-cell offset. A detection is a cell whose score is at least the threshold and not below any
 * of its 8 neighbours; box = centre +- size / 2, in frame pixels, clipped to the frame. One class:
 * {@link #VEHICLE}.
 *
 * <p>Not thread-safe (one session, used by one thread at a time); close it when done.
 */
public final class VehicleDetector implements AutoCloseable {

  /** The only class id this detector reports. */
  public static final int VEHICLE = 0;
  /** Cells per output row are the input pixels divided by this. */
  public static final int STRIDE = 4;
  /** Input sides are padded to a multiple of this (the network downsamples 16x). */
  public static final int PAD_TO = 16;
  private static final int MAX_DETECTIONS = 500;
  /** The classpath folder the variants' resources ({@link Variant#onnxResource()} ...) are relative to. */
  public static final String RESOURCE_DIR = "org/swarmsense/edge/detect/";

  /** The shipped weights. */
  public enum Variant {
    /** Trained on clean rendered frames. */
    PLAIN("vehicle_plain"),
    /** The plain model fine-tuned on frames passed through the codec with truncation and bursty loss. */
    ROBUST("vehicle_robust");

    private final String baseName;

    Variant(String baseName) {
      this.baseName = baseName;
    }

    /** Classpath resource of the ONNX file, relative to this class. */
    public String onnxResource() {
      return "vehicle/" + baseName + ".onnx";
    }

    /** Classpath resource of the exporter's reference outputs, relative to this class. */
    public String referenceResource() {
      return "vehicle/" + baseName + ".reference.json";
    }

    /**
     * The learned band order the codec should send this variant's frames in (the shipped file's id): the plain
     * model's drop-one-band ranking ({@code vehicle/vehicle_plain.band-order.txt}); the robust
     * variant is the plain model fine-tuned, so it shares the order.
     */
    public BandOrder bandOrder() {
      return LearnedOrder.SHIPPED;
    }

    /** The score threshold of this variant in {@code settings}. */
    public double threshold(EdgeInferenceSettings settings) {
      return this == PLAIN ? settings.plainVehicleScoreThreshold() : settings.robustVehicleScoreThreshold();
    }
  }

  /** The shipped band order, parsed once on first use (a {@link BandOrder} is immutable). */
  private static final class LearnedOrder {
    private static final String RESOURCE = "vehicle/vehicle_plain.band-order.txt";
    static final BandOrder SHIPPED = BandOrder.parse(new String(ModelResources.bytes(RESOURCE_DIR, RESOURCE),
        java.nio.charset.StandardCharsets.UTF_8).lines().toList(), RESOURCE);
  }

  private final Variant variant;
  private final InferenceSession session;
  private final double scoreThreshold;

  private VehicleDetector(Variant variant, InferenceSession session, double scoreThreshold) {
    this.variant = variant;
    this.session = session;
    this.scoreThreshold = scoreThreshold;
  }

  /** The shipped {@code variant} on ONNX Runtime with the module settings' threads and threshold. */
  public static VehicleDetector open(Variant variant, EdgeInferenceSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
    return open(variant, new OnnxRuntimeBackend(new ThreadSettings(settings.detectorIntraOpThreads(), 1)),
        variant == null ? 0.5 : variant.threshold(settings));
  }

  /**
   * The shipped {@code variant} on {@code backend}.
   *
   * @param scoreThreshold lowest reported score, in (0, 1)
   */
  public static VehicleDetector open(Variant variant, Backend backend, double scoreThreshold) {
    if (variant == null) {
      throw new IllegalArgumentException("variant must not be null");
    }
    if (backend == null) {
      throw new IllegalArgumentException("backend must not be null");
    }
    if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
      throw new IllegalArgumentException("scoreThreshold must be in (0, 1), got: " + scoreThreshold);
    }
    byte[] model = ModelResources.bytes(RESOURCE_DIR, variant.onnxResource());
    return new VehicleDetector(variant, backend.open(variant.onnxResource(), model), scoreThreshold);
  }

  /** Which weights run. */
  public Variant variant() {
    return variant;
  }

  /** Lowest reported score. */
  public double scoreThreshold() {
    return scoreThreshold;
  }

  /** Vehicles in {@code image} (gray or RGB, any size), strongest first, at most 500. */
  public List<Detection> detect(PixelImage image) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    Map<String, Tensor> out = run(input(image));
    return decode(out.get("heatmap"), out.get("size"), out.get("offset"), scoreThreshold, image.width(), image.height());
  }

  /** The raw network outputs ({@code heatmap}, {@code size}, {@code offset}) for an NCHW input. */
  Map<String, Tensor> run(Tensor input) {
    return session.run(Map.of("image", input));
  }

  /** A frame side as the network's input side: padded up to a multiple of {@value #PAD_TO}. */
  public static int padded(int side) {
    return (side + PAD_TO - 1) / PAD_TO * PAD_TO;
  }

  /** The frame as a [1, 3, H', W'] tensor of RGB values 0..1, H' and W' padded up to a multiple of 16. */
  public static Tensor input(PixelImage image) {
    PixelImage rgb = image.toRgb();
    int w = rgb.width();
    int h = rgb.height();
    int pw = padded(w);
    int ph = padded(h);
    float[] data = new float[3 * pw * ph];
    byte[] px = rgb.pixels();
    int plane = pw * ph;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int src = (y * w + x) * 3;
        int dst = y * pw + x;
        data[dst] = (px[src] & 0xFF) / 255f;
        data[plane + dst] = (px[src + 1] & 0xFF) / 255f;
        data[2 * plane + dst] = (px[src + 2] & 0xFF) / 255f;
      }
    }
    return new Tensor(new long[] {1, 3, ph, pw}, data);
  }

  /** Peaks of the heatmap as boxes clipped to a {@code width x height} frame. */
  public static List<Detection> decode(Tensor heat, Tensor size, Tensor offset, double threshold, int width, int height) {
    int cols = (int) heat.shape()[3];
    int plane = (int) heat.shape()[2] * cols;
    float[] hm = heat.data();
    float[] sz = size.data();
    float[] off = offset.data();
    List<Detection> found = new ArrayList<>();
    for (int[] peak : peaks(heat, threshold)) {
      int y = peak[0];
      int x = peak[1];
      float s = hm[y * cols + x];
      int cell = y * cols + x;
      double cx = (x + off[cell]) * STRIDE;
      double cy = (y + off[plane + cell]) * STRIDE;
      double halfW = sz[cell] / 2.0;
      double halfH = sz[plane + cell] / 2.0;
      double x0 = clamp(cx - halfW, width);
      double y0 = clamp(cy - halfH, height);
      double x1 = clamp(cx + halfW, width);
      double y1 = clamp(cy + halfH, height);
      found.add(new Detection(VEHICLE, Math.min(1.0, s), x0, y0, Math.max(x0, x1), Math.max(y0, y1)));
    }
    found.sort((a, b) -> Double.compare(b.score(), a.score()));
    return found.size() > MAX_DETECTIONS ? List.copyOf(found.subList(0, MAX_DETECTIONS)) : found;
  }

  /**
   * The heatmap cells that become detections, {row, col} in row-major order (before the cap of 500):
   * score at least {@code threshold} and not below any of its 8 neighbours.
   */
  public static List<int[]> peaks(Tensor heat, double threshold) {
    int rows = (int) heat.shape()[2];
    int cols = (int) heat.shape()[3];
    float[] hm = heat.data();
    List<int[]> peaks = new ArrayList<>();
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        float s = hm[y * cols + x];
        if (s >= threshold && isPeak(hm, rows, cols, x, y, s)) {
          peaks.add(new int[] {y, x});
        }
      }
    }
    return peaks;
  }

  /** Not below any of its 8 neighbours (ties keep both, as a 3x3 max-pool equality does). */
  private static boolean isPeak(float[] hm, int rows, int cols, int x, int y, float s) {
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int xx = x + dx;
        int yy = y + dy;
        if ((dx != 0 || dy != 0) && xx >= 0 && yy >= 0 && xx < cols && yy < rows && hm[yy * cols + xx] > s) {
          return false;
        }
      }
    }
    return true;
  }

  private static double clamp(double v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  @Override
  public void close() {
    session.close();
  }
}
