package org.swarmsense.semantic.control.rl;

import java.util.SplittableRandom;

/**
 * Deep deterministic policy gradient (Lillicrap et al. 2016) with an optional TD3 mode (Fujimoto
 * et al. 2018): an actor mu(s) in [-1,1]^A (tanh), a critic Q(s, a) on the concatenation, target
 * networks with soft updates, uniform replay, Gaussian exploration noise. One gradient update per
 * {@link #update} call once the buffer holds a batch. Seeded: the same seed and the same calls give
 * bit-identical networks. Mutable; one thread.
 */
public final class DdpgAgent {

  private final int stateSize;
  private final int actionSize;
  private final DdpgSettings settings;
  private final Mlp actor;
  private final Mlp actorTarget;
  private final Mlp critic;
  private final Mlp criticTarget;
  private final Mlp critic2;
  private final Mlp critic2Target;
  private final ReplayBuffer replay;
  private final SplittableRandom noise;
  private final SplittableRandom sampler;
  private long updates;

  /**
   * @param stateSize observation length
   * @param actionSize action length
   * @param settings hyperparameters
   * @param seed seed of the weights, the noise and the batch sampling
   * @param replayCapacity transitions kept (at most {@code settings.replayCapacity()})
   */
  public DdpgAgent(int stateSize, int actionSize, DdpgSettings settings, long seed, int replayCapacity) {
    if (stateSize < 1 || actionSize < 1) {
      throw new IllegalArgumentException("stateSize and actionSize must be >= 1, got: " + stateSize + ", " + actionSize);
    }
    this.stateSize = stateSize;
    this.actionSize = actionSize;
    this.settings = settings;
    SplittableRandom root = new SplittableRandom(seed);
    int[] actorShape = {stateSize, settings.hidden1(), settings.hidden2(), actionSize};
    int[] criticShape = {stateSize + actionSize, settings.hidden1(), settings.hidden2(), 1};
    actor = new Mlp(actorShape, true, settings.actorLearningRate(), root.split());
    critic = new Mlp(criticShape, false, settings.criticLearningRate(), root.split());
    critic2 = settings.twinDelayed() ? new Mlp(criticShape, false, settings.criticLearningRate(), root.split()) : null;
    actorTarget = actor.copy();
    criticTarget = critic.copy();
    critic2Target = critic2 == null ? null : critic2.copy();
    noise = root.split();
    sampler = root.split();
    replay = new ReplayBuffer(Math.max(1, Math.min(replayCapacity, settings.replayCapacity())), stateSize, actionSize);
  }

  public Mlp actor() {
    return actor;
  }

  public Mlp critic() {
    return critic;
  }

  /** mu(s), a new array. */
  public double[] act(double[] state) {
    return actor.forward(state);
  }

  /** mu(s) plus N(0, sigma^2) noise, clipped to [-1, 1]. */
  public double[] explore(double[] state) {
    double[] a = actor.forward(state);
    for (int i = 0; i < a.length; i++) {
      a[i] = clip(a[i] + settings.explorationNoiseStd() * noise.nextGaussian(), 1);
    }
    return a;
  }

  /** Stores a transition. */
  public void remember(double[] state, double[] action, double reward, double[] nextState) {
    if (state.length != stateSize || nextState.length != stateSize || action.length != actionSize) {
      throw new IllegalArgumentException("transition sizes must be " + stateSize + "/" + actionSize + ", got: "
          + state.length + "/" + action.length + "/" + nextState.length);
    }
    replay.add(state, action, reward, nextState);
  }

  /** One critic update (and, every policy-delay updates, an actor and target update). */
  public void update() {
    int batch = settings.batchSize();
    if (replay.size() < batch) {
      return;
    }
    int[] picks = new int[batch];
    for (int b = 0; b < batch; b++) {
      picks[b] = replay.sample(sampler);
    }
    double[] state = new double[stateSize];
    double[] next = new double[stateSize];
    double[] input = new double[stateSize + actionSize];
    double[] grad = new double[1];
    for (int b = 0; b < batch; b++) {
      int i = picks[b];
      replay.nextState(i, next);
      double[] nextAction = actorTarget.forward(next);
      if (settings.twinDelayed()) {
        for (int j = 0; j < actionSize; j++) {
          double eps = clip(settings.targetNoiseStd() * noise.nextGaussian(), settings.targetNoiseClip());
          nextAction[j] = clip(nextAction[j] + eps, 1);
        }
      }
      System.arraycopy(next, 0, input, 0, stateSize);
      System.arraycopy(nextAction, 0, input, stateSize, actionSize);
      double target = criticTarget.forwardKeep(input)[0];
      if (critic2Target != null) {
        target = Math.min(target, critic2Target.forwardKeep(input)[0]);
      }
      double y = replay.reward(i) + settings.discount() * target;
      replay.state(i, state);
      System.arraycopy(state, 0, input, 0, stateSize);
      replay.action(i, input, stateSize);
      grad[0] = 2 * (critic.forwardKeep(input)[0] - y);
      critic.backward(grad, true);
      if (critic2 != null) {
        grad[0] = 2 * (critic2.forwardKeep(input)[0] - y);
        critic2.backward(grad, true);
      }
    }
    critic.adamStep(1.0 / batch);
    if (critic2 != null) {
      critic2.adamStep(1.0 / batch);
    }
    updates++;
    if (updates % settings.policyDelay() != 0) {
      return;
    }
    double[] actionGrad = new double[actionSize];
    grad[0] = -1;
    for (int b = 0; b < batch; b++) {
      replay.state(picks[b], state);
      double[] a = actor.forwardKeep(state);
      System.arraycopy(state, 0, input, 0, stateSize);
      System.arraycopy(a, 0, input, stateSize, actionSize);
      critic.forwardKeep(input);
      double[] dInput = critic.backward(grad, false);
      System.arraycopy(dInput, stateSize, actionGrad, 0, actionSize);
      actor.backward(actionGrad, true);
    }
    actor.adamStep(1.0 / batch);
    actorTarget.softUpdateFrom(actor, settings.softUpdate());
    criticTarget.softUpdateFrom(critic, settings.softUpdate());
    if (critic2 != null) {
      critic2Target.softUpdateFrom(critic2, settings.softUpdate());
    }
  }

  private static double clip(double v, double bound) {
    return Math.max(-bound, Math.min(bound, v));
  }
}
