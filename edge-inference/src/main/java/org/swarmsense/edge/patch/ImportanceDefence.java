package org.swarmsense.edge.patch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * Our gradient-free patch defence (spec section 3, "our design"; seeded by Themis' observation that
 * a patch shows as extremely localised feature importance):
 * <ol>
 *   <li>the shallow stage's largest feature map; importance of a cell = summed magnitude of the
 *       {@code topChannels} channels with the highest mean magnitude on clean calibration frames;
 *   <li>windows of {@code windowSide} of the input side (the largest patch the threat model allows),
 *       at every cell of the importance map (stride one cell, so the top window sits on the patch to
 *       within a cell; a one-cell margin was tried and reverted, see the README): a window's anomaly = its share of the total importance divided by its
 *       share of the area; the top window is a candidate when its anomaly is at least the threshold,
 *       the {@code quantile} of the top anomalies of the clean calibration frames;
 *   <li>the candidate window is narrowed to the pixel-exact square of the largest allowed patch
 *       with the most high-frequency energy near it ({@link #outline}), that square is filled in the
 *       model input with the frame's mean colour (per channel, {@link StagedDetector#fillMean}) and
 *       the detector re-run on it; if that adds <em>more</em> new objects ({@link #newObjects}: detections
 *       matching none of the unoccluded ones and centred in none of their boxes) than the change threshold, the region is taken
 *       as a patch and the occluded result is served with the plain boxes centred outside the
 *       region that it lacks ({@link #served}), else the unoccluded one. The change threshold
 *       is calibrated like the anomaly threshold: the {@code quantile} of the new objects that
 *       filling the top window's square adds on each clean calibration frame, at least {@link
 *       Settings#minNewDetections()} ({@link #isPatch});
 *   <li>on video ({@link Video}): a full check on every {@code keyFrameInterval}-th frame; a region
 *       found there is carried to the following frames, re-centred each frame on the most anomalous
 *       window at most half a window away (a cheap motion estimate from the importance map the
 *       frame computes anyway) and filled without a check, so those frames cost the shallow stage
 *       and one pass on the filled input (and serve the filled answer alone: the plain one would be
 *       a second pass).
 * </ol>
 * One candidate per frame at most, so a single image costs at most two passes of the detector and the
 * importance map. Why the input and not the shallow features (the first design zeroed the window in
 * the shallow feature maps and re-ran only the later stages): a patch beside the objects it hides
 * also drives the shallow features around it, so zeroing its window there left most of its effect;
 * measured with the patch's exact square on 20 attacked frames, zeroing the features brought back
 * 31 of 48 detections, filling the input with the mean colour 45 (edge-inference README). Not
 * thread-safe (one detector).
 */
public final class ImportanceDefence {

  /**
   * The defence's fixed parameters (chosen before measuring; see the edge-inference README), read
   * from edge-inference's {@code reference.conf} ({@code swarmsense.edge-inference.patch.defence},
   * via {@code EdgeInferenceSettings.Patch}).
   *
   * @param topChannels channels summed into the importance map, >= 1
   * @param windowSide window side as a fraction of the input side, (0, 1]: the side of the largest
   *     patch the issue allows (4% of the area)
   * @param quantile quantile of the clean calibration frames' top anomaly used as the threshold, [0, 1]
   * @param keyFrameInterval every how many video frames a full check runs, >= 1
   * @param minNewDetections the least change threshold, >= 0: a candidate is a patch when filling
   *     it adds more new objects than the calibrated threshold, which is never below this
   */
  public record Settings(int topChannels, double windowSide, double quantile, int keyFrameInterval,
      int minNewDetections) {

    /** Validates the ranges. */
    public Settings {
      if (topChannels < 1) {
        throw new IllegalArgumentException("topChannels must be >= 1, got: " + topChannels);
      }
      if (!(windowSide > 0 && windowSide <= 1)) {
        throw new IllegalArgumentException("windowSide must be in (0, 1], got: " + windowSide);
      }
      if (!(quantile >= 0 && quantile <= 1)) {
        throw new IllegalArgumentException("quantile must be in [0, 1], got: " + quantile);
      }
      if (keyFrameInterval < 1) {
        throw new IllegalArgumentException("keyFrameInterval must be >= 1, got: " + keyFrameInterval);
      }
      if (minNewDetections < 0) {
        throw new IllegalArgumentException("minNewDetections must be >= 0, got: " + minNewDetections);
      }
    }
  }

  /**
   * What the defence served for one frame.
   *
   * @param detections the served detections
   * @param masked the region occluded in the served result, or null
   * @param checks how many extra passes of the later stages ran (0 or 1)
   * @param newDetections the new objects the check's fill added ({@link #newObjects}), or -1 without a check
   */
  public record Result(List<Detection> detections, Region masked, int checks, int newDetections) {
    /** Copies the list. */
    public Result {
      detections = List.copyOf(detections);
    }
  }

  /**
   * What {@link #calibrate} chose, so it can be stored next to a model and an edge node need not
   * calibrate at start-up. Text form ({@link #toText}, {@link #parse}): {@code #} comment lines, then
   * {@code feature=NAME}, {@code channels=I,J,..} (ascending, distinct, >= 0), {@code threshold=X}
   * (finite, > 0) and {@code change-threshold=N} (>= 0), one per line. A file without {@code
   * change-threshold=} (written before the change threshold was calibrated) is refused with a
   * message that says to run {@link CalibrateDefence} again.
   *
   * @param feature the shallow feature map read for importance
   * @param channels the summed channels, ascending
   * @param threshold the anomaly threshold
   * @param changeThreshold the change threshold: a candidate is a patch when occluding it adds more
   *     new objects than this, >= 0
   */
  public record Calibration(String feature, int[] channels, double threshold, int changeThreshold) {

    /** Validates the fields; the message names the field and the value. */
    public Calibration {
      if (feature == null || feature.isBlank() || feature.length() > 512) {
        throw new IllegalArgumentException("feature must be 1..512 characters, got: " + feature);
      }
      if (channels == null || channels.length == 0 || channels.length > 4096) {
        throw new IllegalArgumentException("channels must list 1..4096 channels, got: "
            + (channels == null ? "null" : channels.length));
      }
      channels = channels.clone();
      for (int i = 0; i < channels.length; i++) {
        if (channels[i] < 0 || i > 0 && channels[i] <= channels[i - 1]) {
          throw new IllegalArgumentException("channels must be ascending, distinct and >= 0, got: "
              + Arrays.toString(channels));
        }
      }
      if (!(threshold > 0) || Double.isInfinite(threshold)) {
        throw new IllegalArgumentException("threshold must be finite and > 0, got: " + threshold);
      }
      if (changeThreshold < 0) {
        throw new IllegalArgumentException("change-threshold must be >= 0, got: " + changeThreshold);
      }
    }

    @Override
    public int[] channels() {
      return channels.clone();
    }

    /** The text form, with {@code comment} as its first line (after {@code # }). */
    public String toText(String comment) {
      StringBuilder b = new StringBuilder();
      for (String line : comment.split("\n")) {
        b.append("# ").append(line).append('\n');
      }
      b.append("feature=").append(feature).append('\n');
      b.append("channels=").append(Arrays.stream(channels).mapToObj(Integer::toString)
          .collect(java.util.stream.Collectors.joining(","))).append('\n');
      b.append("threshold=").append(threshold).append('\n');
      b.append("change-threshold=").append(changeThreshold).append('\n');
      return b.toString();
    }

    /**
     * Reads the text form.
     *
     * @param source names the text in messages (a file or resource)
     * @throws IllegalArgumentException naming the source, line and value when it is malformed
     */
    public static Calibration parse(String text, String source) {
      Map<String, String> kv = new java.util.HashMap<>();
      String[] lines = text.split("\r?\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf('=');
        String key = eq < 0 ? line : line.substring(0, eq).strip();
        if (eq < 0 || !KEYS.contains(key) || kv.containsKey(key)) {
          throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected one of feature=, channels=,"
              + " threshold=, change-threshold= (each once), got: " + abbreviate(line));
        }
        kv.put(key, line.substring(eq + 1).strip());
      }
      for (String key : KEYS) {
        if (!kv.containsKey(key)) {
          throw new IllegalArgumentException(source + ": " + key + "= is missing" + (key.equals("change-threshold")
              ? " (a calibration written before the change threshold was calibrated: calibrate again: swarmsense calibrate-defence)"
              : ""));
        }
      }
      try {
        int[] ch = Arrays.stream(kv.get("channels").split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
        return new Calibration(kv.get("feature"), ch, Double.parseDouble(kv.get("threshold")),
            Integer.parseInt(kv.get("change-threshold")));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(source + ": channels and change-threshold must be integers and threshold a"
            + " number, got channels=" + abbreviate(kv.get("channels")) + " threshold=" + abbreviate(kv.get("threshold"))
            + " change-threshold=" + abbreviate(kv.get("change-threshold")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
      }
    }

    private static final List<String> KEYS = List.of("feature", "channels", "threshold", "change-threshold");

    /** The largest calibration file {@link #read} takes (a calibration is a few hundred bytes). */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    /**
     * Reads a calibration file (the text form, UTF-8, at most {@value #MAX_FILE_BYTES} bytes), such as
     * one written by {@code swarmsense calibrate-defence}.
     *
     * @throws IllegalArgumentException naming the file when it is missing, not a regular file, too
     *     large, unreadable or malformed
     */
    public static Calibration read(Path file) {
      if (file == null || !Files.isRegularFile(file)) {
        throw new IllegalArgumentException("calibration file not found (or not a regular file): " + file);
      }
      try {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
          throw new IllegalArgumentException("calibration file " + file + " is " + size + " bytes, more than the "
              + MAX_FILE_BYTES + " a calibration can take");
        }
        return parse(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8), file.toString());
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot read the calibration file " + file + ": " + e.getMessage(), e);
      }
    }


    private static String abbreviate(String s) {
      return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
  }

  /** Classpath resource (relative to {@link org.swarmsense.edge.detect.VehicleDetector}) of the plain vehicle detector's calibration. */
  public static final String SHIPPED_VEHICLE_CALIBRATION = "vehicle/vehicle_plain.patch-defence.txt";

  /** A window of the importance map and its anomaly (share of importance / share of area). */
  record Window(int x, int y, int w, int h, double anomaly) {}

  private final StagedDetector detector;
  private final Settings settings;
  private final String feature;
  private final int[] channels;
  private final double threshold;
  private final int changeThreshold;
  private final int[] cleanChanges;

  private ImportanceDefence(StagedDetector detector, Settings settings, String feature, int[] channels, double threshold,
      int changeThreshold, int[] cleanChanges) {
    this.detector = detector;
    this.cleanChanges = cleanChanges;
    this.settings = settings;
    this.feature = feature;
    this.channels = channels;
    this.threshold = threshold;
    this.changeThreshold = changeThreshold;
  }

  /**
   * Chooses the channels and the threshold on {@code clean} frames (no labels, no attack).
   *
   * @throws IllegalArgumentException if {@code clean} is empty
   */
  public static ImportanceDefence calibrate(StagedDetector detector, List<PixelImage> clean, Settings settings) {
    if (clean == null || clean.isEmpty()) {
      throw new IllegalArgumentException("calibration frames must not be empty");
    }
    // two passes over the frames, the shallow stage run again in the second: the feature maps of
    // many frames are not kept (79 vtest frames' maps would take gigabytes)
    Map<String, Tensor> firstFeats = detector.shallow(detector.input(clean.get(0)));
    String name = largestFeature(detector, firstFeats);
    Tensor first = firstFeats.get(name);
    int c = channelsOf(detector, first);
    double[] mean = new double[c];
    for (PixelImage img : clean) {
      Tensor t = detector.shallow(detector.input(img)).get(name);
      int plane = t.data().length / c;
      for (int k = 0; k < c; k++) {
        for (int i = 0; i < plane; i++) {
          mean[k] += Math.abs(t.data()[index(detector.layout(), k, i, c, plane)]);
        }
      }
    }
    Integer[] order = new Integer[c];
    for (int k = 0; k < c; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Double.compare(mean[b], mean[a]));
    int[] top = new int[Math.min(settings.topChannels(), c)];
    for (int i = 0; i < top.length; i++) {
      top[i] = order[i];
    }
    Arrays.sort(top);
    ImportanceDefence probe = new ImportanceDefence(detector, settings, name, top, Double.POSITIVE_INFINITY,
        Integer.MAX_VALUE, new int[0]);
    double[] anomalies = new double[clean.size()];
    double[] changes = new double[clean.size()];
    for (int i = 0; i < clean.size(); i++) {
      PixelImage img = clean.get(i);
      Map<String, Tensor> f = detector.shallow(detector.input(img));
      Window w = probe.topWindow(f, null);
      anomalies[i] = w.anomaly();
      List<Detection> base = detector.later(f, img.width(), img.height());
      List<Detection> occluded = probe.occluded(f, probe.region(w, f), img);
      changes[i] = newObjects(base, occluded);
    }
    return new ImportanceDefence(detector, settings, name, top, quantile(anomalies, settings.quantile()),
        changeThreshold(changes, settings.quantile(), settings.minNewDetections()),
        Arrays.stream(changes).sorted().mapToInt(d -> (int) d).toArray());
  }

  /**
   * The nearest-rank {@code q} quantile of {@code values} (sorted here): the value at index
   * round(q (n - 1)). Both thresholds use it.
   */
  static double quantile(double[] values, double q) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[(int) Math.min(v.length - 1, Math.floor(q * (v.length - 1) + 0.5))];
  }

  /**
   * The change threshold from the new-detection counts of the clean calibration frames: their
   * {@code q} quantile, at least {@code floor}.
   */
  static int changeThreshold(double[] cleanChanges, double q, int floor) {
    return Math.max(floor, (int) quantile(cleanChanges, q));
  }

  /**
   * The change rule: a candidate region is a patch when filling it adds <em>more</em> new
   * objects than the change threshold (reaching it is not enough: counts are small integers
   * with many ties, and only "more than the clean frames' quantile" keeps the clean calibration
   * frames that would pass at or below {@code 1 - quantile}).
   */
  static boolean isPatch(int newDetections, int changeThreshold) {
    return newDetections > changeThreshold;
  }

  /**
   * A defence with a stored calibration (see {@link Calibration}).
   *
   * A calibration made for another detector fails on the first frame with an {@link
   * IllegalStateException} naming the feature or channel.
   */
  public static ImportanceDefence of(StagedDetector detector, Settings settings, Calibration calibration) {
    if (detector == null || settings == null || calibration == null) {
      throw new IllegalArgumentException("detector, settings and calibration must be given");
    }
    return new ImportanceDefence(detector, settings, calibration.feature(), calibration.channels(),
        calibration.threshold(), calibration.changeThreshold(), new int[0]);
  }

  /** The plain vehicle detector's shipped calibration ({@link #SHIPPED_VEHICLE_CALIBRATION}). */
  public static Calibration shippedVehicleCalibration() {
    return Calibration.parse(new String(org.swarmsense.edge.runtime.ModelResources.bytes(
        org.swarmsense.edge.detect.VehicleDetector.RESOURCE_DIR, SHIPPED_VEHICLE_CALIBRATION),
        java.nio.charset.StandardCharsets.UTF_8), SHIPPED_VEHICLE_CALIBRATION);
  }

  /** What calibration chose (to store next to the model). */
  public Calibration calibration() {
    return new Calibration(feature, channels, threshold, changeThreshold);
  }

  /** The anomaly threshold chosen by calibration. */
  public double threshold() {
    return threshold;
  }

  /** The change threshold chosen by calibration (a patch adds more new objects than this). */
  public int changeThreshold() {
    return changeThreshold;
  }

  /**
   * The new objects filling the top window's square added on each clean calibration frame, ascending
   * (what the change threshold was chosen from); empty for a stored calibration.
   */
  public int[] cleanChanges() {
    return cleanChanges.clone();
  }

  /** The feature map read for importance. */
  public String feature() {
    return feature;
  }

  /** The chosen channels, ascending. */
  public int[] channels() {
    return channels.clone();
  }

  /** The fixed parameters. */
  public Settings settings() {
    return settings;
  }

  /** Defended detections of one image (a full check). */
  public Result detect(PixelImage image) {
    Map<String, Tensor> feats = detector.shallow(detector.input(image));
    List<Detection> base = detector.later(feats, image.width(), image.height());
    Window top = topWindow(feats, null);
    if (top.anomaly() < threshold) {
      return new Result(base, null, 0, -1);
    }
    Region region = region(top, feats);
    List<Detection> occluded = occluded(feats, region, image);
    int added = newObjects(base, occluded);
    if (isPatch(added, changeThreshold)) {
      return new Result(served(base, occluded, detector.inFrame(region, image), image), region, 1, added);
    }
    return new Result(base, null, 1, added);
  }

  /**
   * The detector's answer with {@code region} of the model input (in {@code feats}) filled with the
   * frame's mean colour.
   */
  List<Detection> occluded(Map<String, Tensor> feats, Region region, PixelImage image) {
    return detector.detectInput(detector.fillMean(feats.get(detector.inputName()), region, image), image.width(),
        image.height());
  }

  /**
   * What a check that masked a region serves: the occluded answer plus every plain detection whose box
   * centre lies outside the masked region ({@code masked}, a region of the {@code frame}) and that
   * matches no occluded detection (IoU >= 0.5, same class). The patch lies inside the region, so what is
   * centred there is dropped; what is centred outside was found without the region being touched and is
   * only at risk from the mask cutting it.
   */
  static List<Detection> served(List<Detection> plain, List<Detection> occluded, Region masked, PixelImage frame) {
    List<Detection> out = new ArrayList<>(occluded);
    for (Detection d : plain) {
      double cx = d.centreX() / frame.width();
      double cy = d.centreY() / frame.height();
      boolean inside = cx >= masked.x0() && cx <= masked.x1() && cy >= masked.y0() && cy <= masked.y1();
      if (!inside && newDetections(occluded, List.of(d)) == 1) {
        out.add(d);
      }
    }
    return out;
  }

  /** A video stream: key frames checked fully, regions carried between them. Not thread-safe. */
  public Video video() {
    return new Video();
  }

  /** Defence state over consecutive frames of one video. */
  public final class Video {
    private int frame;
    private Window carried;

    private Video() {}

    /** Defended detections of the next frame. */
    public Result next(PixelImage image) {
      boolean key = frame++ % settings.keyFrameInterval() == 0;
      if (key) {
        Map<String, Tensor> feats = detector.shallow(detector.input(image));
        List<Detection> base = detector.later(feats, image.width(), image.height());
        Window top = topWindow(feats, null);
        carried = null;
        if (top.anomaly() < threshold) {
          return new Result(base, null, 0, -1);
        }
        Region region = region(top, feats);
        List<Detection> occluded = occluded(feats, region, image);
        int added = newObjects(base, occluded);
        if (isPatch(added, changeThreshold)) {
          carried = top;
          return new Result(served(base, occluded, detector.inFrame(region, image), image), region, 1, added);
        }
        return new Result(base, null, 1, added);
      }
      Map<String, Tensor> feats = detector.shallow(detector.input(image));
      if (carried == null) {
        return new Result(detector.later(feats, image.width(), image.height()), null, 0, -1);
      }
      carried = topWindow(feats, carried);
      Region region = region(carried, feats);
      return new Result(occluded(feats, region, image), region, 0, -1);
    }
  }

  /**
   * The new objects a fill brings: detections of {@code after} that match none of {@code before} (IoU
   * >= 0.5, same class) and whose box centre lies in no box of {@code before} of the same class. Why not
   * every unmatched detection ({@link #newDetections}): filling a square cuts the objects it overlaps,
   * and a cut object comes back as a smaller box inside its old one, a new detection but the same
   * object; what a patch hid has no box in the attacked answer at all.
   */
  static int newObjects(List<Detection> before, List<Detection> after) {
    int n = 0;
    for (Detection a : after) {
      if (newDetections(before, List.of(a)) == 0) {
        continue;
      }
      double cx = a.centreX();
      double cy = a.centreY();
      boolean inside = false;
      for (Detection b : before) {
        if (a.classId() == b.classId() && cx >= b.x0() && cx <= b.x1() && cy >= b.y0() && cy <= b.y1()) {
          inside = true;
          break;
        }
      }
      if (!inside) {
        n++;
      }
    }
    return n;
  }

  /** Detections of {@code after} matching none of {@code before} (IoU >= 0.5, same class). */
  static int newDetections(List<Detection> before, List<Detection> after) {
    int n = 0;
    for (Detection a : after) {
      boolean seen = false;
      for (Detection b : before) {
        if (a.classId() == b.classId() && a.iou(b) >= DetectionF1.MIN_IOU) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        n++;
      }
    }
    return n;
  }

  /** The importance map of the chosen feature, row-major [h][w]. */
  double[] importance(Tensor t) {
    int c = channelsOf(detector, t);
    int plane = t.data().length / c;
    double[] m = new double[plane];
    for (int k : channels) {
      for (int i = 0; i < plane; i++) {
        m[i] += Math.abs(t.data()[index(detector.layout(), k, i, c, plane)]);
      }
    }
    return m;
  }

  /** The most anomalous window; with {@code near}, only among windows at most half a window from it. */
  Window topWindow(Map<String, Tensor> feats, Window near) {
    Tensor t = feats.get(feature);
    if (t == null || t.shape().length != 4) {
      throw new IllegalStateException(detector.name() + ": the calibration's feature " + feature
          + " is not a 4-D output of the shallow stage (outputs: " + feats.keySet() + ")");
    }
    if (channels[channels.length - 1] >= channelsOf(detector, t)) {
      throw new IllegalStateException(detector.name() + ": the calibration's channel " + channels[channels.length - 1]
          + " is beyond the " + channelsOf(detector, t) + " channels of " + feature);
    }
    int h = (int) (detector.layout() == StagedDetector.Layout.NCHW ? t.shape()[2] : t.shape()[1]);
    int w = (int) (detector.layout() == StagedDetector.Layout.NCHW ? t.shape()[3] : t.shape()[2]);
    return topWindow(importance(t), w, h, settings.windowSide(), near);
  }

  /** The most anomalous window of a {@code w x h} map (windows of {@code side} of each side, stride one cell). */
  static Window topWindow(double[] map, int w, int h, double side, Window near) {
    double[] best = {Double.NEGATIVE_INFINITY, 0, 0, 0, 0}; // anomaly, x, y, w, h: no Window per position
    scan(map, w, h, side, near, (x, y, ww, wh, anomaly) -> {
      if (anomaly > best[0]) {
        best[0] = anomaly;
        best[1] = x;
        best[2] = y;
        best[3] = ww;
        best[4] = wh;
      }
    });
    return best[0] > 0 ? new Window((int) best[1], (int) best[2], (int) best[3], (int) best[4], best[0])
        : new Window(0, 0, (int) best[3], (int) best[4], 0);
  }

  /** Every window of the image's importance map, most anomalous first (for the diagnosis and the multi-window rule). */
  List<Window> rankedWindows(Map<String, Tensor> feats) {
    Tensor t = feats.get(feature);
    topWindow(feats, null); // the same checks of feature and channels
    int h = (int) (detector.layout() == StagedDetector.Layout.NCHW ? t.shape()[2] : t.shape()[1]);
    int w = (int) (detector.layout() == StagedDetector.Layout.NCHW ? t.shape()[3] : t.shape()[2]);
    return ranked(importance(t), w, h, settings.windowSide());
  }

  /** Every window of a {@code w x h} map, most anomalous first (ties in scan order). */
  static List<Window> ranked(double[] map, int w, int h, double side) {
    List<Window> all = new ArrayList<>(scored(map, w, h, side, null));
    all.sort((a, b) -> Double.compare(b.anomaly(), a.anomaly()));
    return all;
  }

  /**
   * The windows with their anomalies, in scan order: all of them (stride one cell), or with {@code near}
   * those at most half a window from it in each direction (a carried region moves at most that far
   * per frame).
   */
  private static List<Window> scored(double[] map, int w, int h, double side, Window near) {
    List<Window> out = new ArrayList<>();
    scan(map, w, h, side, near, (x, y, ww, wh, anomaly) -> out.add(new Window(x, y, ww, wh, anomaly)));
    return out;
  }

  /** Receives each window of {@link #scan}. */
  private interface WindowSink {
    void accept(int x, int y, int w, int h, double anomaly);
  }

  /** Every window {@link #scored} lists, in the same scan order, handed to {@code sink} one by one. */
  private static void scan(double[] map, int w, int h, double side, Window near, WindowSink sink) {
    int ww = Math.max(1, (int) Math.round(side * w));
    int wh = Math.max(1, (int) Math.round(side * h));
    int sx = Math.max(1, ww / 2);
    int sy = Math.max(1, wh / 2); // how far a carried window may move per frame
    double[] integral = integral(map, w, h);
    double total = integral[(w + 1) * (h + 1) - 1];
    double areaShare = (double) ww * wh / ((double) w * h);
    int y0 = near == null ? 0 : Math.max(0, near.y() - sy);
    int y1 = near == null ? h - wh : Math.min(h - wh, near.y() + sy);
    int x0 = near == null ? 0 : Math.max(0, near.x() - sx);
    int x1 = near == null ? w - ww : Math.min(w - ww, near.x() + sx);
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double sum = boxSum(integral, w, x, y, ww, wh);
        sink.accept(x, y, ww, wh, total <= 0 ? 0 : sum / total / areaShare);
      }
    }
  }

  /**
   * The region to fill for a window: the pixel-exact square the window points at ({@link #outline}),
   * searched in the model input within {@link #OUTLINE_MARGIN_CELLS} cells of the window.
   */
  Region region(Window win, Map<String, Tensor> feats) {
    Tensor t = feats.get(feature);
    int h = (int) (detector.layout() == StagedDetector.Layout.NCHW ? t.shape()[2] : t.shape()[1]);
    int w = (int) (detector.layout() == StagedDetector.Layout.NCHW ? t.shape()[3] : t.shape()[2]);
    return outline(feats.get(detector.inputName()), detector.inputLayout(), regionOf(win, w, h), w, h,
        settings.windowSide());
  }

  /**
   * How far beyond the window, in cells of the importance map, the outline may reach (chosen before
   * measuring: the top window sits on a patch to within a cell or two, and a wider search would let
   * the square slide onto the edges of nearby vehicles).
   */
  static final int OUTLINE_MARGIN_CELLS = 2;

  /**
   * The square of the largest allowed patch ({@code side} of each input side, in whole pixels) inside
   * {@code window} grown by {@link #OUTLINE_MARGIN_CELLS} cells of a {@code cellsW x cellsH} map, with
   * the most high-frequency energy: the sum over its pixels of |I(x+1,y) - I(x,y)| + |I(x,y+1) -
   * I(x,y)| over the channels of the model input. Why: the importance map's cells are a stride (4 px
   * for the vehicle detector) wide and the window is whole cells, so it misses a patch's edge by a few
   * pixels and either leaves a strip of the patch or cuts into the scene beside it; an optimised patch
   * is far busier than a rendered street or a photo at its own scale, so its square is where the
   * energy peaks. Ties go to the first square in scan order; a square the input cannot hold is the
   * whole input.
   */
  static Region outline(Tensor input, StagedDetector.Layout layout, Region window, int cellsW, int cellsH,
      double side) {
    long[] s = input.shape();
    boolean nchw = layout == StagedDetector.Layout.NCHW;
    int c = (int) (nchw ? s[1] : s[3]);
    int h = (int) (nchw ? s[2] : s[1]);
    int w = (int) (nchw ? s[3] : s[2]);
    int sw = Math.max(1, Math.min(w, (int) Math.round(side * w)));
    int sh = Math.max(1, Math.min(h, (int) Math.round(side * h)));
    double cellW = (double) w / cellsW;
    double cellH = (double) h / cellsH;
    int ax0 = Math.max(0, (int) Math.floor(window.x0() * w - OUTLINE_MARGIN_CELLS * cellW));
    int ay0 = Math.max(0, (int) Math.floor(window.y0() * h - OUTLINE_MARGIN_CELLS * cellH));
    int ax1 = Math.min(w, (int) Math.ceil(window.x1() * w + OUTLINE_MARGIN_CELLS * cellW));
    int ay1 = Math.min(h, (int) Math.ceil(window.y1() * h + OUTLINE_MARGIN_CELLS * cellH));
    if (ax1 - ax0 < sw) {
      ax0 = Math.max(0, Math.min(ax0, w - sw));
      ax1 = Math.min(w, ax0 + sw);
    }
    if (ay1 - ay0 < sh) {
      ay0 = Math.max(0, Math.min(ay0, h - sh));
      ay1 = Math.min(h, ay0 + sh);
    }
    int aw = ax1 - ax0;
    int ah = ay1 - ay0;
    float[] d = input.data();
    double[] energy = new double[aw * ah];
    for (int y = 0; y < ah; y++) {
      for (int x = 0; x < aw; x++) {
        int gx = ax0 + x;
        int gy = ay0 + y;
        double e = 0;
        for (int k = 0; k < c; k++) {
          float v = d[nchw ? (k * h + gy) * w + gx : (gy * w + gx) * c + k];
          if (gx + 1 < w) {
            e += Math.abs(d[nchw ? (k * h + gy) * w + gx + 1 : (gy * w + gx + 1) * c + k] - v);
          }
          if (gy + 1 < h) {
            e += Math.abs(d[nchw ? (k * h + gy + 1) * w + gx : ((gy + 1) * w + gx) * c + k] - v);
          }
        }
        energy[y * aw + x] = e;
      }
    }
    double[] integral = integral(energy, aw, ah);
    int bx = 0;
    int by = 0;
    double best = -1;
    for (int y = 0; y + sh <= ah; y++) {
      for (int x = 0; x + sw <= aw; x++) {
        double sum = boxSum(integral, aw, x, y, sw, sh);
        if (sum > best) {
          best = sum;
          bx = x;
          by = y;
        }
      }
    }
    return new Region((double) (ax0 + bx) / w, (double) (ay0 + by) / h, (double) (ax0 + bx + sw) / w,
        (double) (ay0 + by + sh) / h);
  }

  /** The summed-area table of a row-major {@code w x h} map: entry (y, x) of the (w + 1)-wide table sums map[0..y) x [0..x). */
  private static double[] integral(double[] map, int w, int h) {
    double[] integral = new double[(w + 1) * (h + 1)];
    for (int y = 0; y < h; y++) {
      double row = 0;
      for (int x = 0; x < w; x++) {
        row += map[y * w + x];
        integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
      }
    }
    return integral;
  }

  /** The sum of the {@code bw x bh} box at (x, y) of the map whose {@link #integral} table is given ({@code w} its map width). */
  private static double boxSum(double[] integral, int w, int x, int y, int bw, int bh) {
    return integral[(y + bh) * (w + 1) + x + bw] - integral[y * (w + 1) + x + bw]
        - integral[(y + bh) * (w + 1) + x] + integral[y * (w + 1) + x];
  }

  static Region regionOf(Window win, int w, int h) {
    return new Region((double) win.x() / w, (double) win.y() / h, (double) (win.x() + win.w()) / w,
        (double) (win.y() + win.h()) / h);
  }

  private static String largestFeature(StagedDetector detector, Map<String, Tensor> feats) {
    String best = null;
    int size = -1;
    for (Map.Entry<String, Tensor> e : new java.util.TreeMap<>(feats).entrySet()) {
      if (!e.getKey().equals(detector.inputName()) && e.getValue().shape().length == 4
          && e.getValue().data().length > size) {
        best = e.getKey();
        size = e.getValue().data().length;
      }
    }
    if (best == null) {
      throw new IllegalStateException(detector.name() + ": the shallow stage has no 4-D feature map");
    }
    return best;
  }

  private static int channelsOf(StagedDetector detector, Tensor t) {
    return (int) (detector.layout() == StagedDetector.Layout.NCHW ? t.shape()[1] : t.shape()[3]);
  }

  private static int index(StagedDetector.Layout layout, int k, int i, int c, int plane) {
    return layout == StagedDetector.Layout.NCHW ? k * plane + i : i * c + k;
  }
}
