package org.swarmsense.edge.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * The MobileNetV3-CenterNet COCO detector (80 classes) run by ONNX Runtime: bilinear resize to
 * 512x512 the way TensorFlow's {@code resizeBilinear} (no corner alignment, no half-pixel centres)
 * does it, RGB floats 0..255 in NHWC, outputs a 128x128x80 sigmoid heatmap and 128x128x4 box
 * distances (left, top, right, bottom, input pixels). Peaks are 3x3 local maxima of a class's
 * heatmap; box = (4x - l, 4y - t, 4x + r, 4y + b), scaled back to the image.
 *
 * <p>One ONNX Runtime session; {@link #detect} may be called from several threads (ONNX Runtime
 * sessions are thread-safe for {@code run}). Close it when done.
 */
public final class CocoDetector implements AutoCloseable {

  /** Side of the model input, pixels. */
  public static final int INPUT = 512;
  private static final int GRID = 128;
  private static final int CLASSES = 80;
  private static final int MAX_DETECTIONS = 100;

  private final OrtEnvironment env;
  private final OrtSession session;

  /**
   * Opens the model.
   *
   * @param model path of {@code mb3_centernet_coco.onnx}
   * @param threads intra-op threads of ONNX Runtime, >= 1
   * @throws IllegalArgumentException if the file is missing
   */
  public CocoDetector(Path model, int threads) throws OrtException {
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("model file not found: " + model);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got: " + threads);
    }
    env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(threads);
      opts.setInterOpNumThreads(1);
      session = env.createSession(model.toString(), opts);
    }
  }

  /** Detections with score >= {@code minScore}, strongest first (at most 100). */
  public List<Detection> detect(PixelImage image, double minScore) throws OrtException {
    float[] input = resizeBilinear(image.toRgb(), INPUT);
    float[] heat;
    float[] wh;
    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, INPUT, INPUT, 3});
        OrtSession.Result r = session.run(Map.of("images_nhwc", t))) {
      heat = copy((OnnxTensor) r.get("keypoints").orElseThrow());
      wh = copy((OnnxTensor) r.get("wh").orElseThrow());
    }
    return decode(heat, wh, minScore, image.width(), image.height());
  }

  /**
   * The model's input for {@code image}: [1, 512, 512, 3] RGB floats 0..255 after the TensorFlow
   * bilinear resize ({@code images_nhwc}).
   */
  public static org.swarmsense.edge.runtime.Tensor input(PixelImage image) {
    return new org.swarmsense.edge.runtime.Tensor(new long[] {1, INPUT, INPUT, 3}, resizeBilinear(image.toRgb(), INPUT));
  }

  /**
   * Peaks of the model's outputs ({@code keypoints} [1,128,128,80] and {@code wh} [1,128,128,4]) with
   * score >= {@code minScore} as boxes in the pixels of a {@code width x height} image, strongest
   * first (at most 100).
   */
  public static List<Detection> decode(float[] heat, float[] wh, double minScore, int width, int height) {
    if (heat.length != GRID * GRID * CLASSES || wh.length != GRID * GRID * 4) {
      throw new IllegalArgumentException("heatmap must hold " + GRID * GRID * CLASSES + " and wh " + GRID * GRID * 4
          + " values, got: " + heat.length + " and " + wh.length);
    }
    double sx = width / (double) INPUT;
    double sy = height / (double) INPUT;
    List<Detection> out = new ArrayList<>();
    for (int y = 0; y < GRID; y++) {
      for (int x = 0; x < GRID; x++) {
        int cell = y * GRID + x;
        for (int c = 0; c < CLASSES; c++) {
          float s = heat[cell * CLASSES + c];
          if (s < minScore || !isPeak(heat, x, y, c, s)) {
            continue;
          }
          double l = wh[cell * 4];
          double t = wh[cell * 4 + 1];
          double rr = wh[cell * 4 + 2];
          double b = wh[cell * 4 + 3];
          double x0 = clamp(4 * x - l, INPUT) * sx;
          double y0 = clamp(4 * y - t, INPUT) * sy;
          double x1 = clamp(4 * x + rr, INPUT) * sx;
          double y1 = clamp(4 * y + b, INPUT) * sy;
          out.add(new Detection(c, Math.min(1.0, s), x0, y0, Math.max(x0, x1), Math.max(y0, y1)));
        }
      }
    }
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    return out.size() > MAX_DETECTIONS ? List.copyOf(out.subList(0, MAX_DETECTIONS)) : out;
  }

  private static double clamp(double v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  private static boolean isPeak(float[] heat, int x, int y, int c, float s) {
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int xx = x + dx;
        int yy = y + dy;
        if ((dx != 0 || dy != 0) && xx >= 0 && yy >= 0 && xx < GRID && yy < GRID
            && heat[(yy * GRID + xx) * CLASSES + c] > s) {
          return false;
        }
      }
    }
    return true;
  }

  private static float[] copy(OnnxTensor t) {
    FloatBuffer fb = t.getFloatBuffer();
    float[] a = new float[fb.remaining()];
    fb.get(a);
    return a;
  }

  /**
   * RGB image to a {@code size x size x 3} float array, TensorFlow {@code resizeBilinear} with
   * {@code alignCorners = false} and no half-pixel centres: source = destination x (in / out).
   */
  static float[] resizeBilinear(PixelImage rgb, int size) {
    int w = rgb.width();
    int h = rgb.height();
    byte[] px = rgb.pixels();
    float[] out = new float[size * size * 3];
    double fx = w / (double) size;
    double fy = h / (double) size;
    for (int y = 0; y < size; y++) {
      double syf = y * fy;
      int y0 = (int) Math.floor(syf);
      int y1 = Math.min(y0 + 1, h - 1);
      float wy = (float) (syf - y0);
      for (int x = 0; x < size; x++) {
        double sxf = x * fx;
        int x0 = (int) Math.floor(sxf);
        int x1 = Math.min(x0 + 1, w - 1);
        float wx = (float) (sxf - x0);
        for (int c = 0; c < 3; c++) {
          float a = px[(y0 * w + x0) * 3 + c] & 0xFF;
          float b = px[(y0 * w + x1) * 3 + c] & 0xFF;
          float d = px[(y1 * w + x0) * 3 + c] & 0xFF;
          float e = px[(y1 * w + x1) * 3 + c] & 0xFF;
          float top = a + (b - a) * wx;
          float bot = d + (e - d) * wx;
          out[(y * size + x) * 3 + c] = top + (bot - top) * wy;
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
