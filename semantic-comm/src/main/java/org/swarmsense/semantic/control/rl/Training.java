package org.swarmsense.semantic.control.rl;

import java.util.function.IntConsumer;
import org.swarmsense.semantic.control.ControlEnvironment;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.EdgeSplit;
import org.swarmsense.semantic.control.SlotDecision;
import org.swarmsense.semantic.control.SlotOutcome;

/**
 * Trains a {@link LearnedController} on the control model: {@code settings.episodes()} episodes of
 * {@code settings.slotsPerEpisode()} slots, episode e on episode seed {@link #TRAINING_SEED_BASE} +
 * e (apart from the evaluation seeds), one exploring step and one update per slot, closed-form edge
 * split. Stateless; thread-safe.
 */
public final class Training {

  /** Episode seeds of training start here (evaluation uses small seeds). */
  public static final long TRAINING_SEED_BASE = 1_000_000;

  private Training() {}

  /**
   * What one training produced.
   *
   * @param controller the trained policy
   * @param steps slots played
   * @param wallS wall-clock seconds
   * @param lastEpisodeMeanReward mean reward per slot of the last episode
   */
  public record Result(LearnedController controller, long steps, double wallS, double lastEpisodeMeanReward) {}

  /**
   * @param name controller label
   * @param model the model
   * @param environmentSeed the environment (per-device mean arrivals)
   * @param settings hyperparameters and schedule
   * @param mapping action mapping
   * @param anchor the anchor decision of {@link ActionMapping#ANCHOR_RESIDUAL}, null otherwise
   * @param seed learner seed (weights, noise, batches)
   * @param onEpisode called with each finished episode's index
   */
  public static Result train(String name, ControlModel model, long environmentSeed, DdpgSettings settings,
      ActionMapping mapping, SlotDecision anchor, long seed, IntConsumer onEpisode) {
    long start = System.nanoTime();
    ControlEnvironment env = new ControlEnvironment(model, environmentSeed, EdgeSplit.CLOSED_FORM);
    Observation observation = new Observation(model);
    int actions = 2 * model.deviceCount();
    long totalSteps = (long) settings.episodes() * settings.slotsPerEpisode();
    DdpgAgent agent = new DdpgAgent(observation.size(), actions, settings, seed,
        (int) Math.min(totalSteps, Integer.MAX_VALUE));
    LearnedController controller = new LearnedController(name, model, agent.actor(), agent.critic(), mapping, anchor);
    double lastMean = 0;
    for (int e = 0; e < settings.episodes(); e++) {
      env.reset(TRAINING_SEED_BASE + e);
      double[] x = observation.encode(env.state());
      double sum = 0;
      for (int t = 0; t < settings.slotsPerEpisode(); t++) {
        double[] a = agent.explore(x);
        SlotDecision d = controller.decide(x, a);
        double[] stored = mapping != ActionMapping.CRITIC_NEIGHBOURS ? a : ActionMapping.embed(d, model.levels());
        SlotOutcome o = env.step(d);
        double[] x2 = observation.encode(env.state());
        agent.remember(x, stored, o.reward(), x2);
        agent.update();
        sum += o.reward();
        x = x2;
      }
      lastMean = sum / settings.slotsPerEpisode();
      onEpisode.accept(e);
    }
    return new Result(controller, totalSteps, (System.nanoTime() - start) / 1e9, lastMean);
  }
}
