package org.swarmsense.gateway.mqtt;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.edge.detect.CocoDetector;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.edge.offload.FrameTask;
import org.swarmsense.edge.offload.OffloadServer;
import org.swarmsense.edge.offload.TaskOutcome;
import org.swarmsense.edge.serving.Clock;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.edge.EdgeNodeLink;
import org.swarmsense.gateway.offload.FrameSource;
import org.swarmsense.gateway.offload.OffloadSettings;
import org.swarmsense.gateway.offload.OffloadingDrone;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeResult;
import org.swarmsense.gateway.wire.EdgeTaskPacket;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;
import org.swarmsense.semantic.codec.SemanticEncoder;

/**
 * {@code swarmsense bench offload}: frames offloaded to one edge node through a real broker, against
 * the same work done in-process in the same run. The workload is fixed (README, "Offloading
 * measured"): every photo of the images folder resized to 512x512 (the camera's default frame),
 * semantic codec at quality 50 with the zig-zag order, one edge node ({@link EdgeNodeLink}, queue
 * 8, the detector given) on the broker given.
 *
 * <ol>
 *   <li>Latency: one drone ({@link OffloadingDrone}, uplink unlimited, 2 s deadline, so every packet
 *       arrives and the node answers on the last one) sends {@code frames} captures one after
 *       another; round trip = capture to result. Baseline: encode plus {@link OffloadServer#serve}
 *       (decode + detect) in-process on the same frames.
 *   <li>Throughput: a sender publishes pre-encoded tasks at {@code offeredHz} (above what one node
 *       serves) for {@code duration}; served tasks per second over the run, and how many were
 *       refused {@code queue_full}. Baseline: in-process decode + detect, one frame after another.
 * </ol>
 * Not thread-safe; one run at a time.
 */
public final class OffloadBench {
  private OffloadBench() {}

  /**
   * The workload knobs.
   *
   * @param images folder of photos (jpg/png), each resized to 512x512
   * @param model the detector (the COCO CenterNet of the shared data: benchmarks only)
   * @param frames captures in the latency run, >= 1
   * @param duration length of the throughput run
   * @param offeredHz tasks per second offered in the throughput run, > 0
   */
  public record Options(Path images, Path model, int frames, Duration duration, double offeredHz) {

    /** Validates every field; the message names the option and the value. */
    public Options {
      if (images == null || !Files.isDirectory(images)) {
        throw new IllegalArgumentException("--images must be a folder of photos, got: " + images);
      }
      if (model == null || !Files.isRegularFile(model)) {
        throw new IllegalArgumentException("--model must be an ONNX file, got: " + model);
      }
      if (frames < 1) {
        throw new IllegalArgumentException("--frames must be >= 1, got: " + frames);
      }
      if (duration == null || duration.toMillis() < 1000) {
        throw new IllegalArgumentException("--duration must be >= 1s, got: " + duration);
      }
      if (!(offeredHz > 0 && offeredHz <= 1000)) {
        throw new IllegalArgumentException("--offered-hz must be in (0, 1000], got: " + offeredHz);
      }
    }
  }

  static final int SIDE = 512;
  static final int QUALITY = 50;

