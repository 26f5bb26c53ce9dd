package org.swarmsense.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;

/**
 * Telemetry ingest throughput and latency, measured twice in one run on the same broker: the raw
 * baseline (plain Paho publishers at the offered rate, one plain Paho subscriber that only reads
 * {@code t_ms}) and the fleet link (the {@link DeviceSimulator} at the same rate and connection count,
 * the gateway's {@link FleetLink} validating every sample into a {@link RecordingIngest}). Latency is
 * receive time minus the {@code t_ms} stamped at publish. Not thread-safe; one measurement at a time.
 */
public final class TelemetryBench {
  private TelemetryBench() {}

  /** One side of the comparison. */
  public record Side(double receivedPerS, long p50Ms, long p99Ms, long received, long sent) {}

  /**
   * The figures of one run.
   *
   * @param offeredPerS devices times rate
   * @param raw the plain-client baseline
   * @param link the gateway fleet link fed by the simulator
   * @param rawIntoLink the plain publishers of the baseline feeding the fleet link: the link's own cost
   */
  public record Result(int devices, double rateHz, int connections, double offeredPerS, Duration measured,
      Side raw, Side link, Side rawIntoLink) {
    /** Link rate over raw rate. */
    public double ratio() {
      return raw.receivedPerS() == 0 ? 0 : link.receivedPerS() / raw.receivedPerS();
    }
  }

  /**
   * Runs both sides for {@code duration} each after {@code warmup}.
   *
   * @param url the broker (anonymous access)
   * @param connections publisher connections shared by the devices, 1..devices
   */
  public static Result measure(String url, int devices, double rateHz, int connections, Duration warmup,
      Duration duration) throws Exception {
    if (devices < 1 || connections < 1 || connections > devices) {
      throw new IllegalArgumentException(
          "devices must be >= 1 and connections 1..devices, were " + devices + " and " + connections);
    }
    Side raw = raw(url, devices, rateHz, connections, warmup, duration, false);
    Side link = link(url, devices, rateHz, connections, warmup, duration);
    Side rawIntoLink = raw(url, devices, rateHz, connections, warmup, duration, true);
    return new Result(devices, rateHz, connections, devices * rateHz, duration, raw, link, rawIntoLink);
  }

  static Side link(String url, int devices, double rateHz, int connections, Duration warmup,
      Duration duration) throws Exception {
    RecordingIngest recording = new RecordingIngest();
    Window ingest = new Window(recording);
    MqttLinkSettings gw = MqttLinkSettings.defaults(url, "bench-gateway-" + System.nanoTime()).withCleanStart(true);
    try (FleetLink link = FleetLink.start(MqttLink.create(gw), ingest, Set.of("bench")::contains, "bench");
        DeviceSimulator sim = DeviceSimulator.start(SimulatorSettings.of(url, "bench", devices)
            .withRateHz(rateHz).withConnections(connections))) {
      if (!link.mqtt().awaitConnected(Duration.ofSeconds(30)) || !sim.awaitConnected(Duration.ofSeconds(60))) {
        throw new IllegalStateException("bench clients did not connect to " + url);
      }
      Thread.sleep(warmup.toMillis());
      long sentBefore = sim.telemetrySent();
      long t0 = System.nanoTime();
      ingest.open = true;
      Thread.sleep(duration.toMillis());
      ingest.open = false;
      long got = ingest.received.sum();
      long sent = sim.telemetrySent() - sentBefore;
      double s = (System.nanoTime() - t0) / 1e9;
      return new Side(got / s, ingest.latency.quantileMs(0.5), ingest.latency.quantileMs(0.99), got, sent);
    }
  }

