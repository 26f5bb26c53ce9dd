package org.swarmsense.gateway.mission;

import java.util.Locale;

/**
 * Where a submitted mission is: {@link #PLANNING} in the background, {@link #PLANNED} (report and
 * plans ready), {@link #RUNNING} (plans sent to the fleet's drones), {@link #DONE} (every drone that
 * took its plan landed after flying it, or was lost or refused; the mission coordinator says so from
 * their telemetry), {@link #FAILED} (planning
 * refused or broke; the status carries the error), {@link #CANCELLED} (by the operator; drones
 * already flying keep their plan until told otherwise). On the wire (HTTP, live events) a state is its
 * lower-case name ({@link #wireName()}).
 */
public enum MissionState {
  PLANNING,
  PLANNED,
  RUNNING,
  DONE,
  FAILED,
  CANCELLED;

  /** The lower-case name the HTTP API and the dashboard use, e.g. {@code planning}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
