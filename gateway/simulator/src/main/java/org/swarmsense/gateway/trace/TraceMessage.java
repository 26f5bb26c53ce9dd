package org.swarmsense.gateway.trace;

import java.util.Arrays;
import org.swarmsense.gateway.wire.Topic;

/**
 * One recorded MQTT message. The byte arrays are copied in and out, so instances are immutable and
 * thread-safe.
 *
 * @param tMs when it was received (recording) or is due (vehicle streams), milliseconds since the
 *     Unix epoch; replay keeps the differences between messages
 * @param topic the topic, below {@code swarmsense/}, without wildcards
 * @param qos 0 or 1 (swarmsense uses no QoS 2)
 * @param retained the retained flag as published
 * @param payload the payload bytes, exactly
 * @param responseTopic the MQTT 5 response topic, or null
 * @param correlationData the MQTT 5 correlation data, or null
 */
public record TraceMessage(
    long tMs, String topic, int qos, boolean retained, byte[] payload, String responseTopic,
    byte[] correlationData) {

  /** Validates every field; errors name the JSON field and the value. */
  public TraceMessage {
    if (tMs < 0) {
      throw new IllegalArgumentException("t_ms must be >= 0, was " + tMs);
    }
    requireTopic("topic", topic);
    if (qos < 0 || qos > 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
    if (payload == null) {
      throw new IllegalArgumentException("payload must not be null");
    }
    payload = payload.clone();
    if (responseTopic != null) {
      requireTopic("response_topic", responseTopic);
    }
    correlationData = correlationData == null ? null : correlationData.clone();
  }

  /** A message without MQTT 5 properties. */
  public static TraceMessage of(long tMs, String topic, int qos, boolean retained, byte[] payload) {
    return new TraceMessage(tMs, topic, qos, retained, payload, null, null);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] correlationData() {
    return correlationData == null ? null : correlationData.clone();
  }

  /**
   * The same message with the fleet level ({@code swarmsense/{fleet}/...}) of the topic and of the
   * response topic replaced.
   */
  public TraceMessage withFleet(String fleet) {
    Topic.requireName("fleet", fleet);
    return new TraceMessage(tMs, rewrite(topic, fleet), qos, retained, payload,
        responseTopic == null ? null : rewrite(responseTopic, fleet), correlationData);
  }

  /** The fleet level of the topic, or null when the topic is not {@code swarmsense/{fleet}/...}. */
  public String fleet() {
    String[] l = topic.split("/", 3);
    return l.length == 3 && Topic.ROOT.equals(l[0]) ? l[1] : null;
  }

  private static String rewrite(String t, String fleet) {
    String[] l = t.split("/", 3);
    if (l.length < 3 || !Topic.ROOT.equals(l[0])) {
      return t;
    }
    return l[0] + "/" + fleet + "/" + l[2];
  }

  private static void requireTopic(String field, String t) {
    if (t == null || t.isEmpty() || t.length() > 65535 || t.contains("+") || t.contains("#")
        || t.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          field + " must be a non-empty MQTT topic without wildcards, was '" + t + "'");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceMessage m && m.tMs == tMs && m.topic.equals(topic) && m.qos == qos
        && m.retained == retained && Arrays.equals(m.payload, payload)
        && java.util.Objects.equals(m.responseTopic, responseTopic)
        && Arrays.equals(m.correlationData, correlationData);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(tMs, topic, qos, retained, Arrays.hashCode(payload), responseTopic,
        Arrays.hashCode(correlationData));
  }

  @Override
  public String toString() {
    return "TraceMessage[t_ms=" + tMs + ", topic=" + topic + ", qos=" + qos + ", retained=" + retained
        + ", " + payload.length + " bytes" + (responseTopic == null ? "" : ", response_topic=" + responseTopic)
        + "]";
  }
}
