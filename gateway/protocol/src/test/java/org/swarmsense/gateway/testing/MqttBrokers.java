package org.swarmsense.gateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.swarmsense.gateway.broker.EmbeddedBroker;
import org.swarmsense.gateway.broker.ExternalBroker;
import org.swarmsense.gateway.broker.MosquittoBroker;
import org.swarmsense.gateway.broker.MqttBroker;
import org.swarmsense.gateway.tenancy.FleetRegistry;

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

  /** A named way to get a running broker that enforces a fleet registry's accounts and topic permissions. */
  public record SecuredBrokerFactory(String kind, Function<FleetRegistry, MqttBroker> starter) {
    public MqttBroker start(FleetRegistry registry) {
      return starter.apply(registry);
    }

    @Override
    public String toString() {
      return kind;
    }
  }

  /**
   * The kinds of {@link #available()} that can be started with a fleet registry: the embedded HiveMQ
   * CE (on a free port) and Mosquitto (under CI a missing mosquitto is an error here too). An
   * external broker's accounts are its own, so it is not among them.
   */
  public static List<SecuredBrokerFactory> securedAvailable() {
    List<SecuredBrokerFactory> kinds = new ArrayList<>();
    for (BrokerFactory f : available()) {
      switch (f.kind()) {
        case "embedded-hivemq" -> kinds.add(new SecuredBrokerFactory(f.kind(), r -> EmbeddedBroker.start(0, false, r)));
        case "mosquitto" -> kinds.add(new SecuredBrokerFactory(f.kind(), MosquittoBroker::start));
        default -> { }
      }
    }
    return kinds;
  }

  /**
   * {@link #securedAvailable()} as JUnit arguments: {@code @MethodSource(
   * "org.swarmsense.gateway.testing.MqttBrokers#secured")} with a {@link SecuredBrokerFactory} parameter.
   */
  public static Stream<Arguments> secured() {
    return securedAvailable().stream().map(Arguments::of);
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
