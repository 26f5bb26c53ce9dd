package org.swarmsense.gateway.trace;

/**
 * Where a replay publishes: {@link MqttTraceSink} on a broker, a list in tests. Implementations may
 * block to apply back-pressure. Called from one thread.
 */
public interface TraceSink {

  /** Publishes one message with its QoS, retained flag and MQTT 5 properties. */
  void publish(TraceMessage message) throws InterruptedException;

  /** Waits until everything published so far has left (written, or acknowledged for QoS 1). */
  default void drain() throws InterruptedException {}
}
