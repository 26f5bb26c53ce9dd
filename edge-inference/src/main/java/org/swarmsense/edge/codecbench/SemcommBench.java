package org.swarmsense.edge.codecbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;
import org.swarmsense.semantic.SemanticCommSettings;
import org.swarmsense.semantic.channel.Channel;
import org.swarmsense.semantic.channel.GilbertElliottChannel;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.BandRanking;
import org.swarmsense.semantic.codec.DecodedFrame;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;
import org.swarmsense.semantic.codec.RateControl;
import org.swarmsense.semantic.codec.SemanticDecoder;
import org.swarmsense.semantic.codec.SemanticEncoder;

/**
 * {@code bench semcomm}: detection F1 against bits per pixel for five schemes at equal bytes, on a
 * clean channel and on a bursty one (Gilbert, 5% mean loss, mean burst 4 packets, chosen before
 * measuring), plus encode and decode time per 1080p frame next to {@code cjpeg}/{@code djpeg}.
 *
 * <p>Schemes, each given the same byte budget {@code bpp x pixels / 8}:
 * <ul>
 *   <li><b>ours zig-zag / ours learned</b>: {@link RateControl} picks the quality whose packets that
 *       fit the budget (band order first) leave the least squared error; packets go out in band
 *       order until the budget; the receiver decodes whatever arrived.
 *   <li><b>JPEG oracle</b>: baseline JPEG (JDK writer, optimised Huffman) at the highest quality whose
 *       file fits each image's budget; nothing when none fits.
 *   <li><b>progressive JPEG q75</b>: the JDK writer's progressive script, truncated at the budget,
 *       decoded by TwelveMonkeys.
 *   <li><b>JPEG 2000</b>: OpenJPEG 9/7, LRCP, quality layers at 0.045, 0.09, 0.18, 0.36, 0.72 and 1.5
 *       bpp (0.9x each budget, so a layer ends just inside it), truncated and decoded at the last
 *       complete packet.
 * </ul>
 * JPEG-family streams travel as 1,200-byte packets and decode up to the first lost one. A frame
 * with nothing decodable is handed to the detector as mid-gray. F1 is against the detector's own
 * output on the uncompressed frame (IoU >= 0.5, same class, score >= 0.3).
 *
 * <p>Single-threaded (the detector uses two ONNX Runtime threads).
 */
public final class SemcommBench {

  static final List<String> SCHEMES = List.of("ours zig-zag", "ours learned", "JPEG oracle", "prog JPEG q75",
      "JPEG 2000", "ours learned+DC conceal", "ours learned+deblock", "ours protected",
      "ours spread");
  private static final int OURS_ZZ = 0;
  private static final int OURS_LEARNED = 1;
  private static final int ORACLE = 2;
  private static final int PROGRESSIVE = 3;
  private static final int J2K = 4;
  private static final int OURS_CONCEALED = 5;
  /** Ours learned, the receiver deblocks ({@code Deblocking}): same packets as ours learned. */
  private static final int OURS_DEBLOCKED = 6;
  /**
   * Ours learned with the first group sent twice ({@link RateControl#chooseProtected}); the
   * receiver conceals a missing DC and deblocks (the design fixed in semantic-comm's README).
   */
  private static final int OURS_PROTECTED = 7;
  /**
   * Ours learned, the same packets with the DC packets spread over the frame
   * ({@link RateControl#chooseSpread}); the receiver conceals a missing DC and deblocks. Added after
   * the first measurement of ours protected (repeating DC cost too much clean F1).
   */
  private static final int OURS_SPREAD = 8;
  /** Channel rate, bytes per second; the deadline of a budget is budget / rate. */
  static final double RATE_BYTES_PER_S = 1_000_000;
  /** The bursty channel's mean loss and burst, from semantic-comm's settings (5%, 4 packets). */
  static final SemanticCommSettings CHANNEL = SemanticCommSettings.current();
  static final double[] J2K_LAYERS_BPP = {0.045, 0.09, 0.18, 0.36, 0.72, 1.5};
  /** Quality at which the band order is learned (chosen before measuring: mid-range of the budgets). */
  static final int LEARN_QUALITY = 25;
  static final int LEARNED_ORDER_ID = 1;

