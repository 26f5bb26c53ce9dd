package org.swarmsense.edge.codecbench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.DecodedFrame;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.PacketHeader;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;
import org.swarmsense.semantic.codec.RateControl;
import org.swarmsense.semantic.codec.SemanticDecoder;
import org.swarmsense.semantic.codec.SemanticEncoder;

/**
 * {@code bench semcomm --diagnose}: where our codec (learned order, clean channel) gains or loses
 * detection F1 between budgets, for issue 12's dip at 0.8 bpp. Per frame and budget it decodes and
 * scores, against the detector on the original:
 * <ul>
 *   <li>the rate control's choices: {@code any} (the cut after any packet, the rule of the
 *       benchmark's "ours learned" before this diagnosis), {@code boundary} (cut only after a whole
 *       ranking group) and {@code whole} (the highest candidate quality whose packets all fit);
 *   <li>at 0.4 and 0.8 bpp, every candidate quality's own prefix within the budget (the F1 the
 *       least-squared-error choice could have had);
 * </ul>
 * and checks that more packets of one quality never decode to a worse image (RGB squared error
 * against the original, packet by packet). Writes {@code diagnosis.csv} (one row per frame, budget
 * and variant), {@code diagnosis.txt} (the summary printed) and PNGs of one frame at 0.4 and 0.8
 * bpp into the output folder. Clean channel only; no baseline codecs.
 */
public final class SemcommDiagnosis {

  /** Budgets at which every candidate quality is decoded and scored. */
  static final List<Double> SWEEP_BPP = List.of(0.4, 0.8);
  static final List<String> VARIANTS = List.of("any", "boundary", "whole");

  private SemcommDiagnosis() {}

  /** One decoded and scored choice. */
  private record Row(String frame, boolean video, double bpp, String variant, int quality, int kept, int total,
      long bytes, String cut, double psnrDb, double predictedMse, double f1) {}

