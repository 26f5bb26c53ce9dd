package org.swarmsense.gateway.mqtt;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import org.swarmsense.gateway.wire.Command;
import org.swarmsense.gateway.wire.DeviceId;

/**
 * The soak benchmark behind {@code swarmsense bench soak}: a gateway {@link FleetLink} and a {@link
 * DeviceSimulator} fleet on one broker for a sustained run. Telemetry flows at QoS 0 the whole time;
 * during the middle half of the run every device gets one QoS 1 command (a {@code rate} command that
 * keeps its rate) with a response topic and correlation data, and every reply is counted. The heap
 * in use is measured after a GC once the fleet is connected and again at the end; telemetry latency
 * is receive time minus {@code t_ms}. Prints nothing itself; progress lines go to a consumer. Not
 * thread-safe: one run per call.
 */
public final class SoakBench {
  private static final String FLEET = "soak";

  private SoakBench() {}

  /**
   * What to run.
   *
   * @param url the broker (anonymous access)
   * @param devices simulated devices, 1..100000
   * @param rateHz telemetry per device per second, (0, 100]
   * @param duration how long telemetry flows, at least 1 s
   * @param connections device connections (devices share them), 1..devices
   * @param commandTimeout how long each command may wait for its reply
   */
  public record Settings(
      String url, int devices, double rateHz, Duration duration, int connections, Duration commandTimeout) {
    /** Validates every field; errors name the option and the value. */
    public Settings {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("url must not be empty, was '" + url + "'");
      }
      if (devices < 1 || devices > 100_000) {
        throw new IllegalArgumentException("devices must be 1..100000, was " + devices);
      }
      if (!(rateHz > 0 && rateHz <= 100)) {
        throw new IllegalArgumentException("rate-hz must be in (0, 100], was " + rateHz);
      }
      if (duration == null || duration.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("duration must be >= 1s, was " + duration);
      }
      if (connections < 1 || connections > devices) {
        throw new IllegalArgumentException("connections must be 1.." + devices + ", was " + connections);
      }
      if (commandTimeout == null || commandTimeout.isNegative() || commandTimeout.isZero()) {
        throw new IllegalArgumentException("command-timeout must be > 0, was " + commandTimeout);
      }
    }
  }

  /**
   * The figures of one run.
   *
   * @param telemetrySent samples the simulator handed to its links over its whole life
   * @param telemetryReceived samples the gateway ingested over the same time
   * @param commandsSent QoS 1 commands sent (one per device)
   * @param commandsAnswered commands whose reply came back ok
   * @param commandsFailed commands refused, timed out or failed
   * @param rejected payloads the fleet link refused (should be 0)
   * @param p50Ms median telemetry latency over every sample the gateway ingested, ms
   * @param p99Ms 99th percentile telemetry latency, ms
   * @param maxMs largest telemetry latency, ms
   * @param heapStartMiB heap in use after a GC once connected, MiB
   * @param heapEndMiB heap in use after a GC at the end (devices stopped, gateway link still open), MiB
   * @param wallS the measured window (from the heap measurement to the devices' stop), seconds
   * @param receivedPerS telemetry the gateway ingested per second in that window
   */
  public record Result(
      Settings settings,
      long telemetrySent,
      long telemetryReceived,
      long commandsSent,
      long commandsAnswered,
      long commandsFailed,
      long rejected,
      long p50Ms,
      long p99Ms,
      long maxMs,
      double heapStartMiB,
      double heapEndMiB,
      double wallS,
      double receivedPerS) {

    /** Telemetry samples not received (sent minus received, never negative). */
    public long telemetryLost() {
      return Math.max(0, telemetrySent - telemetryReceived);
    }
  }

  /** Runs the soak on {@code settings.url()} and returns its figures; progress lines go to {@code progress}. */
  public static Result run(Settings settings, Consumer<String> progress) throws Exception {
    RecordingIngest recording = new RecordingIngest();
    MqttLinkSettings gw =
        MqttLinkSettings.defaults(settings.url(), "soak-gateway-" + System.nanoTime()).withCleanStart(true);
    try (FleetLink link = FleetLink.start(MqttLink.create(gw), recording, Set.of(FLEET)::contains, "soak")) {
      if (!link.mqtt().awaitConnected(Duration.ofSeconds(30))) {
        throw new IllegalStateException("the gateway did not connect to " + settings.url());
      }
      DeviceSimulator sim = DeviceSimulator.start(SimulatorSettings.of(settings.url(), FLEET, settings.devices())
          .withRateHz(settings.rateHz()).withConnections(settings.connections()));
      try {
        if (!sim.awaitConnected(Duration.ofSeconds(120))) {
          throw new IllegalStateException("the simulated devices did not connect to " + settings.url());
        }
        double heapStart = usedHeapMiBAfterGc();
        progress.accept(String.format(java.util.Locale.ROOT,
            "%d devices connected over %d connections; heap in use after GC %.1f MiB", settings.devices(),
            settings.connections(), heapStart));
        long receivedBefore = recording.telemetryCount();
        long t0 = System.nanoTime();
        long runNs = settings.duration().toNanos();
        // commands spread over the middle half of the run
        Thread.sleep(runNs / 4 / 1_000_000);
        List<DeviceId> ids = sim.devices();
        List<CompletableFuture<Boolean>> replies = new ArrayList<>(ids.size());
        long spreadNs = runNs / 2;
        long start = System.nanoTime();
        LongAdder failed = new LongAdder();
        for (int i = 0; i < ids.size(); i++) {
          long due = start + spreadNs * i / ids.size();
          long waitNs = due - System.nanoTime();
          if (waitNs > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNs);
          }
          replies.add(link.sendCommand(FLEET, ids.get(i), Command.rate(System.currentTimeMillis(), settings.rateHz()),
                  settings.commandTimeout())
              .handle((r, e) -> e == null && r.ok()));
        }
        progress.accept(ids.size() + " commands sent");
        long leftNs = runNs - (System.nanoTime() - t0);
        if (leftNs > 0) {
          TimeUnit.NANOSECONDS.sleep(leftNs);
        }
        sim.close();
        double wallS = (System.nanoTime() - t0) / 1e9;
        long answered = 0;
        for (CompletableFuture<Boolean> r : replies) {
          if (r.get(settings.commandTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
            answered++;
          } else {
            failed.increment();
          }
        }
        long windowReceived = recording.telemetryCount() - receivedBefore;
        // loss is counted over the simulator's whole life: the gateway subscribed before it started
        long sent = sim.telemetrySent();
        // let the last samples in flight arrive: wait until the count stops growing
        long last = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
          long now = recording.telemetryCount();
          if (now == last && now >= sent) {
            break;
          }
          if (now == last) {
            Thread.sleep(500);
            if (recording.telemetryCount() == now) {
              break;
            }
          }
          last = now;
          Thread.sleep(100);
        }
        long received = recording.telemetryCount();
        double heapEnd = usedHeapMiBAfterGc();
        LatencyHistogram h = recording.latency();
        return new Result(settings, sent, received, ids.size(), answered, failed.sum(),
            link.metrics().totalRejected(), h.quantileMs(0.5), h.quantileMs(0.99), h.quantileMs(1.0),
            heapStart, heapEnd, wallS, windowReceived / wallS);
      } finally {
        sim.close();
      }
    }
  }

  /** Heap in use after asking for a full GC twice, in MiB. */
  static double usedHeapMiBAfterGc() throws InterruptedException {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    mem.gc();
    Thread.sleep(100);
    mem.gc();
    return mem.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }
}
