package org.swarmsense.gateway.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsense.gateway.mqtt.MqttLink;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.offload.FleetOffload;
import org.swarmsense.gateway.offload.OffloadStats;
import org.swarmsense.gateway.offload.OffloadingDrone;
import org.swarmsense.gateway.tenancy.Account;
import org.swarmsense.gateway.wire.Channel;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.CommandReply;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.PayloadException;
import org.swarmsense.gateway.wire.ObservedTraffic;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * Runs {@link SimulatedDevice}s on MQTT: each device publishes a retained {@code online} status
 * whenever its connection is ready (its last will is the retained {@code offline}), telemetry at its
 * rate (QoS 0, stamped with the publish time in {@code t_ms}), and answers every command on the
 * command's response topic with its correlation data (QoS 1). Connections are {@link MqttLink}s, so
 * devices reconnect after broker restarts like the gateway.
 *
 * <p>With a {@link FleetOffload} every drone also offloads what its camera sees: each drone gets an
 * {@link OffloadingDrone} (its own MQTT connection, {@code {fleet}:offload-{id}}) that, while the
 * drone is {@code hovering}, captures at the sampling rate over the drone's position, encodes and
 * sends the frame to the nearest reachable edge node of the fleet, and counts the answers ({@link
 * #offloadFigures}). A drone that is not hovering captures nothing; with no edge node heard, each
 * capture is counted as without edge and nothing is rendered. What the edge node detected in a
 * drone's frame is also what the drone observed: its next telemetry sample carries the number of
 * detections of its newest answered frame as {@code observed.vehicles} (each answer reported once;
 * without an answer, no observation). A drone can be silenced ({@link #silence}: a crash without a
 * goodbye). With a {@link org.swarmsense.gateway.offload.CaptureSteering} (issue 15 part 4; off unless
 * given) a control thread decides once a slot every offloading drone's capture share and on-board / edge
 * choice from what the fleet sees (who hovers, each drone's nearest edge node and its telemetry).
 * With leg checks in the {@link FleetOffload} (issue 19 part 4), every flying drone also checks
 * the next stretch of its leg with a stereo pair at the configured interval ({@link
 * OffloadingDrone#startLegChecks}; {@link #legCheckFigures}). Thread-safe.
 */
public final class DeviceSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeviceSimulator.class);

  private record Group(MqttLink link, List<SimulatedDevice> devices) {}

  private final SimulatorSettings settings;
  private final ScheduledExecutorService scheduler;
  private final List<Group> groups = new ArrayList<>();
  private final Map<DeviceId, Group> groupOf = new ConcurrentHashMap<>();
  private final Map<DeviceId, ScheduledFuture<?>> tickers = new ConcurrentHashMap<>();
  private final LongAdder telemetrySent = new LongAdder();
  private final LongAdder commandsAnswered = new LongAdder();
  private final LongAdder commandsRefused = new LongAdder();
  private final LongAdder commandsRepeated = new LongAdder();
  private final FleetOffload offload;
  private final org.swarmsense.gateway.offload.CaptureSteering steering;
  /** The offloading drones with their simulated devices, in start order (the capture control's drone order). */
  private final List<SimulatedDevice> offloadingDevices = new ArrayList<>();
  private ScheduledExecutorService controlThread;
  private final LongAdder controlSlots = new LongAdder();
  private final LongAdder controlFailures = new LongAdder();
  private final List<OffloadingDrone> offloading = new ArrayList<>();
  private final OffloadStats offloadStats = new OffloadStats();
  private final org.swarmsense.gateway.offload.LegCheckStats legCheckStats = new org.swarmsense.gateway.offload.LegCheckStats();
  /** Per drone: detections of its newest answered frame, not yet reported in its telemetry. */
  private final Map<DeviceId, Integer> observed = new ConcurrentHashMap<>();
  private final Set<DeviceId> silenced = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private DeviceSimulator(SimulatorSettings settings, FleetOffload offload,
      org.swarmsense.gateway.offload.CaptureSteering steering) {
    this.settings = settings;
    this.offload = offload;
    this.steering = steering;
    AtomicInteger n = new AtomicInteger();
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "simulator-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The id of device {@code i} (0-based): every fourth a sensor {@code s0003}, else a drone {@code d0000}. */
  public static DeviceId deviceId(String fleet, int i) {
    return deviceId(fleet, i, false);
  }

  /** The id of device {@code i}; with {@code dronesOnly} every device is a drone {@code d0000}. */
  public static DeviceId deviceId(String fleet, int i, boolean dronesOnly) {
    boolean sensor = !dronesOnly && i % 4 == 3;
    return new DeviceId(fleet, sensor ? DeviceKind.SENSOR : DeviceKind.DRONE,
        String.format("%s%04d", sensor ? "s" : "d", i));
  }

  /** Connects every device and starts its telemetry; returns at once (connections come up in the background). */
  public static DeviceSimulator start(SimulatorSettings settings) {
    return start(settings, null);
  }

  /**
   * Connects every device and starts its telemetry, and with {@code offload} (null: none) every
   * drone's offloading; returns at once (connections come up in the background).
   */
  public static DeviceSimulator start(SimulatorSettings settings, FleetOffload offload) {
    return start(settings, offload, null);
  }

  /**
   * As {@link #start(SimulatorSettings, FleetOffload)}, and with {@code steering} (null: none; needs
   * {@code offload}) the fleet's capture control: once a slot it sees every offloading drone (hovering,
   * nearest reachable edge node and its telemetry) and sets each drone's capture share and on-board /
   * edge choice ({@link OffloadingDrone#setCapture}), on its own thread.
   */
  public static DeviceSimulator start(SimulatorSettings settings, FleetOffload offload,
      org.swarmsense.gateway.offload.CaptureSteering steering) {
    if (steering != null && offload == null) {
      throw new IllegalArgumentException("a capture control needs offloading drones (a FleetOffload)");
    }
    DeviceSimulator sim = new DeviceSimulator(settings, offload, steering);
    sim.startDevices();
    if (!settings.duration().isZero()) {
      sim.scheduler.schedule(sim::close, settings.duration().toMillis(), TimeUnit.MILLISECONDS);
    }
    return sim;
  }

  private void startDevices() {
    Random random = new Random(settings.seed());
    int k = settings.connections() == 0 ? settings.devices() : settings.connections();
    List<List<SimulatedDevice>> members = new ArrayList<>();
    for (int g = 0; g < k; g++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < settings.devices(); i++) {
      SimulatorSettings.Layout layout = settings.layout();
      DeviceId id = deviceId(settings.fleet(), i, layout.dronesOnly());
      // home points within about 2 km of the centre, unless given
      double lat = settings.homeLatDeg() + (random.nextDouble() - 0.5) * 0.036;
      double lon = settings.homeLonDeg() + (random.nextDouble() - 0.5) * 0.052;
      if (!layout.homes().isEmpty()) {
        double[] home = layout.homes().get(i % layout.homes().size());
        lon = home[0];
        lat = home[1];
      }
      members.get(i % k).add(new SimulatedDevice(id, lat, lon, settings.rateHz(), random.nextDouble() * 2 * Math.PI,
          layout.startOnGround(), layout.timeFactor()));
    }
    for (int g = 0; g < k; g++) {
      List<SimulatedDevice> devices = members.get(g);
      boolean single = devices.size() == 1;
      // {fleet}:... because a fleet account may only use client ids of its fleet (Account#mayUseClientId)
      String clientId = Account.clientIdOf(settings.fleet(),
          single ? "sim-" + devices.get(0).id().id() : "sim-conn" + g);
      MqttLinkSettings ls = MqttLinkSettings.defaults(settings.url(), clientId)
          .withCredentials(settings.username(), settings.password());
      if (single) {
        ls = ls.withWill(new MqttLinkSettings.Will(
            devices.get(0).id().topic(Channel.STATUS).toString(), Payloads.status(false), 1, true));
      }
      MqttLink link = MqttLink.create(ls, scheduler);
      Group group = new Group(link, devices);
      groups.add(group);
      for (SimulatedDevice d : devices) {
        groupOf.put(d.id(), group);
        link.subscribe(d.id().topic(Channel.CMD).toString(), 1, (topic, msg) -> onCommand(group, d, msg));
      }
      link.onReady(() -> {
        for (SimulatedDevice d : devices) {
          link.publish(d.id().topic(Channel.STATUS).toString(), Payloads.status(true), 1, true);
        }
      });
      link.connect();
      for (SimulatedDevice d : devices) {
        schedule(group, d, random.nextDouble());
      }
    }
    if (offload != null) {
      startOffloading();
    }
  }

  private void startOffloading() {
    MqttLinkSettings base = MqttLinkSettings.defaults(settings.url(), "unused")
        .withCredentials(settings.username(), settings.password());
    for (Group g : groups) {
      for (SimulatedDevice d : g.devices()) {
        if (d.id().kind() != DeviceKind.DRONE) {
          continue;
        }
        OffloadingDrone o = OffloadingDrone.start(base, d.id(), offload.camera(), offload.order(), offload.settings(),
            r -> {
              offloadStats.accept(r);
              if (r.result().ok()) {
                observed.put(d.id(), Math.min(ObservedTraffic.MAX_VEHICLES, r.result().detections().size()));
              }
            });
        offloading.add(o);
        offloadingDevices.add(d);
        o.startSampling(() -> {
          synchronized (d) {
            return !closed && d.state().equals("hovering") ? new double[] {d.latDeg(), d.lonDeg()} : null;
          }
        });
        offload.legChecks().ifPresent(c -> o.startLegChecks(c, legCheckStats, () -> {
          synchronized (d) {
            boolean flying = d.state().equals("flying") || d.state().equals("transit");
            return !closed && flying ? new double[] {d.latDeg(), d.lonDeg(), d.headingDeg(), d.altM()} : null;
          }
        }));
      }
    }
    if (steering != null && !offloading.isEmpty()) {
      controlThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "capture-control-" + settings.fleet());
        t.setDaemon(true);
        return t;
      });
      long slotNs = steering.slot().toNanos();
      controlThread.scheduleAtFixedRate(this::steer, 0, slotNs, TimeUnit.NANOSECONDS);
    }
  }

  /** One slot of the capture control: the fleet as it is now in, every drone's capture out. */
  private void steer() {
    if (closed) {
      return;
    }
    try {
      List<org.swarmsense.gateway.offload.CaptureSteering.DroneView> views = new ArrayList<>(offloading.size());
      for (int i = 0; i < offloading.size(); i++) {
        SimulatedDevice d = offloadingDevices.get(i);
        boolean hovering;
        double lat;
        double lon;
        synchronized (d) {
          hovering = d.state().equals("hovering") && !silenced.contains(d.id());
          lat = d.latDeg();
          lon = d.lonDeg();
        }
        views.add(new org.swarmsense.gateway.offload.CaptureSteering.DroneView(d.id(), hovering,
            offloading.get(i).edges().nearest(lat, lon)));
      }
      List<org.swarmsense.gateway.offload.CaptureSteering.Choice> choices = steering.decide(views);
      if (choices.size() != views.size()) {
        throw new IllegalStateException("the capture control answered " + choices.size() + " choices for "
            + views.size() + " drones");
      }
      for (int i = 0; i < choices.size(); i++) {
        offloading.get(i).setCapture(choices.get(i).captureShare(), choices.get(i).onBoard());
      }
      controlSlots.increment();
    } catch (RuntimeException e) {
      // a slot the control could not decide leaves every drone at its last decision; counted and logged
      controlFailures.increment();
      log.warn("capture control slot failed: {}", e.toString());
    }
  }

  /** Whether a capture control steers the drones. */
  public boolean steered() {
    return controlThread != null;
  }

  /**
   * Stops the capture control (the drones keep their last decision); waits for a slot in progress,
   * at most {@code timeout}. Call before reading the control's figures.
   */
  public boolean stopSteering(Duration timeout) throws InterruptedException {
    if (controlThread == null) {
      return true;
    }
    controlThread.shutdown();
    return controlThread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Slots the capture control decided, and slots it failed to decide (each logged). */
  public long[] controlSlots() {
    return new long[] {controlSlots.sum(), controlFailures.sum()};
  }

  /** Frames the drones sent to their modelled on-board detector (the capture control's on-board choice). */
  public long framesOnBoard() {
    long n = 0;
    for (OffloadingDrone o : offloading) {
      n += o.framesOnBoard();
    }
    return n;
  }

  /**
   * What the fleet's offloading did so far: tasks, captures without a reachable edge node, answers,
   * refusals by reason, detections, bytes and delay p50/p99 (all zero without a {@link FleetOffload}).
   */
  public org.swarmsense.epos.sensing.report.OffloadFigures offloadFigures() {
    long tasks = 0;
    long noEdge = 0;
    long bytes = 0;
    for (OffloadingDrone o : offloading) {
      tasks += o.tasksSent();
      noEdge += o.noEdgeReachable();
      bytes += o.bytesSent();
    }
    return offloadStats.figures(tasks, noEdge, bytes);
  }

  /**
   * Stops every drone's capturing and waits until the captures in progress are sent and the tasks
   * answered, at most {@code timeout} in all (the end of a run, before reading {@link
   * #offloadFigures}). Returns whether everything settled in time.
   */
  public boolean finishOffloading(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    boolean settled = true;
    settled &= stopSteering(timeout);
    for (OffloadingDrone o : offloading) {
      settled &= o.stopAndDrain(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
    }
    return settled;
  }

  /**
   * What the fleet's leg checks did so far (issue 19 part 4): requests, answers, late and refused
   * ones, levels reached, hits against the rendered truth and latency p50/p99 (all zero without leg
   * checks).
   */
  public org.swarmsense.epos.sensing.report.LegCheckFigures legCheckFigures() {
    long sent = 0;
    long noEdge = 0;
    long tooLow = 0;
    long bytes = 0;
    for (OffloadingDrone o : offloading) {
      sent += o.legChecksSent();
      noEdge += o.legChecksWithoutEdge();
      tooLow += o.legChecksTooLow();
      bytes += o.legCheckBytes();
    }
    return legCheckStats.figures(sent, noEdge, tooLow, bytes);
  }

  /** Whether the flying drones check their legs (a {@link FleetOffload} with leg checks was given). */
  public boolean checksLegs() {
    return offload != null && offload.legChecks().isPresent();
  }

  /** Whether the drones offload their frames (a {@link FleetOffload} was given). */
  public boolean offloads() {
    return offload != null;
  }

  private void schedule(Group group, SimulatedDevice d, double stagger) {
    long periodNs = (long) (1e9 / d.rateHz());
    ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> tick(group, d),
        (long) (stagger * periodNs), periodNs, TimeUnit.NANOSECONDS);
    ScheduledFuture<?> old = tickers.put(d.id(), f);
    if (old != null) {
      old.cancel(false);
    }
  }

  private void tick(Group group, SimulatedDevice d) {
    if (closed || !group.link().isConnected() || silenced.contains(d.id())) {
      return;
    }
    byte[] json;
    synchronized (d) {
      Telemetry t = d.sample(System.currentTimeMillis());
      Integer seen = observed.remove(d.id());
      json = Payloads.toJson(seen == null ? t : t.withObserved(new ObservedTraffic(seen)));
    }
    group.link().publish(d.id().topic(Channel.TELEMETRY).toString(), json, 0, false);
    telemetrySent.increment();
  }

  private void onCommand(Group group, SimulatedDevice d, MqttMessage msg) {
    if (silenced.contains(d.id())) {
      return; // a crashed drone answers nothing
    }
    long now = System.currentTimeMillis();
    CommandReply reply;
    double rateBefore = d.rateHz();
    try {
      Command c = Payloads.readCommand(msg.getPayload());
      MqttProperties props = msg.getProperties();
      byte[] corr = props == null ? null : props.getCorrelationData();
      String commandId = corr == null ? null : new String(corr, java.nio.charset.StandardCharsets.ISO_8859_1);
      SimulatedDevice.Applied a;
      synchronized (d) {
        a = d.apply(c, commandId, now);
      }
      reply = a.reply();
      if (a.repeat()) {
        commandsRepeated.increment();
      }
    } catch (PayloadException e) {
      reply = CommandReply.refused(now, null, e.rejection().code() + ": " + e.getMessage());
    }
    if (reply.ok()) {
      commandsAnswered.increment(); // a repeat is answered again (counted), not applied again
    } else {
      commandsRefused.increment();
    }
    if (d.rateHz() != rateBefore) {
      schedule(group, d, 0);
    }
    MqttProperties in = msg.getProperties();
    String responseTopic = in == null ? null : in.getResponseTopic();
    if (responseTopic == null) {
      log.debug("{}: command without response topic, not answered", d.id());
      return;
    }
    MqttProperties out = new MqttProperties();
    out.setCorrelationData(in.getCorrelationData());
    group.link().publish(responseTopic, Payloads.toJson(reply), 1, false, out);
  }

  /** Devices simulated, in order. */
  public List<DeviceId> devices() {
    List<DeviceId> ids = new ArrayList<>();
    for (int i = 0; i < settings.devices(); i++) {
      ids.add(deviceId(settings.fleet(), i, settings.layout().dronesOnly()));
    }
    return ids;
  }

  /** Waits until every connection is up; false on timeout. */
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Group g : groups) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !g.link().awaitConnected(Duration.ofNanos(left))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Cuts one device's connection without a goodbye (its last will fires if it has its own
   * connection); it reconnects and reports online again, as a device whose radio link dropped.
   */
  public void dropConnection(DeviceId device) {
    Group g = groupOf.get(device);
    if (g == null) {
      throw new IllegalArgumentException("no simulated device " + device);
    }
    g.link().dropConnection();
  }

  /**
   * Silences one device as a crash would: from now on it sends no telemetry and answers no command
   * (its connection stays up, so no last will: the gateway notices only the silence).
   */
  public void silence(DeviceId device) {
    if (!groupOf.containsKey(device)) {
      throw new IllegalArgumentException("no simulated device " + device);
    }
    silenced.add(device);
  }

  /** Telemetry samples handed to the link so far. */
  public long telemetrySent() {
    return telemetrySent.sum();
  }

  /** Commands accepted so far. */
  public long commandsAnswered() {
    return commandsAnswered.sum();
  }

  /** Command copies whose id had been applied before: answered again, not applied again. */
  public long commandsRepeated() {
    return commandsRepeated.sum();
  }

  /** Commands refused so far (bad payload or not possible). */
  public long commandsRefused() {
    return commandsRefused.sum();
  }

  /** Whether the simulator has stopped (closed, or its duration passed). */
  public boolean isClosed() {
    return closed;
  }

  /** Stops telemetry, publishes a retained {@code offline} for every device and disconnects. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    tickers.values().forEach(f -> f.cancel(false));
    if (controlThread != null) {
      controlThread.shutdownNow();
    }
    offloading.forEach(OffloadingDrone::close);
    List<java.util.concurrent.CompletableFuture<Void>> goodbyes = new ArrayList<>();
    for (Group g : groups) {
      for (SimulatedDevice d : g.devices()) {
        goodbyes.add(g.link().publish(d.id().topic(Channel.STATUS).toString(), Payloads.status(false), 1, true));
      }
    }
    try {
      java.util.concurrent.CompletableFuture.allOf(goodbyes.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
          .get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("not every offline status was acknowledged: {}", e.toString());
    }
    for (Group g : groups) {
      g.link().close();
    }
    scheduler.shutdownNow();
  }
}
