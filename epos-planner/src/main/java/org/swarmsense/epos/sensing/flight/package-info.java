/**
 * Where a drone is and what it does at any time, given its waypoints: the one flight-timeline model
 * of the project ({@link org.swarmsense.epos.sensing.flight.FlightTimeline}), used by the agents'
 * simulated drones, the gateway's simulated MQTT drones and the gateway's plan-to-waypoints
 * conversion. Kinematics in a local metric frame (maps' {@code LocalProjection} converts to WGS84),
 * energy from the {@link org.swarmsense.epos.sensing.energy.EnergyModel}.
 */
package org.swarmsense.epos.sensing.flight;
