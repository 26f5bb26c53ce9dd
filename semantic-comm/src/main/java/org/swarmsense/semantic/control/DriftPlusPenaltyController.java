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
    Best best = new Best(state);
    SlotDecision idle = enumerate(state, best);
    if (idle != null) {
      return idle;
    }
    if (best.best == null) {
      fallbacks++;
      return ascent(state, idleDecision(state));
    }
    return best.best;
  }

  /** Level 1, on board, for every device: what a device without tasks gets. */
  private static SlotDecision idleDecision(SlotState state) {
    int[] levels = new int[state.deviceCount()];
    Arrays.fill(levels, 1);
    return new SlotDecision(levels, new boolean[state.deviceCount()]);
  }

  /** Keeps the decision with the best reward, the first on a tie. */
  private final class Best implements java.util.function.Consumer<SlotDecision> {
    final SlotState state;
    SlotDecision best;
    double bestReward = Double.NEGATIVE_INFINITY;

    Best(SlotState state) {
      this.state = state;
    }

    @Override
    public void accept(SlotDecision d) {
      double r = dynamics.outcome(state, d, EdgeSplit.CLOSED_FORM).reward();
      if (r > bestReward + 1e-15) {
        bestReward = r;
        best = d;
      }
    }
  }

  /**
   * One decision on the efficient frontier of a slot: its accuracy A (the one service's) and its cost,
   * D + w_p overflows, seconds.
   */
  public record Vertex(SlotDecision decision, double accuracy, double costS) {}

  /**
   * The slot's efficient frontier for a model of one service, by the same exact search as {@link
   * #decide}: the vertices of the lower convex hull of (A, D + w_p overflows) over every joint decision,
   * from the least cost (the most accurate among equal costs) to the most accurate, cost and accuracy
   * both rising. The decision at any price of accuracy p (the least D + w_p overflows - p A, the decision
   * {@link #decide} takes with Z / V = p) is a vertex: the one entered at the largest hull slope not above
   * p. Collinear points are merged into the farthest. Empty when no device has tasks (nothing is
   * measured) or the search is above its cap.
   */
  public java.util.Optional<List<Vertex>> frontier(SlotState state) {
    if (dynamics.model().serviceCount() != 1) {
      throw new IllegalArgumentException("frontier needs a model of one service, got: "
          + dynamics.model().serviceCount());
    }
    double penalty = dynamics.model().overflowPenaltyS();
    List<Vertex> all = new ArrayList<>();
    SlotDecision idle = enumerate(state, d -> {
      SlotOutcome o = dynamics.outcome(state, d, EdgeSplit.CLOSED_FORM);
      all.add(new Vertex(d, o.accuracy().get(0), o.meanDelayS() + penalty * o.overflows()));
    });
    if (idle != null || all.isEmpty()) {
      return java.util.Optional.empty();
    }
    Vertex start = all.get(0);
    for (Vertex v : all) {
      if (v.costS() < start.costS() - 1e-15
          || v.costS() <= start.costS() + 1e-15 && v.accuracy() > start.accuracy()) {
        start = v;
      }
    }
    List<Vertex> hull = new ArrayList<>();
    hull.add(start);
    Vertex at = start;
    while (true) {
      Vertex next = null;
      double slope = Double.POSITIVE_INFINITY;
      for (Vertex v : all) {
        double da = v.accuracy() - at.accuracy();
        if (da <= 1e-12) {
          continue;
        }
        double s = (v.costS() - at.costS()) / da;
        if (s < slope - 1e-15 || s <= slope + 1e-15 && next != null && v.accuracy() > next.accuracy()) {
          slope = s;
          next = v;
        }
      }
      if (next == null) {
        return java.util.Optional.of(List.copyOf(hull));
      }
      hull.add(next);
      at = next;
    }
  }

  /**
   * Visits every joint decision of the devices with tasks, devices that see the same thing counted once
   * per multiset of choices; the devices without tasks at level 1, on board. Returns the idle decision
   * when no device has tasks (nothing visited); null otherwise, having visited nothing when the search
   * is above its cap.
   */
  private SlotDecision enumerate(SlotState state, java.util.function.Consumer<SlotDecision> visit) {
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
      return null;
    }
    new Search(members, choices, levels, edge, visit).group(0, 0, 0);
    return null;
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

  private static final class Search {
    final List<int[]> members;
    final int choices;
    final int[] levels;
    final boolean[] edge;
    final java.util.function.Consumer<SlotDecision> visit;

    Search(List<int[]> members, int choices, int[] levels, boolean[] edge,
        java.util.function.Consumer<SlotDecision> visit) {
      this.members = members;
      this.choices = choices;
      this.levels = levels;
      this.edge = edge;
      this.visit = visit;
    }

    /** Group g, its member i, choices non-decreasing from {@code from} within the group. */
    void group(int g, int i, int from) {
      if (g == members.size()) {
        visit.accept(new SlotDecision(levels, edge));
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
