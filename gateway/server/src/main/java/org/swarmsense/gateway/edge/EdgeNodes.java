package org.swarmsense.gateway.edge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.agents.edge.EdgeNode;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.edge.offload.PatchDefencePolicy;
import org.swarmsense.edge.patch.ImportanceDefence;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.maps.geo.LocalProjection;
import org.swarmsense.semantic.codec.BandOrder;

/**
 * A group of edge nodes of one fleet, as {@code serve} and the demo start them ({@code --edge-nodes
 * N}), and the plain entry of {@code swarmsense edge} ({@link #run}). Node {@code i} of {@code n} is
 * {@code edge-i} (from 1), placed on a ring of {@link #RING_RADIUS_M} around the given centre at
 * angle i/n x 360 degrees (one node sits north of the centre), so that drones spread their frames
 * over the nodes by distance. Each node opens its own detector session on the configured model and
 * knows zig-zag plus the band order stored next to the model ({@code <model stem>.band-order.txt})
 * if there is one; with no model configured ({@code detector-model} empty) every node runs the
 * shipped vehicle detector ({@link #DEFAULT_VARIANT}, from edge-inference's classpath) and knows
 * zig-zag plus its learned band order (the id in its order file). Thread-safe; close to stop every node.
 */
public final class EdgeNodes implements AutoCloseable {

  /** Radius of the ring the nodes sit on, metres. */
  public static final double RING_RADIUS_M = 500;

  /** The shipped vehicle detector an edge node runs when no model file is configured. */
  public static final VehicleDetector.Variant DEFAULT_VARIANT = VehicleDetector.Variant.PLAIN;

