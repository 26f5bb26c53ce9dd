package org.swarmsense.epos.sensing.evaluation;

import java.util.List;
import java.util.Map;
import org.swarmsense.epos.sensing.Strategy;

/**
 * Measured detection of every strategy of every run of a planned mission (written into report.json
 * next to the proxy figures). Immutable.
 *
 * @param detector the detector variant that ran on the edge node
 * @param captureIntervalS seconds between two frames of a hovering drone
 * @param link how frames travelled: codec, channel and deadline, one line for the report
 * @param perRun per run of the mission's result (same order), each strategy's figures
 */
public record DetectionReport(String detector, double captureIntervalS, String link,
    List<Map<Strategy, DetectedVehicles>> perRun) {

  /** Validates and copies. */
  public DetectionReport {
    if (detector == null || detector.isBlank()) {
      throw new IllegalArgumentException("detector must be named, got: " + detector);
    }
    if (!(captureIntervalS > 0) || Double.isInfinite(captureIntervalS)) {
      throw new IllegalArgumentException("captureIntervalS must be > 0, got: " + captureIntervalS);
    }
    if (link == null || perRun == null) {
      throw new IllegalArgumentException("link and perRun must not be null");
    }
    perRun = perRun.stream().map(Map::copyOf).toList();
  }
}
