package org.swarmsense.edge.patch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.runtime.Backend;
import org.swarmsense.edge.runtime.InferenceSession;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.edge.serving.DetectorStages;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * A detector split at a shallow stage boundary by the serving engine's splitter ({@link
 * DetectorStages#split}: {@value #STAGES} stages of similar convolution count; the first is the
 * shallow part, the other three are "the later stages"). Runs the shallow stage once, exposes its
 * outputs (the feature maps the defence reads and occludes) and re-runs only the later stages on
 * (occluded) features. Detections of {@link #detect} equal the unsplit model's up to float rounding.
 *
 * <p>Not thread-safe; close it when done.
 */
public final class StagedDetector implements AutoCloseable {

  /** Stages the model is split into; stage 1 is the shallow part. */
  public static final int STAGES = 4;

  /** Memory layout of the model's feature maps. */
  public enum Layout {
    /** [1, C, H, W]. */
    NCHW,
    /** [1, H, W, C]. */
    NHWC
  }

  private final String name;
  private final String inputName;
  private final Layout layout;
  private final Layout inputLayout;
  private final InferenceSession shallow;
  private final List<InferenceSession> later;
  private final Function<PixelImage, Tensor> toInput;
  private final Decoder decoder;
  private final double scoreThreshold;
  private final boolean padsInput;
  private final String weightsSha256;

  /** Turns the final outputs into detections in the pixels of a {@code width x height} image. */
  @FunctionalInterface
  public interface Decoder {
    /** Detections at or above {@code threshold}. */
    List<Detection> decode(Map<String, Tensor> outputs, double threshold, int width, int height);
  }

  private StagedDetector(String name, String inputName, Layout layout, Layout inputLayout, List<InferenceSession> stages,
      Function<PixelImage, Tensor> toInput, Decoder decoder, double scoreThreshold, boolean padsInput,
      String weightsSha256) {
    this.name = name;
    this.weightsSha256 = weightsSha256;
    this.padsInput = padsInput;
    this.inputName = inputName;
    this.layout = layout;
    this.inputLayout = inputLayout;
    this.shallow = stages.get(0);
    this.later = List.copyOf(stages.subList(1, stages.size()));
    this.toInput = toInput;
    this.decoder = decoder;
    this.scoreThreshold = scoreThreshold;
  }

  /**
   * The COCO detector ({@code mb3_centernet_coco.onnx}, tests and benchmarks only) split into
   * {@code cacheDir}; reports detections with score >= {@link DetectionF1#MIN_SCORE}.
   */
  public static StagedDetector coco(Path model, Path cacheDir, Backend backend) {
    String sha;
    try {
      sha = sha256(Files.readAllBytes(model));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the COCO model " + model + ": " + e.getMessage(), e);
    }
    List<InferenceSession> stages = open(DetectorStages.split(model, cacheDir, STAGES), backend);
    return new StagedDetector("COCO mb3-centernet", "images_nhwc", Layout.NCHW, Layout.NHWC, stages, CocoDetector::input,
        (out, thr, w, h) -> CocoDetector.decode(out.get("keypoints").data(), out.get("wh").data(), thr, w, h),
        DetectionF1.MIN_SCORE, false, sha);
  }

  /**
   * Our vehicle detector ({@code variant}, the shipped ONNX copied out of the classpath into {@code
   * cacheDir} and split there) reporting scores >= {@code scoreThreshold}.
   */
  public static StagedDetector vehicle(VehicleDetector.Variant variant, Path cacheDir, Backend backend,
      double scoreThreshold) {
    Path onnx = vehicleModelFile(variant, cacheDir);
    byte[] bytes = org.swarmsense.edge.runtime.ModelResources.bytes(VehicleDetector.RESOURCE_DIR,
        variant.onnxResource());
    try {
      Files.createDirectories(cacheDir);
      if (!Files.isRegularFile(onnx) || !java.util.Arrays.equals(Files.readAllBytes(onnx), bytes)) {
        Files.write(onnx, bytes);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy " + variant.onnxResource() + " to " + onnx + ": " + e.getMessage(), e);
    }
    List<InferenceSession> stages = open(DetectorStages.split(onnx, cacheDir.resolve("stages"), STAGES), backend);
    return new StagedDetector("vehicle " + variant.name().toLowerCase(java.util.Locale.ROOT), "image", Layout.NCHW,
        Layout.NCHW, stages, VehicleDetector::input,
        (out, thr, w, h) -> VehicleDetector.decode(out.get("heatmap"), out.get("size"), out.get("offset"), thr, w, h),
        scoreThreshold, true, sha256(bytes));
  }

  /** Where {@link #vehicle} copies the whole {@code variant} model in {@code cacheDir}. */
  public static Path vehicleModelFile(VehicleDetector.Variant variant, Path cacheDir) {
    return cacheDir.resolve(variant.name().toLowerCase(java.util.Locale.ROOT) + ".onnx");
  }

  /**
   * Our vehicle detector ({@code variant}) from the stage files shipped next to its ONNX model
   * ({@code vehicle_<variant>.stage1.onnx} .. {@code stage4.onnx}, written once by the splitter when the
   * weights change; {@code ShippedStagesTest} checks they chain to the shipped model): what an edge
   * node runs for the patch defence, with no Python at run time. Only the plain variant ships stages.
   *
   * @throws IllegalArgumentException if {@code variant} has no shipped stages
   */
  public static StagedDetector shippedVehicle(VehicleDetector.Variant variant, Backend backend, double scoreThreshold) {
    String base = variant.onnxResource().substring(0, variant.onnxResource().length() - ".onnx".length());
    List<InferenceSession> stages = new ArrayList<>();
    java.security.MessageDigest all = sha256();
    for (int k = 1; k <= STAGES; k++) {
      String resource = base + ".stage" + k + ".onnx";
      try (InputStream in = VehicleDetector.class.getResourceAsStream(resource)) {
        if (in == null) {
          stages.forEach(InferenceSession::close);
          throw new IllegalArgumentException("variant " + variant + " has no shipped stages: " + resource
              + " is missing from the classpath (only the plain variant ships them)");
        }
        byte[] stage = in.readAllBytes();
        all.update(stage);
        stages.add(backend.open(resource, stage));
      } catch (IOException e) {
        stages.forEach(InferenceSession::close);
        throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
      }
    }
    return new StagedDetector("vehicle " + variant.name().toLowerCase(java.util.Locale.ROOT), "image", Layout.NCHW,
        Layout.NCHW, stages, VehicleDetector::input,
        (out, thr, w, h) -> VehicleDetector.decode(out.get("heatmap"), out.get("size"), out.get("offset"), thr, w, h),
        scoreThreshold, true, java.util.HexFormat.of().formatHex(all.digest()));
  }

  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The hex SHA-256 of {@code bytes}. */
  static String sha256(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static List<InferenceSession> open(List<Path> files, Backend backend) {
    List<InferenceSession> s = new ArrayList<>();
    for (Path f : files) {
      s.add(backend.open(f));
    }
    return s;
  }

  /**
   * {@code region}, a region of the model input for {@code frame}, as a region of the frame: the
   * vehicle detector pads the frame into its input ({@link Region#inFrame}), the COCO detector
   * resizes it (the fractions stay).
   */
  public Region inFrame(Region region, PixelImage frame) {
    if (!padsInput) {
      return region;
    }
    // the only padding detector is the vehicle detector: its input sides without building the input
    return region.inFrame(VehicleDetector.padded(frame.width()), VehicleDetector.padded(frame.height()), frame.width(),
        frame.height());
  }

  /**
   * The inverse of {@link #inFrame}: {@code region}, a region of {@code frame}, as a region of the
   * model input built for it.
   */
  public Region inInput(Region region, PixelImage frame) {
    if (!padsInput) {
      return region;
    }
    double sx = (double) frame.width() / VehicleDetector.padded(frame.width());
    double sy = (double) frame.height() / VehicleDetector.padded(frame.height());
    return new Region(region.x0() * sx, region.y0() * sy, region.x1() * sx, region.y1() * sy);
  }

  /** A short name for reports. */
  public String name() {
    return name;
  }

  /**
   * What the detector computes, for caches of results that depend on it: its name and the SHA-256 of
   * the weights it runs (the COCO model file, the vehicle model's bytes, or the shipped stage files
   * in order), so a retrained model with the same name is another detector.
   */
  public String identity() {
    return name + " sha256:" + weightsSha256;
  }

  /** Lowest reported score. */
  public double scoreThreshold() {
    return scoreThreshold;
  }

  /** Layout of the feature maps. */
  public Layout layout() {
    return layout;
  }

  /** Layout of the model input. */
  public Layout inputLayout() {
    return inputLayout;
  }

  /** The model input for {@code image}. */
  public Tensor input(PixelImage image) {
    return toInput.apply(image);
  }

  /** The shallow stage's outputs for a model input (the input itself is kept under its name). */
  public Map<String, Tensor> shallow(Tensor input) {
    Map<String, Tensor> feats = new HashMap<>(shallow.run(Map.of(inputName, input)));
    feats.put(inputName, input);
    return feats;
  }

  /** The name of the model input among {@link #shallow}'s tensors. */
  public String inputName() {
    return inputName;
  }

  /** Runs the later stages on {@code feats} and decodes at the detector's threshold. */
  public List<Detection> later(Map<String, Tensor> feats, int width, int height) {
    return later(feats, scoreThreshold, width, height);
  }

  /** Runs the later stages on {@code feats} and decodes at {@code threshold}. */
  public List<Detection> later(Map<String, Tensor> feats, double threshold, int width, int height) {
    Map<String, Tensor> all = new HashMap<>(feats);
    for (InferenceSession s : later) {
      Map<String, Tensor> feed = new HashMap<>();
      for (String in : s.inputNames()) {
        Tensor t = all.get(in);
        if (t == null) {
          throw new IllegalStateException(name + ": later stage needs tensor " + in + ", have " + all.keySet());
        }
        feed.put(in, t);
      }
      all.putAll(s.run(feed));
    }
    return decoder.decode(all, threshold, width, height);
  }

  /** Detections of {@code image} at the detector's threshold (shallow then later stages). */
  public List<Detection> detect(PixelImage image) {
    return later(shallow(input(image)), image.width(), image.height());
  }

  /** Detections of {@code image} at {@code threshold} (the attacks query with a low one). */
  public List<Detection> detect(PixelImage image, double threshold) {
    return later(shallow(input(image)), threshold, image.width(), image.height());
  }

  /** Detections of an already built model input (for masked inputs). */
  public List<Detection> detectInput(Tensor input, int width, int height) {
    return later(shallow(input), width, height);
  }

  /**
   * A copy of the model input for {@code frame} with {@code region}'s pixels (centres inside it, at
   * least one) set to the mean of each channel over the frame's pixels: the frame's mean colour, in
   * whatever scale the model takes. A detector that pads the frame into its input (the vehicle
   * detector, frame at the top left) leaves the padding out of the mean; one that resizes the frame
   * (the COCO detector) fills its whole input with it.
   */
  public Tensor fillMean(Tensor input, Region region, PixelImage frame) {
    if (input.shape().length != 4) {
      throw new IllegalArgumentException(name + ": the model input is not 4-D: "
          + java.util.Arrays.toString(input.shape()));
    }
    if (padsInput) {
      return fillMean(input, inputLayout, region, frame.width(), frame.height());
    }
    long[] s = input.shape(); // the resized frame is the whole input
    boolean nchw = inputLayout == Layout.NCHW;
    return fillMean(input, inputLayout, region, (int) (nchw ? s[3] : s[2]), (int) (nchw ? s[2] : s[1]));
  }

  /**
   * {@link #fillMean(Tensor, Region, PixelImage)} for a 4-D input of {@code inputLayout} whose top-left
   * {@code frameWidth} x {@code frameHeight} pixels (clipped to the input) hold the frame.
   */
  static Tensor fillMean(Tensor input, Layout inputLayout, Region region, int frameWidth, int frameHeight) {
    long[] s = input.shape();
    boolean nchw = inputLayout == Layout.NCHW;
    int c = (int) (nchw ? s[1] : s[3]);
    int h = (int) (nchw ? s[2] : s[1]);
    int w = (int) (nchw ? s[3] : s[2]);
    int fw = Math.min(w, frameWidth);
    int fh = Math.min(h, frameHeight);
    float[] in = input.data();
    float[] mean = new float[c];
    for (int k = 0; k < c; k++) {
      double sum = 0;
      for (int y = 0; y < fh; y++) {
        for (int x = 0; x < fw; x++) {
          sum += in[nchw ? (k * h + y) * w + x : (y * w + x) * c + k];
        }
      }
      mean[k] = (float) (sum / ((double) fw * fh));
    }
    return fill(input, inputLayout, region, mean);
  }

  /** A copy of a 4-D tensor of {@code layout} with {@code region}'s cells set to {@code value}. */
  public static Tensor fill(Tensor t, Layout layout, Region region, float value) {
    int c = (int) (layout == Layout.NCHW ? t.shape()[1] : t.shape()[3]);
    float[] values = new float[c];
    java.util.Arrays.fill(values, value);
    return fill(t, layout, region, values);
  }

  /**
   * A copy of a 4-D tensor of {@code layout} with channel k of {@code region}'s cells (centres inside
   * it, at least one) set to {@code values[k]}.
   */
  static Tensor fill(Tensor t, Layout layout, Region region, float[] values) {
    long[] s = t.shape();
    boolean nchw = layout == Layout.NCHW;
    int c = (int) (nchw ? s[1] : s[3]);
    int h = (int) (nchw ? s[2] : s[1]);
    int w = (int) (nchw ? s[3] : s[2]);
    int[] xs = cells(region.x0(), region.x1(), w);
    int[] ys = cells(region.y0(), region.y1(), h);
    float[] d = t.data().clone();
    for (int y = ys[0]; y < ys[1]; y++) {
      for (int x = xs[0]; x < xs[1]; x++) {
        for (int k = 0; k < c; k++) {
          d[nchw ? (k * h + y) * w + x : (y * w + x) * c + k] = values[k];
        }
      }
    }
    return new Tensor(s, d);
  }

  /** Cell range [from, to) whose centres lie in [a, b) of a side of {@code n} cells; at least one cell. */
  static int[] cells(double a, double b, int n) {
    int from = (int) Math.ceil(a * n - 0.5);
    int to = (int) Math.ceil(b * n - 0.5);
    from = Math.max(0, Math.min(n - 1, from));
    to = Math.max(from + 1, Math.min(n, to));
    return new int[] {from, to};
  }

  @Override
  public void close() {
    shallow.close();
    later.forEach(InferenceSession::close);
  }
}