  /** Runs the diagnosis on the workload of {@code o} and prints the summary. */
  public static void run(SemcommBenchOptions o, PrintStream out) throws Exception {
    Files.createDirectories(o.outDir());
    BandOrder learned = BandOrder.read(o.order());
    List<SemcommBench.Frame> frames = SemcommBench.loadFrames(o);
    int photos = frames.size() - (o.quick() ? 0 : o.frames());
    List<BandOrder> known = List.of(BandOrder.zigZag(), learned);
    List<Double> budgets = SemcommBenchOptions.BUDGETS_BPP;
    StringBuilder report = new StringBuilder();
    PrintStream both = SemcommBench.tee(out, report);
    both.printf(Locale.ROOT, "semcomm diagnosis: %d frames (%d photos, %d video frames), learned order id %d,"
        + " budgets %s bpp, clean channel%n", frames.size(), photos, frames.size() - photos, learned.id(), budgets);
    List<Row> rows = new ArrayList<>();
    long nonMonotone = 0;
    long steps = 0;
    double worstIncrease = 0;
    String worstAt = "-";
    long started = System.nanoTime();
    try (CocoDetector det = new CocoDetector(o.model(), 2)) {
      for (int fi = 0; fi < frames.size(); fi++) {
        SemcommBench.Frame frame = frames.get(fi);
        PixelImage img = frame.image();
        boolean video = fi >= photos;
        List<Detection> ref = det.detect(img, DetectionF1.MIN_SCORE);
        Map<String, Double> f1Cache = new HashMap<>();
        SemanticEncoder.Transformed t = SemanticEncoder.transform(img);
        RateControl rc = new RateControl(t, learned, 1);
        Map<String, PixelImage> shown = new LinkedHashMap<>();
        for (double bpp : budgets) {
          long budget = (long) Math.floor(bpp * img.pixelCount() / 8);
          Map<String, RateControl.Choice> choices = new LinkedHashMap<>();
          choices.put("any", rc.choose(budget, RateControl.Cut.ANY_PACKET));
          choices.put("boundary", rc.choose(budget, RateControl.Cut.GROUP_BOUNDARY));
          choices.put("whole", whole(rc, budget));
          if (SWEEP_BPP.contains(bpp)) {
            for (int q : RateControl.candidates()) {
              choices.put("q" + q, rc.candidate(q, budget, RateControl.Cut.ANY_PACKET));
            }
          }
          for (Map.Entry<String, RateControl.Choice> e : choices.entrySet()) {
            RateControl.Choice c = e.getValue();
            PixelImage decoded = decode(c.packets(), known, img);
            String key = fingerprint(decoded);
            Double f1 = f1Cache.get(key);
            if (f1 == null) {
              f1 = DetectionF1.f1(ref, det.detect(decoded, DetectionF1.MIN_SCORE));
              f1Cache.put(key, f1);
            }
            EncodedFrame full = rc.encoded(c.quality());
            long bytes = 0;
            for (byte[] p : c.packets()) {
              bytes += p.length;
            }
            rows.add(new Row(frame.name(), video, bpp, e.getKey(), c.quality(), c.packets().size(),
                full.packets().size(), bytes, cutOf(full, c.packets().size()), PixelImages.psnrDb(img, decoded),
                c.squaredError() / img.pixelCount(), f1));
            if (SWEEP_BPP.contains(bpp) && !e.getKey().startsWith("q")) {
              shown.put(e.getKey() + "@" + bpp, decoded);
            }
          }
        }
        // Monotonicity: every packet of the quality chosen at the highest budget, one more at a time.
        double top = budgets.get(budgets.size() - 1);
        int q = rc.choose((long) Math.floor(top * img.pixelCount() / 8), RateControl.Cut.ANY_PACKET).quality();
        SemanticDecoder d = new SemanticDecoder(known);
        double previous = Double.MAX_VALUE;
        for (byte[] p : rc.encoded(q).packets()) {
          d.accept(p);
          DecodedFrame df = d.finish().orElseThrow();
          double se = squaredError(img, df.image());
          steps++;
          if (se > previous * (1 + 1e-9)) {
            nonMonotone++;
            double inc = se / previous - 1;
            if (inc > worstIncrease) {
              worstIncrease = inc;
              worstAt = frame.name() + " q" + q;
            }
          }
          previous = se;
        }
        if (fi == photos || fi == 0) {
          writePictures(o.outDir(), frame.name(), img, ref, shown);
        }
        if ((fi + 1) % 5 == 0 || fi + 1 == frames.size()) {
          out.printf(Locale.ROOT, "  %d/%d frames, %.0f s%n", fi + 1, frames.size(), (System.nanoTime() - started) / 1e9);
        }
      }
    }
    writeCsv(o.outDir().resolve("diagnosis.csv"), rows);
    summary(both, rows, budgets, photos, frames.size() - photos);
    both.printf(Locale.ROOT, "monotonicity (all packets of the quality chosen at %.1f bpp, added one at a time, RGB"
        + " squared error vs the original): %d of %d steps made the image worse; largest increase %.2e (%s)%n",
        budgets.get(budgets.size() - 1), nonMonotone, steps, worstIncrease, worstAt);
    Files.writeString(o.outDir().resolve("diagnosis.txt"), report.toString());
    out.println("rows: " + o.outDir().resolve("diagnosis.csv") + ", pictures: " + o.outDir());
  }

  /** The highest candidate quality whose packets all fit; the least-error prefix when none does. */
  static RateControl.Choice whole(RateControl rc, long budget) {
    RateControl.Choice best = null;
    for (int q : RateControl.candidates()) {
      if (rc.encoded(q).totalBytes() <= budget) {
        best = rc.candidate(q, budget, RateControl.Cut.ANY_PACKET);
      }
    }
    return best != null ? best : rc.choose(budget, RateControl.Cut.ANY_PACKET);
  }

  /**
   * Where a prefix of {@code kept} packets ends: "all", or "gG:s" = ranking group G (0-based) cut
   * after share s of its packets (s = 0: on the boundary before G).
   */
  static String cutOf(EncodedFrame full, int kept) {
    List<byte[]> ps = full.packets();
    if (kept >= ps.size()) {
      return "all";
    }
    int rank = PacketHeader.parse(ps.get(kept)).rankStart();
    int first = kept;
    while (first > 0 && PacketHeader.parse(ps.get(first - 1)).rankStart() == rank) {
      first--;
    }
    int end = kept;
    while (end < ps.size() && PacketHeader.parse(ps.get(end)).rankStart() == rank) {
      end++;
    }
    int group = 0;
    while (BandOrder.GROUP_ENDS[group] <= rank) {
      group++;
    }
    return String.format(Locale.ROOT, "g%d:%.2f", group, (kept - first) / (double) (end - first));
  }

