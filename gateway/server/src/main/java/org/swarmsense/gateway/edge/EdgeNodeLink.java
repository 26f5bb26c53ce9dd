package org.swarmsense.gateway.edge;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsense.agents.edge.EdgeNode;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.offload.FrameDetector;
import org.swarmsense.edge.offload.FrameTask;
import org.swarmsense.edge.offload.OffloadServer;
import org.swarmsense.edge.offload.TaskOutcome;
import org.swarmsense.edge.serving.Clock;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.stereo.OccupancyServer;
import org.swarmsense.edge.stereo.OccupancyService;
import org.swarmsense.edge.stereo.StereoCalibration;
import org.swarmsense.edge.stereo.VoxelBox;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgeBox;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeRegion;
import org.swarmsense.gateway.wire.EdgeResult;
import org.swarmsense.gateway.wire.EdgeTaskPacket;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.wire.OccupancyPayloads;
import org.swarmsense.gateway.wire.OccupancyResult;
import org.swarmsense.gateway.wire.OccupancyTask;
import org.swarmsense.gateway.wire.PayloadException;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Rejection;
import org.swarmsense.gateway.wire.Topic;
import org.swarmsense.semantic.codec.BandOrder;

/**
 * One edge node on MQTT: an {@link EdgeNode} actor (on Pekko's blocking dispatcher) behind its own
 * {@link MqttLink} as device {@code swarmsense/{fleet}/edge/{id}}. It publishes the retained status
 * {@code online} whenever its connection is ready (the last will is the retained {@code offline}),
 * {@link EdgeTelemetry} every {@code telemetry-interval} (position, queue length and capacity, load,
 * served and rejected counts), subscribes to its own {@code task} topic, validates each message
 * ({@link EdgePayloads#readTask}: size, version, fields; a message on any other fleet's or node's
 * topic is refused too) and hands the packet to the actor; the actor's answer goes out on {@code
 * result/{task}} at QoS 1. A message that is not a valid task is counted by {@link Rejection} and
 * answered with a {@code rejected} event on the node's {@code evt} (QoS 0), as the gateway's fleet
 * link does; valid tasks that the node refuses or cannot serve are answered with an error result.
 *
 * <p>The actor's mailbox takes one message per packet; it drains in microseconds per packet (an open
 * task is a table entry) except while a frame is decoded and detected. The node holds at most {@code
 * queue-capacity} open tasks, and a task whose first packet waited in the mailbox past its deadline
 * is refused {@code expired} without work, so a flood of tasks is answered with {@code queue_full} or
 * {@code expired} errors rather than served ever later: what waits is bounded by the offered rate
 * times the longest deadline (60 s on the wire). Thread-safe; close to stop the telemetry, the link and the actor.
 *
 * <p>Occupancy (issue 19 part 4): the node also subscribes to its own {@code occupancy} topic; a valid
 * {@link OccupancyTask} is admitted by the node's {@link OccupancyServer} (at most {@code
 * queue-capacity} at once, else {@code queue_full} at once) and served by the actor through the
 * deadline-aware {@code OccupancyService} with edge-inference's stereo settings; the answer (the finest
 * level reached, whether it was late) or the error ({@code expired}, {@code bad_image}, {@code
 * occupancy_failed}) goes out on {@code occupancy_result/{task}} at QoS 1. Invalid messages are
 * refused and counted as for tasks, with {@code occupancy: } before the detail.
 */
