/**
 * Edge nodes on the wire: {@link org.swarmsense.gateway.edge.EdgeNodeLink} connects one agents
 * {@code EdgeNode} actor to MQTT as a device of kind {@code edge} (retained status with its last
 * will, telemetry with queue and load, tasks in, results out), for {@code serve}, the demo and
 * {@code swarmsense edge}.
 */
package org.swarmsense.gateway.edge;
