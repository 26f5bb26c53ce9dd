package org.swarmsense.gateway.cli;

import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.ExternalBroker;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.broker.MqttBroker;
import picocli.CommandLine.Option;

/** {@code --broker mosquitto|embedded} or {@code --mqtt-url URL}, shared by the benchmarks (a picocli mixin). */
final class BrokerOptions {
  @Option(names = "--broker", paramLabel = "KIND", description = "mosquitto or embedded (default mosquitto; ignored with --mqtt-url)")
  private String broker = "mosquitto";

  @Option(names = "--mqtt-url", paramLabel = "URL", description = "an external broker instead (anonymous access)")
  private String url;

  /** Starts the chosen broker (or points at the external one). */
  MqttBroker start() {
    if (url != null) {
      return new ExternalBroker(url);
    }
    return switch (broker) {
      case "mosquitto" -> MosquittoBroker.start();
      case "embedded" -> EmbeddedBroker.start();
      default -> throw new IllegalArgumentException("--broker must be mosquitto or embedded, was '" + broker + "'");
    };
  }
}
