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
 * @param control per run (same order), the capture-rate and offloading control against the best
 *     fixed rate (issue 15 part 4); empty when it was not computed
 */
public record DetectionReport(String detector, double captureIntervalS, String link,
    List<Map<Strategy, DetectedVehicles>> perRun, List<CaptureControl> control) {

  /** A report without the control comparison. */
  public DetectionReport(String detector, double captureIntervalS, String link,
      List<Map<Strategy, DetectedVehicles>> perRun) {
    this(detector, captureIntervalS, link, perRun, List.of());
  }

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
    if (control == null || (!control.isEmpty() && control.size() != perRun.size())) {
      throw new IllegalArgumentException("control must be empty or one per run (" + perRun.size() + "), got: "
          + (control == null ? null : control.size()));
    }
    control = List.copyOf(control);
  }
}
