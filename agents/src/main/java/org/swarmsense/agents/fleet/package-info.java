/** The device registry: which drones and sensors exist, their latest state, link-loss alarms. */
package org.swarmsense.agents.fleet;