  /** Runs both parts on {@code broker} and prints the tables. */
  public static void run(Options o, MqttBroker broker, PrintStream out) throws Exception {
    List<PixelImage> frames = frames(o.images());
    List<EncodedFrame> encoded = new ArrayList<>();
    double[] encodeMs = new double[frames.size()];
    for (int i = 0; i < frames.size(); i++) {
      long t0 = System.nanoTime();
      encoded.add(SemanticEncoder.encode(frames.get(i), QUALITY, BandOrder.zigZag(), i));
      encodeMs[i] = (System.nanoTime() - t0) / 1e6;
    }
    EdgeNodeSettings settings = org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode().withCount(1)
        .withDetectorModel(o.model());
    out.printf(Locale.ROOT, "offload bench: %d photos of %s at %dx%d, codec q%d zig-zag, %.1f packets/frame, broker %s,"
        + " detector %s (%d threads), queue %d%n", frames.size(), o.images(), SIDE, SIDE, QUALITY,
        encoded.stream().mapToInt(e -> e.packets().size()).average().orElse(0), broker.kind(), o.model().getFileName(),
        settings.detectorThreads(), settings.queueCapacity());
    try (CocoDetector coco = new CocoDetector(o.model(), settings.detectorThreads())) {
      FrameDetector detector = FrameDetector.coco(coco, settings.minScore());
      // in-process baseline: decode + detect of every frame, after one warm-up
      OffloadServer local = new OffloadServer(detector, List.of(BandOrder.zigZag()), settings.limits(), Clock.system());
      local.serve(task("warm", encoded.get(0)), encoded.get(0).packets());
      int n = Math.max(o.frames(), frames.size());
      double[] localMs = new double[n];
      long l0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        EncodedFrame e = encoded.get(i % encoded.size());
        long t0 = System.nanoTime();
        local.serve(task("local-" + i, e), e.packets());
        localMs[i] = (System.nanoTime() - t0) / 1e6 + encodeMs[i % encoded.size()];
      }
      double localPerS = n / ((System.nanoTime() - l0) / 1e9);
      ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "offload-bench");
      DeviceId edgeId = new DeviceId("bench", DeviceKind.EDGE, "edge-1");
      MqttLinkSettings base = MqttLinkSettings.defaults(broker.url(), "unused");
      try (EdgeNodeLink node = EdgeNodeLink.start(system, base, edgeId, new EdgeNodeLink.Position(43.7384, 7.4246, 10),
          settings, detector, List.of(BandOrder.zigZag()))) {
        node.awaitConnected(Duration.ofSeconds(20));
        double[] tripMs = latency(o, base, frames, out);
        Throughput t = throughput(o, base, edgeId, encoded);
        out.println();
        out.println("| measure | through the broker | in-process | ratio |");
        out.println("|---|---:|---:|---:|");
        out.printf(Locale.ROOT, "| per frame, mean ms (capture to result / encode + decode + detect) | %.1f | %.1f | %.2f |%n",
            mean(tripMs), mean(localMs), mean(tripMs) / mean(localMs));
        out.printf(Locale.ROOT, "| per frame, p50 ms | %.1f | %.1f | %.2f |%n", pct(tripMs, 50), pct(localMs, 50),
            pct(tripMs, 50) / pct(localMs, 50));
        out.printf(Locale.ROOT, "| per frame, p95 ms | %.1f | %.1f | %.2f |%n", pct(tripMs, 95), pct(localMs, 95),
            pct(tripMs, 95) / pct(localMs, 95));
        out.printf(Locale.ROOT, "| tasks/s one node sustains (offered %.0f/s for %d s) | %.2f | %.2f | %.2f |%n",
            o.offeredHz(), o.duration().toSeconds(), t.servedPerS(), localPerS, t.servedPerS() / localPerS);
        out.printf(Locale.ROOT, "throughput run: offered %d, served %d, refused queue_full %d, other errors %d,"
            + " unanswered at the end %d; mean encode %.1f ms/frame%n", t.offered(), t.served(), t.queueFull(),
            t.otherErrors(), t.offered() - t.served() - t.queueFull() - t.otherErrors(), mean(encodeMs));
      } finally {
        // the node's actor may still be detecting a queued frame: the session closes only after it stopped
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    }
  }

  private static FrameTask task(String id, EncodedFrame e) {
    return new FrameTask(id, 0, 0, e.layout().width(), e.layout().height(), e.packets().size(), Duration.ofSeconds(2));
  }

  private static double[] latency(Options o, MqttLinkSettings base, List<PixelImage> frames, PrintStream out)
      throws Exception {
    LinkedBlockingQueue<OffloadingDrone.Result> results = new LinkedBlockingQueue<>();
    OffloadSettings s = OffloadSettings.load().withUplink(1e9, 0).withDeadline(Duration.ofSeconds(2));
    s = new OffloadSettings(s.samplingHz(), QUALITY, s.deadline(), s.uplinkRateBytesPerS(), 0, s.seed());
    double[] trip = new double[o.frames()];
    try (OffloadingDrone drone = OffloadingDrone.start(base, new DeviceId("bench", DeviceKind.DRONE, "d0001"),
        FrameSource.cycling(frames), BandOrder.zigZag(), s, results::add)) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (drone.edges().nearestReachable(43.7384, 7.4246).isEmpty() && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      for (int i = 0; i < o.frames(); i++) {
        drone.captureAndSend(43.7384, 7.4246).orElseThrow(() -> new IllegalStateException("the edge node is not reachable"));
        OffloadingDrone.Result r = results.poll(60, TimeUnit.SECONDS);
        if (r == null || !r.result().ok()) {
          throw new IllegalStateException("frame " + i + " not served: " + (r == null ? "no result in 60 s" : r.result()));
        }
        trip[i] = r.roundTripMs();
      }
    }
    return trip;
  }

  private record Throughput(long offered, long served, long queueFull, long otherErrors, double servedPerS) {}

  private static Throughput throughput(Options o, MqttLinkSettings base, DeviceId edge, List<EncodedFrame> encoded)
      throws Exception {
    LongAdder served = new LongAdder();
    LongAdder queueFull = new LongAdder();
    LongAdder other = new LongAdder();
    ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
    MqttLink sender = MqttLink.create(base.withClientId("bench:offload-sender"));
    sender.subscribe(edge.topic(Channel.STATUS).toString().replace("/status", "/result/+"), 1, (t, m) -> {
      EdgeResult r = EdgePayloads.readResult(m.getPayload());
      if (seen.putIfAbsent(r.taskId(), Boolean.TRUE) != null) {
        return;
      }
      if (r.ok()) {
        served.increment();
      } else if ("queue_full".equals(r.reason())) {
        queueFull.increment();
      } else {
        other.increment();
      }
    });
    sender.connect();
    sender.awaitConnected(Duration.ofSeconds(20));
    String topic = edge.topic(Channel.TASK).toString();
    long periodNs = (long) (1e9 / o.offeredHz());
    long t0 = System.nanoTime();
    long end = t0 + o.duration().toNanos();
    long offered = 0;
    while (System.nanoTime() < end) {
      EncodedFrame e = encoded.get((int) (offered % encoded.size()));
      String id = "tp-" + offered;
      for (byte[] p : e.packets()) {
        sender.publish(topic, EdgePayloads.toJson(new EdgeTaskPacket(1, System.currentTimeMillis(), id, offered, 0,
            e.layout().width(), e.layout().height(), e.packets().size(), 2000, p)), 1, false);
      }
      offered++;
      long next = t0 + offered * periodNs;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
    long servedInRun = served.sum();
    double seconds = (System.nanoTime() - t0) / 1e9;
    // wait for the answers still coming (queued tasks finish), but count the rate over the run
    long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (served.sum() + queueFull.sum() + other.sum() < offered && System.nanoTime() < drain) {
      Thread.sleep(50);
    }
    sender.close();
    return new Throughput(offered, served.sum(), queueFull.sum(), other.sum(), servedInRun / seconds);
  }

  private static List<PixelImage> frames(Path dir) throws IOException {
    List<PixelImage> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(f -> f.toString().matches(".*\\.(jpg|png)$")).sorted().toList()) {
        out.add(PixelImages.resize(PixelImages.read(p).toRgb(), SIDE, SIDE));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--images " + dir + " holds no .jpg or .png photo");
    }
    return out;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(0);
  }

  private static double pct(double[] v, int p) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }
}
