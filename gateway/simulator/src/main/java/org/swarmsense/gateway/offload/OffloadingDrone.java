package org.swarmsense.gateway.offload;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeResult;
import org.swarmsense.gateway.wire.EdgeTaskPacket;
import org.swarmsense.gateway.wire.OccupancyPayloads;
import org.swarmsense.gateway.wire.OccupancyResult;
import org.swarmsense.gateway.wire.OccupancyTask;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Topic;
import org.swarmsense.maps.camera.StereoPair;
import org.swarmsense.semantic.channel.ConstantRateChannel;
import org.swarmsense.semantic.channel.GilbertElliottChannel;
import org.swarmsense.semantic.codec.BandOrder;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.SemanticEncoder;

/**
 * A hovering drone that offloads what its camera sees: each capture is encoded with the semantic
 * codec (the given band order: the detector's learned order when it ships, zig-zag until then), the
 * uplink model decides which packets arrive by the deadline (at most rate x deadline bytes, in band
 * order, minus bursty losses), and those go, one MQTT message each ({@link EdgeTaskPacket}, QoS 1),
 * to the nearest reachable edge node of the fleet ({@link EdgeDirectory}, fed by the nodes' status
 * and telemetry). Results on {@code .../edge/+/result/{task}} for this drone's tasks ({@code
 * {drone}-{frame}}) are matched and handed to the listener with their round-trip time (capture to
 * result); only the node the task went to may answer it, once, with the topic's task id in the
 * payload: anything else (another node's answer, a second answer, unreadable JSON) is counted in
 * {@link #badMessages} and leaves the task waiting for its node. A capture with no reachable node is
 * counted and dropped.
 *
 * <p>Leg checks (issue 19 part 4, {@link #startLegChecks}): while the drone flies it renders, every
 * interval, the nadir stereo pair at its pose, sends it as one {@link OccupancyTask} (two grey PNGs, the
 * {@link LegCorridor} box, a deadline; QoS 1) to the nearest reachable edge node on {@code
 * .../edge/{node}/occupancy}, and turns the answer on {@code .../occupancy_result/{drone}-leg-{n}} into a
 * hit or no hit by {@link LegCorridor}'s rule, with the rendered truth beside it. The same rules as for
 * frames: only the node asked may answer, once, with the topic's task id; anything else is counted in
 * {@link #badMessages}. The pair is not passed through the uplink model (it goes whole, at once).
 *
 * <p>One MQTT connection per drone (client id {@code {fleet}:offload-{drone}}). Thread-safe: captures
 * run on the drone's own thread, results arrive on the MQTT callback thread.
 */
