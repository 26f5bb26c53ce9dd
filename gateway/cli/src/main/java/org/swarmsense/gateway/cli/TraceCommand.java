package org.swarmsense.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.ExternalBroker;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import org.swarmsense.gateway.trace.ReplayBench;
import org.swarmsense.gateway.trace.MqttTraceSink;
import org.swarmsense.gateway.trace.ReplayClock;
import org.swarmsense.gateway.trace.ReplayPacer;
import org.swarmsense.gateway.trace.Replayer;
import org.swarmsense.gateway.trace.TraceHeader;
import org.swarmsense.gateway.trace.TraceReader;
import org.swarmsense.gateway.trace.TraceRecorder;
import org.swarmsense.gateway.trace.TraceSource;
import org.swarmsense.gateway.trace.VehicleStreams;
import org.swarmsense.gateway.wire.DeviceKind;
import org.swarmsense.gateway.wire.Topic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmsense trace record|replay}: record every MQTT message of a fleet to a JSON-lines trace,
 * and publish a trace (or a SUMO FCD, pNEUMA CSV or GPX vehicle trace as device streams) back at any
 * speed (library: {@link org.swarmsense.gateway.trace}). Passwords come from an environment variable,
 * never from the command line.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, description = "Record a fleet's MQTT messages to a trace file; replay traces and vehicle traces.",
    subcommands = {TraceCommand.Record.class, TraceCommand.Replay.class, TraceCommand.Bench.class,
        CommandLine.HelpCommand.class})
