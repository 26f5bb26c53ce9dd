package org.swarmsense.semantic.control.rl;

import org.swarmsense.semantic.control.SlotDecision;

/**
 * How a continuous action a in [-1,1]^(2N) becomes a {@link SlotDecision}. Entry n sets device n's
 * level, entry N + n its place. Thread-safe.
 */
public enum ActionMapping {
  /**
   * The reproduction's rule (README choice 8): k = min(K, 1 + floor((a_n + 1) / 2 * K)), edge iff
   * a_(N+n) >= 0. The stored training action is the actor's noisy output.
   */
  THRESHOLD,
  /**
   * The improvement (after Dulac-Arnold et al. 2015, "Wolpertinger"): the threshold decision and
   * every decision that changes one device of it are scored by the critic; the best one is played
   * and its embedding ({@link #embed}) is what the replay stores.
   */
  CRITIC_NEIGHBOURS,
  /**
   * The second improvement: the action moves each device away from an anchor decision (the best
   * fixed decision, {@code StaticController.best}) instead of choosing from scratch. Level
   * k_anchor - 1, k_anchor or k_anchor + 1 (clamped to 1..K) for a_n in [-1, -1/3), [-1/3, 1/3),
   * [1/3, 1]; the anchor's place is flipped iff a_(N+n) >= 1/3. An untrained actor (a near 0) plays
   * the anchor. The stored training action is the actor's noisy output.
   */
  ANCHOR_RESIDUAL;

  /** The anchor-residual rule. */
  public static SlotDecision residual(double[] action, SlotDecision anchor, int levels) {
    int n = action.length / 2;
    int[] l = new int[n];
    boolean[] e = new boolean[n];
    for (int i = 0; i < n; i++) {
      int step = action[i] < -1.0 / 3 ? -1 : action[i] < 1.0 / 3 ? 0 : 1;
      l[i] = Math.max(1, Math.min(levels, anchor.level(i) + step));
      e[i] = action[n + i] >= 1.0 / 3 ? !anchor.atEdge(i) : anchor.atEdge(i);
    }
    return new SlotDecision(l, e);
  }

  /** The threshold rule. */
  public static SlotDecision threshold(double[] action, int levels) {
    int n = action.length / 2;
    int[] l = new int[n];
    boolean[] e = new boolean[n];
    for (int i = 0; i < n; i++) {
      l[i] = Math.min(levels, 1 + (int) Math.floor((clip(action[i]) + 1) / 2 * levels));
      e[i] = action[n + i] >= 0;
    }
    return new SlotDecision(l, e);
  }

  /** The centre of each decision's threshold cell: level k -> -1 + (2k - 1) / K, edge -> 0.5, local -> -0.5. */
  public static double[] embed(SlotDecision decision, int levels) {
    int n = decision.deviceCount();
    double[] a = new double[2 * n];
    for (int i = 0; i < n; i++) {
      a[i] = -1 + (2.0 * decision.level(i) - 1) / levels;
      a[n + i] = decision.atEdge(i) ? 0.5 : -0.5;
    }
    return a;
  }

  private static double clip(double v) {
    return Math.max(-1, Math.min(1, v));
  }
}