  private SemcommBench() {}

  record Frame(String name, PixelImage image) {}

  private static final class PlainDetector implements TaskModel {
    private final CocoDetector detector;

    PlainDetector(Path model) throws Exception {
      detector = new CocoDetector(model, 2);
    }

    @Override
    public String name() {
      return "COCO CenterNet (plain)";
    }

    @Override
    public List<Detection> detect(PixelImage image, double energyShare) throws Exception {
      return detector.detect(image, DetectionF1.MIN_SCORE);
    }

    @Override
    public void close() throws Exception {
      detector.close();
    }
  }

  /** Runs the benchmark and prints the table, the goals and where the plot went. */
  public static void run(SemcommBenchOptions o, PrintStream out) throws Exception {
    Files.createDirectories(o.outDir());
    BandOrder learned = Files.isRegularFile(o.order()) ? BandOrder.read(o.order()) : null;
    if (learned == null) {
      throw new IllegalArgumentException("learned band order not found: " + o.order()
          + " (compute it with: swarmsense bench semcomm --learn-order)");
    }
    List<Frame> frames = loadFrames(o);
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("no frames: images " + o.imagesDir() + ", video " + o.video() + " x "
          + o.frames());
    }
    StringBuilder report = new StringBuilder();
    PrintStream both = tee(out, report);
    both.printf(Locale.ROOT, "bench semcomm: %d frames (%s), budgets %s bpp, channel rate %.0f B/s, bursty channel:"
        + " Gilbert %.0f%% mean loss, mean burst %.0f packets, seed %d%n", frames.size(),
        describe(o), SemcommBenchOptions.BUDGETS_BPP, RATE_BYTES_PER_S, CHANNEL.burstyMeanLoss() * 100,
        CHANNEL.burstyMeanBurstPackets(), o.seed());
    both.printf(Locale.ROOT, "learned order: %s (%s), id %d: %s%n", o.order(), learned.name(), learned.id(),
        Arrays.toString(Arrays.copyOf(learned.ranking(), 16)).replace("]", ", ...]"));
    both.flush();
    List<TaskModel> tasks = new ArrayList<>();
    tasks.add(new PlainDetector(o.model()));
    // Hook: the robust task model of the drones-see issue is added here as a second TaskModel.
    try {
      for (TaskModel task : tasks) {
        measure(frames, learned, task, o, both);
      }
    } finally {
      for (TaskModel t : tasks) {
        t.close();
      }
    }
    PixelImage timed = frames.get(0).image();
    CodecTiming.run(o.quick() ? CodecTiming.Options.quick(timed) : CodecTiming.Options.full(timed), both);
    Files.writeString(o.outDir().resolve("semcomm.txt"), report.toString());
    out.println("table: " + o.outDir().resolve("semcomm.txt") + ", plot: " + o.outDir().resolve("semcomm-f1.png"));
  }

  private static String describe(SemcommBenchOptions o) {
    return (o.quick() ? "quick: dog.jpg, person.jpg" : "photos in " + o.imagesDir())
        + (o.quick() || o.frames() == 0 ? "" : " + " + o.frames() + " frames of " + o.video().getFileName());
  }

  static PrintStream tee(PrintStream out, StringBuilder sink) {
    return new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        out.write(b);
        sink.append((char) b);
      }

      @Override
      public void flush() {
        out.flush();
      }
    }, true);
  }

  private static void measure(List<Frame> frames, BandOrder learned, TaskModel task, SemcommBenchOptions o,
      PrintStream out) throws Exception {
    List<Double> budgets = SemcommBenchOptions.BUDGETS_BPP;
    int nb = budgets.size();
    int ns = SCHEMES.size();
    double[][][] f1 = new double[ns][nb][2];
    double[][][] bytes = new double[ns][nb][2];
    int[][][] undecodable = new int[ns][nb][2];
    int[][] dhtCuts = new int[nb][2];
    double[][] energyShare = new double[2][nb];
    double[][] quality = new double[2][nb];
    Channel lossy = GilbertElliottChannel.bursty(RATE_BYTES_PER_S, CHANNEL);
    List<BandOrder> known = List.of(BandOrder.zigZag(), learned);
    Path work = Files.createTempDirectory("semcomm");
    OpenJpeg j2k = new OpenJpeg(work);
    long started = System.nanoTime();
    int detections = 0;
    for (int fi = 0; fi < frames.size(); fi++) {
      PixelImage img = frames.get(fi).image();
      Map<String, List<Detection>> cache = new HashMap<>();
      List<Detection> ref = task.detect(img, 1.0);
      detections++;
      SemanticEncoder.Transformed t = SemanticEncoder.transform(img);
      RateControl rcZigZag = new RateControl(t, BandOrder.zigZag(), 1);
      RateControl rcLearned = new RateControl(t, learned, 1);
      byte[] progressive = JdkJpeg.encode(img, 75, true);
      List<int[]> dht = JdkJpeg.huffmanTableSegments(progressive);
      OpenJpeg.Layered layered = j2k.encode(img, J2K_LAYERS_BPP);
      Map<Integer, PixelImage> j2kDecodes = new HashMap<>();
      Map<Integer, byte[]> oracleBySize = new HashMap<>();
      for (int bi = 0; bi < nb; bi++) {
        long budget = (long) Math.floor(budgets.get(bi) * img.pixelCount() / 8);
        RateControl.Choice czz = rcZigZag.choose(budget);
        RateControl.Choice clearned = rcLearned.choose(budget);
        quality[0][bi] += czz.quality();
        quality[1][bi] += clearned.quality();
        byte[] oracle = oracleJpeg(img, budget, oracleBySize);
        List<SentFrame> sent = List.of(
            new OursSent(czz.packets(), known, false),
            new OursSent(clearned.packets(), known, false),
            jpeg(oracle == null ? new byte[0] : oracle, null, 0),
            jpeg(Arrays.copyOf(progressive, (int) Math.min(progressive.length, budget)), dht, progressive.length),
            jpeg2000(layered, budget, j2k, img.channels(), j2kDecodes),
            new OursSent(clearned.packets(), known, true),
            new OursSent(clearned.packets(), known, false, true),
            new OursSent(rcLearned.chooseProtected(budget).packets(), known, true, true),
            new OursSent(rcLearned.chooseSpread(budget).packets(), known, true, true));
        long seed = o.seed() * 1_000_003L + fi * 101L + bi;
        for (int s = 0; s < ns; s++) {
          SentFrame sf = sent.get(s);
          for (int ch = 0; ch < 2; ch++) {
            List<Integer> arrived;
            if (ch == 0) {
              arrived = new ArrayList<>();
              for (int i = 0; i < sf.packets().size(); i++) {
                arrived.add(i);
              }
            } else {
              arrived = lossy.transmit(sf.packets(), Duration.ofNanos((long) (budget / RATE_BYTES_PER_S * 1e9) + 1),
                  seed).arrived();
            }
            long got = 0;
            for (int i : arrived) {
              got += sf.packets().get(i).length;
            }
            bytes[s][bi][ch] += got;
            SentFrame.Decoding d = sf.decode(arrived);
            PixelImage shown = d.image();
            double share = 1.0;
            if (shown == null) {
              undecodable[s][bi][ch]++;
              shown = PixelImages.midGray(img.width(), img.height(), img.channels());
            } else if (sf instanceof OursSent os) {
              share = os.lastShare;
              if (s <= OURS_LEARNED) {
                energyShare[s][bi] += ch == 1 ? share : 0;
              }
            }
            if (d.cutInHuffmanTable()) {
              dhtCuts[bi][ch]++;
            }
            String key = fingerprint(shown) + "/" + (share < 1 ? share : 1);
            List<Detection> dets = cache.get(key);
            if (dets == null) {
              dets = task.detect(shown, share);
              cache.put(key, dets);
              detections++;
            }
            f1[s][bi][ch] += DetectionF1.f1(ref, dets);
          }
        }
      }
      if ((fi + 1) % 10 == 0 || fi + 1 == frames.size()) {
        out.printf(Locale.ROOT, "  %d/%d frames, %d detector runs, %.0f s%n", fi + 1, frames.size(), detections,
            (System.nanoTime() - started) / 1e9);
      }
    }
    deleteTree(work);
    int n = frames.size();
    for (int s = 0; s < ns; s++) {
      for (int b = 0; b < nb; b++) {
        for (int ch = 0; ch < 2; ch++) {
          f1[s][b][ch] /= n;
          bytes[s][b][ch] /= n;
        }
      }
    }
    printTable(out, task, budgets, f1, bytes, undecodable, dhtCuts, energyShare, n);
    StringBuilder qs = new StringBuilder("ours, mean quality chosen by rate control (zig-zag / learned):");
    for (int b = 0; b < nb; b++) {
      qs.append(String.format(Locale.ROOT, " %.2f bpp: %.1f / %.1f;", budgets.get(b), quality[0][b] / n,
          quality[1][b] / n));
    }
    out.println(qs);
    printGoals(out, budgets, f1);
    F1Plot.write(o.outDir().resolve("semcomm-f1.png"), SCHEMES, budgets, f1, task.name() + ", " + n + " frames");
  }

  private static void printTable(PrintStream out, TaskModel task, List<Double> budgets, double[][][] f1,
      double[][][] bytes, int[][][] undecodable, int[][] dhtCuts, double[][] energyShare, int n) {
    for (int ch = 0; ch < 2; ch++) {
      out.printf(Locale.ROOT, "%nF1 vs bits per pixel, %s, task %s, %d frames (mean bytes delivered in brackets)%n",
          ch == 0 ? "clean channel" : "bursty channel (5% mean loss)", task.name(), n);
      StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%6s", "bpp"));
      for (String s : SCHEMES) {
        h.append(String.format(Locale.ROOT, " %22s", s));
      }
      out.println(h);
      for (int b = 0; b < budgets.size(); b++) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6.2f", budgets.get(b)));
        for (int s = 0; s < SCHEMES.size(); s++) {
          row.append(String.format(Locale.ROOT, " %12.3f [%7.0f]", f1[s][b][ch], bytes[s][b][ch]));
        }
        out.println(row);
      }
      StringBuilder und = new StringBuilder("frames with nothing decodable (shown as mid-gray):");
      for (int b = 0; b < budgets.size(); b++) {
        und.append(String.format(Locale.ROOT, " %.2f bpp:", budgets.get(b)));
        for (int s = 0; s < SCHEMES.size(); s++) {
          und.append(' ').append(undecodable[s][b][ch]);
        }
        und.append(';');
      }
      out.println(und);
      StringBuilder cuts = new StringBuilder("progressive JPEG cut inside a per-scan Huffman table (DHT):");
      for (int b = 0; b < budgets.size(); b++) {
        cuts.append(String.format(Locale.ROOT, " %.2f bpp: %d;", budgets.get(b), dhtCuts[b][ch]));
      }
      out.println(cuts);
    }
    StringBuilder es = new StringBuilder("ours under loss, mean share of coefficient energy arrived (zig-zag / learned):");
    for (int b = 0; b < budgets.size(); b++) {
      es.append(String.format(Locale.ROOT, " %.2f bpp: %.3f / %.3f;", budgets.get(b), energyShare[0][b] / n,
          energyShare[1][b] / n));
    }
    out.println(es);
  }

  private static void printGoals(PrintStream out, List<Double> budgets, double[][][] f1) {
    out.println();
    out.println("goals (ours = learned order):");
    for (int b = 0; b < budgets.size(); b++) {
      double d = f1[OURS_LEARNED][b][0] - f1[PROGRESSIVE][b][0];
      out.printf(Locale.ROOT, "  %.2f bpp clean: ours - progressive JPEG = %+.3f F1 (goal >= 0): %s%n", budgets.get(b), d,
          d >= 0 ? "met" : "NOT met, ours trails");
    }
    for (int scheme : new int[] {OURS_LEARNED, OURS_CONCEALED, OURS_PROTECTED, OURS_SPREAD}) {
      for (int b = 0; b < budgets.size(); b++) {
        if (budgets.get(b) != 0.1 && budgets.get(b) != 0.2) {
          continue;
        }
        double bestJpeg = Math.max(f1[ORACLE][b][1], Math.max(f1[PROGRESSIVE][b][1], f1[J2K][b][1]));
        double d = f1[scheme][b][1] - bestJpeg;
        double keep = f1[scheme][b][0] == 0 ? 0 : f1[scheme][b][1] / f1[scheme][b][0];
        out.printf(Locale.ROOT, "  %.2f bpp lossy, %s: ours - best JPEG-family = %+.3f F1 (goal >= +0.10): %s;"
            + " ours lossy / ours clean = %.3f (goal >= 0.95): %s%n", budgets.get(b), SCHEMES.get(scheme), d,
            d >= 0.10 ? "met" : "NOT met", keep, keep >= 0.95 ? "met" : "NOT met");
        if (scheme == OURS_PROTECTED || scheme == OURS_SPREAD) {
          // Against the unprotected clean F1 too: a sender on a clean channel would not protect.
          double keepPlain = f1[OURS_LEARNED][b][0] == 0 ? 0 : f1[scheme][b][1] / f1[OURS_LEARNED][b][0];
          out.printf(Locale.ROOT, "  %.2f bpp lossy, %s / ours learned clean = %.3f (goal >= 0.95): %s%n",
              budgets.get(b), SCHEMES.get(scheme), keepPlain, keepPlain >= 0.95 ? "met" : "NOT met");
        }
      }
    }
    for (int scheme : new int[] {OURS_LEARNED, OURS_DEBLOCKED}) {
      for (int b = 0; b < budgets.size(); b++) {
        double d = f1[scheme][b][0] - f1[J2K][b][0];
        boolean applies = budgets.get(b) >= 0.2;
        out.printf(Locale.ROOT, "  %.2f bpp clean: %s - JPEG 2000 = %+.3f F1%s%n", budgets.get(b),
            scheme == OURS_LEARNED ? "ours" : SCHEMES.get(scheme), d,
            applies ? " (goal >= -0.05): " + (d >= -0.05 ? "met" : "NOT met")
                : (d < 0 ? " (ours trails; no goal below 0.2 bpp)" : ""));
      }
    }
  }

  private static byte[] oracleJpeg(PixelImage img, long budget, Map<Integer, byte[]> byQuality) throws IOException {
    int lo = 1;
    int hi = 100;
    if (jpegAt(img, 1, byQuality).length > budget) {
      return null;
    }
    while (lo < hi) {
      int mid = (lo + hi + 1) / 2;
      if (jpegAt(img, mid, byQuality).length <= budget) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return jpegAt(img, lo, byQuality);
  }

  private static byte[] jpegAt(PixelImage img, int q, Map<Integer, byte[]> byQuality) throws IOException {
    byte[] b = byQuality.get(q);
    if (b == null) {
      b = JdkJpeg.encode(img, q, false);
      byQuality.put(q, b);
    }
    return b;
  }

  /** Our receiver; remembers the energy share of its last decode. */
  private static final class OursSent implements SentFrame {
    private final List<byte[]> packets;
    private final List<BandOrder> known;
    private final boolean concealDc;
    private final boolean deblock;
    double lastShare;

    OursSent(List<byte[]> packets, List<BandOrder> known, boolean concealDc) {
      this(packets, known, concealDc, false);
    }

    OursSent(List<byte[]> packets, List<BandOrder> known, boolean concealDc, boolean deblock) {
      this.packets = packets;
      this.known = known;
      this.concealDc = concealDc;
      this.deblock = deblock;
    }

    @Override
    public List<byte[]> packets() {
      return packets;
    }

    @Override
    public Decoding decode(List<Integer> arrived) {
      SemanticDecoder d = new SemanticDecoder(known);
      for (int i : arrived) {
        d.accept(packets.get(i));
      }
      DecodedFrame f = d.finish(concealDc, deblock).orElse(null);
      lastShare = f == null ? 0 : f.energyShare();
      return new Decoding(f == null ? null : f.image(), false);
    }
  }

  /** A JPEG stream (already cut at the budget) of a file of {@code fullLength} bytes whose DHT segments are {@code dht}. */
  private static SentFrame jpeg(byte[] stream, List<int[]> dht, int fullLength) {
    List<byte[]> packets = SentFrame.split(stream);
    return new SentFrame() {
      @Override
      public List<byte[]> packets() {
        return packets;
      }

      @Override
      public Decoding decode(List<Integer> arrived) {
        byte[] prefix = SentFrame.prefixBeforeFirstLoss(packets, arrived);
        boolean inDht = false;
        if (dht != null && prefix.length < fullLength) {
          for (int[] seg : dht) {
            inDht |= prefix.length > seg[0] && prefix.length < seg[1];
          }
        }
        return new Decoding(prefix.length == 0 ? null : JdkJpeg.decode(prefix), inDht);
      }
    };
  }

  private static SentFrame jpeg2000(OpenJpeg.Layered layered, long budget, OpenJpeg j2k, int channels,
      Map<Integer, PixelImage> decodes) {
    byte[] s = layered.stream();
    List<byte[]> packets = SentFrame.split(Arrays.copyOf(s, (int) Math.min(s.length - 2, budget)));
    return new SentFrame() {
      @Override
      public List<byte[]> packets() {
        return packets;
      }

      @Override
      public Decoding decode(List<Integer> arrived) throws Exception {
        int available = SentFrame.prefixBeforeFirstLoss(packets, arrived).length;
        int cut = -1;
        for (int e : layered.packetEnds()) {
          if (e <= available) {
            cut = e;
          }
        }
        if (!decodes.containsKey(cut)) {
          decodes.put(cut, cut < 0 ? null : j2k.decodePrefix(layered, cut, channels));
        }
        return new Decoding(decodes.get(cut), false);
      }
    };
  }

  private static String fingerprint(PixelImage img) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(img.pixels());
    return img.width() + "x" + img.height() + ":" + Arrays.hashCode(img.pixels()) + ":" + crc.getValue();
  }

  /**
   * Only the 1080p encode/decode timing against cjpeg/djpeg ({@link CodecTiming}), on the first
   * photo of the workload (dog.jpg in quick mode); no detector runs.
   */
  public static CodecTiming.Result timing(SemcommBenchOptions o, PrintStream out) throws Exception {
    List<Frame> frames = loadFrames(o.withWorkload(null, null, 0));
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("no photo to time in images folder: " + o.imagesDir());
    }
    out.println("timing frame: " + frames.get(0).name());
    PixelImage source = frames.get(0).image();
    return CodecTiming.run(o.quick() ? CodecTiming.Options.quick(source) : CodecTiming.Options.full(source), out);
  }

  /**
   * Learns the band order for the detector and writes it to {@code o.order()}: the procedure of
   * {@link BandRanking} at quality 25 on 12 frames of the video (frames 400, 430, ..., 730: not among
   * the benchmark's first frames), task score = detection F1 against the detector on the original.
   */
  public static void learnOrder(SemcommBenchOptions o, PrintStream out) throws Exception {
    Path cache = o.outDir().resolve("frames");
    List<Frame> validation = extractFrames(o.video(), cache, 400, 12, 30);
    out.printf(Locale.ROOT, "learning the band order on %d frames of %s (400..730 step 30), quality %d%n",
        validation.size(), o.video(), LEARN_QUALITY);
    try (CocoDetector det = new CocoDetector(o.model(), 2)) {
      Map<PixelImage, List<Detection>> refs = new java.util.IdentityHashMap<>();
      BandRanking.TaskScore score = (original, decoded) -> {
        try {
          List<Detection> ref = refs.get(original);
          if (ref == null) {
            ref = det.detect(original, DetectionF1.MIN_SCORE);
            refs.put(original, ref);
          }
          return DetectionF1.f1(ref, det.detect(decoded, DetectionF1.MIN_SCORE));
        } catch (Exception e) {
          throw new IllegalStateException("detector failed", e);
        }
      };
      long t0 = System.nanoTime();
      BandRanking.Result r = BandRanking.learn(validation.stream().map(Frame::image).toList(), LEARN_QUALITY, score,
          LEARNED_ORDER_ID, "COCO CenterNet F1, drop-one-band on vtest.avi", b -> {
            if (b % 8 == 7) {
              out.printf(Locale.ROOT, "  %d/64 bands, %.0f s%n", b + 1, (System.nanoTime() - t0) / 1e9);
            }
          });
      List<String> comments = new ArrayList<>();
      comments.add("Band order (zig-zag indices, most important first) learned by `swarmsense bench semcomm --learn-order`.");
      comments.add("Model: mb3_centernet_coco.onnx sha256 " + sha256(o.model()));
      comments.add("Procedure: org.swarmsense.semantic.codec.BandRanking; quality " + LEARN_QUALITY
          + "; validation: vtest.avi frames 400..730 step 30 (" + validation.size() + " frames)");
      comments.add(String.format(Locale.ROOT, "Task score: detection F1 vs the detector on the original; full decode F1 %.3f",
          r.fullScore()));
      StringBuilder losses = new StringBuilder("F1 lost per dropped band (zig-zag index:loss):");
      for (int b = 0; b < 64; b++) {
        losses.append(String.format(Locale.ROOT, " %d:%.3f", b, r.lossPerBand()[b]));
      }
      comments.add(losses.toString());
      Files.createDirectories(o.order().toAbsolutePath().getParent());
      r.order().write(o.order(), comments);
      out.println("wrote " + o.order() + ": " + Arrays.toString(r.order().ranking()));
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static List<Frame> loadFrames(SemcommBenchOptions o) throws Exception {
    List<Frame> frames = new ArrayList<>();
    if (o.imagesDir() != null) {
      List<Path> files;
      try (Stream<Path> s = Files.list(o.imagesDir())) {
        files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
            .sorted().toList();
      }
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (!o.quick() || name.equals("dog.jpg") || name.equals("person.jpg")) {
          frames.add(new Frame(name, PixelImages.readOrRefuse(p)));
        }
      }
    }
    if (!o.quick() && o.video() != null && o.frames() > 0) {
      frames.addAll(extractFrames(o.video(), o.outDir().resolve("frames"), 0, o.frames(), 1));
    }
    return frames;
  }

  /** Frames of a video ({@link VideoFrames#extract}), read as images. */
  static List<Frame> extractFrames(Path video, Path cacheRoot, int start, int count, int step) throws Exception {
    List<Frame> frames = new ArrayList<>();
    for (Path p : VideoFrames.extract(video, cacheRoot, start, count, step, count)) {
      frames.add(new Frame(p.getFileName().toString(), PixelImages.read(p)));
    }
    return frames;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
