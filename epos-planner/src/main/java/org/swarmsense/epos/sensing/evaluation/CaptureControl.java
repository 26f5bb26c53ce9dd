package org.swarmsense.epos.sensing.evaluation;

import java.util.List;

/**
 * The capture-rate and offloading control of one run of a detect mission (issue 15 part 4): the
 * controller that decides every drone's capture rate and local-vs-edge choice each slot against
 * the best fixed rate under the same accuracy constraint, both replayed on the same flights,
 * channel realisation and measured sampling accuracy. Written into report.json's detection
 * section; computed by the agents' {@code detect.FleetControl}. Immutable.
 *
 * @param strategy the strategy whose flights were controlled
 * @param controller the controller's name
 * @param controlled the controller's figures
 * @param fixedDecision the best fixed rate: level and how many drones offload
 * @param fixed the best fixed rate's figures
 * @param accuracyTarget the long-run accuracy the service must hold, (0, 1]
 * @param model one line: slot, levels, measured g(k), on-board and edge compute, radio
 * @param goalRatio the delay ratio fixed / controlled the goal asks for (1.25 = 20 % lower)
 * @param goalMet whether the controller's mean delay is at most (1 - 0.2) of the fixed rate's at
 *     its long-run accuracy at or above target
 * @param reason the measured reason, one line
 * @param alternatives other policies replayed on the same flights and channels for the diagnosis (the
 *     earlier controller, bounds), each named; not part of the goal
 */
public record CaptureControl(String strategy, String controller, Figures controlled, String fixedDecision,
    Figures fixed, double accuracyTarget, String model, double goalRatio, boolean goalMet, String reason,
    List<Alternative> alternatives) {

  /** A policy replayed for the diagnosis: its name and figures. */
  public record Alternative(String name, Figures figures) {

    /** Validates. */
    public Alternative {
      if (name == null || figures == null) {
        throw new IllegalArgumentException("an alternative needs a name and figures");
      }
    }
  }

  /** Validates. */
  public CaptureControl {
    if (strategy == null || controller == null || controlled == null || fixedDecision == null || fixed == null
        || model == null || reason == null || alternatives == null) {
      throw new IllegalArgumentException("every field of CaptureControl must be given");
    }
    alternatives = List.copyOf(alternatives);
    if (!(accuracyTarget > 0 && accuracyTarget <= 1)) {
      throw new IllegalArgumentException("accuracyTarget must be in (0, 1], got: " + accuracyTarget);
    }
    if (!(goalRatio > 0) || Double.isInfinite(goalRatio)) {
      throw new IllegalArgumentException("goalRatio must be > 0, got: " + goalRatio);
    }
  }

  /** Mean delay of the fixed rate over the controller's (above 1: the controller is faster). */
  public double delayRatio() {
    return fixed.meanDelayS() / controlled.meanDelayS();
  }

  /**
   * One controller's figures over the slots in which at least one drone hovered.
   *
   * @param meanDelayS mean slot delay D(t), seconds
   * @param p50DelayS median slot delay, seconds
   * @param p99DelayS 99th-percentile slot delay, seconds
   * @param longRunAccuracy mean of the service's accuracy over the measured slots
   * @param runningViolationShare share of measured slots whose running mean accuracy is below target
   * @param bytesSent bytes uploaded to the edge node
   * @param overflows queue overflows (a drone's or the edge node's)
   * @param slots slots measured
   * @param meanUploadDelayS the upload part of the mean slot delay, seconds
   * @param meanEdgeDelayS the edge queue-and-compute part of the mean slot delay, seconds (the rest,
   *     mean - upload - edge, is on-board compute)
   * @param virtualQueueBoundShare share of measured slots that started with a positive virtual queue
   *     (the accuracy constraint priced into the decision)
   * @param edgeShareByChannelState per channel state, the share of hovering drone-slots in that state
   *     sent to the edge (NaN for a state no hovering drone was in)
   */
  public record Figures(double meanDelayS, double p50DelayS, double p99DelayS, double longRunAccuracy,
      double runningViolationShare, long bytesSent, long overflows, int slots, double meanUploadDelayS,
      double meanEdgeDelayS, double virtualQueueBoundShare, List<Double> edgeShareByChannelState) {

    /** Validates. */
    public Figures {
      if (!(meanDelayS >= 0) || !(p50DelayS >= 0) || !(p99DelayS >= 0)) {
        throw new IllegalArgumentException("delays must be >= 0, got: " + meanDelayS + ", " + p50DelayS + ", "
            + p99DelayS);
      }
      if (!(runningViolationShare >= 0 && runningViolationShare <= 1)) {
        throw new IllegalArgumentException("runningViolationShare must be in [0, 1], got: " + runningViolationShare);
      }
      if (bytesSent < 0 || overflows < 0 || slots < 0) {
        throw new IllegalArgumentException("bytesSent, overflows and slots must be >= 0, got: " + bytesSent + ", "
            + overflows + ", " + slots);
      }
      if (!(meanUploadDelayS >= 0) || !(meanEdgeDelayS >= 0)) {
        throw new IllegalArgumentException("delay parts must be >= 0, got: " + meanUploadDelayS + ", "
            + meanEdgeDelayS);
      }
      if (!(virtualQueueBoundShare >= 0 && virtualQueueBoundShare <= 1)) {
        throw new IllegalArgumentException("virtualQueueBoundShare must be in [0, 1], got: "
            + virtualQueueBoundShare);
      }
      edgeShareByChannelState = List.copyOf(edgeShareByChannelState);
    }

    /** The on-board part of the mean slot delay, seconds (>= 0 up to rounding). */
    public double meanLocalDelayS() {
      return Math.max(0, meanDelayS - meanUploadDelayS - meanEdgeDelayS);
    }
  }
}
