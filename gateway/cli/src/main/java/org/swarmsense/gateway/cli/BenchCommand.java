package org.swarmsense.gateway.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.swarmsense.epos.bench.EposBenchmark;
import org.swarmsense.epos.core.EposConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense bench}: benchmarks that print a table (never timed assertions). {@code bench
 * epos} measures I-EPOS (library: {@link EposBenchmark}) against a single-threaded baseline run in
 * the same process, since the machine is noisy.
 */
@Command(name = "bench", description = "Benchmarks that print a table of figures.",
    mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    subcommands = {BenchCommand.Epos.class, MissionCommand.BenchSensing.class, BenchCommand.Agents.class,
        BenchMqttCommand.class, BenchSoakCommand.class, BenchSemcommCommand.class,
        BenchEdgeCommand.class, BenchControlCommand.class, BenchStereoCommand.class, BenchOffloadCommand.class,
        BenchDetectorCommand.class, BenchPatchCommand.class,
        CommandLine.HelpCommand.class})
final class BenchCommand implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code bench epos}. */
  @Command(name = "epos", sortOptions = false,
      description = "I-EPOS throughput: seeded random plans, VAR, binary tree; wall time, agent-iterations/s,"
          + " peak heap, speed-up over the same engine on one thread.")
  static final class Epos implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N,N,...", description = "numbers of agents (default 1000,10000,100000)")
    private int[] sizes = {1000, 10000, 100000};

    @Option(names = "--plans", paramLabel = "K", description = "plans per agent (default 16)")
    private int plans = 16;

    @Option(names = "--dim", paramLabel = "D", description = "values per plan (default 100)")
    private int dim = 100;

    @Option(names = "--iterations", paramLabel = "T", description = "iterations (default 40)")
    private int iterations = 40;

    @Option(names = "--children", paramLabel = "k", description = "children per tree vertex (default 2)")
    private int children = 2;

    @Option(names = "--threads", paramLabel = "N", description = "threads of the measured run, 0 = all processors (default 0)")
    private int threads = 0;

    @Option(names = "--seed", paramLabel = "N", description = "plan generator seed (default 1)")
    private long seed = 1;

    @Option(names = "--no-baseline", description = "skip the single-threaded baseline run")
    private boolean noBaseline;

    @Override
    public Integer call() {
      for (int n : sizes) {
        if (n < 1) {
          throw new IllegalArgumentException("--sizes must be >= 1, got: " + n);
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      EposConfig config = EposConfig.defaults().withIterations(iterations).withChildren(children).withThreads(threads);
      out.printf(Locale.ROOT, "I-EPOS bench: %d plans x %d values, VAR, %d iterations, %d children, %d threads,"
          + " max heap %d MiB, %d processors; baseline = same engine on 1 thread%n",
          plans, dim, iterations, children, config.effectiveThreads(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.getRuntime().availableProcessors());
      out.printf(Locale.ROOT, "%10s %10s %14s %14s %12s %10s %12s %9s %9s %12s %12s%n",
          "agents", "wall s", "agent-it/s", "peak heap MiB", "1-thread s", "speed-up", "final G",
          "CPU s", "CPU 1t s", "scan GB/s 1t", "scan speed-up");
      out.flush();
      EposBenchmark.measure(Arrays.copyOf(sizes, sizes.length), plans, dim, config, !noBaseline, seed, row -> {
        out.printf(Locale.ROOT, "%10d %10.3f %14.0f %14.0f %12.3f %10.2f %12.6f %9.2f %9.2f %12.2f %12.2f%n", row.agents(),
            row.wallS(), row.agentIterationsPerS(), row.peakHeapMb(), row.baselineWallS(), row.speedup(),
            row.finalGlobalCost(), row.cpuS(), row.baselineCpuS(), row.scanGbPerS1(), row.scanGbPerSAll() / row.scanGbPerS1());
        out.flush();
      });
      return 0;
    }
  }

  /** {@code bench agents}: decentralized I-EPOS actors vs the in-process engine, telemetry throughput. */
  @Command(name = "agents", description = "Decentralized I-EPOS actors (40 iterations) vs the in-process engine on the"
      + " same plans, and telemetry messages per second (library: org.swarmsense.agents.bench.AgentsBench); then the"
      + " cost of judging 10,000 drones against a fleet's fences vs the naive check (agents.airspace.FenceCheckBench).")
  static final class Agents implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N,N,...", description = "numbers of drone actors (default 1000,10000)")
    private int[] sizes = {1000, 10000};

    @Option(names = "--seed", paramLabel = "N", description = "plan generator seed (default 1)")
    private long seed = 1;

    @Option(names = "--fences", split = ",", paramLabel = "M,M,...",
        description = "no-fly zones per fleet for the fence check table, 10,000 drones (default 10,100,1000)")
    private int[] fences = {10, 100, 1000};

    @Option(names = "--mqtt-devices", paramLabel = "N",
        description = "instead of the tables: N devices at 1 Hz through MQTT (embedded HiveMQ) into sharded device entities"
            + " on one node against the plain path (issue 16: 10000); 0 = skip (default 0)")
    private int mqttDevices = 0;

    @Option(names = "--mqtt-connections", paramLabel = "K",
        description = "publisher connections shared by the --mqtt-devices (default 100)")
    private int mqttConnections = 100;

    @Option(names = "--mqtt-duration", paramLabel = "D", converter = DurationOption.class,
        description = "measured time per path with --mqtt-devices, after a warm-up of half of it (default 20s)")
    private java.time.Duration mqttDuration = java.time.Duration.ofSeconds(20);

    @Option(names = "--nodes", paramLabel = "N",
        description = "with --mqtt-devices: 1, or 2 cluster nodes in this JVM splitting the telemetry with an MQTT 5"
            + " shared subscription (default 1)")
    private int nodes = 1;

    @Override
    public Integer call() throws Exception {
      if (nodes < 1 || nodes > 2) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--nodes must be 1 or 2, was " + nodes);
      }
      if (nodes != 1 && mqttDevices == 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--nodes needs --mqtt-devices");
      }
      if (mqttDevices < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--mqtt-devices must be >= 0, was " + mqttDevices);
      }
      if (mqttDevices > 0) {
        if (mqttConnections < 1 || mqttConnections > mqttDevices) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--mqtt-connections must be 1..--mqtt-devices, was " + mqttConnections);
        }
        java.io.PrintStream ps = CommandOutput.of(spec);
        org.swarmsense.gateway.mqtt.EntityIngestBench.run(new org.swarmsense.gateway.mqtt.EntityIngestBench.Options(
            mqttDevices, 1.0, mqttConnections, mqttDuration.dividedBy(2), mqttDuration, nodes), ps);
        ps.flush();
        return 0;
      }
      org.swarmsense.agents.bench.AgentsBench.run(spec.commandLine().getOut(), sizes, seed);
      org.swarmsense.agents.airspace.FenceCheckBench.run(new org.swarmsense.agents.airspace.FenceCheckBench.Options(
          10_000, fences, 2, seed), spec.commandLine().getOut());
      return 0;
    }
  }
}
