package org.swarmsense.semantic.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exact per-slot decisions at a price of accuracy learned from the slots seen so far, with the
 * long-run accuracy held from above (agents README, "Capture-rate control", choice 15; one service).
 * It aims at what the hindsight bound does (the least mean delay holding the target: one price
 * lambda* for every slot, time-shared between the decisions just below and at it) using only the
 * past:
 *
 * <ol>
 *   <li><b>The learned price</b> lambda_t: the least price at which the exact decisions of the slots
 *       seen so far (each slot's efficient frontier as it was seen, {@link
 *       DriftPlusPenaltyController#frontier}) hold the target on average over them; before any slot,
 *       the given initial price (the fleet's price rule, mu0).
 *   <li><b>The surplus</b> S_t = sum over the measured slots so far of (A - A_th), signed: the
 *       slot's price is max(0, lambda_t - S_t / V), so accuracy bought beyond the target lowers the
 *       price below lambda_t and is spent (the time-sharing), V the model's weight (the price rule's).
 *   <li><b>The gate</b>: when the decision at that price would leave S negative (the running mean
 *       accuracy below target), the slot takes the least-cost frontier decision that keeps S &gt;= 0
 *       (the most accurate one when none does). The running mean never drops below the target where
 *       a slot can hold it, so the window's end holds it too.
 * </ol>
 *
 * Costs are D + w_p overflows as in {@link DriftPlusPenaltyController}; the decision in a slot is
 * a frontier vertex, i.e. the exact drift-plus-penalty decision at some price. Above the exact
 * search's cap a slot is decided by {@link DriftPlusPenaltyController#decide} at the slot's price
 * (counted in {@link #fallbacks()}; not gated). No parameter of its own. Not thread-safe.
 */
public final class OnlinePriceController implements Controller {

  private final SlotDynamics dynamics;
  private final DriftPlusPenaltyController exact;
  private final double target;
  private final double initialPriceS;
  private final double lyapunovWeight;
  private final List<List<DriftPlusPenaltyController.Vertex>> seen = new ArrayList<>();
  private double surplus;
  private long fallbacks;

  /**
   * @param dynamics the model (one service) whose V scales the surplus into price
   * @param initialPriceS the price before any slot is seen, seconds of delay per unit of accuracy, &gt;= 0
   */
  public OnlinePriceController(SlotDynamics dynamics, double initialPriceS) {
    if (dynamics.model().serviceCount() != 1) {
      throw new IllegalArgumentException("OnlinePriceController needs a model of one service, got: "
          + dynamics.model().serviceCount());
    }
    if (!(initialPriceS >= 0) || Double.isInfinite(initialPriceS)) {
      throw new IllegalArgumentException("initialPriceS must be a finite number >= 0, got: " + initialPriceS);
    }
    this.dynamics = dynamics;
    this.exact = new DriftPlusPenaltyController(dynamics);
    this.target = dynamics.model().services().get(0).accuracyTarget();
    this.initialPriceS = initialPriceS;
    this.lyapunovWeight = dynamics.model().lyapunovWeight();
  }

  @Override
  public String name() {
    return "online price";
  }

  /** Slots decided without the frontier because the exact search was above its cap. */
  public long fallbacks() {
    return fallbacks;
  }

  /** The surplus S: sum of (A - A_th) over the measured slots so far. */
  public double surplus() {
    return surplus;
  }

  @Override
  public SlotDecision decide(SlotState state) {
    boolean tasks = false;
    for (int n = 0; n < state.deviceCount(); n++) {
      tasks |= state.arrivalsTasks(n) > 0;
    }
    if (!tasks) {
      return exact.decide(state); // level 1, on board: nothing to measure
    }
    double price = Math.max(0, learnedPriceS() - surplus / lyapunovWeight);
    Optional<List<DriftPlusPenaltyController.Vertex>> frontier = exact.frontier(state);
    if (frontier.isEmpty()) {
      fallbacks++;
      SlotState priced = withVirtualQueue(state, price * lyapunovWeight);
      SlotDecision d = exact.decide(priced);
      surplus += dynamics.outcome(priced, d, EdgeSplit.CLOSED_FORM).accuracy().get(0) - target;
      return d;
    }
    List<DriftPlusPenaltyController.Vertex> hull = frontier.get();
    DriftPlusPenaltyController.Vertex v = at(hull, price);
    double need = target - surplus;
    if (v.accuracy() < need - 1e-12) {
      v = hull.get(hull.size() - 1);
      for (DriftPlusPenaltyController.Vertex w : hull) {
        if (w.accuracy() >= need - 1e-12) {
          v = w;
          break;
        }
      }
    }
    surplus += v.accuracy() - target;
    seen.add(hull);
    return v.decision();
  }

  /**
   * lambda_t: the least price at which the frontier decisions of the slots seen so far hold the
   * target on their mean; the initial price before any; the largest hull slope seen when even their
   * most accurate decisions fall short.
   */
  public double learnedPriceS() {
    if (seen.isEmpty()) {
      return initialPriceS;
    }
    double sum = 0;
    List<double[]> steps = new ArrayList<>();
    for (List<DriftPlusPenaltyController.Vertex> hull : seen) {
      sum += hull.get(0).accuracy();
      for (int j = 1; j < hull.size(); j++) {
        steps.add(new double[] {slope(hull, j), hull.get(j).accuracy() - hull.get(j - 1).accuracy()});
      }
    }
    double goal = (target - 1e-12) * seen.size();
    if (sum >= goal) {
      return 0;
    }
    steps.sort((a, b) -> Double.compare(a[0], b[0]));
    double last = 0;
    for (double[] s : steps) {
      sum += s[1];
      last = s[0];
      if (sum >= goal) {
        return s[0];
      }
    }
    return last;
  }

  /** The frontier decision at {@code price}: the vertex entered at the largest slope not above it. */
  static DriftPlusPenaltyController.Vertex at(List<DriftPlusPenaltyController.Vertex> hull, double price) {
    int j = 0;
    while (j + 1 < hull.size() && slope(hull, j + 1) <= price + 1e-15) {
      j++;
    }
    return hull.get(j);
  }

  private static double slope(List<DriftPlusPenaltyController.Vertex> hull, int j) {
    DriftPlusPenaltyController.Vertex a = hull.get(j - 1);
    DriftPlusPenaltyController.Vertex b = hull.get(j);
    return (b.costS() - a.costS()) / (b.accuracy() - a.accuracy());
  }

  private static SlotState withVirtualQueue(SlotState s, double z) {
    int n = s.deviceCount();
    double[] local = new double[n];
    int[] channels = new int[n];
    double[] arrivals = new double[n];
    for (int i = 0; i < n; i++) {
      local[i] = s.localQueueBits(i);
      channels[i] = s.channelState(i);
      arrivals[i] = s.arrivalsTasks(i);
    }
    return new SlotState(local, channels, arrivals, new double[] {s.edgeQueueBits(0)}, new double[] {z});
  }
}
