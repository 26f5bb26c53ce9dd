package org.swarmsense.semantic.control;

import java.util.SplittableRandom;

/**
 * The simulated system of the control model: per-device mean arrivals drawn once from the
 * environment seed (U[lambda_min, lambda_max]); per episode, arrivals U(mean - w, mean + w) and
 * Markov channel moves from the episode seed, so every controller run on the same episode seed
 * sees the same arrivals and channels. Mutable; one thread at a time.
 */
public final class ControlEnvironment {

  private final SlotDynamics dynamics;
  private final EdgeSplit split;
  private final double[] meanArrivals;
  private SplittableRandom random;
  private SlotState state;
  private int slot;

  /**
   * @param model the model
   * @param environmentSeed seed of the per-device mean arrivals
   * @param split how the edge CPU is divided
   */
  public ControlEnvironment(ControlModel model, long environmentSeed, EdgeSplit split) {
    this.dynamics = new SlotDynamics(model);
    this.split = split;
    SplittableRandom r = new SplittableRandom(environmentSeed);
    this.meanArrivals = new double[model.deviceCount()];
    for (int n = 0; n < meanArrivals.length; n++) {
      meanArrivals[n] = model.arrivalMeanMin() + (model.arrivalMeanMax() - model.arrivalMeanMin()) * r.nextDouble();
    }
    reset(environmentSeed);
  }

  public SlotDynamics dynamics() {
    return dynamics;
  }

  public ControlModel model() {
    return dynamics.model();
  }

  /** Empties all queues and starts an episode whose arrivals and channels come from {@code episodeSeed}. */
  public SlotState reset(long episodeSeed) {
    random = new SplittableRandom(episodeSeed);
    ControlModel model = dynamics.model();
    int n = model.deviceCount();
    int[] channels = new int[n];
    for (int i = 0; i < n; i++) {
      channels[i] = model.channel().draw(random);
    }
    slot = 0;
    state = new SlotState(new double[n], channels, drawArrivals(), new double[model.serviceCount()],
        new double[model.serviceCount()]);
    return state;
  }

  /** The state of the current slot. */
  public SlotState state() {
    return state;
  }

  /** Slots played since the last reset. */
  public int slot() {
    return slot;
  }

  /** Plays {@code decision} in the current slot and moves to the next. */
  public SlotOutcome step(SlotDecision decision) {
    SlotDynamics.Transition t = dynamics.step(state, decision, split);
    int n = state.deviceCount();
    int[] channels = new int[n];
    for (int i = 0; i < n; i++) {
      channels[i] = dynamics.model().channel().next(state.channelState(i), random);
    }
    state = new SlotState(t.localQueueBits(), channels, drawArrivals(), t.edgeQueueBits(), t.virtualQueues());
    slot++;
    return t.outcome();
  }

  private double[] drawArrivals() {
    double w = dynamics.model().arrivalHalfWidth();
    double[] a = new double[meanArrivals.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = meanArrivals[i] - w + 2 * w * random.nextDouble();
    }
    return a;
  }
}