public final class EdgeNodeLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdgeNodeLink.class);

  /**
   * Where a node is (its telemetry position, from which drones pick the nearest).
   *
   * @param latDeg WGS84 latitude, degrees
   * @param lonDeg WGS84 longitude, degrees
   * @param altM altitude, metres
   */
  public record Position(double latDeg, double lonDeg, double altM) {

    /** Validates the ranges, as the telemetry payload will. */
    public Position {
      new EdgeTelemetry(Payloads.VERSION, 0, latDeg, lonDeg, altM, "serving", 0, 1, 0, 0, 0);
    }
  }

  private final DeviceId id;
  private final Position position;
  private final MqttLink link;
  private final ActorSystem<?> system;
  private final ActorRef<EdgeNode.Command> node;
  private final ActorRef<Object> shell;
  private final ActorRef<TaskOutcome> publisher;
  private final ActorRef<OccupancyServer.Outcome> occupancyPublisher;
  private final OccupancyServer occupancy;
  private final LongAdder occupancyResults = new LongAdder();

  private enum Stop { INSTANCE }
  private final Cancellable telemetry;
  private final Map<Rejection, LongAdder> rejected = new EnumMap<>(Rejection.class);
  private final LongAdder results = new LongAdder();

  private EdgeNodeLink(ActorSystem<SpawnProtocol.Command> system, MqttLinkSettings base, DeviceId id,
      Position position, EdgeNodeSettings settings, FrameDetector detector, List<BandOrder> orders) {
    if (id == null || id.kind() != DeviceKind.EDGE) {
      throw new IllegalArgumentException("id must be an edge node id, got: " + id);
    }
    if (position == null || settings == null || detector == null) {
      throw new IllegalArgumentException("position, settings and detector must be given");
    }
    for (Rejection r : Rejection.values()) {
      rejected.put(r, new LongAdder());
    }
    this.id = id;
    this.position = position;
    this.system = system;
    OffloadServer server = new OffloadServer(detector, orders, settings.limits(), Clock.system());
    // occupancy requests (issue 19 part 4): at most queue-capacity admitted at once; the matcher starts
    // its threads on the first request
    EdgeInferenceSettings.Stereo stereo = EdgeInferenceSettings.Stereo.load();
    this.occupancy = new OccupancyServer(() -> new OccupancyService(stereo.matcher(), stereo.occupancy(),
        stereo.footprint()), settings.queueCapacity());
    // one shell actor per node: it publishes the node's answers and is the node's parent, so that
    // stopping it stops both
    java.util.concurrent.CompletableFuture<ActorRef<EdgeNode.Command>> child = new java.util.concurrent.CompletableFuture<>();
    this.shell = spawn(system, Behaviors.<Object>setup(ctx -> {
      child.complete(ctx.spawn(EdgeNode.create(id.id(), server, occupancy), "node", DispatcherSelector.blocking()));
      return Behaviors.receive(Object.class)
          .onMessage(TaskOutcome.class, o -> {
            publish(o);
            return Behaviors.same();
          })
          .onMessage(OccupancyServer.Outcome.class, o -> {
            publishOccupancy(o);
            return Behaviors.same();
          })
          .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
          .build();
    }), "edge-" + id.fleet() + "-" + id.id(), Props.empty());
    this.node = child.join();
    this.publisher = shell.narrow();
    this.occupancyPublisher = shell.narrow();
    String status = id.topic(Channel.STATUS).toString();
    MqttLinkSettings ls = base.withClientId(Account.clientIdOf(id.fleet(), "edge-" + id.id()))
        .withWill(new MqttLinkSettings.Will(status, Payloads.status(false), 1, true));
    this.link = MqttLink.create(ls);
    link.subscribe(id.topic(Channel.TASK).toString(), 1, this::onTask);
    link.subscribe(id.topic(Channel.OCCUPANCY).toString(), 1, this::onOccupancy);
    link.onReady(() -> link.publish(status, Payloads.status(true), 1, true));
    link.connect();
    long periodMs = settings.telemetryInterval().toMillis();
    this.telemetry = system.scheduler().scheduleAtFixedRate(Duration.ZERO, settings.telemetryInterval(),
        this::sendTelemetry, system.executionContext());
    log.debug("edge node {} started, telemetry every {} ms", id, periodMs);
  }

  /**
   * Starts an edge node in {@code system}, connecting with {@code base}'s URL and credentials (the
   * client id becomes {@code {fleet}:edge-{id}}).
   *
   * @param orders band orders tasks may use (zig-zag and the detector's learned order)
   */
  public static EdgeNodeLink start(ActorSystem<SpawnProtocol.Command> system, MqttLinkSettings base, DeviceId id,
      Position position, EdgeNodeSettings settings, FrameDetector detector, List<BandOrder> orders) {
    return new EdgeNodeLink(system, base, id, position, settings, detector, orders);
  }

  private static <T> ActorRef<T> spawn(ActorSystem<SpawnProtocol.Command> system, Behavior<T> behavior, String name,
      Props props) {
    try {
      return AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(system,
          reply -> new SpawnProtocol.Spawn<>(behavior, name, props, reply), Duration.ofSeconds(10),
          system.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start " + name + ": " + e, e);
    }
  }

  /** The node's device id. */
  public DeviceId id() {
    return id;
  }

  /** Where the node is (the position its telemetry reports). */
  public Position position() {
    return position;
  }

  /** Waits for the MQTT connection (true) or the timeout (false). */
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    return link.awaitConnected(timeout);
  }

  /** Task messages refused before reaching the node, by reason (every reason listed). */
  public Map<Rejection, Long> rejectedMessages() {
    Map<Rejection, Long> m = new EnumMap<>(Rejection.class);
    rejected.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Results published (served and errors). */
  public long resultsSent() {
    return results.sum();
  }

  /** The node's load now (queue, counters by reason), asked from the actor. */
  public EdgeNode.Load load(Duration timeout) throws Exception {
    return AskPattern.<EdgeNode.Command, EdgeNode.Load>ask(node, EdgeNode.GetLoad::new, timeout, system.scheduler())
        .toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
  }

  private void onTask(String topicName, MqttMessage message) {
    long received = System.nanoTime();
    try {
      Topic topic = Topic.parse(topicName);
      if (!DeviceId.of(topic).equals(id) || topic.channel() != Channel.TASK) {
        throw new PayloadException(Rejection.BAD_TOPIC, "task for " + DeviceId.of(topic) + " reached " + id);
      }
      EdgeTaskPacket p = EdgePayloads.readTask(message.getPayload());
      FrameTask task = new FrameTask(p.taskId(), p.frameId(), p.orderId(), p.widthPx(), p.heightPx(), p.packetCount(),
          Duration.ofMillis(p.deadlineMs()), p.defend());
      node.tell(new EdgeNode.SubmitPacket(task, p.packet(), received, publisher));
    } catch (PayloadException e) {
      refuse(e.rejection(), "task: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      refuse(Rejection.BAD_TOPIC, "task: " + e.getMessage());
    }
  }

  /**
   * An occupancy request on this node's {@code occupancy} topic (issue 19 part 4): validated like a
   * task ({@link OccupancyPayloads#readTask}: at most {@link OccupancyTask#MAX_MESSAGE_BYTES}, version,
   * fields; anything else is refused by {@link Rejection} and answered on {@code evt}); a valid request
   * the node already holds {@code queue-capacity} of is answered {@code queue_full} at once, the rest go
   * to the actor.
   */
  private void onOccupancy(String topicName, MqttMessage message) {
    long received = System.nanoTime();
    try {
      Topic topic = Topic.parse(topicName);
      if (!DeviceId.of(topic).equals(id) || topic.channel() != Channel.OCCUPANCY) {
        throw new PayloadException(Rejection.BAD_TOPIC, "occupancy request for " + DeviceId.of(topic) + " reached " + id);
      }
      OccupancyTask t = OccupancyPayloads.readTask(message.getPayload());
      OccupancyServer.Job job = new OccupancyServer.Job(t.taskId(), t.leftPng(), t.rightPng(), t.widthPx(), t.heightPx(),
          new StereoCalibration(t.focalPx(), t.cxPx(), t.cyPx(), t.doffsPx(), t.baselineM()),
          new VoxelBox(t.boxMinXM(), t.boxMinYM(), t.boxMinZM(), t.boxSideM()), Duration.ofMillis(t.deadlineMs()));
      if (!occupancy.admit()) {
        publishOccupancy(occupancy.queueFull(t.taskId()));
        return;
      }
      node.tell(new EdgeNode.SubmitOccupancy(job, received, occupancyPublisher));
    } catch (PayloadException e) {
      refuse(e.rejection(), "occupancy: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      refuse(Rejection.BAD_TOPIC, "occupancy: " + e.getMessage());
    }
  }

  private void publishOccupancy(OccupancyServer.Outcome o) {
    long now = System.currentTimeMillis();
    OccupancyResult r;
    if (o instanceof OccupancyServer.Answered a) {
      r = OccupancyResult.answer(now, a.taskId(), a.finest().resolution(), a.fullPass(),
          OccupancyResult.bits(a.finest().occupied()), Math.min(3_600_000, a.latencyMs()), a.late());
    } else {
      OccupancyServer.Refused f = (OccupancyServer.Refused) o;
      r = OccupancyResult.error(now, f.taskId(), f.reason(), f.detail());
    }
    link.publish(new Topic(id.fleet(), DeviceKind.EDGE, id.id(), Channel.OCCUPANCY_RESULT, o.taskId()).toString(),
        OccupancyPayloads.toJson(r), 1, false);
    occupancyResults.increment();
  }

  /** The node's occupancy desk: requests answered, late, and refused by reason. */
  public OccupancyServer occupancy() {
    return occupancy;
  }

  /** Occupancy results published (answers and errors). */
  public long occupancyResultsSent() {
    return occupancyResults.sum();
  }

  private void refuse(Rejection why, String detail) {
    rejected.get(why).increment();
    Event e = Event.rejected(System.currentTimeMillis(), why, detail);
    link.publish(id.topic(Channel.EVT).toString(), Payloads.toJson(e), 0, false);
  }

  private void publish(TaskOutcome o) {
    EdgeResult r;
    long now = System.currentTimeMillis();
    if (o instanceof TaskOutcome.Served s) {
      List<EdgeBox> boxes = s.detections().stream().limit(EdgeResult.MAX_DETECTIONS).map(EdgeNodeLink::box).toList();
      List<EdgeRegion> masked = s.masked().stream().limit(EdgeResult.MAX_MASKED).map(g -> new EdgeRegion(
          g.x0() * s.widthPx(), g.y0() * s.heightPx(), g.x1() * s.widthPx(), g.y1() * s.heightPx())).toList();
      r = EdgeResult.served(now, s.taskId(), s.frameId(), boxes, s.energyShare(), s.packetsAccepted(),
          s.packetsExpected(), s.latencyMs(), s.computeMs(), s.variant(), s.defended(), masked);
    } else {
      TaskOutcome.Refused f = (TaskOutcome.Refused) o;
      r = EdgeResult.error(now, f.taskId(), f.reason().code(), f.detail());
    }
    link.publish(new Topic(id.fleet(), DeviceKind.EDGE, id.id(), Channel.RESULT, o.taskId()).toString(),
        EdgePayloads.toJson(r), 1, false);
    results.increment();
  }

  private static EdgeBox box(Detection d) {
    return new EdgeBox(d.classId(), d.score(), Math.max(0, d.x0()), Math.max(0, d.y0()), Math.max(0, d.x1()),
        Math.max(0, d.y1()));
  }

  private void sendTelemetry() {
    AskPattern.<EdgeNode.Command, EdgeNode.Load>ask(node, EdgeNode.GetLoad::new, Duration.ofSeconds(5),
        system.scheduler()).whenComplete((l, e) -> {
          if (l == null) {
            return; // busy past the timeout: the next period reports
          }
          EdgeTelemetry t = new EdgeTelemetry(Payloads.VERSION, System.currentTimeMillis(), position.latDeg(),
              position.lonDeg(), position.altM(), "serving", Math.min(l.queueLength(), l.queueCapacity()),
              l.queueCapacity(), Math.max(0, Math.min(1, l.load())), l.served(), l.rejected());
          link.publish(id.topic(Channel.TELEMETRY).toString(), EdgePayloads.toJson(t), 0, false);
        });
  }

  /** Stops telemetry, publishes the retained {@code offline}, disconnects and stops the actor. */
  @Override
  public void close() {
    telemetry.cancel();
    try {
      link.publish(id.topic(Channel.STATUS).toString(), Payloads.status(false), 1, true).get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("{}: offline status not acknowledged: {}", id, e.toString());
    }
    link.close();
    shell.tell(Stop.INSTANCE);
    occupancy.close();
  }
}
