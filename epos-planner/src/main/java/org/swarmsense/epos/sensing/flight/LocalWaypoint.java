package org.swarmsense.epos.sensing.flight;

/**
 * One waypoint of a {@link FlightTimeline} in a local metric frame: fly there in a straight line,
 * then hold (in the air if {@code altitudeM > 0}, else on the ground) until the later of {@code
 * holdS} after arriving and {@code untilS} after the flight's start: a duration for what takes its
 * time wherever it starts (a battery swap), a time for what is planned in time (a hover stop ends at
 * its planned end, a take-off waits for its planned time), so that a drone that arrives late holds
 * only what is left and one that arrives early waits. The local-frame counterpart of the gateway's
 * WGS84 {@code wire.Waypoint}. Immutable, thread-safe.
 *
 * @param xM east, local metres
 * @param yM north, local metres
 * @param altitudeM altitude above take-off, m (0 is on the ground)
 * @param holdS time held there after arriving, s
 * @param cell the cell sensed during the hold, or -1
 * @param untilS the hold lasts at least until this time, s after the flight's start (0: no such bound)
 */
public record LocalWaypoint(double xM, double yM, double altitudeM, double holdS, int cell, double untilS) {
  /** Validates the fields, naming the bad one. */
  public LocalWaypoint {
    if (!Double.isFinite(xM) || !Double.isFinite(yM)) {
      throw new IllegalArgumentException("xM and yM must be finite, got: " + xM + ", " + yM);
    }
    if (!(altitudeM >= 0) || !Double.isFinite(altitudeM)) {
      throw new IllegalArgumentException("altitudeM must be finite and >= 0, got: " + altitudeM);
    }
    if (!(holdS >= 0) || !Double.isFinite(holdS)) {
      throw new IllegalArgumentException("holdS must be finite and >= 0, got: " + holdS);
    }
    if (cell < -1) {
      throw new IllegalArgumentException("cell must be >= -1, got: " + cell);
    }
    if (!(untilS >= 0) || !Double.isFinite(untilS)) {
      throw new IllegalArgumentException("untilS must be finite and >= 0, got: " + untilS);
    }
  }

  /** A waypoint held {@code holdS} after arriving (no time bound). */
  public LocalWaypoint(double xM, double yM, double altitudeM, double holdS, int cell) {
    this(xM, yM, altitudeM, holdS, cell, 0);
  }

  /** A point on the ground with no hold. */
  public static LocalWaypoint ground(double xM, double yM) {
    return new LocalWaypoint(xM, yM, 0, 0, -1);
  }

  /** Straight-line (3-D) distance to {@code o}, m. */
  double distanceM(LocalWaypoint o) {
    double dx = o.xM - xM;
    double dy = o.yM - yM;
    double dz = o.altitudeM - altitudeM;
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
}
