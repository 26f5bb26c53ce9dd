/**
 * Missions behind the HTTP API: {@link org.swarmsense.gateway.mission.MissionDesk} validates a
 * submitted mission before anything flies, plans it in the background through a
 * {@link org.swarmsense.gateway.mission.PlanningService}, reports a typed
 * {@link org.swarmsense.gateway.mission.MissionStatus}, and flies it through a
 * {@link org.swarmsense.gateway.mission.MissionFlight} (the agents' mission coordinator, in the
 * gateway node). Mission code knows no HTTP status
 * codes: it throws {@link org.swarmsense.gateway.mission.MissionNotFoundException} and
 * {@link org.swarmsense.gateway.mission.MissionConflictException}, which {@code http.ApiErrors}
 * maps.
 */
package org.swarmsense.gateway.mission;
