package org.swarmsense.gateway.mqtt;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.EdgePayloads;
import org.swarmsense.gateway.wire.EdgeResult;
import org.swarmsense.gateway.wire.EdgeTaskPacket;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.gateway.wire.Event;
import org.swarmsense.gateway.wire.OccupancyPayloads;
import org.swarmsense.gateway.wire.OccupancyResult;
import org.swarmsense.gateway.wire.PayloadException;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Rejection;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.gateway.wire.Topic;

/**
 * The gateway side of the fleet link: subscribes (over one {@link MqttLink}) to the status,
 * telemetry (edge nodes: {@link EdgeTelemetry}), events and edge results ({@link EdgeResult}) of every
 * device of every fleet, validates each message, registers
 * devices the first time they speak (self-provisioning within their fleet) and hands what is valid to a
 * {@link FleetIngest}. A bad topic or payload never throws out of here: it is counted in {@link
 * LinkMetrics} per fleet and reason and, when the device can be named, answered on its {@code evt}
 * topic with an {@link Event#rejected} event (QoS 0). Messages of fleets the registry does not know
 * are dropped and counted, the gateway's own tenancy check behind the broker ACL.
 *
 * <p>Commands go out at QoS 1 with an MQTT 5 response topic ({@code
 * swarmsense/{fleet}/gateway/{replyId}/reply}, inside the fleet's subtree so its ACL allows the
 * answer) and correlation data; the reply completes the returned future and reaches the ingest.
 * Thread-safe.
 */
