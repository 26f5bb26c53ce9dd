package org.swarmsense.gateway.broker;

/**
 * A running MQTT 5 broker that this process started (or was pointed at). Closing it stops what this
 * process started; an external broker is left alone.
 */
public interface MqttBroker extends AutoCloseable {

  /** The broker URL for clients, e.g. {@code tcp://127.0.0.1:18830}. */
  String url();

  /** A short name for logs and test reports: {@code embedded-hivemq}, {@code mosquitto}, ... */
  String kind();

  @Override
  void close();
}
