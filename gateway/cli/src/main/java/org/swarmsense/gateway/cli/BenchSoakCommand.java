package org.swarmsense.gateway.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.SoakBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense bench soak}: a sustained run of simulated devices against one broker, with one
 * QoS 1 command to every device during the run (library: {@link SoakBench}). Prints a table:
 * telemetry sent/received, commands answered, p50/p99 ingest latency, heap after GC at start and end.
 */
@Command(name = "soak", sortOptions = false,
    description = "Sustained load: N devices x R Hz telemetry for D, one QoS 1 command per device during the run;"
        + " delivery counts, p50/p99 ingest latency, heap after GC at start and end.")
final class BenchSoakCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin private BrokerOptions brokers = new BrokerOptions();

  @Option(names = "--devices", paramLabel = "N", description = "simulated devices (default 1000)")
  private int devices = 1000;

  @Option(names = "--rate-hz", paramLabel = "R", description = "telemetry per device per second (default 10)")
  private double rateHz = 10;

  @Option(names = "--duration", paramLabel = "D", converter = DurationOption.class, description = "how long telemetry flows (default 60s)")
  private Duration duration = Duration.ofSeconds(60);

  @Option(names = "--connections", paramLabel = "K", description = "device connections shared by the devices (default 10)")
  private int connections = 10;

  @Option(names = "--command-timeout", paramLabel = "D", converter = DurationOption.class,
      description = "how long each command may wait for its reply (default 30s)")
  private Duration commandTimeout = Duration.ofSeconds(30);

  @Override
  public Integer call() throws Exception {
    SoakBench.Settings settings;
    PrintWriter out = spec.commandLine().getOut();
    try (MqttBroker b = brokers.start()) {
      settings = new SoakBench.Settings(b.url(), devices, rateHz, duration, Math.min(connections, devices), commandTimeout);
      out.printf(Locale.ROOT, "soak bench: %d devices x %.1f Hz = %.0f msgs/s offered (QoS 0) over %d connections for %s,"
          + " one QoS 1 command per device; broker %s (%s); max heap %d MiB, %d processors%n",
          devices, rateHz, devices * rateHz, settings.connections(), duration, b.kind(), b.url(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.getRuntime().availableProcessors());
      out.flush();
      SoakBench.Result r = SoakBench.run(settings, line -> {
        out.println("  " + line);
        out.flush();
      });
      out.printf(Locale.ROOT, "%-34s %16s%n", "figure", "value");
      row(out, "telemetry sent", String.format(Locale.ROOT, "%,d", r.telemetrySent()));
      row(out, "telemetry received", String.format(Locale.ROOT, "%,d", r.telemetryReceived()));
      row(out, "telemetry lost", String.format(Locale.ROOT, "%,d", r.telemetryLost()));
      row(out, "received msgs/s", String.format(Locale.ROOT, "%,.0f", r.receivedPerS()));
      row(out, "commands sent (QoS 1)", String.format(Locale.ROOT, "%,d", r.commandsSent()));
      row(out, "commands answered ok", String.format(Locale.ROOT, "%,d", r.commandsAnswered()));
      row(out, "commands failed/timed out", String.format(Locale.ROOT, "%,d", r.commandsFailed()));
      row(out, "payloads rejected", String.format(Locale.ROOT, "%,d", r.rejected()));
      row(out, "ingest latency p50 ms", Long.toString(r.p50Ms()));
      row(out, "ingest latency p99 ms", Long.toString(r.p99Ms()));
      row(out, "ingest latency max ms", Long.toString(r.maxMs()));
      row(out, "heap after GC, start MiB", String.format(Locale.ROOT, "%.1f", r.heapStartMiB()));
      row(out, "heap after GC, end MiB", String.format(Locale.ROOT, "%.1f", r.heapEndMiB()));
      out.printf(Locale.ROOT, "1-min load average at the end: %.1f on %d processors%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      out.flush();
      return r.commandsAnswered() == r.commandsSent() ? 0 : 1;
    }
  }

  private static void row(PrintWriter out, String name, String value) {
    out.printf(Locale.ROOT, "%-34s %16s%n", name, value);
  }
}
