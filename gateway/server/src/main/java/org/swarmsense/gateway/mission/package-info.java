/**
 * Missions behind the HTTP API: validation before anything flies, background planning with
 * progress, reports and plans per fleet.
 */
package org.swarmsense.gateway.mission;
