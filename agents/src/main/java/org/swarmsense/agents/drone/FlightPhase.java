package org.swarmsense.agents.drone;

/** What a simulated drone is doing at an instant. */
public enum FlightPhase {
  /** On the ground at its base, battery full or not in use. */
  IDLE,
  /** Flying a leg at cruise speed. */
  FLYING,
  /** Hovering over a cell to sense it. */
  HOVERING,
  /** On the ground at its base while the battery is swapped. */
  SWAPPING
}
