package org.swarmsense.fieldtests.containers;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.swarmsense.gateway.testing.MqttBrokers;
import org.swarmsense.gateway.testing.MqttBrokers.BrokerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The container-backed counterparts of {@link MqttBrokers}' local broker factories: the same
 * {@link BrokerFactory} type, so a broker-facing test runs unchanged against Mosquitto and HiveMQ CE
 * images. They live in field-tests, not beside {@link MqttBrokers} in gateway-protocol's test jar,
 * because only field-tests' {@code containers} profile puts Testcontainers on a classpath.
 *
 * <p>Use as {@code @MethodSource("org.swarmsense.fieldtests.containers.ContainerBrokers#all")}.
 * Starting one needs a Docker engine: without one Testcontainers throws "Could not find a valid
 * Docker environment" and the test fails.
 */
public final class ContainerBrokers {
  /** Mosquitto 2, the major version Debian's mosquitto package (the local factory) runs. */
  static final DockerImageName MOSQUITTO = DockerImageName.parse("eclipse-mosquitto:2");
  /** HiveMQ CE, the release of the embedded broker ({@code hivemq.version} in the root pom). */
  static final DockerImageName HIVEMQ_CE = DockerImageName.parse("hivemq/hivemq-ce:2025.5");

  /**
   * Mosquitto 2 listens on loopback only and refuses anonymous clients unless configured; the
   * contract tests connect without credentials, as they do to the local mosquitto process.
   */
  static final String MOSQUITTO_CONF = "listener 1883 0.0.0.0\nallow_anonymous true\npersistence false\n";

  private ContainerBrokers() {}

  /** Mosquitto 2 in a container, anonymous clients allowed on 1883. */
  public static BrokerFactory mosquitto() {
    return new BrokerFactory("mosquitto-container", () -> ContainerBroker.start("mosquitto-container",
        new GenericContainer<>(MOSQUITTO).withExposedPorts(ContainerBroker.MQTT_PORT)
            .withCopyToContainer(Transferable.of(MOSQUITTO_CONF), "/mosquitto/config/mosquitto.conf")
            .waitingFor(Wait.forListeningPort())));
  }

  /** HiveMQ CE in a container with its default configuration (anonymous clients on 1883). */
  public static BrokerFactory hivemq() {
    return new BrokerFactory("hivemq-ce-container", () -> ContainerBroker.start("hivemq-ce-container",
        new GenericContainer<>(HIVEMQ_CE).withExposedPorts(ContainerBroker.MQTT_PORT)
            .waitingFor(Wait.forLogMessage(".*Started HiveMQ in.*", 1))));
  }

  /** Both container brokers. */
  public static List<BrokerFactory> available() {
    return List.of(mosquitto(), hivemq());
  }

  /** {@link #available()} as JUnit arguments. */
  public static Stream<Arguments> all() {
    return available().stream().map(Arguments::of);
  }
}
