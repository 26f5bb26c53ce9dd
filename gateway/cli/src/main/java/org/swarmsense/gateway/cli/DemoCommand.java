package org.swarmsense.gateway.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.swarmsense.gateway.demo.Demo;
import org.swarmsense.gateway.demo.DemoData;

/** {@code swarmsense demo}: the main job on the shipped city map (see {@link Demo}). */
@Command(
    name = "demo",
    description =
        "Run swarmsense on the shipped Monaco map: embedded broker, traffic from a SUMO trace,"
            + " a planned drone mission, edge nodes the hovering drones offload camera frames to, the live"
            + " dashboard and the mission report.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--drones", defaultValue = "8", description = "fleet size (default ${DEFAULT-VALUE})")
  int drones;

  @Option(
      names = "--duration",
      defaultValue = "120",
      description = "seconds to run after planning, then stop (default ${DEFAULT-VALUE})")
  long durationS;

  @Option(names = "--port", defaultValue = "8080", description = "dashboard port, 0 = any free (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--headless", description = "no dashboard server (scripted runs)")
  boolean headless;

  @Option(names = "--edge-nodes", paramLabel = "N", defaultValue = "2",
      description = "edge nodes to start around the map centre; hovering drones offload camera frames to the"
          + " nearest one and the end prints tasks, detections and delay; 0 = no edge nodes, no offloading"
          + " (default ${DEFAULT-VALUE})")
  int edgeNodes;

  @Option(names = "--out", paramLabel = "DIR",
      description = "also write the live mission's report.json and report.html (with the offload figures) here")
  java.nio.file.Path out;

  @Option(names = "--no-capture-control",
      description = "drones capture at the fixed sampling rate and offload every frame, instead of taking their"
          + " capture level and on-board / edge choice from the live capture control each 1 s slot (issue 15;"
          + " on by default when there are edge nodes)")
  boolean noCaptureControl;

  @CommandLine.Mixin EdgeNodeOptions edgeOptions = new EdgeNodeOptions();

  @Override
  public Integer call() throws Exception {
    org.swarmsense.agents.edge.EdgeNodeSettings edge = edgeOptions.settings(edgeNodes);
    Demo.Settings settings =
        new Demo.Settings(drones, Duration.ofSeconds(durationS), port, headless, DemoData.defaultCacheDir());
    try (Demo demo = new Demo(settings, System.out, System.err).withEdgeNodes(edge).withReportDir(out)
        .withCaptureControl(!noCaptureControl)) {
      Thread hook = new Thread(demo::close, "demo-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      demo.run();
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    return 0;
  }
}
