/**
 * The operator's airspace rules, checked on every drone position: {@link
 * org.swarmsense.agents.airspace.Fence}s of a fleet (a <em>no-fly zone</em> is a polygon a drone
 * must stay out of, a <em>geofence</em> one it must stay inside; "fence" names either), each with a
 * {@link org.swarmsense.agents.airspace.FenceAction}, indexed per fleet ({@link
 * org.swarmsense.agents.airspace.FenceSet}) and judged with hysteresis ({@link
 * org.swarmsense.agents.airspace.BreachMonitor}). Plain Java (JTS): the gateway's ingest is a thin
 * shell around it.
 */
package org.swarmsense.agents.airspace;
