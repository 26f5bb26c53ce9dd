/**
 * The device simulator: drones and sensors that behave like real ones on the wire (retained status
 * with a last will, telemetry at a rate, commands answered on their MQTT 5 response topic with the
 * correlation data), for demos, tests and {@code swarmsense bench mqtt}.
 */
package org.swarmsense.gateway.simulator;