public final class FleetLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FleetLink.class);

  private record Waiting(DeviceId device, CompletableFuture<CommandReply> reply) {}

  private final MqttLink link;
  private final FleetIngest ingest;
  private final Predicate<String> fleetKnown;
  private final String replyId;
  private final LinkMetrics metrics = new LinkMetrics();
  private final Map<DeviceId, Boolean> known = new ConcurrentHashMap<>();
  /** Devices registered per fleet; beyond {@link #maxDevicesPerFleet} new ids are refused. */
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> devicesPerFleet = new ConcurrentHashMap<>();
  private final int maxDevicesPerFleet;
  private final Map<ByteBuffer, Waiting> waiting = new ConcurrentHashMap<>();

  private FleetLink(MqttLink link, FleetIngest ingest, Predicate<String> fleetKnown, String replyId,
      int maxDevicesPerFleet) {
    if (maxDevicesPerFleet < 1) {
      throw new IllegalArgumentException("max-devices-per-fleet must be >= 1, was " + maxDevicesPerFleet);
    }
    this.maxDevicesPerFleet = maxDevicesPerFleet;
    this.link = link;
    this.ingest = ingest;
    this.fleetKnown = fleetKnown;
    this.replyId = Topic.requireName("replyId", replyId);
  }

  /**
   * Subscribes the link to every fleet's device topics, connects it if it was only created ({@link
   * MqttLink#create}, best for persistent sessions) and starts delivering to {@code ingest}. The
   * fleet link owns the MQTT link from now on and closes it.
   *
   * @param fleetKnown the gateway's tenancy check: whether a fleet is registered
   * @param replyId names this gateway's reply topic; unique per gateway instance
   */
  public static FleetLink start(
      MqttLink link, FleetIngest ingest, Predicate<String> fleetKnown, String replyId) {
    return start(link, ingest, fleetKnown, replyId,
        com.typesafe.config.ConfigFactory.load().getInt("swarmsense.gateway.fleet.max-devices"));
  }

  /**
   * As {@link #start(MqttLink, FleetIngest, Predicate, String)} with another device cap: a fleet's
   * messages from device ids beyond the first {@code maxDevicesPerFleet} are refused ({@code
   * too_many_devices}), so a flood of made-up ids cannot grow the gateway's state without bound.
   */
  public static FleetLink start(
      MqttLink link, FleetIngest ingest, Predicate<String> fleetKnown, String replyId, int maxDevicesPerFleet) {
    if (link == null || ingest == null || fleetKnown == null) {
      throw new IllegalArgumentException("link, ingest and fleetKnown must not be null");
    }
    return start(link, ingest, fleetKnown, replyId, maxDevicesPerFleet, null);
  }

  /**
   * As {@link #start(MqttLink, FleetIngest, Predicate, String)} for one of several gateway nodes:
   * telemetry, events and edge results are subscribed as the MQTT 5 shared subscription {@code
   * $share/<shareGroup>/...}, so the broker hands each message to one node of the group; statuses
   * stay a plain subscription on every node (retained statuses are not sent to shared subscriptions,
   * MQTT 5 section 4.8.2, and an online/offline status is the same news twice). Replies come on this
   * node's own reply topic ({@code replyId} must differ between nodes).
   */
  public static FleetLink startShared(
      MqttLink link, FleetIngest ingest, Predicate<String> fleetKnown, String replyId, String shareGroup) {
    Topic.requireName("shareGroup", shareGroup);
    return start(link, ingest, fleetKnown, replyId,
        com.typesafe.config.ConfigFactory.load().getInt("swarmsense.gateway.fleet.max-devices"), shareGroup);
  }

  private static FleetLink start(MqttLink link, FleetIngest ingest, Predicate<String> fleetKnown, String replyId,
      int maxDevicesPerFleet, String shareGroup) {
    if (link == null || ingest == null || fleetKnown == null) {
      throw new IllegalArgumentException("link, ingest and fleetKnown must not be null");
    }
    String shared = shareGroup == null ? "" : "$share/" + shareGroup + "/";
    FleetLink f = new FleetLink(link, ingest, fleetKnown, replyId, maxDevicesPerFleet);
    link.subscribe(Topic.filter("+", Channel.STATUS), 1, f::onDeviceMessage);
    link.subscribe(shared + Topic.filter("+", Channel.TELEMETRY), 0, f::onDeviceMessage);
    link.subscribe(shared + Topic.filter("+", Channel.EVT), 1, f::onDeviceMessage);
    link.subscribe(shared + Topic.filter("+", Channel.RESULT), 1, f::onDeviceMessage);
    link.subscribe(shared + Topic.filter("+", Channel.OCCUPANCY_RESULT), 1, f::onDeviceMessage);
    link.subscribe(Topic.ROOT + "/+/gateway/" + replyId + "/reply", 1, f::onReply);
    link.connect();
    return f;
  }

  /** The counters of accepted and refused messages. */
  public LinkMetrics metrics() {
    return metrics;
  }

  /** The MQTT link underneath (for its connection state and counters). */
  public MqttLink mqtt() {
    return link;
  }

  /**
   * Sends a command on behalf of {@code callerFleet}, which must be the device's fleet (the
   * gateway's tenancy check), and completes with the device's reply or fails after {@code timeout}.
   */
  public CompletableFuture<CommandReply> sendCommand(
      String callerFleet, DeviceId device, Command command, Duration timeout) {
    // printable (32 hex characters of a random UUID), so that any device, even a shell script
    // with mosquitto_pub, can echo it back
    return sendCommand(callerFleet, device, command, UUID.randomUUID().toString().replace("-", ""), timeout);
  }

  /**
   * Sends a command with its own id {@code commandId} (1-64 letters, digits or '-'), sent as the MQTT
   * correlation data: a command re-sent with the same id (after a gateway restart) is one command to
   * the device, which applies it once and answers every copy.
   */
  public CompletableFuture<CommandReply> sendCommand(
      String callerFleet, DeviceId device, Command command, String commandId, Duration timeout) {
    if (commandId == null || !commandId.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("commandId must be 1-64 letters, digits or '-', was " + commandId);
    }
    if (!device.fleet().equals(callerFleet)) {
      throw new IllegalArgumentException(
          "fleet '" + callerFleet + "' may not command device " + device + " of fleet '" + device.fleet() + "'");
    }
    if (!fleetKnown.test(device.fleet())) {
      throw new IllegalArgumentException("fleet '" + device.fleet() + "' is not registered");
    }
    byte[] correlation = commandId.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    CompletableFuture<CommandReply> reply = new CompletableFuture<>();
    ByteBuffer key = ByteBuffer.wrap(correlation);
    Waiting w = new Waiting(device, reply);
    waiting.put(key, w);
    reply.whenComplete((r, e) -> waiting.remove(key, w));
    MqttProperties p = new MqttProperties();
    p.setResponseTopic(Topic.ROOT + "/" + device.fleet() + "/gateway/" + replyId + "/reply");
    p.setCorrelationData(correlation);
    link.publish(device.topic(Channel.CMD).toString(), Payloads.toJson(command), 1, false, p)
        .whenComplete((ok, e) -> {
          if (e != null) {
            reply.completeExceptionally(e);
          }
        });
    return reply.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(
            e instanceof TimeoutException
                ? new TimeoutException("no reply from " + device + " within " + timeout)
                : e));
  }

  /**
   * The MQTT 5 user property that marks an event a gateway published on a device's {@code evt}
   * topic ({@link #sendEvent}): {@value #ORIGIN_KEY} = {@value #ORIGIN_GATEWAY}.
   */
  public static final String ORIGIN_KEY = "swarmsense-origin";

  /** The value of {@link #ORIGIN_KEY} on a gateway's own events. */
  public static final String ORIGIN_GATEWAY = "gateway";

  /**
   * Publishes an event on a device's {@code evt} topic at QoS 1, on the gateway's behalf (its fence
   * alarms), marked with the user property {@value #ORIGIN_KEY}={@value #ORIGIN_GATEWAY}. A plain
   * subscription uses no-local, so this node does not hear it back; a shared one ({@code $share/...},
   * several nodes) cannot (MQTT 5 section 3.8.3.1), so every gateway node drops an event carrying
   * that mark instead of counting it as the device's. The caller hands the event to its ingest
   * itself. (A device that sets the mark on its own events only hides them from the gateway.)
   */
  public CompletableFuture<Void> sendEvent(DeviceId device, Event event) {
    if (!fleetKnown.test(device.fleet())) {
      throw new IllegalArgumentException("fleet '" + device.fleet() + "' is not registered");
    }
    MqttProperties props = new MqttProperties();
    props.setUserProperties(List.of(new UserProperty(ORIGIN_KEY, ORIGIN_GATEWAY)));
    return link.publish(device.topic(Channel.EVT).toString(), Payloads.toJson(event), 1, false, props);
  }

  /** Whether {@code message} carries the gateway's own mark ({@link #sendEvent}). */
  static boolean fromGateway(MqttMessage message) {
    MqttProperties p = message.getProperties();
    if (p == null || p.getUserProperties() == null) {
      return false;
    }
    for (UserProperty u : p.getUserProperties()) {
      if (ORIGIN_KEY.equals(u.getKey()) && ORIGIN_GATEWAY.equals(u.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** Sends one packet of an inference task to an edge node at QoS 1. */
  public CompletableFuture<Void> sendTask(String callerFleet, DeviceId edge, EdgeTaskPacket packet) {
    if (edge.kind() != DeviceKind.EDGE) {
      throw new IllegalArgumentException("tasks go to edge nodes, not to " + edge);
    }
    if (!edge.fleet().equals(callerFleet)) {
      throw new IllegalArgumentException(
          "fleet '" + callerFleet + "' may not send tasks to " + edge);
    }
    return link.publish(edge.topic(Channel.TASK).toString(), EdgePayloads.toJson(packet), 1, false);
  }

  @Override
  public void close() {
    link.close();
    waiting.values().forEach(w -> w.reply().completeExceptionally(new IllegalStateException("link closed")));
  }

  // ---- incoming ----------------------------------------------------------------------------------

  private void onDeviceMessage(String topicName, MqttMessage message) {
    Topic topic;
    try {
      topic = Topic.parse(topicName);
    } catch (IllegalArgumentException e) {
      String[] levels = topicName.split("/", 3);
      String fleet = levels.length > 1 && fleetKnown.test(levels[1]) ? levels[1] : LinkMetrics.UNKNOWN_FLEET;
      metrics.countRejected(fleet, Rejection.BAD_TOPIC);
      log.debug("bad topic {}: {}", topicName, e.getMessage());
      return;
    }
    if (!fleetKnown.test(topic.fleet())) {
      metrics.countRejected(LinkMetrics.UNKNOWN_FLEET, Rejection.UNKNOWN_FLEET);
      return;
    }
    DeviceId device = DeviceId.of(topic);
    byte[] payload = message.getPayload();
    try {
      switch (topic.channel()) {
        case STATUS -> {
          if (payload.length == 0) {
            return; // a retained status being cleared
          }
          boolean online = Payloads.readOnline(payload);
          register(device);
          ingest.onStatus(device, online);
        }
        case TELEMETRY -> {
          if (topic.kind() == DeviceKind.EDGE) {
            EdgeTelemetry t = EdgePayloads.readTelemetry(payload);
            register(device);
            ingest.onEdgeTelemetry(device, t, System.currentTimeMillis());
          } else {
            Telemetry t = Payloads.readTelemetry(payload);
            register(device);
            ingest.onTelemetry(device, t, System.currentTimeMillis());
          }
        }
        case EVT -> {
          if (fromGateway(message)) {
            return; // a gateway node's own fence alarm, heard back through the shared subscription
          }
          Event e = Payloads.readEvent(payload);
          register(device);
          ingest.onEvent(device, e);
        }
        case RESULT -> {
          EdgeResult r = EdgePayloads.readResult(payload);
          if (!r.taskId().equals(topic.task())) {
            throw new PayloadException(Rejection.BAD_VALUE,
                "task_id must be the topic's task '" + topic.task() + "', was '" + r.taskId() + "'");
          }
          register(device);
          ingest.onEdgeResult(device, topic.task(), payload);
        }
        case OCCUPANCY_RESULT -> {
          // validated and counted like a detection result (issue 19 part 4); the drone that asked acts
          // on it, the gateway keeps nothing of it
          OccupancyResult r = OccupancyPayloads.readResult(payload);
          if (!r.taskId().equals(topic.task())) {
            throw new PayloadException(Rejection.BAD_VALUE,
                "task_id must be the topic's task '" + topic.task() + "', was '" + r.taskId() + "'");
          }
          register(device);
        }
        default -> {
          return; // cmd and task are not subscribed
        }
      }
      metrics.countAccepted(topic.fleet(), topic.channel());
    } catch (PayloadException e) {
      reject(device, topic, e.rejection(), e.getMessage());
    } catch (RuntimeException e) {
      log.warn("ingest failed on {}: {}", topicName, e.toString());
    }
  }

  private void onReply(String topicName, MqttMessage message) {
    MqttProperties props = message.getProperties();
    byte[] correlation = props == null ? null : props.getCorrelationData();
    Waiting w = correlation == null ? null : waiting.get(ByteBuffer.wrap(correlation));
    String fleet = topicName.split("/")[1];
    if (w == null) {
      metrics.countRejected(fleetKnown.test(fleet) ? fleet : LinkMetrics.UNKNOWN_FLEET, Rejection.BAD_VALUE);
      log.debug("reply on {} matches no waiting command", topicName);
      return;
    }
    if (!w.device().fleet().equals(fleet)) {
      metrics.countRejected(LinkMetrics.UNKNOWN_FLEET, Rejection.UNKNOWN_FLEET);
      return;
    }
    try {
      CommandReply r = Payloads.readReply(message.getPayload());
      metrics.countAccepted(fleet, Channel.CMD);
      try {
        ingest.onCommandReply(w.device(), r);
      } finally {
        w.reply().complete(r);
      }
    } catch (PayloadException e) {
      reject(w.device(), w.device().topic(Channel.CMD), e.rejection(), "reply: " + e.getMessage());
      w.reply().completeExceptionally(e);
    } catch (RuntimeException e) {
      log.warn("ingest failed on reply from {}: {}", w.device(), e.toString());
    }
  }

  private void register(DeviceId device) {
    if (known.containsKey(device)) {
      return;
    }
    java.util.concurrent.atomic.AtomicInteger count =
        devicesPerFleet.computeIfAbsent(device.fleet(), f -> new java.util.concurrent.atomic.AtomicInteger());
    synchronized (count) {
      if (known.containsKey(device)) {
        return;
      }
      if (count.get() >= maxDevicesPerFleet) {
        throw new PayloadException(Rejection.TOO_MANY_DEVICES,
            "fleet " + device.fleet() + " has " + count.get() + " devices, the most this gateway keeps");
      }
      count.incrementAndGet();
      known.put(device, Boolean.TRUE);
    }
    ingest.onDeviceRegistered(device);
  }

  private void reject(DeviceId device, Topic topic, Rejection why, String detail) {
    metrics.countRejected(device.fleet(), why);
    Event e = Event.rejected(System.currentTimeMillis(), why, topic.channel().level() + ": " + detail);
    link.publish(device.topic(Channel.EVT).toString(), Payloads.toJson(e), 0, false);
  }
}
