package org.swarmsense.semantic.control;

/**
 * The paper's static baseline: one fixed decision every slot. {@link #best} picks it among "all
 * devices of a service at level k, the first j of them at the edge" (K x (N_m + 1) choices per
 * service): the lowest mean delay on a calibration episode among those whose accuracy meets every
 * target. Immutable; thread-safe.
 */
public final class StaticController implements Controller {

  private final SlotDecision decision;

  public StaticController(SlotDecision decision) {
    this.decision = decision;
  }

  @Override
  public String name() {
    return "static";
  }

  @Override
  public SlotDecision decide(SlotState state) {
    return decision;
  }

  public SlotDecision decision() {
    return decision;
  }

  /**
   * The best fixed decision for {@code model}.
   *
   * @param environmentSeed seed of the environment (per-device mean arrivals)
   * @param calibrationSeed episode seed of the calibration run (keep it apart from evaluation seeds)
   * @param slots length of the calibration run
   * @throws IllegalArgumentException if no fixed decision meets the targets
   */
  public static StaticController best(ControlModel model, long environmentSeed, long calibrationSeed, int slots) {
    int services = model.serviceCount();
    int[] choices = new int[services];
    int combos = 1;
    for (int m = 0; m < services; m++) {
      choices[m] = model.levels() * (model.services().get(m).devices() + 1);
      combos *= choices[m];
    }
    SlotDecision best = null;
    double bestDelay = Double.POSITIVE_INFINITY;
    ControlEnvironment env = new ControlEnvironment(model, environmentSeed, EdgeSplit.CLOSED_FORM);
    for (int combo = 0; combo < combos; combo++) {
      SlotDecision d = decode(model, choices, combo);
      env.reset(calibrationSeed);
      if (!meetsTargets(model, env.dynamics().outcome(env.state(), d, EdgeSplit.CLOSED_FORM))) {
        continue;
      }
      double delay = 0;
      for (int t = 0; t < slots; t++) {
        delay += env.step(d).meanDelayS();
      }
      if (delay < bestDelay) {
        bestDelay = delay;
        best = d;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("no fixed decision meets the accuracy targets of " + model.services());
    }
    return new StaticController(best);
  }

  /**
   * A naive fixed decision, printed to explain the gap to the paper (not the paper's baseline as
   * reproduced here): every device at the edge, each service at the lowest level whose edge
   * accuracy meets its target.
   *
   * @throws IllegalArgumentException if even the top level misses a target
   */
  public static StaticController allAtEdge(ControlModel model) {
    int[] serviceOf = model.serviceOfDevice();
    int[] levels = new int[serviceOf.length];
    boolean[] edge = new boolean[serviceOf.length];
    for (int n = 0; n < serviceOf.length; n++) {
      ServiceProfile p = model.services().get(serviceOf[n]);
      int k = 1;
      while (k <= model.levels() && model.samplingAccuracy().get(k - 1) * model.edgeModelAccuracy() < p.accuracyTarget()) {
        k++;
      }
      if (k > model.levels()) {
        throw new IllegalArgumentException("service " + p.name() + " misses its target " + p.accuracyTarget()
            + " even at the top level");
      }
      levels[n] = k;
      edge[n] = true;
    }
    return new StaticController(new SlotDecision(levels, edge));
  }

  private static SlotDecision decode(ControlModel model, int[] choices, int combo) {
    int n = model.deviceCount();
    int[] levels = new int[n];
    boolean[] edge = new boolean[n];
    int device = 0;
    for (int m = 0; m < choices.length; m++) {
      int c = combo % choices[m];
      combo /= choices[m];
      int level = 1 + c % model.levels();
      int offloaded = c / model.levels();
      for (int i = 0; i < model.services().get(m).devices(); i++, device++) {
        levels[device] = level;
        edge[device] = i < offloaded;
      }
    }
    return new SlotDecision(levels, edge);
  }

  private static boolean meetsTargets(ControlModel model, SlotOutcome outcome) {
    for (int m = 0; m < model.serviceCount(); m++) {
      if (outcome.accuracy().get(m) < model.services().get(m).accuracyTarget()) {
        return false;
      }
    }
    return true;
  }
}
