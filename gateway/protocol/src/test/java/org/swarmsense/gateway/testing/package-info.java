/**
 * Test fixtures shared with other modules through the gateway-protocol test-jar: real MQTT brokers
 * (embedded HiveMQ CE, a Mosquitto process, or {@code MQTT_URL}) for broker-facing tests.
 */
package org.swarmsense.gateway.testing;