public final class OffloadingDrone implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OffloadingDrone.class);

  /**
   * One answered frame.
   *
   * @param edge the node that answered
   * @param result its answer
   * @param roundTripMs from capture to the result's arrival, milliseconds
   * @param packetsSent packets that went out over the uplink (arrived through the channel model)
   * @param packetCount packets the frame was encoded into
   */
  public record Result(DeviceId edge, EdgeResult result, double roundTripMs, int packetsSent, int packetCount) {}

  private record Pending(DeviceId edge, long capturedNanos, int packetsSent, int packetCount) {}

  /**
   * One answered leg check (issue 19 part 4).
   *
   * @param edge the node that answered
   * @param result its answer (occupancy at the finest level reached, or an error)
   * @param roundTripMs from the request leaving the drone to the answer arriving, milliseconds
   * @param altitudeM the altitude the request was made at
   * @param corridorVoxels occupied voxels in the corridor ({@link LegCorridor}; 0 for an error)
   * @param truthBlocked whether the rendered truth has a surface in the corridor
   */
  public record LegCheck(DeviceId edge, OccupancyResult result, double roundTripMs, double altitudeM, int corridorVoxels,
      boolean truthBlocked) {

    /** Whether the answer blocks the leg (an error answer never does). */
    public boolean hit() {
      return corridorVoxels > 0;
    }
  }

  private record PendingCheck(DeviceId edge, long sentNanos, double altitudeM, boolean truthBlocked) {}

  private final DeviceId drone;
  private final FrameSource camera;
  private final BandOrder order;
  private final OffloadSettings settings;
  private final Consumer<Result> results;
  private final MqttLink link;
  private final EdgeDirectory edges = new EdgeDirectory();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService captureThread;
  private final AtomicLong frames = new AtomicLong();
  private final LongAdder noEdge = new LongAdder();
  private final LongAdder badMessages = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder tasksSent = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();
  private final long startNanos = System.nanoTime();
  private volatile ScheduledFuture<?> sampling;
  private volatile double samplingHz;
  private volatile Supplier<double[]> where;
  /** Share of the sampling ticks captured (the capture control's level k / K), (0, 1]; 1 = every tick. */
  private volatile double captureShare = 1;
  /** Whether captures run the modelled on-board detector instead of going to an edge node. */
  private volatile boolean onBoard;
  /** Capture credit: each hovering tick adds captureShare, a frame is taken when it reaches 1. */
  private double credit;
  private final LongAdder framesOnBoard = new LongAdder();
  private final Map<String, PendingCheck> pendingChecks = new ConcurrentHashMap<>();
  private final AtomicLong legChecks = new AtomicLong();
  private final LongAdder legChecksSent = new LongAdder();
  private final LongAdder legChecksNoEdge = new LongAdder();
  private final LongAdder legChecksTooLow = new LongAdder();
  private final LongAdder legCheckBytes = new LongAdder();
  private volatile LegChecks checks;
  private volatile Consumer<LegCheck> checkResults;
  private volatile ScheduledFuture<?> checking;

  private OffloadingDrone(MqttLinkSettings base, DeviceId drone, FrameSource camera, BandOrder order,
      OffloadSettings settings, Consumer<Result> results) {
    if (drone == null || drone.kind() != DeviceKind.DRONE) {
      throw new IllegalArgumentException("drone must be a drone id, got: " + drone);
    }
    if (camera == null || order == null || settings == null || results == null) {
      throw new IllegalArgumentException("camera, order, settings and results must be given");
    }
    this.drone = drone;
    this.camera = camera;
    this.order = order;
    this.settings = settings;
    this.results = results;
    this.samplingHz = settings.samplingHz();
    this.captureThread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "offload-" + drone.id());
      t.setDaemon(true);
      return t;
    });
    this.link = MqttLink.create(base.withClientId(drone.fleet() + ":offload-" + drone.id()));
    String fleetEdges = Topic.ROOT + "/" + drone.fleet() + "/" + DeviceKind.EDGE.level() + "/+/";
    link.subscribe(fleetEdges + Channel.STATUS.level(), 1, this::onEdgeStatus);
    link.subscribe(fleetEdges + Channel.TELEMETRY.level(), 0, this::onEdgeTelemetry);
    link.subscribe(fleetEdges + Channel.RESULT.level() + "/+", 1, this::onResult);
    link.subscribe(fleetEdges + Channel.OCCUPANCY_RESULT.level() + "/+", 1, this::onLegCheckResult);
  }

  /**
   * Connects the drone's offloading link (credentials and URL from {@code base}); captures start
   * with {@link #startSampling} or one at a time with {@link #captureAndSend}.
   */
  public static OffloadingDrone start(MqttLinkSettings base, DeviceId drone, FrameSource camera, BandOrder order,
      OffloadSettings settings, Consumer<Result> results) {
    OffloadingDrone d = new OffloadingDrone(base, drone, camera, order, settings, results);
    d.link.connect();
    return d;
  }

  /** Waits for the MQTT connection (true) or the timeout (false). */
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    return link.awaitConnected(timeout);
  }

  /** The edge nodes this drone hears of. */
  public EdgeDirectory edges() {
    return edges;
  }

  /**
   * Captures at the sampling rate from now on, over the position {@code where} gives ({lat, lon});
   * when it gives null the drone does not capture at that tick (e.g. it is not hovering).
   */
  public synchronized void startSampling(Supplier<double[]> where) {
    if (sampling != null) {
      sampling.cancel(false);
    }
    long periodNs = (long) (1e9 / samplingHz);
    sampling = captureThread.scheduleAtFixedRate(() -> {
      try {
        double[] p = where.get();
        if (p != null && takeThisTick()) {
          if (onBoard) {
            framesOnBoard.increment(); // the modelled on-board detector: counted, nothing rendered or sent
          } else {
            captureAndSend(p[0], p[1]);
          }
        }
      } catch (RuntimeException e) {
        log.warn("capture of {} failed: {}", drone, e.toString());
      }
    }, 0, periodNs, TimeUnit.NANOSECONDS);
    this.where = where;
  }

  /**
   * Stops capturing and checking legs, and waits until a capture in progress has been sent and every
   * task and leg check sent has been answered (or {@code timeout} passed). Returns whether everything settled in time.
   */
  public boolean stopAndDrain(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      if (sampling != null) {
        sampling.cancel(false);
        sampling = null;
      }
      if (checking != null) {
        checking.cancel(false);
        checking = null;
      }
    }
    try {
      captureThread.submit(() -> { }).get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
        | java.util.concurrent.RejectedExecutionException e) {
      return false;
    }
    while (!pending.isEmpty() || !pendingChecks.isEmpty()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Tasks sent and not answered yet (forgotten after a minute). */
  public int pendingTasks() {
    return pending.size();
  }

  /** Changes the sampling rate (the controller's knob), from the next capture on. */
  public synchronized void setSamplingHz(double hz) {
    new OffloadSettings(hz, settings.quality(), settings.deadline(), settings.uplinkRateBytesPerS(),
        settings.meanLoss(), settings.seed()); // range check
    samplingHz = hz;
    if (sampling != null) {
      startSampling(where);
    }
  }

  /**
   * The capture control's decision (issue 15 part 4), from the next sampling tick on: capture {@code
   * share} of the hovering ticks (level k of K: k / K; each hovering tick adds the share to a credit
   * and a frame is taken when the credit reaches 1, the detect run's thinning rule) and detect them
   * at the edge node or, with {@code onBoard}, with the drone's modelled on-board detector (counted in
   * {@link #framesOnBoard}; nothing is rendered or sent: the project has no on-board detector).
   */
  public void setCapture(double share, boolean onBoard) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("capture share must be in (0, 1], got: " + share);
    }
    this.captureShare = share;
    this.onBoard = onBoard;
  }

  /** On the capture thread: whether this hovering tick takes a frame (the credit rule of {@link #setCapture}). */
  private boolean takeThisTick() {
    credit += captureShare;
    if (credit >= 1 - 1e-9) {
      credit = Math.max(0, credit - 1);
      return true;
    }
    return false;
  }

  /** Frames the capture control sent to the modelled on-board detector (not rendered, not sent). */
  public long framesOnBoard() {
    return framesOnBoard.sum();
  }

  /**
   * Captures one frame over the given point now, encodes it and sends what the uplink carries to the
   * nearest reachable edge node. Returns the task id, or empty when no node is reachable (counted).
   */
  public Optional<String> captureAndSend(double latDeg, double lonDeg) {
    long frame = frames.getAndIncrement();
    long captured = System.nanoTime();
    Optional<DeviceId> edge = edges.nearestReachable(latDeg, lonDeg);
    if (edge.isEmpty()) {
      noEdge.increment();
      return Optional.empty();
    }
    FrameSource.Captured shot = camera.capture((captured - startNanos) / 1e9, latDeg, lonDeg);
    PixelImage image = shot.image();
    int frameId = (int) frame;
    org.swarmsense.semantic.channel.Channel uplink = settings.meanLoss() > 0
        ? GilbertElliottChannel.bursty(settings.uplinkRateBytesPerS(), settings.meanLoss())
        : new ConstantRateChannel(settings.uplinkRateBytesPerS());
    // road-first when the whole frame would not fit the deadline's bytes and the camera knows the roads
    EncodedFrame encoded = SemanticEncoder.encodeWithin(image, settings.quality(), order, frameId, shot.roads(),
        uplink.budgetBytes(settings.deadline()));
    org.swarmsense.semantic.channel.Channel.Delivery delivery =
        uplink.transmit(encoded.packets(), settings.deadline(), settings.seed() + frame);
    String taskId = drone.id() + "-" + frame;
    int count = encoded.packets().size();
    pending.put(taskId, new Pending(edge.get(), captured, delivery.arrived().size(), count));
    String topic = edge.get().topic(Channel.TASK).toString();
    long now = System.currentTimeMillis();
    tasksSent.increment();
    for (int i : delivery.arrived()) {
      EdgeTaskPacket p = new EdgeTaskPacket(Payloads.VERSION, now, taskId, Integer.toUnsignedLong(frameId), order.id(),
          image.width(), image.height(), count, (int) settings.deadline().toMillis(), encoded.packets().get(i),
          settings.defendPatches());
      byte[] json = EdgePayloads.toJson(p);
      bytesSent.add(json.length);
      link.publish(topic, json, 1, false);
    }
    forgetStale(captured);
    return Optional.of(taskId);
  }

  /** Tasks never answered within a minute are forgotten (bounded memory). */
  private void forgetStale(long nowNanos) {
    pending.entrySet().removeIf(e -> nowNanos - e.getValue().capturedNanos() > TimeUnit.SECONDS.toNanos(60));
  }

  private void onEdgeStatus(String topic, MqttMessage m) {
    try {
      if (m.getPayload().length > 0) {
        edges.onStatus(DeviceId.of(Topic.parse(topic)), Payloads.readOnline(m.getPayload()));
      }
    } catch (IllegalArgumentException e) {
      badMessages.increment();
    }
  }

  private void onEdgeTelemetry(String topic, MqttMessage m) {
    try {
      edges.onTelemetry(DeviceId.of(Topic.parse(topic)), EdgePayloads.readTelemetry(m.getPayload()));
    } catch (IllegalArgumentException e) {
      badMessages.increment();
    }
  }

  private void onResult(String topicName, MqttMessage m) {
    long arrived = System.nanoTime();
    try {
      Topic topic = Topic.parse(topicName);
      if (!topic.task().startsWith(drone.id() + "-")) {
        return; // another drone's task
      }
      Pending p = pending.get(topic.task());
      if (p == null || !DeviceId.of(topic).equals(p.edge())) {
        badMessages.increment(); // no such task, or an answer from a node the task was not sent to
        return;
      }
      EdgeResult r = EdgePayloads.readResult(m.getPayload());
      if (!r.taskId().equals(topic.task()) || !pending.remove(topic.task(), p)) {
        badMessages.increment();
        return;
      }
      answered.increment();
      results.accept(new Result(p.edge(), r, (arrived - p.capturedNanos()) / 1e6, p.packetsSent(), p.packetCount()));
    } catch (IllegalArgumentException e) {
      badMessages.increment();
    }
  }

  /**
   * Checks the next stretch of the leg every {@code checks}' interval from now on (issue 19 part 4),
   * over the pose {@code where} gives ({lat, lon, heading in degrees, altitude in metres}); when it
   * gives null (the drone is not flying) there is no check at that tick. Answers go to {@code
   * listener}. An interval of zero starts nothing.
   */
  public synchronized void startLegChecks(LegChecks checks, Consumer<LegCheck> listener, Supplier<double[]> where) {
    if (checks == null || listener == null || where == null) {
      throw new IllegalArgumentException("checks, listener and where must be given");
    }
    this.checks = checks;
    this.checkResults = listener;
    if (checking != null) {
      checking.cancel(false);
      checking = null;
    }
    if (!checks.settings().enabled()) {
      return;
    }
    long periodNs = checks.settings().interval().toNanos();
    checking = captureThread.scheduleAtFixedRate(() -> {
      try {
        double[] p = where.get();
        if (p != null) {
          checkLeg(p[0], p[1], p[2], p[3]);
        }
      } catch (RuntimeException e) {
        log.warn("leg check of {} failed: {}", drone, e.toString());
      }
    }, periodNs, periodNs, TimeUnit.NANOSECONDS);
  }

  /**
   * Renders the pair at this pose now and sends it as an occupancy request ({@link OccupancyTask}: two
   * grey PNGs, the {@link LegCorridor} box, the settings' deadline) to the nearest reachable edge node.
   * Returns the request's id, or empty when the drone is below {@link LegCorridor#MIN_ALTITUDE_M} or no
   * node is reachable (each counted). Needs {@link #startLegChecks} first (its settings and listener).
   */
  public Optional<String> checkLeg(double latDeg, double lonDeg, double headingDeg, double altitudeM) {
    LegChecks c = checks;
    if (c == null) {
      throw new IllegalStateException("no leg checks configured: call startLegChecks first");
    }
    long n = legChecks.getAndIncrement();
    if (!(altitudeM >= LegCorridor.MIN_ALTITUDE_M)) {
      legChecksTooLow.increment();
      return Optional.empty();
    }
    Optional<DeviceId> edge = edges.nearestReachable(latDeg, lonDeg);
    if (edge.isEmpty()) {
      legChecksNoEdge.increment();
      return Optional.empty();
    }
    StereoPair pair = c.rig().render((System.nanoTime() - startNanos) / 1e9, latDeg, lonDeg, headingDeg, altitudeM,
        settings.seed() + n);
    double[] box = LegCorridor.box(altitudeM);
    String taskId = drone.id() + "-leg-" + n;
    OccupancyTask task = new OccupancyTask(Payloads.VERSION, System.currentTimeMillis(), taskId,
        (int) c.settings().deadline().toMillis(), pair.widthPx(), pair.heightPx(), pair.focalPx(), pair.principalXPx(),
        pair.principalYPx(), 0, pair.baselineM(), box[0], box[1], box[2], box[3], greyPng(pair.left()),
        greyPng(pair.right()));
    byte[] json = OccupancyPayloads.toJson(task);
    long sent = System.nanoTime();
    pendingChecks.put(taskId, new PendingCheck(edge.get(), sent, altitudeM, LegCorridor.truthBlocked(pair, c.settings())));
    legChecksSent.increment();
    legCheckBytes.add(json.length);
    link.publish(edge.get().topic(Channel.OCCUPANCY).toString(), json, 1, false);
    pendingChecks.entrySet().removeIf(e -> sent - e.getValue().sentNanos() > TimeUnit.SECONDS.toNanos(60));
    return Optional.of(taskId);
  }

  /** An image as an 8-bit grey PNG (Java 2D's grey conversion; both views alike). */
  private static byte[] greyPng(java.awt.image.BufferedImage image) {
    java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(image.getWidth(), image.getHeight(),
        java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    java.awt.Graphics2D g = grey.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(grey, "png", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot encode the pair as PNG", e);
    }
    return out.toByteArray();
  }

  private void onLegCheckResult(String topicName, MqttMessage m) {
    long arrived = System.nanoTime();
    try {
      Topic topic = Topic.parse(topicName);
      if (!topic.task().startsWith(drone.id() + "-leg-")) {
        return; // another drone's request
      }
      PendingCheck p = pendingChecks.get(topic.task());
      if (p == null || !DeviceId.of(topic).equals(p.edge())) {
        badMessages.increment(); // no such request, or an answer from a node it was not sent to
        return;
      }
      OccupancyResult r = OccupancyPayloads.readResult(m.getPayload());
      if (!r.taskId().equals(topic.task()) || !pendingChecks.remove(topic.task(), p)) {
        badMessages.increment();
        return;
      }
      int voxels = r.ok() ? LegCorridor.corridorVoxels(r, p.altitudeM(), checks.settings()) : 0;
      checkResults.accept(new LegCheck(p.edge(), r, (arrived - p.sentNanos()) / 1e6, p.altitudeM(), voxels,
          p.truthBlocked()));
    } catch (IllegalArgumentException e) {
      badMessages.increment();
    }
  }

  /** Leg checks attempted (sent, without a node, or too low). */
  public long legChecksAttempted() {
    return legChecks.get();
  }

  /** Leg checks sent to an edge node. */
  public long legChecksSent() {
    return legChecksSent.sum();
  }

  /** Leg checks dropped because no edge node was reachable. */
  public long legChecksWithoutEdge() {
    return legChecksNoEdge.sum();
  }

  /** Leg checks skipped because the drone flew below {@link LegCorridor#MIN_ALTITUDE_M}. */
  public long legChecksTooLow() {
    return legChecksTooLow.sum();
  }

  /** Bytes of occupancy requests sent. */
  public long legCheckBytes() {
    return legCheckBytes.sum();
  }

  /** Leg checks sent and not answered yet (forgotten after a minute). */
  public int pendingLegChecks() {
    return pendingChecks.size();
  }

  /** Frames captured (or attempted: a capture with no reachable node counts too). */
  public long framesCaptured() {
    return frames.get();
  }

  /** Tasks sent to an edge node (captures with a reachable node). */
  public long tasksSent() {
    return tasksSent.sum();
  }

  /** Bytes of task messages (MQTT payloads: the JSON with the base64 codec packet) sent over the uplink. */
  public long bytesSent() {
    return bytesSent.sum();
  }

  /** Captures dropped because no edge node was reachable. */
  public long noEdgeReachable() {
    return noEdge.sum();
  }

  /** Results received for this drone's tasks. */
  public long answered() {
    return answered.sum();
  }

  /** Edge messages that could not be read, and results matching no task of this drone. */
  public long badMessages() {
    return badMessages.sum();
  }

  @Override
  public void close() {
    captureThread.shutdownNow();
    link.close();
  }
}