  private static PixelImage decode(List<byte[]> packets, List<BandOrder> known, PixelImage like) {
    SemanticDecoder d = new SemanticDecoder(known);
    for (byte[] p : packets) {
      d.accept(p);
    }
    return d.finish().map(DecodedFrame::image)
        .orElse(PixelImages.midGray(like.width(), like.height(), like.channels()));
  }

  private static double squaredError(PixelImage a, PixelImage b) {
    byte[] x = a.pixels();
    byte[] y = b.pixels();
    double se = 0;
    for (int i = 0; i < x.length; i++) {
      double v = (x[i] & 0xFF) - (y[i] & 0xFF);
      se += v * v;
    }
    return se;
  }

  private static String fingerprint(PixelImage img) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(img.pixels());
    return img.width() + "x" + img.height() + ":" + java.util.Arrays.hashCode(img.pixels()) + ":" + crc.getValue();
  }

  private static void summary(PrintStream out, List<Row> rows, List<Double> budgets, int photos, int videos) {
    out.println();
    out.println("mean over frames: F1 / PSNR dB / quality / bytes (all | photos | video frames)");
    List<String> names = new ArrayList<>(VARIANTS);
    out.printf(Locale.ROOT, "%6s %-10s %-34s %-20s %-20s%n", "bpp", "variant", "F1 all | photos | video", "PSNR dB",
        "quality");
    for (double bpp : budgets) {
      for (String v : names) {
        List<Row> sel = rows.stream().filter(r -> r.bpp() == bpp && r.variant().equals(v)).toList();
        out.printf(Locale.ROOT, "%6.2f %-10s %.3f | %.3f | %.3f          %6.2f               %5.1f%n", bpp, v,
            mean(sel, Row::f1, null), mean(sel, Row::f1, false), mean(sel, Row::f1, true),
            mean(sel, Row::psnrDb, null), mean(sel, r -> (double) r.quality(), null));
      }
    }
    for (double bpp : SWEEP_BPP) {
      out.printf(Locale.ROOT, "%nat %.1f bpp, every candidate quality's own prefix (cut after any packet):%n", bpp);
      out.printf(Locale.ROOT, "%8s %8s %8s %8s %9s %12s %s%n", "quality", "F1", "photos", "video", "PSNR dB",
          "chosen (any)", "cut (video frames)");
      for (int q : RateControl.candidates()) {
        List<Row> sel = rows.stream().filter(r -> r.bpp() == bpp && r.variant().equals("q" + q)).toList();
        long chosen = rows.stream().filter(r -> r.bpp() == bpp && r.variant().equals("any") && r.quality() == q).count();
        Map<String, Integer> cuts = new LinkedHashMap<>();
        for (Row r : sel) {
          if (r.video()) {
            String g = r.cut().contains(":") ? r.cut().substring(0, r.cut().indexOf(':')) : r.cut();
            cuts.merge(g, 1, Integer::sum);
          }
        }
        out.printf(Locale.ROOT, "%8d %8.3f %8.3f %8.3f %9.2f %12d %s%n", q, mean(sel, Row::f1, null),
            mean(sel, Row::f1, false), mean(sel, Row::f1, true), mean(sel, Row::psnrDb, null), chosen, cuts);
      }
      // Best candidate per frame with hindsight (an upper bound, not a rule).
      Map<String, Double> best = new HashMap<>();
      for (Row r : rows) {
        if (r.bpp() == bpp && r.variant().startsWith("q")) {
          best.merge(r.frame(), r.f1(), Math::max);
        }
      }
      out.printf(Locale.ROOT, "best candidate per frame with hindsight (upper bound, not a rule): F1 %.3f%n",
          best.values().stream().mapToDouble(Double::doubleValue).average().orElse(0));
    }
    out.println();
    out.println("per frame, rule any: F1 at 0.4 -> 0.8 bpp, quality and cut at 0.8");
    for (Row r8 : rows) {
      if (r8.bpp() != 0.8 || !r8.variant().equals("any")) {
        continue;
      }
      Row r4 = rows.stream().filter(r -> r.frame().equals(r8.frame()) && r.bpp() == 0.4 && r.variant().equals("any"))
          .findFirst().orElseThrow();
      Row b8 = rows.stream().filter(r -> r.frame().equals(r8.frame()) && r.bpp() == 0.8
          && r.variant().equals("boundary")).findFirst().orElseThrow();
      out.printf(Locale.ROOT, "  %-22s 0.4: F1 %.3f q%-2d %-8s | 0.8: F1 %.3f q%-2d %-8s %5.2f dB | boundary 0.8: F1 %.3f"
          + " q%-2d %-8s%n", r8.frame(), r4.f1(), r4.quality(), r4.cut(), r8.f1(), r8.quality(), r8.cut(), r8.psnrDb(),
          b8.f1(), b8.quality(), b8.cut());
    }
  }

  private static double mean(List<Row> rows, java.util.function.ToDoubleFunction<Row> f, Boolean video) {
    return rows.stream().filter(r -> video == null || r.video() == video).mapToDouble(f).average().orElse(Double.NaN);
  }

  private static void writeCsv(Path file, List<Row> rows) throws java.io.IOException {
    StringBuilder sb = new StringBuilder(
        "frame,video,bpp,variant,quality,packets_kept,packets_total,bytes,cut,psnr_db,predicted_mse,f1\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "%s,%b,%.2f,%s,%d,%d,%d,%d,%s,%.3f,%.4f,%.4f%n", r.frame(), r.video(),
          r.bpp(), r.variant(), r.quality(), r.kept(), r.total(), r.bytes(), r.cut(), r.psnrDb(), r.predictedMse(),
          r.f1()));
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  /**
   * The original and the decodes at 0.4 and 0.8 bpp as full PNGs, and one strip of 2x crops around
   * the detector's highest-scoring box on the original (original, any@0.4, any@0.8, boundary@0.8).
   */
  private static void writePictures(Path dir, String name, PixelImage img, List<Detection> ref,
      Map<String, PixelImage> shown) throws java.io.IOException {
    String base = name.replaceAll("\\.[A-Za-z]+$", "");
    ImageIO.write(PixelImages.toBuffered(img), "png", dir.resolve(base + "-original.png").toFile());
    for (Map.Entry<String, PixelImage> e : shown.entrySet()) {
      ImageIO.write(PixelImages.toBuffered(e.getValue()), "png",
          dir.resolve(base + "-" + e.getKey().replace('@', '-') + "bpp.png").toFile());
    }
    int cw = Math.min(192, img.width());
    int ch = Math.min(144, img.height());
    double cx = img.width() / 2.0;
    double cy = img.height() / 2.0;
    Detection top = ref.stream().max(java.util.Comparator.comparingDouble(Detection::score)).orElse(null);
    if (top != null) {
      cx = top.centreX();
      cy = top.centreY();
    }
    int x0 = (int) Math.max(0, Math.min(img.width() - cw, cx - cw / 2.0));
    int y0 = (int) Math.max(0, Math.min(img.height() - ch, cy - ch / 2.0));
    List<PixelImage> panels = new ArrayList<>();
    panels.add(img);
    for (String k : List.of("any@0.4", "any@0.8", "boundary@0.8")) {
      if (shown.containsKey(k)) {
        panels.add(shown.get(k));
      }
    }
    BufferedImage strip = new BufferedImage(panels.size() * cw * 2, ch * 2, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = strip.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    for (int i = 0; i < panels.size(); i++) {
      BufferedImage crop = PixelImages.toBuffered(panels.get(i)).getSubimage(x0, y0, cw, ch);
      g.drawImage(crop, i * cw * 2, 0, cw * 2, ch * 2, null);
    }
    g.dispose();
    ImageIO.write(strip, "png", dir.resolve(base + "-crops-original-any04-any08-boundary08.png").toFile());
  }
}
