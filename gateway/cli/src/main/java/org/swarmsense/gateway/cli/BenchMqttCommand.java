package org.swarmsense.gateway.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.FenceBreachBench;
import org.swarmsense.gateway.mqtt.TelemetryBench;
import org.swarmsense.gateway.mqtt.TelemetrySaturation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense bench mqtt}: telemetry ingest through the fleet link next to the raw broker rate
 * measured with plain Paho clients in the same run (library: {@link TelemetryBench}).
 */
@Command(name = "mqtt", sortOptions = false,
    description = "Telemetry ingest broker -> gateway link -> ingest vs raw plain-client rate; msgs/s, ratio, p50/p99 latency;"
        + " with --breaches, fence breach-to-alarm latency vs plain telemetry.")
final class BenchMqttCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin private BrokerOptions brokers = new BrokerOptions();

  @Option(names = "--devices", paramLabel = "N", description = "simulated devices (default 1000)")
  private int devices = 1000;

  @Option(names = "--rate-hz", paramLabel = "R", description = "telemetry per device per second (default 10)")
  private double rateHz = 10;

  @Option(names = "--connections", paramLabel = "K", description = "publisher connections shared by the devices (default 10)")
  private int connections = 10;

  @Option(names = "--duration", paramLabel = "D", converter = DurationOption.class, description = "measured time per side (default 10s)")
  private Duration duration = Duration.ofSeconds(10);

  @Option(names = "--warmup", paramLabel = "D", converter = DurationOption.class, description = "warm-up per side (default 3s)")
  private Duration warmup = Duration.ofSeconds(3);

  @Option(names = "--saturate", description = "raise the rate per device by --factor each step (from --rate-hz) until"
      + " both sides lose more than --max-loss or exceed --max-p99-ms; print each side's sustained rate")
  private boolean saturate;

  @Option(names = "--factor", paramLabel = "F", description = "rate multiplier per saturation step (default 1.5)")
  private double factor = 1.5;

  @Option(names = "--steps", paramLabel = "N", description = "most saturation steps (default 8)")
  private int steps = 8;

  @Option(names = "--max-loss", paramLabel = "L", description = "share lost in the window that breaks a side (default 0.01)")
  private double maxLoss = 0.01;

  @Option(names = "--max-p99-ms", paramLabel = "MS", description = "p99 latency that breaks a side (default 1000)")
  private long maxP99Ms = 1000;

  @Option(names = "--breaches", description = "measure breach-to-alarm latency through a gateway node instead:"
      + " --devices drones at --rate-hz against --fences no-fly zones, --crossing-share of them crossing in and out;"
      + " p50/p99 next to the plain telemetry path's (library: FenceBreachBench)")
  private boolean breaches;

  @Option(names = "--fences", paramLabel = "M", description = "no-fly zones of the fleet with --breaches (default 100)")
  private int fences = 100;

  @Option(names = "--crossing-share", paramLabel = "S", description = "share of drones crossing with --breaches (default 0.1)")
  private double crossingShare = 0.1;

  @Override
  public Integer call() throws Exception {
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("--duration must be > 0, was " + duration);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (breaches) {
      try (MqttBroker b = brokers.start()) {
        out.printf(Locale.ROOT, "broker %s (%s)%n", b.kind(), b.url());
        FenceBreachBench.run(new FenceBreachBench.Options(devices, rateHz, fences, crossingShare, connections, warmup,
            duration), b.url(), out);
      }
      return 0;
    }
    if (saturate) {
      try (MqttBroker b = brokers.start()) {
        out.printf(Locale.ROOT, "MQTT saturation: %d devices over %d connections, QoS 0, broker %s, from %.1f Hz x %.2f per"
            + " step; a side breaks above %.1f %% loss or p99 %d ms; %s measured after %s warm-up per side%n",
            devices, connections, b.kind(), rateHz, factor, 100 * maxLoss, maxP99Ms, duration, warmup);
        out.printf(Locale.ROOT, "%12s %12s %8s %8s %12s %8s %8s %14s %8s %8s%n", "offered/s", "raw recv/s", "raw loss",
            "raw p99", "link recv/s", "loss", "p99", "raw->link /s", "loss", "p99");
        out.flush();
        TelemetrySaturation.Result r = TelemetrySaturation.sweep(b.url(), devices, connections, rateHz, factor, steps,
            warmup, duration, maxLoss, maxP99Ms, s -> {
              out.printf(Locale.ROOT, "%12.0f %12.0f %8.3f %8d %12.0f %8.3f %8d %14.0f %8.3f %8d%n", s.offeredPerS(),
                  s.raw().receivedPerS(), loss(s.raw()), s.raw().p99Ms(), s.link().receivedPerS(), loss(s.link()),
                  s.link().p99Ms(), s.rawIntoLink().receivedPerS(), loss(s.rawIntoLink()), s.rawIntoLink().p99Ms());
              out.flush();
            });
        out.printf(Locale.ROOT, "sustained: raw %.0f msgs/s, simulator -> link %.0f msgs/s (link/raw %.3f), raw publishers"
            + " -> link %.0f msgs/s (%.3f); 1-min load average %.1f on %d processors%n", r.rawSustainedPerS(),
            r.linkSustainedPerS(), r.ratio(), r.rawIntoLinkSustainedPerS(), r.rawIntoLinkRatio(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            Runtime.getRuntime().availableProcessors());
      }
      return 0;
    }
    try (MqttBroker b = brokers.start()) {
      out.printf(Locale.ROOT, "MQTT telemetry bench: %d devices x %.1f Hz = %.0f msgs/s offered over %d connections,"
          + " QoS 0, broker %s (%s), %s measured after %s warm-up, %d processors%n",
          devices, rateHz, devices * rateHz, connections, b.kind(), b.url(), duration, warmup,
          Runtime.getRuntime().availableProcessors());
      out.flush();
      TelemetryBench.Result r = TelemetryBench.measure(b.url(), devices, rateHz, connections, warmup, duration);
      out.printf(Locale.ROOT, "%-34s %12s %12s %10s %10s%n", "side", "sent/s", "received/s", "p50 ms", "p99 ms");
      row(out, "raw (plain Paho pub/sub)", r.raw(), r.measured());
      row(out, "link (simulator -> FleetLink)", r.link(), r.measured());
      row(out, "raw publishers -> FleetLink", r.rawIntoLink(), r.measured());
      out.printf(Locale.ROOT, "link/raw ratio: %.3f (simulator -> link), %.3f (raw publishers -> link);"
          + " 1-min load average at the end: %.1f on %d processors%n",
          r.ratio(), r.raw().receivedPerS() == 0 ? 0 : r.rawIntoLink().receivedPerS() / r.raw().receivedPerS(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    }
    return 0;
  }

  private static double loss(TelemetryBench.Side s) {
    return s.sent() == 0 ? 1 : 1 - (double) s.received() / s.sent();
  }

  private static void row(PrintWriter out, String name, TelemetryBench.Side s, Duration d) {
    out.printf(Locale.ROOT, "%-34s %12.0f %12.0f %10d %10d%n", name, s.sent() / (d.toMillis() / 1000.0),
        s.receivedPerS(), s.p50Ms(), s.p99Ms());
    out.flush();
  }

}
