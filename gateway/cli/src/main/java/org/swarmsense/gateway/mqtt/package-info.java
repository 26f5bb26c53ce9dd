/**
 * The MQTT benchmarks ({@code bench mqtt}: {@link org.swarmsense.gateway.mqtt.TelemetryBench};
 * {@code bench soak}: {@link org.swarmsense.gateway.mqtt.SoakBench}). They keep the package of the
 * link they measure, whose classes live in gateway-protocol, but sit in gateway-cli because they
 * drive the simulator, which the protocol module cannot see.
 */
package org.swarmsense.gateway.mqtt;
