package org.swarmsense.epos.sensing.evaluation;

/**
 * What one strategy's plans detected when flown with cameras (the measured counterpart of {@link
 * SensingMetrics#vehicleObservationShare()}, which is a proxy from hover time). Immutable.
 *
 * <p>A <em>vehicle-second</em> is one vehicle of the mission's trace present, at one whole second
 * of the mission's window, inside one cell of the mission's grid (the planner's own count, so the
 * demand's total is {@code demandVehicleSeconds}). A vehicle-second is <em>detected</em> when a
 * frame captured by a hovering drone at most one capture interval before it, during the same hover
 * over the same cell, has a detection matched (IoU &gt;= the matching threshold, one to one) to that
 * vehicle's ground-truth box. Each vehicle-second counts once whatever the number of drones that
 * saw it.
 *
 * @param demandVehicleSeconds all vehicle-seconds of the demand, &gt; 0
 * @param detectedVehicleSeconds the detected ones, 0..demand
 * @param frames frames captured
 * @param framesLost frames of which nothing reached the edge node or the node refused
 * @param truePositives detections matched to a ground-truth vehicle, summed over frames
 * @param falsePositives detections matched to none, summed over frames
 * @param groundTruthBoxes ground-truth vehicle boxes in the frames, summed over frames
 * @param energyKj the strategy's energy, kJ (as in its {@link SensingMetrics#energyKj()})
 */
public record DetectedVehicles(double demandVehicleSeconds, double detectedVehicleSeconds, int frames,
    int framesLost, long truePositives, long falsePositives, long groundTruthBoxes, double energyKj) {

  /** Validates the fields; messages name the field and the value. */
  public DetectedVehicles {
    if (!(demandVehicleSeconds > 0) || Double.isInfinite(demandVehicleSeconds)) {
      throw new IllegalArgumentException("demandVehicleSeconds must be > 0, got: " + demandVehicleSeconds);
    }
    if (!(detectedVehicleSeconds >= 0 && detectedVehicleSeconds <= demandVehicleSeconds)) {
      throw new IllegalArgumentException("detectedVehicleSeconds must be in [0, " + demandVehicleSeconds
          + "], got: " + detectedVehicleSeconds);
    }
    if (frames < 0 || framesLost < 0 || framesLost > frames) {
      throw new IllegalArgumentException("frames must be >= 0 and framesLost in [0, frames], got: " + frames
          + ", " + framesLost);
    }
    if (truePositives < 0 || falsePositives < 0 || groundTruthBoxes < 0) {
      throw new IllegalArgumentException("truePositives, falsePositives, groundTruthBoxes must be >= 0, got: "
          + truePositives + ", " + falsePositives + ", " + groundTruthBoxes);
    }
    if (!(energyKj >= 0) || Double.isInfinite(energyKj)) {
      throw new IllegalArgumentException("energyKj must be finite and >= 0, got: " + energyKj);
    }
  }

  /** Detected over all vehicle-seconds of the demand, percent, 0..100. */
  public double detectedVehiclesPercent() {
    return 100 * detectedVehicleSeconds / demandVehicleSeconds;
  }

  /** Detected vehicle-seconds per kJ of the strategy's energy (0 when it used none). */
  public double detectionsPerKj() {
    return energyKj > 0 ? detectedVehicleSeconds / energyKj : 0;
  }
}
