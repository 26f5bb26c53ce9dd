/**
 * Devices that talk over MQTT as actors: one {@link org.swarmsense.agents.device.DeviceEntity} per
 * (fleet, kind, id), placed by Cluster Sharding under the entity id of its {@link
 * org.swarmsense.agents.device.DeviceKey}, and the one read view of them all ({@link
 * org.swarmsense.agents.device.DeviceView}) that HTTP, the dashboard and the mission runner read.
 */
package org.swarmsense.agents.device;
