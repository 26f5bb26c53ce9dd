package org.swarmsense.semantic.control;

import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link Controller} on fixed episode seeds and measures it (README choices 5 and 9): mean
 * slot delay, its p50/p99, the share of (slot, service) pairs whose running mean accuracy since
 * the episode start is below target, the share of (episode, service) pairs whose episode mean is
 * below target, overflows and uploaded bits per slot. Stateless; thread-safe if the controller is.
 */
public final class Evaluation {

  private Evaluation() {}

  /**
   * Measured figures.
   *
   * @param meanDelayS mean of D(t) over all slots, seconds
   * @param p50DelayS median slot delay, seconds
   * @param p99DelayS 99th-percentile slot delay, seconds
   * @param runningViolation share of (slot, service) pairs with the running mean accuracy below target
   * @param episodeViolation share of (episode, service) pairs with the episode mean below target
   * @param overflowsPerSlot queue overflows per slot
   * @param meanAccuracy mean A_m per service
   * @param uploadedBitsPerSlot bits sent to the edge per slot
   * @param meanReward mean reward per slot
   * @param meanEdgeDelayS mean of the edge compute-and-queue part of D(t), seconds
   */
  public record Result(double meanDelayS, double p50DelayS, double p99DelayS, double runningViolation,
      double episodeViolation, double overflowsPerSlot, List<Double> meanAccuracy, double uploadedBitsPerSlot,
      double meanReward, double meanEdgeDelayS) {

    /** Copies the list. */
    public Result {
      meanAccuracy = List.copyOf(meanAccuracy);
    }
  }

  /**
   * @param controller what decides
   * @param model the model
   * @param environmentSeed the environment (per-device mean arrivals)
   * @param split edge CPU split
   * @param episodeSeeds one episode per seed
   * @param slots slots per episode
   */
  public static Result run(Controller controller, ControlModel model, long environmentSeed, EdgeSplit split,
      long[] episodeSeeds, int slots) {
    if (episodeSeeds.length == 0 || slots < 1) {
      throw new IllegalArgumentException("need >= 1 episode and >= 1 slot, got: " + episodeSeeds.length + ", " + slots);
    }
    ControlEnvironment env = new ControlEnvironment(model, environmentSeed, split);
    int services = model.serviceCount();
    double[] delays = new double[episodeSeeds.length * slots];
    double[] accuracyTotal = new double[services];
    long runningViolations = 0;
    long episodeViolations = 0;
    long overflows = 0;
    double uploaded = 0;
    double reward = 0;
    double edgeDelay = 0;
    int at = 0;
    for (long seed : episodeSeeds) {
      env.reset(seed);
      double[] accuracySum = new double[services];
      for (int t = 0; t < slots; t++) {
        SlotOutcome o = env.step(controller.decide(env.state()));
        delays[at++] = o.meanDelayS();
        overflows += o.overflows();
        uploaded += o.uploadedBits();
        reward += o.reward();
        edgeDelay += o.meanEdgeDelayS();
        for (int m = 0; m < services; m++) {
          accuracySum[m] += o.accuracy().get(m);
          if (accuracySum[m] / (t + 1) < model.services().get(m).accuracyTarget()) {
            runningViolations++;
          }
        }
      }
      for (int m = 0; m < services; m++) {
        accuracyTotal[m] += accuracySum[m];
        if (accuracySum[m] / slots < model.services().get(m).accuracyTarget()) {
          episodeViolations++;
        }
      }
    }
    double n = delays.length;
    double[] sorted = delays.clone();
    Arrays.sort(sorted);
    Double[] meanAccuracy = new Double[services];
    for (int m = 0; m < services; m++) {
      meanAccuracy[m] = accuracyTotal[m] / n;
    }
    return new Result(Arrays.stream(delays).sum() / n, percentile(sorted, 0.5), percentile(sorted, 0.99),
        runningViolations / (n * services), episodeViolations / (double) (episodeSeeds.length * services),
        overflows / n, List.of(meanAccuracy), uploaded / n, reward / n, edgeDelay / n);
  }

  /** Nearest-rank percentile {@code q} (0..1) of ascending {@code sorted} values, which must not be empty. */
  public static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("percentile of no values");
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
