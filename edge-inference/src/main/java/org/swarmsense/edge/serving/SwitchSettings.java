package org.swarmsense.edge.serving;

/**
 * Settings of the online-corrected pruning-level switch ({@link LatencyCorrection} and {@link
 * PruningSwitch}), read by {@code EdgeInferenceSettings.switching()} from {@code
 * swarmsense.edge-inference.switching} (meaning and reasons in {@code reference.conf}). Immutable.
 *
 * @param ewmaWeight weight of a new observation in the moving average of log(observed / predicted), (0, 1]
 * @param minObservations observations of a (stage, batch size) before its own ratio replaces the shared one, >= 1
 * @param maxRatio one observed/predicted ratio is clamped to [1 / maxRatio, maxRatio] before it is averaged, > 1
 * @param hysteresis relative band around the target latency that a switch must cross, [0, 1)
 * @param dwellRequests requests served at a frequency level after a switch before the next switch there, >= 1
 */
public record SwitchSettings(double ewmaWeight, int minObservations, double maxRatio, double hysteresis,
    int dwellRequests) {

  /** Validates every field; the message names the field and the bad value. */
  public SwitchSettings {
    if (!(ewmaWeight > 0 && ewmaWeight <= 1)) {
      throw new IllegalArgumentException("ewmaWeight must be in (0, 1], got: " + ewmaWeight);
    }
    if (minObservations < 1) {
      throw new IllegalArgumentException("minObservations must be >= 1, got: " + minObservations);
    }
    if (!(maxRatio > 1) || Double.isInfinite(maxRatio)) {
      throw new IllegalArgumentException("maxRatio must be > 1 and finite, got: " + maxRatio);
    }
    if (!(hysteresis >= 0 && hysteresis < 1)) {
      throw new IllegalArgumentException("hysteresis must be in [0, 1), got: " + hysteresis);
    }
    if (dwellRequests < 1) {
      throw new IllegalArgumentException("dwellRequests must be >= 1, got: " + dwellRequests);
    }
  }
}
