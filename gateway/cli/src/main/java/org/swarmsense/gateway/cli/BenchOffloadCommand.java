package org.swarmsense.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.mqtt.OffloadBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench offload}: a thin shell over {@link OffloadBench}. */
@Command(name = "offload", sortOptions = false,
    description = "Frames offloaded to one edge node through a broker: round-trip latency per frame and tasks/s one"
        + " node sustains, against the same work in-process in the same run.")
final class BenchOffloadCommand implements Callable<Integer> {

  @Mixin private BrokerOptions broker;

  @Option(names = "--images", paramLabel = "DIR", description = "photos, resized to 512x512 (default shared/data/images)")
  private Path images;

  @Option(names = "--model", paramLabel = "ONNX",
      description = "the detector (default shared/data/models/mb3_centernet_coco.onnx: benchmarks only)")
  private Path model;

  @Option(names = "--frames", paramLabel = "N", description = "captures in the latency run (default 30)")
  private int frames = 30;

  @Option(names = "--duration", paramLabel = "D", converter = DurationOption.class,
      description = "length of the throughput run (default 15s)")
  private Duration duration = Duration.ofSeconds(15);

  @Option(names = "--offered-hz", paramLabel = "R", description = "tasks per second offered in the throughput run (default 20)")
  private double offeredHz = 20;

  @Override
  public Integer call() throws Exception {
    Path shared = null;
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared").resolve("data"))) {
        shared = p.resolve("shared").resolve("data");
        break;
      }
    }
    Path img = images != null ? images : shared == null ? null : shared.resolve("images");
    Path onnx = model != null ? model : shared == null ? null : shared.resolve("models/mb3_centernet_coco.onnx");
    OffloadBench.Options options = new OffloadBench.Options(img, onnx, frames, duration, offeredHz);
    try (MqttBroker b = broker.start()) {
      OffloadBench.run(options, b, System.out);
    }
    return 0;
  }
}
