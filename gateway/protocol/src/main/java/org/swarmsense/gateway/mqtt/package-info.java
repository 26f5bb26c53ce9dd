/**
 * The MQTT fleet link: {@link org.swarmsense.gateway.mqtt.MqttLink} owns one MQTT 5 connection
 * (connect, reconnect with capped exponential backoff and jitter, resubscribe, QoS 1 outbox with an
 * in-flight limit), and {@link org.swarmsense.gateway.mqtt.FleetLink} turns device messages into
 * validated calls on a {@link org.swarmsense.gateway.mqtt.FleetIngest}, refusing bad payloads on
 * {@code .../evt} and counting them.
 */
package org.swarmsense.gateway.mqtt;
