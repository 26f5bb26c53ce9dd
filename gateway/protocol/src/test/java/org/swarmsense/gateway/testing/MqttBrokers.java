package org.swarmsense.gateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.ExternalBroker;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.broker.MqttBroker;

/**
 * The brokers a broker-facing test runs against: the embedded HiveMQ CE always, a Mosquitto process
 * on a free port when mosquitto is installed, and the broker at {@code MQTT_URL} when that is set.
 *
 * <p>Use as {@code @ParameterizedTest @MethodSource("org.swarmsense.gateway.testing.MqttBrokers#all")}
 * with a {@link BrokerFactory} parameter; start the broker inside the test with try-with-resources.
 * Under CI ({@code CI=true}) a missing mosquitto is an error, not a silent skip: CI must cover it.
 */
public final class MqttBrokers {
  private MqttBrokers() {}

  /** A named way to get a running broker. */
  public record BrokerFactory(String kind, Supplier<MqttBroker> starter) {
    public MqttBroker start() {
      return starter.get();
    }

    @Override
    public String toString() {
      return kind;
    }
  }

  /** Every broker kind available on this machine. */
  public static List<BrokerFactory> available() {
    List<BrokerFactory> kinds = new ArrayList<>();
    kinds.add(new BrokerFactory("embedded-hivemq", EmbeddedBroker::start));
    if (MosquittoBroker.findExecutable().isPresent()) {
      kinds.add(new BrokerFactory("mosquitto", MosquittoBroker::start));
    } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      kinds.add(
          new BrokerFactory(
              "mosquitto",
              () -> {
                throw new IllegalStateException(
                    "CI=true but mosquitto is not installed; .ci/run must install it");
              }));
    }
    String external = System.getenv("MQTT_URL");
    if (external != null && !external.isBlank()) {
      kinds.add(new BrokerFactory("external", () -> new ExternalBroker(external)));
    }
    return kinds;
  }

  /** {@link #available()} as JUnit arguments. */
  public static Stream<Arguments> all() {
    return available().stream().map(Arguments::of);
  }

  /** Mosquitto only (for tests that kill and restart the broker process). */
  public static MosquittoBroker mosquitto() {
    return MosquittoBroker.start();
  }
}