final class TraceCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Broker options shared by record and replay. */
  static final class BrokerOptions {
    @Option(names = "--mqtt-url", paramLabel = "URL", description = "broker (default tcp://127.0.0.1:1883)")
    String url = "tcp://127.0.0.1:1883";

    @Option(names = {"--user", "--username"}, paramLabel = "U", description = "user name at the broker (default anonymous)")
    String user = "";

    @Option(names = "--password-env", paramLabel = "VAR",
        description = "environment variable holding the password (default SWARMSENSE_MQTT_PASSWORD)")
    String passwordEnv = "SWARMSENSE_MQTT_PASSWORD";

    String password() {
      String p = System.getenv(passwordEnv);
      return p == null ? "" : p;
    }
  }

  /** {@code {fleet}:trace-{role}-{random}}: a fleet account may only use ids of its own fleet. */
  static String clientId(String fleet, String role) {
    byte[] b = new byte[4];
    ThreadLocalRandom.current().nextBytes(b);
    return org.swarmsense.gateway.tenancy.Account.clientIdOf(fleet, "trace-" + role + "-" + HexFormat.of().formatHex(b));
  }

  /** {@code trace record}. */
  @Command(name = "record", sortOptions = false, mixinStandardHelpOptions = true,
      description = "Record every message of a fleet (swarmsense/F/#) with receive times to a trace file"
          + " (gzip when it ends in .gz). Stops after --duration or on Ctrl-C, closing the file cleanly.")
  static final class Record implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(names = "--fleet", required = true, paramLabel = "F", description = "the fleet to record")
    private String fleet;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "trace file, e.g. run.jsonl.gz")
    private Path out;

    @CommandLine.Mixin private BrokerOptions broker = new BrokerOptions();

    @Option(names = "--duration", paramLabel = "D", converter = DurationOption.class,
        description = "how long, e.g. 30s or 5m; 0 records until interrupted (default 0)")
    private Duration duration = Duration.ZERO;

    @Option(names = "--source", paramLabel = "S", description = "header: where the messages come from (default mqtt)")
    private String source = "mqtt";

    @Option(names = "--map", paramLabel = "M", description = "header: the map of the run (default empty)")
    private String map = "";

    @Option(names = "--seed", paramLabel = "N", description = "header: the seed of the run (default none)")
    private Long seed;

    private TraceRecorder recorder;
    private long startNanos;
    private boolean finished;

    @Override
    public Integer call() throws Exception {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration must be >= 0, was " + duration);
      }
      Topic.requireName("fleet", fleet);
      TraceHeader header = TraceHeader.of(fleet, source, map, seed, System.currentTimeMillis());
      MqttLinkSettings ls = MqttLinkSettings.defaults(broker.url, clientId(fleet, "rec"))
          .withCredentials(broker.user, broker.password()).withCleanStart(true);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      startNanos = System.nanoTime();
      recorder = TraceRecorder.start(ls, this.out, header);
      Thread hook = new Thread(() -> finish(out), "trace-record-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      if (!recorder.awaitSubscribed(Duration.ofSeconds(30))) {
        err.println("not connected to " + broker.url + " after 30 s; still trying (Ctrl-C to stop)");
        err.flush();
      } else {
        err.printf(Locale.ROOT, "recording swarmsense/%s/# from %s to %s (%s)%n", fleet, broker.url, this.out,
            duration.isZero() ? "until interrupted" : "for " + duration);
        err.flush();
      }
      long end = duration.isZero() ? Long.MAX_VALUE : startNanos + duration.toNanos();
      long nextReport = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < end) {
        Thread.sleep(Math.max(1, Math.min(200, (end - System.nanoTime()) / 1_000_000)));
        if (System.nanoTime() >= nextReport) {
          nextReport += 5_000_000_000L;
          err.println(progress());
          err.flush();
        }
      }
      finish(out);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
      return recorder.failed() == 0 ? 0 : 1;
    }

    private String progress() {
      double s = (System.nanoTime() - startNanos) / 1e9;
      return String.format(Locale.ROOT, "t=%.0f s recorded %,d messages (%,.0f msgs/s), %,d bytes%s", s,
          recorder.recorded(), recorder.recorded() / Math.max(s, 1e-9), recorder.bytes(),
          recorder.link().isConnected() ? "" : ", broker away");
    }

    private synchronized void finish(PrintWriter out) {
      if (finished || recorder == null) {
        return;
      }
      finished = true;
      recorder.close();
      out.printf(Locale.ROOT, "recorded %,d messages of fleet %s to %s in %.1f s (%,d bytes uncompressed)%s%n",
          recorder.recorded(), fleet, this.out, (System.nanoTime() - startNanos) / 1e9, recorder.bytes(),
          recorder.failed() == 0 ? "" : "; " + recorder.failed() + " could not be written");
      out.flush();
    }
  }

  /** {@code trace replay}. */
  @Command(name = "replay", sortOptions = false, mixinStandardHelpOptions = true,
      description = "Publish a trace back over MQTT keeping its timing divided by --speed, with the same QoS,"
          + " retained flags and MQTT 5 properties. SUMO FCD (.xml), pNEUMA (.csv) and GPX (.gpx) files,"
          + " optionally .gz, replay as device streams (one device per vehicle). A bad line stops the replay"
          + " after the valid ones, sends replay_incomplete on each device's evt topic and exits 2.")
  static final class Replay implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a trace (.jsonl, .jsonl.gz) or a vehicle trace")
    private Path file;

    @Option(names = "--speed", paramLabel = "X", description = "speed factor > 0, or max (default 1)")
    private String speed = "1";

    @CommandLine.Mixin private BrokerOptions broker = new BrokerOptions();

    @Option(names = "--fleet", paramLabel = "F",
        description = "publish into this fleet (rewrites the fleet level); required for vehicle traces")
    private String fleet;

    @Option(names = "--kind", paramLabel = "K", description = "vehicle traces: sensor or drone (default sensor)")
    private String kind = "sensor";

    @Option(names = "--offset-ms", paramLabel = "MS",
        description = "vehicle traces: added to the source's times to give t_ms (default 0)")
    private long offsetMs = 0;

    @Option(names = "--alt-m", paramLabel = "M", description = "vehicle traces: altitude reported (default 0)")
    private double altM = 0;

    @Override
    public Integer call() throws Exception {
      double x = ReplayPacer.parseSpeed(speed);
      if (fleet != null) {
        Topic.requireName("fleet", fleet);
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      // Ctrl-C: stop between messages, tell the devices (replay_incomplete), then let the JVM exit
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
      Thread replaying = Thread.currentThread();
      Thread hook = new Thread(() -> {
        stop.set(true);
        replaying.interrupt();
        try {
          finished.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "trace-replay-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try (TraceSource source = open();
          MqttTraceSink sink = MqttTraceSink.connect(broker.url,
              clientId(fleet == null ? source.header().fleet() : fleet, "replay"), broker.user,
              broker.password(), 1000, Duration.ofSeconds(30))) {
        err.printf(Locale.ROOT, "replaying %s (%s, fleet %s) to %s at %s%n", file, source.header().source(),
            fleet == null ? source.header().fleet() : fleet, broker.url,
            Double.isInfinite(x) ? "max speed" : speed + "x");
        err.flush();
        Replayer.Result r = Replayer.replay(source, sink, x, fleet, ReplayClock.system(), p -> {
          err.println(p.line());
          err.flush();
        }, stop::get);
        out.printf(Locale.ROOT, "replayed %,d messages of %,d devices in %.2f s (%,.0f msgs/s)%n", r.messages(),
            r.devices().size(), r.elapsedS(), r.elapsedS() > 0 ? r.messages() / r.elapsedS() : 0);
        out.flush();
      } catch (IllegalStateException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return 1;
      } catch (org.swarmsense.gateway.trace.ReplayIncompleteException e) {
        if (!stop.get()) {
          throw e; // a bad line: the error handler prints it and exits 2
        }
        err.println("error: " + e.getMessage()); // the JVM is exiting: say it now
        err.flush();
        return 2;
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running
        }
      }
      return 0;
    }

    private TraceSource open() {
      if (VehicleStreams.Format.of(file) == null) {
        return TraceReader.open(file);
      }
      if (fleet == null) {
        throw new IllegalArgumentException("--fleet is required to replay the vehicle trace " + file);
      }
      DeviceKind k = switch (kind.toLowerCase(Locale.ROOT)) {
        case "sensor" -> DeviceKind.SENSOR;
        case "drone" -> DeviceKind.DRONE;
        default -> throw new IllegalArgumentException("--kind must be sensor or drone, was '" + kind + "'");
      };
      return VehicleStreams.open(file, fleet, k, offsetMs, altM);
    }
  }

  /** {@code trace bench}. */
  @Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
      description = "Replay rate with --speed max (read, parse, publish) next to a plain Paho publisher sending"
          + " the same messages from memory, same broker, same run; msgs/s and ratio.")
  static final class Bench implements Callable<Integer> {
    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(names = "--broker", paramLabel = "KIND", description = "mosquitto or embedded (default mosquitto; ignored with --mqtt-url)")
    private String broker = "mosquitto";

    @Option(names = "--mqtt-url", paramLabel = "URL", description = "an external broker instead (anonymous access)")
    private String url;

    @Option(names = "--devices", paramLabel = "N", description = "devices in the synthetic trace (default 100)")
    private int devices = 100;

    @Option(names = "--messages", paramLabel = "N", description = "messages in the trace (default 200000)")
    private int messages = 200_000;

    @Option(names = "--rounds", paramLabel = "N", description = "plain then replay, this many times (default 3)")
    private int rounds = 3;

    @Override
    public Integer call() throws Exception {
      if (rounds < 1) {
        throw new IllegalArgumentException("--rounds must be >= 1, was " + rounds);
      }
      PrintWriter out = spec.commandLine().getOut();
      Path file = java.nio.file.Files.createTempFile("swarmsense-bench", ".jsonl.gz");
      try (MqttBroker b = url != null ? new ExternalBroker(url) : switch (broker) {
        case "mosquitto" -> MosquittoBroker.start();
        case "embedded" -> EmbeddedBroker.start();
        default -> throw new IllegalArgumentException("--broker must be mosquitto or embedded, was '" + broker + "'");
      }) {
        var trace = ReplayBench.writeTrace(file, devices, messages);
        out.printf(Locale.ROOT, "trace replay bench: %,d messages (%d devices; status QoS 1, telemetry QoS 0),"
            + " %,d bytes gzip, broker %s (%s), %d processors%n", trace.size(), devices,
            java.nio.file.Files.size(file), b.kind(), b.url(), Runtime.getRuntime().availableProcessors());
        out.println(ReplayBench.HEADER);
        out.flush();
        for (int i = 1; i <= rounds; i++) {
          out.println(ReplayBench.round(b.url(), file, trace).row(i));
          out.flush();
        }
        out.printf(Locale.ROOT, "1-min load average at the end: %.1f%n",
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      } finally {
        java.nio.file.Files.deleteIfExists(file);
      }
      return 0;
    }
  }
}
