package org.swarmsense.semantic.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lyapunov drift-plus-penalty solved exactly each slot: the joint decision (every device's level and
 * local-vs-edge choice, the edge CPU split in closed form) with the best one-slot reward -V (D + w_p
 * overflows) - sum_m Z_m (A_th,m - A_m) of {@link SlotDynamics}, i.e. the least D - sum_m (Z_m / V)
 * (A_m - A_th,m): Z / V is the price of accuracy in seconds of delay per unit. Unlike {@link
 * MyopicController}'s coordinate ascent this searches every joint decision of the devices with
 * tasks (a device without tasks neither adds delay nor accuracy: it gets level 1, local), counting
 * devices that see the same thing (service, channel state, local queue, arrivals) once per multiset
 * of choices, since their order does not change the reward. Above {@code maxCandidates} joint
 * decisions it falls back to coordinate ascent from every uniform decision (2K starts, the best
 * kept) and says so through {@link #fallbacks()}. Not thread-safe (counts its fallbacks).
 */
public final class DriftPlusPenaltyController implements Controller {

  /**
   * Joint decisions searched exactly per slot by default; the fleet's 3 channel states and 6 drones
   * need at most 46,656.
   */
  public static final int DEFAULT_MAX_CANDIDATES = 50_000;

  private final SlotDynamics dynamics;
  private final int maxCandidates;
  private long fallbacks;

  public DriftPlusPenaltyController(SlotDynamics dynamics) {
    this(dynamics, DEFAULT_MAX_CANDIDATES);
  }

  /** @param maxCandidates joint decisions searched exactly per slot, >= 1; above it coordinate ascent */
  public DriftPlusPenaltyController(SlotDynamics dynamics, int maxCandidates) {
    if (maxCandidates < 1) {
      throw new IllegalArgumentException("maxCandidates must be >= 1, got: " + maxCandidates);
    }
    this.dynamics = dynamics;
    this.maxCandidates = maxCandidates;
  }

  @Override
  public String name() {
    return "drift-plus-penalty";
  }

  /** Slots decided by coordinate ascent because the exact search was above its candidate cap. */
  public long fallbacks() {
    return fallbacks;
  }

  @Override
  public SlotDecision decide(SlotState state) {
    int k = dynamics.model().levels();
    int choices = 2 * k;
    int[] serviceOf = dynamics.model().serviceOfDevice();
    Map<List<Double>, List<Integer>> groups = new LinkedHashMap<>();
    for (int n = 0; n < state.deviceCount(); n++) {
      if (state.arrivalsTasks(n) > 0) {
        List<Double> key = List.of((double) serviceOf[n], (double) state.channelState(n), state.localQueueBits(n),
            state.arrivalsTasks(n));
        groups.computeIfAbsent(key, x -> new ArrayList<>()).add(n);
      }
    }
    int[] levels = new int[state.deviceCount()];
    boolean[] edge = new boolean[state.deviceCount()];
    Arrays.fill(levels, 1);
    if (groups.isEmpty()) {
      return new SlotDecision(levels, edge);
    }
    List<int[]> members = new ArrayList<>();
    double candidates = 1;
    for (List<Integer> g : groups.values()) {
      members.add(g.stream().mapToInt(Integer::intValue).toArray());
      candidates *= multisets(g.size(), choices);
    }
    if (candidates > maxCandidates) {
      fallbacks++;
      return ascent(state, new SlotDecision(levels, edge));
    }
    Search s = new Search(state, members, choices, levels, edge);
    s.group(0, 0, 0);
    return s.best;
  }

  /**
   * The price of accuracy (Z / V, seconds of delay per unit of accuracy) at which this controller's
   * decision in {@code reference} first holds the one service's accuracy target: the smallest such
   * price to 1e-6 relative (bisection; the decision's accuracy does not fall as the price rises).
   * Used to start a virtual queue near its working point instead of at 0 (the fleet's windows are
   * too short for a queue to climb there without a deficit; agents README, "Capture-rate control").
   * Returns the largest price tried (1e6 s) when no decision holds the target, and 0 when the
   * decision at price 0 (the least delay) already holds it.
   *
   * @param reference a slot every device of which has tasks; its virtual queue is ignored
   */
  public static double referencePrice(SlotDynamics dynamics, SlotState reference) {
    ControlModel m = dynamics.model();
    if (m.serviceCount() != 1) {
      throw new IllegalArgumentException("referencePrice needs a model of one service, got: " + m.serviceCount());
    }
    double target = m.services().get(0).accuracyTarget();
    DriftPlusPenaltyController c = new DriftPlusPenaltyController(dynamics);
    if (accuracyAt(c, reference, 0) >= target - 1e-12) {
      return 0; // otherwise the bisection below halves its upper end ~1,000 times down to 0
    }
    double lo = 0;
    double hi = 1e-6;
    while (accuracyAt(c, reference, hi) < target - 1e-12) {
      lo = hi;
      hi *= 2;
      if (hi > 1e6) {
        return 1e6;
      }
    }
    while (hi - lo > 1e-6 * hi) {
      double mid = (lo + hi) / 2;
      if (accuracyAt(c, reference, mid) < target - 1e-12) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  private static double accuracyAt(DriftPlusPenaltyController c, SlotState reference, double price) {
    double v = c.dynamics.model().lyapunovWeight();
    int n = reference.deviceCount();
    double[] local = new double[n];
    int[] channels = new int[n];
    double[] arrivals = new double[n];
    for (int i = 0; i < n; i++) {
      local[i] = reference.localQueueBits(i);
      channels[i] = reference.channelState(i);
      arrivals[i] = reference.arrivalsTasks(i);
    }
    SlotState s = new SlotState(local, channels, arrivals, new double[] {reference.edgeQueueBits(0)},
        new double[] {price * v});
    return c.dynamics.outcome(s, c.decide(s), EdgeSplit.CLOSED_FORM).accuracy().get(0);
  }

  /** Multisets of size n from c choices: C(n + c - 1, c - 1). */
  static double multisets(int n, int c) {
    double r = 1;
    for (int i = 1; i < c; i++) {
      r = r * (n + i) / i;
    }
    return r;
  }

  private final class Search {
    final SlotState state;
    final List<int[]> members;
    final int choices;
    final int[] levels;
    final boolean[] edge;
    SlotDecision best;
    double bestReward = Double.NEGATIVE_INFINITY;

    Search(SlotState state, List<int[]> members, int choices, int[] levels, boolean[] edge) {
      this.state = state;
      this.members = members;
      this.choices = choices;
      this.levels = levels;
      this.edge = edge;
    }

    /** Group g, its member i, choices non-decreasing from {@code from} within the group. */
    void group(int g, int i, int from) {
      if (g == members.size()) {
        SlotDecision d = new SlotDecision(levels, edge);
        double r = dynamics.outcome(state, d, EdgeSplit.CLOSED_FORM).reward();
        if (r > bestReward + 1e-15) {
          bestReward = r;
          best = d;
        }
        return;
      }
      int[] m = members.get(g);
      if (i == m.length) {
        group(g + 1, 0, 0);
        return;
      }
      for (int c = from; c < choices; c++) {
        levels[m[i]] = c / 2 + 1;
        edge[m[i]] = c % 2 == 0;
        group(g, i + 1, c);
      }
    }
  }

  /** Coordinate ascent from {@code idle} with every device set to each uniform choice in turn; the best. */
  private SlotDecision ascent(SlotState state, SlotDecision idle) {
    int k = dynamics.model().levels();
    SlotDecision best = null;
    double bestReward = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < 2 * k; c++) {
      SlotDecision start = idle;
      for (int n = 0; n < state.deviceCount(); n++) {
        if (state.arrivalsTasks(n) > 0) {
          start = start.with(n, c / 2 + 1, c % 2 == 0);
        }
      }
      SlotDecision d = MyopicController.climb(dynamics, state, start);
      double r = reward(state, d);
      if (r > bestReward + 1e-15) {
        best = d;
        bestReward = r;
      }
    }
    return best;
  }

  private double reward(SlotState state, SlotDecision decision) {
    return dynamics.outcome(state, decision, EdgeSplit.CLOSED_FORM).reward();
  }
}
