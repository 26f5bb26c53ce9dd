package org.swarmsense.epos.sensing.flight;

/** What a drone on a {@link FlightTimeline} is doing at an instant. */
public enum FlightPhase {
  /** On the ground, waiting to take off or done for the day; draws no power. */
  IDLE,
  /** Flying a leg (climb and descent included) at the cruise speed, at flight power. */
  FLYING,
  /** Holding position in the air (over a cell to sense it), at hover power. */
  HOVERING,
  /** On the ground after a landing while the battery is swapped; the new battery is full. */
  SWAPPING
}
