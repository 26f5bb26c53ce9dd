package org.swarmsense.gateway.cli;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.swarmsense.agents.edge.EdgeNodeSettings;
import org.swarmsense.gateway.edge.EdgeNodeLink;
import org.swarmsense.gateway.edge.EdgeNodes;
import org.swarmsense.gateway.mqtt.MqttLinkSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense edge --mqtt-url URL --fleet F [--id ID] [--model FILE] ...}: one edge node as its
 * own process, as an operator runs it on an accelerator box (library: {@link EdgeNodes#run}).
 */
@Command(mixinStandardHelpOptions = true, name = "edge", sortOptions = false,
    description = "One edge node on MQTT: retained status with last will, telemetry with queue and load,"
        + " frame tasks in on .../edge/ID/task, detections out on .../result/TASK; stereo occupancy requests in on"
        + " .../edge/ID/occupancy, occupancy out on .../occupancy_result/TASK.")
final class EdgeCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--mqtt-url", required = true, paramLabel = "URL", description = "broker, e.g. tcp://127.0.0.1:1883")
  private String url;

  @Option(names = "--fleet", required = true, paramLabel = "F", description = "the node's fleet")
  private String fleet;

  @Option(names = "--id", paramLabel = "ID", description = "the node's id (default edge-1)")
  private String id = "edge-1";

  @Option(names = "--username", paramLabel = "USER", description = "the fleet's user name at the broker")
  private String username = "";

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "environment variable holding the password (default SWARMSENSE_MQTT_PASSWORD)")
  private String passwordEnv = "SWARMSENSE_MQTT_PASSWORD";

  @Option(names = "--model", paramLabel = "ONNX",
      description = "a COCO-format ONNX detector instead of the shipped vehicle detector"
          + " (default: swarmsense.agents.edge-node.detector-model; empty: the shipped vehicle detector)")
  private Path model;

  @Option(names = "--patch-defence", paramLabel = "POLICY", converter = PatchDefenceOption.class,
      description = "when the node runs the adversarial-patch defence (shipped vehicle detector only): off,"
          + " on-request (frames whose task asks), always (default swarmsense.agents.edge-node.patch-defence,"
          + " on-request)")
  private org.swarmsense.edge.offload.PatchDefencePolicy patchDefence;

  @Option(names = "--patch-calibration", paramLabel = "FILE",
      description = "the patch defence's calibration for this deployment, written by swarmsense calibrate-defence"
          + " (default swarmsense.agents.edge-node.patch-calibration; empty: the one shipped with the detector)")
  private Path patchCalibration;

  @Option(names = "--lat", paramLabel = "DEG", description = "the node's latitude (default 43.7384, Monaco)")
  private double latDeg = 43.7384;

  @Option(names = "--lon", paramLabel = "DEG", description = "the node's longitude (default 7.4246)")
  private double lonDeg = 7.4246;

  @Option(names = "--alt", paramLabel = "M", description = "the node's altitude in metres (default 10)")
  private double altM = 10;

  @Option(names = "--duration", paramLabel = "D", converter = DurationOption.class,
      description = "how long, e.g. 30s or 5m; 0 runs until interrupted (default 0)")
  private Duration duration = Duration.ZERO;

  @Override
  public Integer call() throws Exception {
    String password = System.getenv(passwordEnv);
    EdgeNodeSettings settings = EdgeNodeOptions.apply(org.swarmsense.agents.settings.AgentsSettings.defaults().edgeNode(),
        new EdgeNodeOptions.Given<>("--model", model), new EdgeNodeOptions.Given<>("--patch-defence", patchDefence),
        new EdgeNodeOptions.Given<>("--patch-calibration", patchCalibration));
    MqttLinkSettings mqtt = MqttLinkSettings.fromConfig(ConfigFactory.load()).withUrl(url)
        .withCredentials(username, password == null ? "" : password);
    EdgeNodes.run(new EdgeNodes.RunOptions(mqtt, fleet, id, new EdgeNodeLink.Position(latDeg, lonDeg, altM), settings,
        duration), System.out);
    return 0;
  }
}
