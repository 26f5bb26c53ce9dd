package org.swarmsense.fieldtests.containers;

import org.swarmsense.gateway.broker.MqttBroker;
import org.testcontainers.containers.GenericContainer;

/**
 * An MQTT broker running in a container this process started; its URL is the container's port 1883
 * as mapped on the Docker host. Closing it stops and removes the container.
 */
final class ContainerBroker implements MqttBroker {
  static final int MQTT_PORT = 1883;

  private final String kind;
  private final GenericContainer<?> container;

  /** Starts {@code container} (which must expose {@value #MQTT_PORT}) and wraps it. */
  static ContainerBroker start(String kind, GenericContainer<?> container) {
    container.start();
    return new ContainerBroker(kind, container);
  }

  private ContainerBroker(String kind, GenericContainer<?> container) {
    this.kind = kind;
    this.container = container;
  }

  @Override
  public String url() {
    return url(container);
  }

  /** The client URL of a started container's MQTT listener, as seen from this host. */
  static String url(GenericContainer<?> c) {
    return "tcp://" + c.getHost() + ":" + c.getMappedPort(MQTT_PORT);
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public void close() {
    container.stop();
  }
}
