/** The drone: its simulated flight along a selected plan (kinematics, battery drain by the energy model) and the Drone actor, a digital twin that reports telemetry and alarms. */
package org.swarmsense.agents.drone;
