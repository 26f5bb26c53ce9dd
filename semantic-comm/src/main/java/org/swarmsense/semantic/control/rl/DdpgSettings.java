package org.swarmsense.semantic.control.rl;

/**
 * Hyperparameters of DDPG and its TD3 variant. {@link #fromSettings()} gives reference.conf's (the spec's, Wu et al.);
 * {@link #withTwinDelayed()} adds Fujimoto et al.'s twin critics, target smoothing and delayed actor updates
 * with their published defaults. Immutable.
 *
 * @param hidden1 width of the first hidden layer of actor and critic (paper 64)
 * @param hidden2 width of the second hidden layer (paper 32)
 * @param actorLearningRate Adam step of the actor (paper 1e-4)
 * @param criticLearningRate Adam step of the critic (paper 1e-3)
 * @param explorationNoiseStd std-dev of the Gaussian noise added to actions in training (paper 0.2)
 * @param discount gamma (paper 0.85)
 * @param softUpdate tau of the target networks (paper 0.005)
 * @param batchSize transitions per update (paper 64)
 * @param replayCapacity transitions kept (paper 100,000)
 * @param episodes training episodes (paper 1,000)
 * @param slotsPerEpisode slots per episode (paper 200)
 * @param twinDelayed TD3 if true: two critics (the smaller target), smoothed targets, delayed actor
 * @param policyDelay TD3: critic updates per actor and target update (2); 1 for DDPG
 * @param targetNoiseStd TD3: std-dev of the target-action noise (0.2); 0 for DDPG
 * @param targetNoiseClip TD3: clip of the target-action noise (0.5); 0 for DDPG
 */
public record DdpgSettings(
    int hidden1, int hidden2, double actorLearningRate, double criticLearningRate, double explorationNoiseStd,
    double discount, double softUpdate, int batchSize, int replayCapacity, int episodes, int slotsPerEpisode,
    boolean twinDelayed, int policyDelay, double targetNoiseStd, double targetNoiseClip) {

  /** Validates every field. */
  public DdpgSettings {
    positive("hidden1", hidden1);
    positive("hidden2", hidden2);
    positive("batchSize", batchSize);
    positive("replayCapacity", replayCapacity);
    positive("episodes", episodes);
    positive("slotsPerEpisode", slotsPerEpisode);
    positive("policyDelay", policyDelay);
    if (!(actorLearningRate > 0) || !(criticLearningRate > 0)) {
      throw new IllegalArgumentException("learning rates must be > 0, got: " + actorLearningRate + ", "
          + criticLearningRate);
    }
    if (!(explorationNoiseStd >= 0)) {
      throw new IllegalArgumentException("explorationNoiseStd must be >= 0, got: " + explorationNoiseStd);
    }
    if (!(discount >= 0 && discount < 1)) {
      throw new IllegalArgumentException("discount must be in [0, 1), got: " + discount);
    }
    if (!(softUpdate > 0 && softUpdate <= 1)) {
      throw new IllegalArgumentException("softUpdate must be in (0, 1], got: " + softUpdate);
    }
    if (!(targetNoiseStd >= 0) || !(targetNoiseClip >= 0)) {
      throw new IllegalArgumentException("target noise must be >= 0, got: " + targetNoiseStd + ", " + targetNoiseClip);
    }
  }

  private static void positive(String field, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got: " + v);
    }
  }

  /**
   * The learner of this process's settings: semantic-comm's reference.conf {@code control.ddpg}
   * holds the spec's DDPG ((64, 32), Adam 1e-4 / 1e-3, noise 0.2, gamma 0.85, tau 0.005, batch 64,
   * 100k, 1,000 x 200).
   */
  public static DdpgSettings fromSettings() {
    return org.swarmsense.semantic.SemanticCommSettings.current().controlDdpg();
  }

  /** These settings with TD3 switched on (published defaults). */
  public DdpgSettings withTwinDelayed() {
    return new DdpgSettings(hidden1, hidden2, actorLearningRate, criticLearningRate, explorationNoiseStd, discount,
        softUpdate, batchSize, replayCapacity, episodes, slotsPerEpisode, true, 2, 0.2, 0.5);
  }

  /** These settings with another schedule (episodes x slots). */
  public DdpgSettings withSchedule(int episodeCount, int slots) {
    return new DdpgSettings(hidden1, hidden2, actorLearningRate, criticLearningRate, explorationNoiseStd, discount,
        softUpdate, batchSize, replayCapacity, episodeCount, slots, twinDelayed, policyDelay, targetNoiseStd,
        targetNoiseClip);
  }
}