  private static Side raw(String url, int devices, double rateHz, int connections, Duration warmup,
      Duration duration, boolean intoLink) throws Exception {
    LatencyHistogram latency = new LatencyHistogram();
    LongAdder received = new LongAdder();
    LongAdder sent = new LongAdder();
    MqttAsyncClient sub = null;
    Counting counting = new Counting(received, latency);
    Window window = new Window(new RecordingIngest());
    FleetLink link = null;
    if (intoLink) {
      link = FleetLink.start(MqttLink.create(MqttLinkSettings.defaults(url, "bench-gw-raw-" + System.nanoTime())
          .withCleanStart(true)), window, Set.of("bench-raw")::contains, "bench");
      if (!link.mqtt().awaitConnected(Duration.ofSeconds(30))) {
        link.close();
        throw new IllegalStateException("bench gateway did not connect to " + url);
      }
    } else {
      sub = client(url, "bench-raw-sub-" + System.nanoTime());
      sub.setCallback(counting);
      sub.connect(options()).waitForCompletion(30_000);
      sub.subscribe(new MqttSubscription("swarmsense/bench-raw/+/+/telemetry", 0)).waitForCompletion(30_000);
    }
    List<MqttAsyncClient> pubs = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      MqttAsyncClient c = client(url, "bench-raw-pub-" + i + "-" + System.nanoTime());
      c.connect(options()).waitForCompletion(30_000);
      pubs.add(c);
    }
    ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
    try {
      long periodNs = (long) (1e9 / rateHz);
      for (int d = 0; d < devices; d++) {
        MqttAsyncClient c = pubs.get(d % connections);
        String topic = "swarmsense/bench-raw/drone/d" + d + "/telemetry";
        ticks.scheduleAtFixedRate(() -> {
          long now = System.currentTimeMillis();
          byte[] json = Payloads.toJson(new Telemetry(1, now, 47.37, 8.54, 50, 10, 90, 80, "flying"));
          try {
            c.publish(topic, json, 0, false);
            sent.increment();
          } catch (MqttException e) {
            // counted as not sent
          }
        }, (long) (ThreadLocalRandom.current().nextDouble() * periodNs), periodNs, TimeUnit.NANOSECONDS);
      }
      Thread.sleep(warmup.toMillis());
      long sentBefore = sent.sum();
      long t0 = System.nanoTime();
      counting.open = true;
      window.open = true;
      Thread.sleep(duration.toMillis());
      counting.open = false;
      window.open = false;
      if (intoLink) {
        received.add(window.received.sum());
        latency = window.latency;
      }
      long got = received.sum();
      long sentN = sent.sum() - sentBefore;
      double s = (System.nanoTime() - t0) / 1e9;
      return new Side(got / s, latency.quantileMs(0.5), latency.quantileMs(0.99), got, sentN);
    } finally {
      ticks.shutdownNow();
      ticks.awaitTermination(5, TimeUnit.SECONDS);
      for (MqttAsyncClient c : pubs) {
        quietClose(c);
      }
      if (sub != null) {
        quietClose(sub);
      }
      if (link != null) {
        link.close();
      }
    }
  }

  /** A bench client (in-memory persistence); shared by the mqtt benches. */
  static MqttAsyncClient client(String url, String id) throws MqttException {
    return new MqttAsyncClient(url, id, new MemoryPersistence());
  }

  /** Clean start, no automatic reconnect, the largest receive window. */
  static MqttConnectionOptions options() {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setAutomaticReconnect(false);
    o.setReceiveMaximum(65535);
    return o;
  }

  /** Disconnects and closes, ignoring a client that is already gone. */
  static void quietClose(MqttAsyncClient c) {
    try {
      c.disconnect().waitForCompletion(5000);
    } catch (MqttException e) {
      // already gone
    }
    try {
      c.close(true);
    } catch (MqttException e) {
      // already gone
    }
  }

  /** The raw subscriber: counts and reads only t_ms, as cheaply as it can. */
  private static final class Counting implements MqttCallback {
    private static final byte[] KEY = "\"t_ms\":".getBytes(StandardCharsets.US_ASCII);
    private final LongAdder received;
    private final LatencyHistogram latency;
    volatile boolean open;

    Counting(LongAdder received, LatencyHistogram latency) {
      this.received = received;
      this.latency = latency;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      long now = System.currentTimeMillis();
      if (!open) {
        return;
      }
      received.increment();
      byte[] p = message.getPayload();
      outer:
      for (int i = 0; i + KEY.length < p.length; i++) {
        for (int k = 0; k < KEY.length; k++) {
          if (p[i + k] != KEY[k]) {
            continue outer;
          }
        }
        long t = 0;
        for (int j = i + KEY.length; j < p.length && p[j] >= '0' && p[j] <= '9'; j++) {
          t = t * 10 + (p[j] - '0');
        }
        latency.record(now - t);
        return;
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse r) {}

    @Override
    public void mqttErrorOccurred(MqttException e) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  /** Passes everything to the recording ingest; counts and times telemetry only inside the window. */
  private static final class Window implements FleetIngest {
    private final RecordingIngest next;
    final LongAdder received = new LongAdder();
    final LatencyHistogram latency = new LatencyHistogram();
    volatile boolean open;

    Window(RecordingIngest next) {
      this.next = next;
    }

    @Override
    public void onDeviceRegistered(org.swarmsense.gateway.wire.DeviceId device) {
      next.onDeviceRegistered(device);
    }

    @Override
    public void onStatus(org.swarmsense.gateway.wire.DeviceId device, boolean online) {
      next.onStatus(device, online);
    }

    @Override
    public void onTelemetry(org.swarmsense.gateway.wire.DeviceId device, Telemetry telemetry, long receivedAtMs) {
      next.onTelemetry(device, telemetry, receivedAtMs);
      if (open) {
        received.increment();
        latency.record(receivedAtMs - telemetry.tMs());
      }
    }

    @Override
    public void onEvent(org.swarmsense.gateway.wire.DeviceId device, org.swarmsense.gateway.wire.Event event) {
      next.onEvent(device, event);
    }

    @Override
    public void onCommandReply(org.swarmsense.gateway.wire.DeviceId device, org.swarmsense.gateway.wire.CommandReply reply) {
      next.onCommandReply(device, reply);
    }

    @Override
    public void onEdgeResult(org.swarmsense.gateway.wire.DeviceId edge, String taskId, byte[] payload) {
      next.onEdgeResult(edge, taskId, payload);
    }
  }
}
