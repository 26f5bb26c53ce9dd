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
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Topic;
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
   * Stops capturing and waits until a capture in progress has been sent and every task sent has
   * been answered (or {@code timeout} passed). Returns whether everything settled in time.
   */
  public boolean stopAndDrain(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      if (sampling != null) {
        sampling.cancel(false);
        sampling = null;
      }
    }
    try {
      captureThread.submit(() -> { }).get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
        | java.util.concurrent.RejectedExecutionException e) {
      return false;
    }
    while (!pending.isEmpty()) {
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
    PixelImage image = camera.capture((captured - startNanos) / 1e9, latDeg, lonDeg);
    int frameId = (int) frame;
    EncodedFrame encoded = SemanticEncoder.encode(image, settings.quality(), order, frameId);
    org.swarmsense.semantic.channel.Channel uplink = settings.meanLoss() > 0
        ? GilbertElliottChannel.bursty(settings.uplinkRateBytesPerS(), settings.meanLoss())
        : new ConstantRateChannel(settings.uplinkRateBytesPerS());
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
