package org.swarmsense.agents.alarm;

/** The alarms a fleet operator gets. */
public enum AlarmKind {
  /** The battery fell below the configured threshold while airborne or idle. */
  LOW_BATTERY,
  /** The drone is outside its geofence. */
  GEOFENCE_BREACH,
  /** No telemetry reached the fleet registry for longer than the link timeout. */
  LINK_LOST
}
