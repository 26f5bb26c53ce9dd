package org.swarmsense.edge.detectbench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.semantic.SemanticCommSettings;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.BandRanking;
import org.swarmsense.semantic.codec.FrameLayout;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * {@code swarmsense bench detector}: reads a rendered data set (the gateway command renders it first
 * from {@code --map} and {@code --trace} with the maps camera: edge-inference may not depend on
 * maps), runs both shipped {@link VehicleDetector} variants on every
 * frame clean and after {@link CodecDegradation} at {@value DetectorBenchOptions#BUDGET_BPP} bpp
 * with {@value DetectorBenchOptions#MEAN_LOSS} Gilbert-Elliott mean loss (mean burst 4 packets,
 * zig-zag band order, frame i's loss pattern seeded by seed and i), and prints precision, recall and
 * F1 (IoU >= 0.5, one-to-one greedy by score, pooled over frames) and the milliseconds per frame of
 * {@link VehicleDetector#detect} (input conversion + ONNX Runtime + peak decoding; median and 90th
 * percentile over the clean frames, after one warm-up frame; and the process CPU time per frame,
 * which a loaded machine does not inflate the way it inflates wall time) with the module's thread
 * setting, then the issue's goals. Single-threaded apart from ONNX Runtime's own threads.
 */
public final class DetectorBench {

  /** Goal: F1 on clean frames of a city not in training. */
  static final double GOAL_CLEAN_F1 = 0.90;
  /** Goal: milliseconds per 512x512 frame on 2 threads. */
  static final double GOAL_MS = 25;
  /** Goal: share of its clean F1 the robust variant keeps through the codec and lossy channel. */
  static final double GOAL_KEPT = 0.90;

  private DetectorBench() {}

  /**
   * The frames a row scores: as rendered; through the codec at the budget on a lossless channel (what the
   * budget alone costs); through the codec at the budget with the bursty loss (the issue's channel); and the
   * last two again with road-first coding (MCUs outside the frame's road mask send only DC; only when the
   * data set has road masks). All decoded by the edge node's configured receiver, and the row the retention goal
   * judges once more by the other receiver (zero fill when the configured one repairs, else the repairs: missing DC
   * concealed and deblocked), the same packets and channel seeds.
   */
  enum Channel {
    CLEAN("clean"),
    BUDGET("codec " + budget() + ", no loss"),
    BUDGET_AND_LOSS("codec " + budget() + ", " + loss()),
    ROAD_BUDGET("road-first " + budget() + ", no loss"),
    ROAD_BUDGET_AND_LOSS("road-first " + budget() + ", " + loss()),
    /** The judged row (road-first + loss with road masks, else codec + loss), the other receiver. */
    JUDGED_OTHER_RECEIVER("other receiver");

    final String label;

    Channel(String label) {
      this.label = label;
    }
  }

  /** Result of one variant on one channel. */
  record Row(VehicleDetector.Variant variant, Channel channel, DetectionF1.Counts counts, double medianMs, double p90Ms,
      double cpuMsPerFrame) {}

  /** Runs the benchmark and prints the table and the goals to {@code out}; returns the rows. */
  public static List<Row> run(DetectorBenchOptions o, PrintStream out) throws IOException {
    EdgeInferenceSettings settings = EdgeInferenceSettings.load();
    Path data = o.data();
    if (data == null) {
      throw new IllegalArgumentException("--data is required here: render the frames first (the gateway's bench"
          + " detector command does it with the maps camera for --map and --trace)");
    }
    String source = o.map() == null ? "data set " + data
        : o.map().getFileName() + " + " + o.trace().getFileName() + ", rendered into " + data;
    List<LabelledFrames.Frame> frames = LabelledFrames.read(data);
    frames = frames.subList(0, Math.min(frames.size(), o.frames()));
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("no frames in " + data);
    }
    List<PixelImage> clean = new ArrayList<>();
    List<PixelImage> budget = new ArrayList<>();
    List<PixelImage> degraded = new ArrayList<>();
    List<PixelImage> roadBudget = new ArrayList<>();
    List<PixelImage> roadDegraded = new ArrayList<>();
    List<PixelImage> otherReceiver = new ArrayList<>();
    SemanticCommSettings rx = SemanticCommSettings.current();
    boolean repairs = rx.concealMissingDc() || rx.deblock();
    CodecDegradation.Receiver other = repairs ? CodecDegradation.Receiver.ZERO_FILL
        : CodecDegradation.Receiver.REPAIRED;
    boolean roads = frames.stream().allMatch(f -> f.roads() != null);
    long boxes = 0;
    double sentBytes = 0;
    double roadSentBytes = 0;
    double regionShare = 0;
    LossSpread losses = LossSpread.NONE;
    for (int i = 0; i < frames.size(); i++) {
      PixelImage img = frames.get(i).image();
      clean.add(img);
      long channelSeed = o.seed() * 1_000_003L + i;
      // encoded once; the same packets go through the lossy channel and the lossless one
      CodecDegradation.Encoded e = CodecDegradation.encode(img, BandOrder.zigZag(), DetectorBenchOptions.BUDGET_BPP);
      CodecDegradation.Degraded lossy = CodecDegradation.transmit(e, DetectorBenchOptions.MEAN_LOSS, channelSeed);
      CodecDegradation.Degraded lossless = CodecDegradation.transmit(e, 0, channelSeed);
      degraded.add(lossy.image());
      budget.add(lossless.image());
      sentBytes += e.sentBytes();
      CodecDegradation.Encoded judged = e;
      if (roads) { // the same frame and the same channel seeds, the road mask added
        boolean[] region = frames.get(i).roadPixels(img.width(), img.height());
        CodecDegradation.Encoded r = CodecDegradation.encode(img, BandOrder.zigZag(), DetectorBenchOptions.BUDGET_BPP,
            region);
        lossy = CodecDegradation.transmit(r, DetectorBenchOptions.MEAN_LOSS, channelSeed);
        lossless = CodecDegradation.transmit(r, 0, channelSeed);
        roadDegraded.add(lossy.image());
        roadBudget.add(lossless.image());
        roadSentBytes += r.sentBytes();
        judged = r;
        regionShare += mcuShare(img, region);
      }
      otherReceiver.add(CodecDegradation.transmit(judged, DetectorBenchOptions.MEAN_LOSS, channelSeed, other).image());
      boxes += frames.get(i).truth().size();
      losses = losses.plus(lossy.energyShare(), lossless.energyShare(), frames.get(i).truth().size());
    }
    PixelImage first = clean.get(0);
    out.printf(Locale.ROOT, "bench detector: %d frames %dx%d (%s), %d vehicles; seed %d; %d intra-op threads;"
        + " load average %.1f on %d processors%n", frames.size(), first.width(), first.height(), source, boxes, o.seed(),
        settings.detectorIntraOpThreads(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "codec: %.2f bpp (mean %.0f bytes sent), zig-zag order, Gilbert-Elliott %.0f%% mean loss,"
        + " mean burst 4 packets; a match is IoU >= %.1f, one-to-one, greedy by score%n",
        DetectorBenchOptions.BUDGET_BPP, sentBytes / frames.size(), 100 * DetectorBenchOptions.MEAN_LOSS,
        DetectionF1.MIN_IOU);
    out.println("receiver (the edge node's, codec.conceal-missing-dc / codec.deblock): "
        + (rx.concealMissingDc() ? "missing DC concealed" : "missing DC zero") + ", "
        + (rx.deblock() ? "deblocked" : "not deblocked") + "; the '..., " + otherLabel(repairs) + "' rows decode the"
        + " judged row's packets " + (repairs ? "with missing coefficients zero" : "with missing DC concealed and"
        + " deblocked"));
    if (roads) {
      out.printf(Locale.ROOT, "road-first: MCUs outside the frame's road mask send DC only; the region holds %.1f%% of"
          + " the MCUs (mean), mean %.0f bytes sent%n", 100 * regionShare / frames.size(),
          roadSentBytes / frames.size());
    } else {
      out.println("road-first: no road masks in " + data + " (roads/ beside frames/): its rows are left out");
    }
    out.printf(Locale.ROOT, "%-7s %-9s %-39s %6s %6s %6s %6s %6s %6s %9s %9s %10s%n", "variant", "threshold", "frames",
        "P", "R", "F1", "TP", "FP", "FN", "ms med", "ms p90", "CPU ms");
    List<Row> rows = new ArrayList<>();
    for (VehicleDetector.Variant v : VehicleDetector.Variant.values()) {
      try (VehicleDetector det = VehicleDetector.open(v, settings)) {
        det.detect(clean.get(0)); // warm-up
        for (Channel ch : Channel.values()) {
          List<PixelImage> imgs = switch (ch) {
            case CLEAN -> clean;
            case BUDGET -> budget;
            case BUDGET_AND_LOSS -> degraded;
            case ROAD_BUDGET -> roadBudget;
            case ROAD_BUDGET_AND_LOSS -> roadDegraded;
            case JUDGED_OTHER_RECEIVER -> otherReceiver;
          };
          if (imgs.isEmpty()) {
            continue; // road-first rows without road masks
          }
          DetectionF1.Counts total = DetectionF1.Counts.NONE;
          double[] ms = new double[imgs.size()];
          long cpu0 = processCpuNanos();
          for (int i = 0; i < imgs.size(); i++) {
            long t0 = System.nanoTime();
            List<Detection> found = det.detect(imgs.get(i));
            ms[i] = (System.nanoTime() - t0) / 1e6;
            total = total.plus(DetectionF1.count(frames.get(i).truth(), found));
          }
          double cpuMs = (processCpuNanos() - cpu0) / 1e6 / imgs.size();
          Arrays.sort(ms);
          Row r = new Row(v, ch, total, ms[ms.length / 2], ms[(int) Math.min(ms.length - 1, Math.ceil(0.9 * ms.length) - 1)],
              cpuMs);
          rows.add(r);
          out.printf(Locale.ROOT, "%-7s %9.2f %-39s %6.3f %6.3f %6.3f %6d %6d %6d %9.1f %9.1f %10.1f%n",
              v.name().toLowerCase(Locale.ROOT), det.scoreThreshold(), label(ch, roads, repairs),
              total.precision(), total.recall(), total.f1(), total.truePositives(), total.falsePositives(),
              total.falseNegatives(), r.medianMs(), r.p90Ms(), r.cpuMsPerFrame());
        }
      }
    }
    printGoals(rows, losses, out);
    return rows;
  }

  /** Share of the frame's MCUs (16 x 16 pixels) that {@code region} meets. */
  private static double mcuShare(PixelImage img, boolean[] region) {
    // the codec's layout of this frame: 16-px MCUs for colour, 8-px for gray
    boolean[] mcus = new FrameLayout(img.width(), img.height(), img.channels() == 3).mcusMeeting(region);
    int n = 0;
    for (boolean m : mcus) {
      n += m ? 1 : 0;
    }
    return (double) n / mcus.length;
  }

  /** Quality at which the band order is learned (the COCO detector's order used the same). */
  static final int LEARN_QUALITY = 25;
  /**
   * The id a newly learned vehicle band order gets: one above the larger of the shipped order's id and
   * the id of the file it overwrites (if that holds an order). Every packet carries its order's id and
   * an edge node refuses frames of another id, so a relearned order must never reuse an id a drone may
   * still be sending under (the constant 2 did: the shipped order is id 3, set by hand on 2026-12-02, and
   * the next {@code --learn-order} would have written id 2 again, the id of the order before it).
   *
   * @throws IllegalArgumentException naming the file if {@code order} exists but is not a band order file,
   *     or holds the last id
   */
  static int nextOrderId(Path order) throws IOException {
    int id = VehicleDetector.Variant.PLAIN.bandOrder().id();
    if (Files.exists(order)) {
      id = Math.max(id, BandOrder.read(order).id());
    }
    if (id >= 65535) {
      throw new IllegalArgumentException("--order " + order + ": no band order id left above " + id);
    }
    return id + 1;
  }

  /**
   * Learns the plain vehicle detector's band order with semantic-comm's {@link BandRanking} on the
   * first {@code frames} frames of the data set {@code data} (validation frames of the training
   * cities, never the held-out city): task score = pooled-per-frame F1 of the detector on the
   * decoded frame against the frame's ground truth. Writes {@code order}.
   */
  public static BandOrder learnOrder(Path data, int frames, Path order, PrintStream out) throws IOException {
    int id = nextOrderId(order); // a bad --order file is refused before any frame is read
    List<LabelledFrames.Frame> all = LabelledFrames.read(data);
    List<LabelledFrames.Frame> used = all.subList(0, Math.min(frames, all.size()));
    Map<PixelImage, LabelledFrames.Frame> truthOf = new IdentityHashMap<>();
    List<PixelImage> images = new ArrayList<>();
    for (LabelledFrames.Frame f : used) {
      PixelImage img = f.image();
      truthOf.put(img, f);
      images.add(img);
    }
    out.printf(Locale.ROOT, "learning the plain vehicle detector's band order on %d frames of %s, quality %d%n",
        images.size(), data, LEARN_QUALITY);
    EdgeInferenceSettings settings = EdgeInferenceSettings.load();
    try (VehicleDetector det = VehicleDetector.open(VehicleDetector.Variant.PLAIN, settings)) {
      BandRanking.TaskScore score = (original, decoded) -> {
        LabelledFrames.Frame f = truthOf.get(original);
        return DetectionF1.count(f.truth(), f.ignored(), det.detect(decoded)).f1();
      };
      long t0 = System.nanoTime();
      BandRanking.Result r = BandRanking.learn(images, LEARN_QUALITY, score, id,
          "vehicle_plain F1 vs ground truth, drop-one-band", b -> {
            if (b % 16 == 15) {
              out.printf(Locale.ROOT, "  %d/64 bands, %.0f s%n", b + 1, (System.nanoTime() - t0) / 1e9);
            }
          });
      List<String> comments = new ArrayList<>();
      comments.add("Band order (zig-zag indices, most important first) of the shipped plain vehicle detector,");
      comments.add("learned by `swarmsense bench detector --learn-order --data DIR` (DetectorBench.learnOrder).");
      comments.add("Procedure: org.swarmsense.semantic.codec.BandRanking; quality " + LEARN_QUALITY + "; validation: "
          + images.size() + " frames of the training cities' validation sets");
      comments.add(String.format(Locale.ROOT, "Task score: detection F1 vs ground truth; full decode F1 %.3f",
          r.fullScore()));
      StringBuilder losses = new StringBuilder("F1 lost per dropped band (zig-zag index:loss):");
      for (int b = 0; b < 64; b++) {
        losses.append(String.format(Locale.ROOT, " %d:%.3f", b, r.lossPerBand()[b]));
      }
      comments.add(losses.toString());
      Files.createDirectories(order.toAbsolutePath().getParent());
      r.order().write(order, comments);
      out.println("wrote " + order + ": " + Arrays.toString(r.order().ranking()));
      return r.order();
    }
  }

  /** A row's label; the other receiver's row names the row it decodes again and the receiver. */
  static String label(Channel ch, boolean roads, boolean repairs) {
    if (ch != Channel.JUDGED_OTHER_RECEIVER) {
      return ch.label;
    }
    return (roads ? Channel.ROAD_BUDGET_AND_LOSS : Channel.BUDGET_AND_LOSS).label + ", " + otherLabel(repairs);
  }

  private static String otherLabel(boolean configuredRepairs) {
    return configuredRepairs ? "zero-fill" : "repaired";
  }

  /**
   * How the channel's loss fell on the judged row's frames: frames of which some packets were lost, frames of which
   * nothing arrived, and the vehicles in each (the loss's share of the retention can only come from those frames).
   */
  record LossSpread(int frames, int partlyLost, int whollyLost, long vehicles, long vehiclesPartlyLost,
      long vehiclesWhollyLost) {
    static final LossSpread NONE = new LossSpread(0, 0, 0, 0, 0, 0);

    /** Adds one frame: its energy share through the lossy channel and through the lossless one. */
    LossSpread plus(double lossyShare, double losslessShare, int frameVehicles) {
      boolean whole = lossyShare == 0 && losslessShare > 0;
      boolean part = !whole && lossyShare < losslessShare;
      return new LossSpread(frames + 1, partlyLost + (part ? 1 : 0), whollyLost + (whole ? 1 : 0),
          vehicles + frameVehicles, vehiclesPartlyLost + (part ? frameVehicles : 0),
          vehiclesWhollyLost + (whole ? frameVehicles : 0));
    }
  }

  private static void printGoals(List<Row> rows, LossSpread losses, PrintStream out) {
    // The codec judged is the one drones send: road-first where the frames have road masks (adopted on the
    // training cities' validation frames, edge-inference README "Road-first coding at the budget"), else uniform.
    boolean roads = rows.stream().anyMatch(r -> r.channel() == Channel.ROAD_BUDGET_AND_LOSS);
    Channel sent = roads ? Channel.ROAD_BUDGET_AND_LOSS : Channel.BUDGET_AND_LOSS;
    Channel sentNoLoss = roads ? Channel.ROAD_BUDGET : Channel.BUDGET;
    String codec = roads ? "road-first " : "";
    Row plainClean = row(rows, VehicleDetector.Variant.PLAIN, Channel.CLEAN);
    Row plainDeg = row(rows, VehicleDetector.Variant.PLAIN, sent);
    Row robustClean = row(rows, VehicleDetector.Variant.ROBUST, Channel.CLEAN);
    Row robustBudget = row(rows, VehicleDetector.Variant.ROBUST, sentNoLoss);
    Row robustDeg = row(rows, VehicleDetector.Variant.ROBUST, sent);
    double worstMs = Math.max(plainClean.medianMs(), robustClean.medianMs());
    double kept = kept(robustDeg, robustClean);
    out.printf(Locale.ROOT, "goals: clean F1 >= %.2f: plain %.3f %s, robust %.3f %s (the goal is for a city not in"
        + " training: Berlin)%n", GOAL_CLEAN_F1, plainClean.counts().f1(), met(plainClean.counts().f1() >= GOAL_CLEAN_F1),
        robustClean.counts().f1(), met(robustClean.counts().f1() >= GOAL_CLEAN_F1));
    out.printf(Locale.ROOT, "       ms per frame <= %.0f (median wall, this machine, now): %.1f %s; CPU per frame %.1f ms"
        + " (on 2 idle cores the wall time is at least half of it)%n", GOAL_MS, worstMs, met(worstMs <= GOAL_MS),
        Math.max(plainClean.cpuMsPerFrame(), robustClean.cpuMsPerFrame()));
    out.printf(Locale.ROOT, "       robust keeps >= %.0f%% of its clean F1 at %s%s + %s: %.3f / %.3f = %.1f%% %s"
        + " (plain keeps %.1f%%)%s%n", 100 * GOAL_KEPT, codec, budget(), loss(), robustDeg.counts().f1(),
        robustClean.counts().f1(), 100 * kept, met(kept >= GOAL_KEPT), 100 * kept(plainDeg, plainClean),
        roads ? String.format(Locale.ROOT, "; the uniform codec: robust keeps %.1f%%",
            100 * kept(row(rows, VehicleDetector.Variant.ROBUST, Channel.BUDGET_AND_LOSS), robustClean)) : "");
    out.printf(Locale.ROOT, "       the same packets, the other receiver: robust keeps %.1f%%, plain %.1f%%%n",
        100 * kept(row(rows, VehicleDetector.Variant.ROBUST, Channel.JUDGED_OTHER_RECEIVER), robustClean),
        100 * kept(row(rows, VehicleDetector.Variant.PLAIN, Channel.JUDGED_OTHER_RECEIVER), plainClean));
    out.printf(Locale.ROOT, "       of which the budget alone: robust keeps %.1f%% at %s%s without loss (the most a"
        + " better channel can give this decoder and detector)%n",
        100 * kept(robustBudget, robustClean), codec, budget());
    out.printf(Locale.ROOT, "       the %s fell on %d of %d frames: %d lost some packets (%d of %d vehicles, %.1f%%), %d"
        + " lost every packet (%d vehicles, %.1f%%)%n", loss(), losses.partlyLost() + losses.whollyLost(),
        losses.frames(), losses.partlyLost(), losses.vehiclesPartlyLost(), losses.vehicles(),
        100.0 * losses.vehiclesPartlyLost() / Math.max(1, losses.vehicles()), losses.whollyLost(),
        losses.vehiclesWhollyLost(), 100.0 * losses.vehiclesWhollyLost() / Math.max(1, losses.vehicles()));
  }


  /** Share of {@code clean}'s F1 that {@code degraded} keeps (0 when the clean F1 is 0). */
  private static double kept(Row degraded, Row clean) {
    return degraded.counts().f1() / Math.max(1e-9, clean.counts().f1());
  }

  /** The budget as the rows and goals print it, e.g. "0.1 bpp". */
  static String budget() {
    return BigDecimal.valueOf(DetectorBenchOptions.BUDGET_BPP).stripTrailingZeros().toPlainString() + " bpp";
  }

  /** The mean loss as the rows and goals print it, e.g. "5% loss". */
  static String loss() {
    return BigDecimal.valueOf(100 * DetectorBenchOptions.MEAN_LOSS).setScale(2, RoundingMode.HALF_UP)
        .stripTrailingZeros().toPlainString() + "% loss";
  }

  private static Row row(List<Row> rows, VehicleDetector.Variant v, Channel ch) {
    return rows.stream().filter(r -> r.variant() == v && r.channel() == ch).findFirst().orElseThrow();
  }

  /** CPU time of the whole process (ONNX Runtime's native threads included), nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String met(boolean ok) {
    return ok ? "met" : "NOT met";
  }
}
