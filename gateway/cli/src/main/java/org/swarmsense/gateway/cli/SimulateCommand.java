package org.swarmsense.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.swarmsense.gateway.edge.EdgeNodes;
import org.swarmsense.gateway.offload.FleetOffload;
import org.swarmsense.gateway.offload.OffloadSettings;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.camera.MapScene;
import org.swarmsense.semantic.codec.BandOrder;
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
 * simulated drones and sensors on a broker (library: {@link DeviceSimulator}). With {@code
 * --camera-map} hovering drones offload camera frames to the fleet's edge nodes. Prints a progress
 * line every 5 s and a summary at the end.
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

  @Option(names = "--camera-map", paramLabel = "OSM",
      description = "offload: hovering drones photograph this OSM map with the nadir camera and send the frames"
          + " to the fleet's nearest reachable edge node; the fleet's homes move to the map's centre"
          + " (default none: no offloading)")
  private Path cameraMap;

  @Option(names = "--camera-trace", paramLabel = "FILE",
      description = "offload: the traffic trace whose vehicles the camera sees (SUMO FCD, ...; default none:"
          + " empty roads)")
  private Path cameraTrace;

  @Option(names = "--sampling-hz", paramLabel = "HZ",
      description = "offload: frames per second per hovering drone (default swarmsense.simulator.offload.sampling-hz, 1)")
  private Double samplingHz;

  @Option(names = "--offload-deadline", paramLabel = "D", converter = DurationOption.class,
      description = "offload: the deadline sent with every frame (default swarmsense.simulator.offload.deadline, 500ms)")
  private Duration offloadDeadline;

  @Option(names = "--band-order", paramLabel = "FILE",
      description = "offload: the codec band order file (default the shipped vehicle detector's learned order, which"
          + " edge nodes without --edge-model know)")
  private Path bandOrder;

  @Option(names = "--defend-patches",
      description = "offload: ask the edge node for its adversarial-patch defence on every frame (the node's"
          + " patch-defence policy decides; the report counts defended and masked frames)")
  private boolean defendPatches;

  @Option(names = "--capture-control",
      description = "offload: each 1 s slot the live capture control (issue 15) sets every drone's capture level and"
          + " on-board / edge choice from who hovers and the edge nodes' telemetry; the end prints its figures"
          + " against the best fixed rate over the same slots (default off: fixed rate, every frame offloaded)")
  private boolean captureControl;

  @Override
  public Integer call() throws Exception {
    String password = System.getenv(passwordEnv);
    double homeLat = 47.3769;
    double homeLon = 8.5417;
    FleetOffload offload = null;
    if (cameraMap == null && (cameraTrace != null || samplingHz != null || offloadDeadline != null || bandOrder != null
        || defendPatches || captureControl)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--camera-trace, --sampling-hz, --offload-deadline, --band-order, --defend-patches and --capture-control"
              + " need --camera-map");
    }
    if (cameraMap != null) {
      StartChecks.requireReadableFile("--camera-map", cameraMap);
      if (cameraTrace != null) {
        StartChecks.requireReadableFile("--camera-trace", cameraTrace);
      }
      if (bandOrder != null) {
        StartChecks.requireReadableFile("--band-order", bandOrder);
      }
      OffloadSettings os = OffloadSettings.load();
      if (samplingHz != null) {
        os = new OffloadSettings(samplingHz, os.quality(), os.deadline(), os.uplinkRateBytesPerS(), os.meanLoss(),
            os.seed());
      }
      if (offloadDeadline != null) {
        os = os.withDeadline(offloadDeadline);
      }
      if (defendPatches) {
        os = os.withDefendPatches(true);
      }
      MapScene scene = MapScene.load(cameraMap);
      homeLat = scene.projection().centreLatDeg();
      homeLon = scene.projection().centreLonDeg();
      offload = FleetOffload.nadir(scene, Optional.ofNullable(cameraTrace), MapsSettings.load().camera(), 1,
          bandOrder == null ? EdgeNodes.DEFAULT_VARIANT.bandOrder() : BandOrder.read(bandOrder), os);
    }
    SimulatorSettings s = new SimulatorSettings(url, fleet, devices, rateHz, duration, connections,
        username, password == null ? "" : password, homeLat, homeLon, seed, null);
    org.swarmsense.gateway.demo.LiveCaptureControl control = null;
    if (captureControl) {
      int drones = 0;
      for (int i = 0; i < devices; i++) {
        drones += DeviceSimulator.deviceId(fleet, i).kind() == org.swarmsense.gateway.wire.DeviceKind.DRONE ? 1 : 0;
      }
      control = org.swarmsense.gateway.demo.LiveCaptureControl.create(drones, offload.settings().samplingHz(),
          org.swarmsense.gateway.demo.LiveCaptureControl.frameBits(offload, homeLat, homeLon));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "simulating %d devices of fleet %s on %s at %.2f Hz (%s)%n", devices, fleet, url,
        rateHz, duration.isZero() ? "until interrupted" : "for " + duration);
    if (offload != null) {
      out.printf(Locale.ROOT, "offloading: hovering drones photograph %s at %.2f Hz, band order id %d, deadline %d ms%n",
          cameraMap.getFileName(), offload.settings().samplingHz(), offload.order().id(),
          offload.settings().deadline().toMillis());
    }
    out.flush();
    long t0 = System.nanoTime();
    try (DeviceSimulator sim = DeviceSimulator.start(s, offload, control)) {
      Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
      boolean up = sim.awaitConnected(Duration.ofSeconds(60));
      out.printf(Locale.ROOT, "%s after %.1f s%n", up ? "all connected" : "not all connected yet", (System.nanoTime() - t0) / 1e9);
      out.flush();
      while (!sim.isClosed()) {
        Thread.sleep(5000);
        out.printf(Locale.ROOT, "t=%.0f s telemetry sent %d, commands accepted %d, refused %d%n",
            (System.nanoTime() - t0) / 1e9, sim.telemetrySent(), sim.commandsAnswered(), sim.commandsRefused());
        if (sim.offloads()) {
          out.println("  " + org.swarmsense.gateway.demo.Demo.offloadLine(sim.offloadFigures()));
          if (sim.checksLegs()) {
            out.println("  " + org.swarmsense.gateway.demo.Demo.legCheckLine(sim.legCheckFigures()));
          }
        }
        out.flush();
      }
      out.printf(Locale.ROOT, "done: telemetry sent %d, commands accepted %d, refused %d%n",
          sim.telemetrySent(), sim.commandsAnswered(), sim.commandsRefused());
      if (sim.offloads()) {
        out.println("done: " + org.swarmsense.gateway.demo.Demo.offloadLine(sim.offloadFigures()));
        if (sim.checksLegs()) {
          out.println("done: " + org.swarmsense.gateway.demo.Demo.legCheckLine(sim.legCheckFigures()));
        }
      }
      if (control != null) {
        sim.stopSteering(java.time.Duration.ofSeconds(5));
        out.println("done: capture control: " + control.stateLine() + "; " + sim.framesOnBoard()
            + " frames to the modelled on-board detector");
        org.swarmsense.epos.sensing.evaluation.CaptureControl c = control.compare();
        if (c != null) {
          org.swarmsense.agents.detect.DetectBench.control(c, out);
          out.println("done: " + org.swarmsense.gateway.demo.LiveCaptureControl.controlLine(c));
        }
      }
    }
    return 0;
  }
}