  private final List<EdgeNodeLink> nodes;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private EdgeNodes(List<EdgeNodeLink> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts the nodes of {@code fleet} in {@code system}, one per opened detector (none when the
   * settings' count is 0).
   *
   * @param base URL and credentials of the nodes' MQTT connections (client ids {@code {fleet}:edge-{id}})
   * @param detectors the nodes' settings and detectors, from {@link #open}
   */
  public static EdgeNodes start(ActorSystem<SpawnProtocol.Command> system, MqttLinkSettings base, String fleet,
      double centreLatDeg, double centreLonDeg, Detectors detectors) {
    List<EdgeNodeLink> started = new ArrayList<>();
    EdgeNodeSettings settings = detectors.settings();
    LocalProjection centre = LocalProjection.centredOn(centreLonDeg, centreLatDeg);
    for (int i = 1; i <= settings.count(); i++) {
      double a = 2 * Math.PI * (i - 1) / settings.count();
      Coordinate p = centre.toWgs84(RING_RADIUS_M * Math.sin(a), RING_RADIUS_M * Math.cos(a));
      started.add(EdgeNodeLink.start(system, base, new DeviceId(fleet, DeviceKind.EDGE, "edge-" + i),
          new EdgeNodeLink.Position(p.y, p.x, 10), settings, detectors.detectors().get(i - 1), detectors.orders()));
    }
    return new EdgeNodes(started);
  }

  /**
   * The opened detectors of {@code settings.count()} nodes and the band orders they decode: what {@link
   * #start} needs, opened by {@link #open} before anything else starts, so a model or calibration that
   * cannot run stops {@code serve} or the demo before its broker and HTTP server are up.
   */
  public record Detectors(EdgeNodeSettings settings, List<FrameDetector> detectors, List<BandOrder> orders) {
    /** Checks one detector per node. */
    public Detectors {
      if (settings == null || detectors == null || orders == null || detectors.size() != settings.count()) {
        throw new IllegalArgumentException("settings, orders and one detector per node (" + (settings == null ? "?"
            : settings.count()) + ") must be given, got " + (detectors == null ? "none" : detectors.size()));
      }
      detectors = List.copyOf(detectors);
      orders = List.copyOf(orders);
    }
  }

  /**
   * Opens a detector per node ({@link #openDetector}; none when the count is 0). A calibration file is
   * read once for all of them.
   *
   * @throws IllegalArgumentException as {@link #openDetector}
   */
  public static Detectors open(EdgeNodeSettings settings) throws Exception {
    List<FrameDetector> detectors = new ArrayList<>();
    if (settings.count() == 0) {
      return new Detectors(settings, detectors, List.of());
    }
    List<BandOrder> orders = ordersFor(settings);
    Optional<ImportanceDefence.Calibration> calibration = calibration(settings);
    for (int i = 1; i <= settings.count(); i++) {
      detectors.add(openDetector(settings, calibration));
    }
    return new Detectors(settings, detectors, orders);
  }

  /**
   * The detector a node runs: the configured model file (COCO format, no patch defence), else the
   * shipped vehicle detector {@link #DEFAULT_VARIANT} with the settings' threads, behind the patch
   * defence unless the settings' policy is {@code off} (same detections when a task is not defended),
   * with the settings' calibration file if one is given (else the shipped one).
   *
   * @throws IllegalArgumentException naming {@code swarmsense.agents.edge-node.patch-calibration} and the
   *     file when it cannot be read or is not a calibration of the shipped detector
   */
  public static FrameDetector openDetector(EdgeNodeSettings settings) throws Exception {
    return openDetector(settings, calibration(settings));
  }

  /** The setting a calibration file comes from, named in its errors. */
  private static final String CALIBRATION_SETTING = "swarmsense.agents.edge-node.patch-calibration";

  /** Whether the nodes run the shipped detector behind the patch defence. */
  private static boolean defended(EdgeNodeSettings settings) {
    return settings.detectorModel().isEmpty() && settings.patchDefence() != PatchDefencePolicy.OFF
        && DEFAULT_VARIANT == VehicleDetector.Variant.PLAIN;
  }

  /** The settings' calibration file, read, when a defended node would use it; empty: the shipped one or none. */
  private static Optional<ImportanceDefence.Calibration> calibration(EdgeNodeSettings settings) {
    if (!defended(settings) || settings.patchCalibration().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ImportanceDefence.Calibration.read(settings.patchCalibration().get()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(CALIBRATION_SETTING + ": " + e.getMessage(), e);
    }
  }

  private static FrameDetector openDetector(EdgeNodeSettings settings,
      Optional<ImportanceDefence.Calibration> calibration) throws Exception {
    if (settings.detectorModel().isPresent()) {
      return FrameDetector.open(settings.detectorModel().get(), settings.detectorThreads(), settings.minScore());
    }
    if (!defended(settings)) {
      return FrameDetector.shippedVehicles(DEFAULT_VARIANT, settings.detectorThreads(), EdgeInferenceSettings.load());
    }
    if (calibration.isEmpty()) {
      return FrameDetector.shippedDefendedVehicles(settings.detectorThreads(), EdgeInferenceSettings.load(),
          settings.patchDefence());
    }
    try {
      return FrameDetector.shippedDefendedVehicles(settings.detectorThreads(), EdgeInferenceSettings.load(),
          settings.patchDefence(), calibration.get(), settings.patchCalibration().get().toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(CALIBRATION_SETTING + ": " + e.getMessage(), e);
    }
  }

  /** The band orders a node decodes: see {@link #ordersFor(Path)}, or zig-zag plus the shipped detector's. */
  public static List<BandOrder> ordersFor(EdgeNodeSettings settings) throws IOException {
    if (settings.detectorModel().isPresent()) {
      return ordersFor(settings.detectorModel().get());
    }
    return List.of(BandOrder.zigZag(), DEFAULT_VARIANT.bandOrder());
  }

  /**
   * A line naming what the nodes run: the model file's name or the shipped detector (and, when the
   * defence runs on a deployment's own calibration, its file).
   */
  public static String describeDetector(EdgeNodeSettings settings) {
    String unused = settings.patchCalibration().map(f -> "patch calibration " + f + " unused").orElse(null);
    if (settings.detectorModel().isPresent()) {
      String name = settings.detectorModel().get().getFileName().toString();
      return unused == null ? name : name + " (" + unused + ": no patch defence with a model file)";
    }
    String defence = settings.patchDefence() == PatchDefencePolicy.OFF
        ? (unused == null ? "" : ", patch defence off, " + unused)
        : settings.patchCalibration().map(f -> ", patch calibration " + f).orElse("");
    return "the shipped vehicle detector (" + DEFAULT_VARIANT.name().toLowerCase(Locale.ROOT) + ", band order id "
        + DEFAULT_VARIANT.bandOrder().id() + defence + ")";
  }

  /** Zig-zag, plus the order stored as {@code <model stem>.band-order.txt} next to the model, if any. */
  public static List<BandOrder> ordersFor(Path model) throws IOException {
    List<BandOrder> orders = new ArrayList<>(List.of(BandOrder.zigZag()));
    String stem = model.getFileName().toString().replaceAll("\\.onnx$", "");
    Path learned = model.resolveSibling(stem + ".band-order.txt");
    if (Files.isRegularFile(learned)) {
      BandOrder o = BandOrder.read(learned);
      if (o.id() != 0) {
        orders.add(o);
      }
    }
    return orders;
  }

  /** The running nodes. */
  public List<EdgeNodeLink> nodes() {
    return nodes;
  }

  /** Stops every node (once; later calls do nothing). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      nodes.forEach(EdgeNodeLink::close);
    }
  }

  /**
   * What {@code swarmsense edge} runs: one node as its own process.
   *
   * @param mqtt broker URL and credentials
   * @param fleet the node's fleet
   * @param id the node's id
   * @param position where it is (drones pick the nearest node)
   * @param settings the agents' edge-node settings (model, queue, telemetry period)
   * @param duration how long to run; zero until interrupted
   */
  public record RunOptions(MqttLinkSettings mqtt, String fleet, String id, EdgeNodeLink.Position position,
      EdgeNodeSettings settings, Duration duration) {

    /** Checks that everything is given. */
    public RunOptions {
      if (mqtt == null || position == null || settings == null || duration == null || duration.isNegative()) {
        throw new IllegalArgumentException("mqtt, position, settings and a duration >= 0 must be given");
      }
      new DeviceId(fleet, DeviceKind.EDGE, id); // name checks
    }
  }

  /** Runs one node until {@code duration} passes or the process is interrupted; prints its load every 5 s. */
  public static void run(RunOptions o, PrintStream out) throws Exception {
    Optional<Path> model = o.settings().detectorModel();
    if (model.isPresent() && !Files.isRegularFile(model.get())) {
      throw new IllegalArgumentException("detector model not found: " + model.get());
    }
    ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "swarmsense-edge");
    DeviceId id = new DeviceId(o.fleet(), DeviceKind.EDGE, o.id());
    try (EdgeNodeLink node = EdgeNodeLink.start(system, o.mqtt(), id, o.position(), o.settings(),
        openDetector(o.settings()), ordersFor(o.settings()))) {
      Runtime.getRuntime().addShutdownHook(new Thread(node::close));
      boolean up = node.awaitConnected(Duration.ofSeconds(30));
      out.printf(Locale.ROOT, "edge node %s %s to %s, detector %s, queue %d, %s%n", id, up ? "connected" : "not yet connected",
          o.mqtt().url(), describeDetector(o.settings()), o.settings().queueCapacity(),
          o.duration().isZero() ? "until interrupted" : "for " + o.duration());
      out.flush();
      long end = o.duration().isZero() ? Long.MAX_VALUE : System.nanoTime() + o.duration().toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        EdgeNode.Load l = node.load(Duration.ofSeconds(5));
        out.printf(Locale.ROOT, "queue %d/%d, load %.2f, served %d, rejected %d %s, bad messages %d%n", l.queueLength(),
            l.queueCapacity(), l.load(), l.served(), l.rejected(), new java.util.TreeMap<>(l.rejectedByReason().entrySet()
                .stream().filter(e -> e.getValue() > 0).collect(java.util.stream.Collectors.toMap(
                    e -> e.getKey().code(), java.util.Map.Entry::getValue))),
            node.rejectedMessages().values().stream().mapToLong(Long::longValue).sum());
        out.flush();
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
