package org.swarmsense.agents.device;

import org.swarmsense.agents.cluster.CborSerializable;

/**
 * What a device last reported about itself (its telemetry), as its entity keeps it.
 *
 * @param deviceTMs the device's own time stamp, ms since the Unix epoch
 * @param receivedAtMs when the gateway received it, ms since the Unix epoch
 * @param latDeg latitude, degrees, -90..90
 * @param lonDeg longitude, degrees, -180..180
 * @param altM altitude, m, finite
 * @param speedMps ground speed, m/s, finite and >= 0
 * @param headingDeg heading, degrees, finite
 * @param batteryPercent battery, percent, finite
 * @param state the device's own state word (flying, landed, ...), not empty
 * @param edgeLoad an edge node's queue, load and counts; null for drones and sensors
 */
public record Observation(long deviceTMs, long receivedAtMs, double latDeg, double lonDeg, double altM,
    double speedMps, double headingDeg, double batteryPercent, String state, EdgeLoad edgeLoad)
    implements CborSerializable {
  /** The observation of a drone or a sensor (no edge load). */
  public Observation(long deviceTMs, long receivedAtMs, double latDeg, double lonDeg, double altM,
      double speedMps, double headingDeg, double batteryPercent, String state) {
    this(deviceTMs, receivedAtMs, latDeg, lonDeg, altM, speedMps, headingDeg, batteryPercent, state, null);
  }

  /** Validates the fields; the error names the field and the value. */
  public Observation {
    if (!(latDeg >= -90 && latDeg <= 90)) {
      throw new IllegalArgumentException("latDeg must be in -90..90, was " + latDeg);
    }
    if (!(lonDeg >= -180 && lonDeg <= 180)) {
      throw new IllegalArgumentException("lonDeg must be in -180..180, was " + lonDeg);
    }
    finite("altM", altM);
    finite("speedMps", speedMps);
    finite("headingDeg", headingDeg);
    finite("batteryPercent", batteryPercent);
    if (speedMps < 0) {
      throw new IllegalArgumentException("speedMps must be >= 0, was " + speedMps);
    }
    if (state == null || state.isEmpty()) {
      throw new IllegalArgumentException("state must not be empty, was " + state);
    }
  }

  private static void finite(String field, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(field + " must be finite, was " + v);
    }
  }
}
