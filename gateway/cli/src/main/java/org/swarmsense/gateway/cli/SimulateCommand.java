package org.swarmsense.gateway.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.swarmsense.gateway.simulator.DeviceSimulator;
import org.swarmsense.gateway.simulator.SimulatorSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense simulate --devices N --fleet F --mqtt-url URL [--rate-hz R] [--duration D]}:
 * simulated drones and sensors on a broker (library: {@link DeviceSimulator}). Prints a progress line
 * every 5 s and a summary at the end.
 */
@Command(mixinStandardHelpOptions = true, name = "simulate", sortOptions = false,
    description = "Simulated drones and sensors on MQTT: retained status with last will, telemetry,"
        + " commands answered with MQTT 5 response topic and correlation data.")
final class SimulateCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--devices", required = true, paramLabel = "N", description = "devices to simulate (every 4th a sensor)")
  private int devices;

  @Option(names = "--fleet", required = true, paramLabel = "F", description = "their fleet")
  private String fleet;

  @Option(names = "--mqtt-url", required = true, paramLabel = "URL", description = "broker, e.g. tcp://127.0.0.1:1883")
  private String url;

  @Option(names = "--rate-hz", paramLabel = "R", description = "telemetry per device per second (default 1)")
  private double rateHz = 1;

  @Option(names = "--duration", paramLabel = "D", converter = DurationOption.class,
      description = "how long, e.g. 30s or 5m; 0 runs until interrupted (default 0)")
  private Duration duration = Duration.ZERO;

  @Option(names = "--connections", paramLabel = "K",
      description = "share K connections among the devices (load tests; no per-device last will);"
          + " 0 = one per device (default 0)")
  private int connections = 0;

  @Option(names = "--username", paramLabel = "USER", description = "the fleet's user name at the broker")
  private String username = "";

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "environment variable holding the password (default SWARMSENSE_MQTT_PASSWORD)")
  private String passwordEnv = "SWARMSENSE_MQTT_PASSWORD";

  @Option(names = "--seed", paramLabel = "N", description = "seed of home points and phases (default 1)")
  private long seed = 1;

  @Override
  public Integer call() throws Exception {
    String password = System.getenv(passwordEnv);
    SimulatorSettings s = new SimulatorSettings(url, fleet, devices, rateHz, duration, connections,
        username, password == null ? "" : password, 47.3769, 8.5417, seed, null);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "simulating %d devices of fleet %s on %s at %.2f Hz (%s)%n", devices, fleet, url,
        rateHz, duration.isZero() ? "until interrupted" : "for " + duration);
    out.flush();
    long t0 = System.nanoTime();
    try (DeviceSimulator sim = DeviceSimulator.start(s)) {
      Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
      boolean up = sim.awaitConnected(Duration.ofSeconds(60));
      out.printf(Locale.ROOT, "%s after %.1f s%n", up ? "all connected" : "not all connected yet", (System.nanoTime() - t0) / 1e9);
      out.flush();
      while (!sim.isClosed()) {
        Thread.sleep(5000);
        out.printf(Locale.ROOT, "t=%.0f s telemetry sent %d, commands accepted %d, refused %d%n",
            (System.nanoTime() - t0) / 1e9, sim.telemetrySent(), sim.commandsAnswered(), sim.commandsRefused());
        out.flush();
      }
      out.printf(Locale.ROOT, "done: telemetry sent %d, commands accepted %d, refused %d%n",
          sim.telemetrySent(), sim.commandsAnswered(), sim.commandsRefused());
    }
    return 0;
  }
}
