package org.swarmsense.gateway.mqtt;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.locationtech.jts.geom.Coordinate;
import org.swarmsense.gateway.http.FleetTokens;
import org.swarmsense.gateway.runtime.GatewayNode;
import org.swarmsense.gateway.wire.Payloads;
import org.swarmsense.gateway.wire.Telemetry;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * Breach-to-alarm latency through a whole gateway node ({@code serve}'s {@link GatewayNode}): a
 * fleet's no-fly zones are set over HTTP, plain Paho publishers report the drones' telemetry, and
 * an operator client subscribed to the fleet's {@code evt} topics times each breach alarm from the
 * send time of the telemetry that crossed into a zone. The baseline, measured in the same run by the
 * same operator client, is the plain telemetry path: publish to arrival of the drones' telemetry.
 *
 * <p>The workload is fixed by {@link Options}: zones are 100 m squares on a grid 400 m apart (action
 * alarm, so no commands add traffic), drone {@code d} belongs to zone {@code d mod fences}; a share of
 * the drones cross (4 s at the zone's centre, 4 s 150 m west of it, alternately), the others stay 150
 * m west of their zone (judged every report, never inside). Not thread-safe; one run at a time.
 */
public final class FenceBreachBench {
  private static final String FLEET = "bench-fences";
  private static final String TOKEN = "bench-fences-token-0123456789";
  private static final LocalProjection FRAME = LocalProjection.centredOn(7.42, 43.73);
  private static final long SWITCH_MS = 4000;

  private FenceBreachBench() {}

  /**
   * @param drones drones reporting, >= 1
   * @param rateHz reports per drone per second, (0, 100]
   * @param fences no-fly zones of the fleet, 1..1000
   * @param crossingShare share of the drones that cross in and out, (0, 1]
   * @param connections publisher connections shared by the drones, >= 1
   * @param warmup time before measuring
   * @param duration measured time
   */
  public record Options(int drones, double rateHz, int fences, double crossingShare, int connections,
      Duration warmup, Duration duration) {
    /** Validates; the message names the option. */
    public Options {
      if (drones < 1) {
        throw new IllegalArgumentException("--devices must be >= 1, was " + drones);
      }
      if (!(rateHz > 0 && rateHz <= 100)) {
        throw new IllegalArgumentException("--rate-hz must be in (0, 100], was " + rateHz);
      }
      if (fences < 1 || fences > 1000) {
        throw new IllegalArgumentException("--fences must be 1..1000, was " + fences);
      }
      if (!(crossingShare > 0 && crossingShare <= 1)) {
        throw new IllegalArgumentException("--crossing-share must be in (0, 1], was " + crossingShare);
      }
      if (connections < 1) {
        throw new IllegalArgumentException("--connections must be >= 1, was " + connections);
      }
      if (duration == null || duration.isZero() || duration.isNegative() || warmup == null || warmup.isNegative()) {
        throw new IllegalArgumentException("--duration must be > 0 and --warmup >= 0, were " + duration + ", " + warmup);
      }
    }
  }

  /**
   * What was measured.
   *
   * @param crossings telemetry samples that crossed into a zone during the window
   * @param alarms breach alarms received on evt for those crossings
   * @param alarmP50Ms median crossing-to-alarm latency, ms
   * @param alarmP99Ms 99th percentile crossing-to-alarm latency, ms
   * @param telemetryP50Ms median publish-to-arrival latency of plain telemetry, ms
   * @param telemetryP99Ms 99th percentile of it, ms
   * @param telemetryPerS telemetry received by the operator per second
   * @param gatewayTelemetryPerS telemetry the gateway accepted per second
   */
  public record Result(long crossings, long alarms, long alarmP50Ms, long alarmP99Ms, long telemetryP50Ms,
      long telemetryP99Ms, double telemetryPerS, double gatewayTelemetryPerS) {}

  /** Runs the bench against the broker at {@code url} and prints one table row. */
  public static Result run(Options o, String url, PrintWriter out) throws Exception {
    out.printf(Locale.ROOT, "fence breach bench: %d drones x %.1f Hz over %d connections, %d no-fly zones (100 m"
        + " squares), %.0f %% of the drones crossing in and out every %d s, %s measured after %s warm-up, %d processors%n",
        o.drones(), o.rateHz(), o.connections(), o.fences(), 100 * o.crossingShare(), SWITCH_MS / 1000, o.duration(),
        o.warmup(), Runtime.getRuntime().availableProcessors());
    out.flush();
    int crossers = (int) Math.ceil(o.drones() * o.crossingShare());
    int gridSide = (int) Math.ceil(Math.sqrt(o.fences()));
    AtomicLongArray crossedAtMs = new AtomicLongArray(o.drones());
    try (GatewayNode node = GatewayNode.start(new GatewayNode.Settings(
        MqttLinkSettings.defaults(url, "bench-fences-gw-" + System.nanoTime()), FLEET::equals,
        new FleetTokens(Map.of(FLEET, TOKEN)), "127.0.0.1", 0, null, null, line -> {}))) {
      if (!node.link().mqtt().awaitConnected(Duration.ofSeconds(30))) {
        throw new IllegalStateException("bench gateway did not connect to " + url);
      }
      putZones(node.httpUrl(), o.fences(), gridSide);
      Operator operator = new Operator(crossedAtMs);
      MqttAsyncClient sub = TelemetryBench.client(url, "bench-fences-operator-" + System.nanoTime());
      sub.setCallback(operator);
      sub.connect(TelemetryBench.options()).waitForCompletion(30_000);
      sub.subscribe(new MqttSubscription[] {new MqttSubscription("swarmsense/" + FLEET + "/drone/+/evt", 1),
          new MqttSubscription("swarmsense/" + FLEET + "/drone/+/telemetry", 0)}).waitForCompletion(30_000);
      List<MqttAsyncClient> pubs = new ArrayList<>();
      ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
      LongAdder crossings = new LongAdder();
      try {
        for (int i = 0; i < o.connections(); i++) {
          MqttAsyncClient c = TelemetryBench.client(url, "bench-fences-pub-" + i + "-" + System.nanoTime());
          c.connect(TelemetryBench.options()).waitForCompletion(30_000);
          pubs.add(c);
        }
        long periodNs = (long) (1e9 / o.rateHz());
        long startMs = System.currentTimeMillis();
        for (int d = 0; d < o.drones(); d++) {
          int drone = d;
          MqttAsyncClient c = pubs.get(d % o.connections());
          String topic = "swarmsense/" + FLEET + "/drone/d" + d + "/telemetry";
          int zone = d % o.fences();
          Coordinate inside = FRAME.toWgs84(400.0 * (zone % gridSide), 400.0 * (zone / gridSide));
          Coordinate outside = FRAME.toWgs84(400.0 * (zone % gridSide) - 150, 400.0 * (zone / gridSide));
          boolean crosses = d < crossers;
          long offsetMs = (long) ((double) d / o.drones() * 2 * SWITCH_MS);
          boolean[] wasInside = {false};
          ticks.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            boolean in = crosses && ((now - startMs + offsetMs) / SWITCH_MS) % 2 == 1;
            Coordinate at = in ? inside : outside;
            if (in && !wasInside[0]) {
              crossedAtMs.set(drone, now);
              if (operator.open) {
                crossings.increment(); // the operator counts the alarms of crossings in its window
              }
            }
            wasInside[0] = in;
            try {
              c.publish(topic, Payloads.toJson(new Telemetry(1, now, at.y, at.x, 50, 10, 90, 80, "flying")), 0, false);
            } catch (MqttException e) {
              // not sent: a lost sample
            }
          }, (long) ((double) d / o.drones() * periodNs), periodNs, TimeUnit.NANOSECONDS);
        }
        Thread.sleep(o.warmup().toMillis());
        long acceptedBefore = node.link().metrics().accepted(FLEET, org.swarmsense.gateway.wire.Channel.TELEMETRY);
        long t0 = System.nanoTime();
        operator.windowStartMs = System.currentTimeMillis();
        operator.open = true;
        Thread.sleep(o.duration().toMillis());
        operator.windowEndMs = System.currentTimeMillis();
        operator.open = false;
        double s = (System.nanoTime() - t0) / 1e9;
        long accepted = node.link().metrics().accepted(FLEET, org.swarmsense.gateway.wire.Channel.TELEMETRY) - acceptedBefore;
        // the alarms of the window's crossings may come later: wait until they are all in, at most 10 s
        long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (operator.alarms.sum() < crossings.sum() && System.nanoTime() < drainEnd) {
          Thread.sleep(50);
        }
        Result r = new Result(crossings.sum(), operator.alarms.sum(), operator.alarmLatency.quantileMs(0.5),
            operator.alarmLatency.quantileMs(0.99), operator.telemetryLatency.quantileMs(0.5),
            operator.telemetryLatency.quantileMs(0.99), operator.telemetry.sum() / s, accepted / s);
        out.printf(Locale.ROOT, "%10s %8s %10s %10s %14s %14s %12s %12s %10s%n", "crossings", "alarms", "alarm p50",
            "alarm p99", "telemetry p50", "telemetry p99", "operator/s", "gateway/s", "p99 ratio");
        out.printf(Locale.ROOT, "%10d %8d %8d ms %8d ms %11d ms %11d ms %12.0f %12.0f %10.2f%n", r.crossings(),
            r.alarms(), r.alarmP50Ms(), r.alarmP99Ms(), r.telemetryP50Ms(), r.telemetryP99Ms(), r.telemetryPerS(),
            r.gatewayTelemetryPerS(), (double) Math.max(1, r.alarmP99Ms()) / Math.max(1, r.telemetryP99Ms()));
        out.printf(Locale.ROOT, "alarm: telemetry send -> breach alarm on evt at the operator (alarms counted for the"
            + " window's crossings, waited for up to 10 s after it); telemetry: send -> arrival at the same operator (the"
            + " plain path); operator/s, gateway/s: telemetry received per second; 1-min load average %.1f%n",
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
        return r;
      } finally {
        ticks.shutdownNow();
        ticks.awaitTermination(5, TimeUnit.SECONDS);
        for (MqttAsyncClient c : pubs) {
          TelemetryBench.quietClose(c);
        }
        TelemetryBench.quietClose(sub);
      }
    }
  }

  private static void putZones(String httpUrl, int fences, int gridSide) throws Exception {
    StringBuilder fc = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int z = 0; z < fences; z++) {
      double x = 400.0 * (z % gridSide);
      double y = 400.0 * (z / gridSide);
      StringBuilder ring = new StringBuilder();
      double[][] corners = {{-50, -50}, {50, -50}, {50, 50}, {-50, 50}, {-50, -50}};
      for (double[] c : corners) {
        Coordinate w = FRAME.toWgs84(x + c[0], y + c[1]);
        ring.append(ring.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.8f,%.8f]", w.x, w.y));
      }
      fc.append(z == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"name\":\"z").append(z)
          .append("\",\"action\":\"alarm\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[").append(ring)
          .append("]]}}");
    }
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(httpUrl + "/api/fleets/" + FLEET + "/no-fly-zones"))
            .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(fc.append("]}").toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("PUT no-fly-zones answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** The operator: times breach alarms from their crossing and telemetry from its send time. */
  private static final class Operator implements MqttCallback {
    private static final byte[] T_MS = "\"t_ms\":".getBytes(StandardCharsets.US_ASCII);
    private final AtomicLongArray crossedAtMs;
    final LatencyHistogram alarmLatency = new LatencyHistogram();
    final LatencyHistogram telemetryLatency = new LatencyHistogram();
    final LongAdder alarms = new LongAdder();
    final LongAdder telemetry = new LongAdder();
    /** Telemetry is counted while open; alarms whenever their crossing was in the window. */
    volatile boolean open;
    volatile long windowStartMs = Long.MAX_VALUE;
    volatile long windowEndMs = Long.MAX_VALUE;

    Operator(AtomicLongArray crossedAtMs) {
      this.crossedAtMs = crossedAtMs;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      long now = System.currentTimeMillis();
      if (topic.endsWith("/telemetry")) {
        if (open) {
          telemetry.increment();
          telemetryLatency.record(now - tMs(message.getPayload()));
        }
      } else {
        String text = new String(message.getPayload(), StandardCharsets.UTF_8);
        if (text.contains("\"type\":\"no_fly_zone_breach\"")) {
          long crossed = crossedAtMs.get(Integer.parseInt(topic.split("/")[3].substring(1)));
          if (crossed >= windowStartMs && crossed <= windowEndMs) {
            alarms.increment();
            alarmLatency.record(now - crossed);
          }
        }
      }
    }

    private static long tMs(byte[] p) {
      outer:
      for (int i = 0; i + T_MS.length < p.length; i++) {
        for (int k = 0; k < T_MS.length; k++) {
          if (p[i + k] != T_MS[k]) {
            continue outer;
          }
        }
        long v = 0;
        for (int j = i + T_MS.length; j < p.length && p[j] >= '0' && p[j] <= '9'; j++) {
          v = v * 10 + (p[j] - '0');
        }
        return v;
      }
      return 0;
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
}
