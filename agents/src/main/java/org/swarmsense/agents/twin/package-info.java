/**
 * Digital twins of real devices connected over MQTT: last reported state and alarms (low battery,
 * link lost) by the same rules as the simulated drones.
 */
package org.swarmsense.agents.twin;
