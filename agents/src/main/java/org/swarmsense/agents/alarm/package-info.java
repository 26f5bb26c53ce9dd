/** Alarm rules (low battery, geofence breach, lost link) as plain classes the actors call. */
package org.swarmsense.agents.alarm;
