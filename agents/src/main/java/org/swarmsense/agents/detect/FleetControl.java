package org.swarmsense.agents.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.swarmsense.epos.sensing.evaluation.CaptureControl;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.Controller;
import org.swarmsense.semantic.control.DriftPlusPenaltyController;
import org.swarmsense.semantic.control.EdgeSplit;
import org.swarmsense.semantic.control.MyopicController;
import org.swarmsense.semantic.control.ServiceProfile;
import org.swarmsense.semantic.control.SlotDecision;
import org.swarmsense.semantic.control.SlotDynamics;
import org.swarmsense.semantic.control.SlotOutcome;
import org.swarmsense.semantic.control.SlotState;
import org.swarmsense.semantic.control.StaticController;

/**
 * The thin adapter between a detect run and semantic-comm's control (issue 15 part 4; agents
 * README, "Capture-rate control"): the fleet's drones are the devices of one service ("vehicles"),
 * a drone's tasks in a slot are the frames its hover calls for at the full rate, a task is the
 * run's measured mean encoded frame, g(k) is the run's measured detected vehicle-seconds at level
 * k over the full rate's, and the edge node's queue, the drones' queues and the accuracy virtual
 * queue are carried from slot to slot by {@link SlotDynamics} (the one copy of the formulas). The
 * controller (each slot, every drone's level and local-vs-edge choice, the edge CPU split in closed
 * form) is replayed against every fixed rate on the same flights and channel realisation, and
 * compared with the best fixed rate that holds the same long-run accuracy. Stateless.
 *
 * <p>The seam for the live fleet (a follow-up): one {@link Controller} per fleet, fed a {@link
 * SlotState} built the same way from the drones' and edge node's live queues each slot.
 */
public final class FleetControl {

  /** Slack on the accuracy target for floating-point sums (a fixed rate exactly on target holds it). */
  static final double ACCURACY_SLACK = 1e-9;

  private FleetControl() {}

  /**
   * What the detect run measured for the controlled strategy of one run.
   *
   * @param arrivalsTasks per slot, per drone: frames its hover calls for at the full rate, >= 0
   * @param samplingAccuracy g(k), k = 1..K, in (0, 1]
   * @param frameBits mean encoded frame, bits, > 0
   */
  public record Trace(double[][] arrivalsTasks, double[] samplingAccuracy, double frameBits) {

    /** Validates and copies. */
    public Trace {
      if (arrivalsTasks == null || arrivalsTasks.length == 0 || arrivalsTasks[0].length == 0) {
        throw new IllegalArgumentException("arrivalsTasks must hold at least one slot of at least one drone");
      }
      int n = arrivalsTasks[0].length;
      double[][] copy = new double[arrivalsTasks.length][];
      for (int t = 0; t < arrivalsTasks.length; t++) {
        if (arrivalsTasks[t].length != n) {
          throw new IllegalArgumentException("arrivalsTasks[" + t + "] must have " + n + " drones, got: "
              + arrivalsTasks[t].length);
        }
        copy[t] = arrivalsTasks[t].clone();
      }
      arrivalsTasks = copy;
      if (samplingAccuracy == null || samplingAccuracy.length == 0) {
        throw new IllegalArgumentException("samplingAccuracy must have one entry per level, got none");
      }
      samplingAccuracy = samplingAccuracy.clone();
      if (!(frameBits > 0) || Double.isInfinite(frameBits)) {
        throw new IllegalArgumentException("frameBits must be > 0, got: " + frameBits);
      }
    }

    int slots() {
      return arrivalsTasks.length;
    }

    int drones() {
      return arrivalsTasks[0].length;
    }
  }

  /**
   * The fleet's control model: {@code radio}'s uplink, channel, overflow penalty, V and slot, and
   * the run's drones, frames, g(k) and the settings' on-board and edge compute.
   */
  public static ControlModel model(Trace trace, ControlModel radio, MissionDetectSettings.Control c) {
    double bits = trace.frameBits();
    ServiceProfile vehicles = new ServiceProfile("vehicles", trace.drones(), bits, c.onBoardCyclesPerFrame() / bits,
        c.edgeCyclesPerFrame() / bits, c.accuracyTarget());
    return new ControlModel(List.of(vehicles), Arrays.stream(trace.samplingAccuracy()).boxed().toList(),
        c.onBoardRelativeAccuracy(), 1.0, 0, 1, 0, c.onBoardCpuHz(), c.edgeCpuHz(), radio.bandwidthHz(),
        radio.txPowerDbm(), radio.noiseDensityDbmPerHz(), radio.noiseFigureDb(), radio.channel(),
        c.localQueueCapFrames() * bits, c.edgeQueueCapFrames() * bits, radio.overflowPenaltyS(),
        radio.lyapunovWeight(), radio.slotS());
  }

  /** Every drone's channel state in every slot, from the model's Markov chain and {@code seed}. */
  static int[][] channels(ControlModel model, int slots, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = model.deviceCount();
    int[][] out = new int[slots][n];
    for (int i = 0; i < n; i++) {
      out[0][i] = model.channel().draw(r);
    }
    for (int t = 1; t < slots; t++) {
      for (int i = 0; i < n; i++) {
        out[t][i] = model.channel().next(out[t - 1][i], r);
      }
    }
    return out;
  }

  /**
   * Plays {@code controller} over the trace from empty queues; figures over the slots in which at
   * least one drone had frames (the service was measured).
   */
  public static CaptureControl.Figures replay(Controller controller, SlotDynamics dynamics, Trace trace,
      int[][] channels) {
    return replay(controller, dynamics, trace, channels, 0, false);
  }

  /**
   * Plays {@code controller} over the trace from empty queues but the virtual queue, which starts at
   * {@code initialVirtualQueue} and, when {@code pinned}, stays there (a fixed price of accuracy,
   * for the hindsight price); figures over the slots in which at least one drone had frames.
   */
  static CaptureControl.Figures replay(Controller controller, SlotDynamics dynamics, Trace trace, int[][] channels,
      double initialVirtualQueue, boolean pinned) {
    ControlModel m = dynamics.model();
    SlotState state = new SlotState(new double[trace.drones()], channels[0], trace.arrivalsTasks()[0], new double[1],
        new double[] {initialVirtualQueue});
    Tally tally = new Tally(m.services().get(0).accuracyTarget(), m.channel().states());
    for (int t = 0; t < trace.slots(); t++) {
      SlotDecision decision = controller.decide(state);
      SlotDynamics.Transition tr = dynamics.step(state, decision, EdgeSplit.CLOSED_FORM);
      tally.add(tr.outcome(), decision, trace.arrivalsTasks()[t], channels[t], state.virtualQueue(0));
      if (t + 1 < trace.slots()) {
        state = pinned
            ? new SlotState(tr.localQueueBits(), channels[t + 1], trace.arrivalsTasks()[t + 1], tr.edgeQueueBits(),
                new double[] {initialVirtualQueue})
            : tr.next(channels[t + 1], trace.arrivalsTasks()[t + 1]);
      }
    }
    return tally.figures();
  }

  /**
   * A replay's running sums: every slot's overflows and uploaded bits, and over the measured slots (the
   * service's accuracy is a number: some drone had frames) the delays in order, accuracy, running
   * violations, delay parts, slots begun with a positive virtual queue, and per channel state the
   * hovering drone-slots and those sent to the edge. Shared by {@link #replay} and the bound's per-slot
   * decisions.
   */
  private static final class Tally {
    final double target;
    final List<Double> delays = new ArrayList<>();
    final long[] hovering;
    final long[] atEdge;
    double accuracySum;
    double uploadSum;
    double edgeSum;
    double uploadedBits;
    long overflows;
    int violations;
    int bound;

    Tally(double target, int states) {
      this.target = target;
      this.hovering = new long[states];
      this.atEdge = new long[states];
    }

    /** A slot's outcome under {@code decision}, its drones' tasks and channels, begun with virtual queue {@code z}. */
    void add(SlotOutcome o, SlotDecision decision, double[] arrivals, int[] channels, double z) {
      overflows += o.overflows();
      uploadedBits += o.uploadedBits();
      double a = o.accuracy().get(0);
      if (Double.isNaN(a)) {
        return;
      }
      delays.add(o.meanDelayS());
      uploadSum += o.meanUploadDelayS();
      edgeSum += o.meanEdgeDelayS();
      bound += z > 0 ? 1 : 0;
      accuracySum += a;
      violations += accuracySum / delays.size() < target - ACCURACY_SLACK ? 1 : 0;
      for (int i = 0; i < arrivals.length; i++) {
        if (arrivals[i] > 0) {
          hovering[channels[i]]++;
          atEdge[channels[i]] += decision.atEdge(i) ? 1 : 0;
        }
      }
    }

    CaptureControl.Figures figures() {
      int slots = delays.size();
      double[] sorted = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double mean = slots == 0 ? 0 : Arrays.stream(sorted).sum() / slots;
      List<Double> edgeShare = new ArrayList<>(hovering.length);
      for (int s = 0; s < hovering.length; s++) {
        edgeShare.add(hovering[s] == 0 ? Double.NaN : atEdge[s] / (double) hovering[s]);
      }
      return new CaptureControl.Figures(mean, percentile(sorted, 0.5), percentile(sorted, 0.99),
          slots == 0 ? Double.NaN : accuracySum / slots, slots == 0 ? 0 : violations / (double) slots,
          Math.round(uploadedBits / 8), overflows, slots, slots == 0 ? 0 : uploadSum / slots,
          slots == 0 ? 0 : edgeSum / slots, slots == 0 ? 0 : bound / (double) slots, edgeShare);
    }
  }

  /**
   * The controller's price rule (agents README, "Capture-rate control", choice 11), fixed before
   * the first measurement: the reference price mu0 (seconds of delay per unit of accuracy) is the
   * one at which the exact drift-plus-penalty decision of a reference slot first holds the target,
   * the reference slot having every drone hovering (the trace's mean frames per hovering slot), in
   * the channel's most likely stationary state, with empty queues; V = priceSteps A_th / mu0 (the
   * settings' price-steps, 10), so that one slot's largest accuracy gap (A_th) moves the price Z / V
   * by at most mu0 / priceSteps; the virtual queue starts at Z0 = V mu0 (the price's working point)
   * instead of 0.
   *
   * When the reference slot holds the target at no price (mu0 = 0: the least-delay decision already
   * holds it), the rule has nothing to scale: V stays the model's and Z0 = 0 (the exact controller
   * from an empty virtual queue, which prices accuracy only once the queue grows).
   *
   * @param referencePriceS mu0, seconds per unit of accuracy (0: the target holds at no price)
   * @param lyapunovWeight V
   * @param initialVirtualQueue Z0 (0 exactly when mu0 is 0)
   */
  record Pricing(double referencePriceS, double lyapunovWeight, double initialVirtualQueue) {

    /** Validates: each finite, V &gt; 0, and mu0 and Z0 both &gt; 0 or both 0. */
    Pricing {
      boolean free = referencePriceS == 0 && initialVirtualQueue == 0;
      if (!(free || referencePriceS > 0 && initialVirtualQueue > 0) || !(lyapunovWeight > 0)
          || Double.isInfinite(referencePriceS) || Double.isInfinite(lyapunovWeight)
          || Double.isInfinite(initialVirtualQueue)) {
        throw new IllegalArgumentException("referencePriceS and initialVirtualQueue must be finite numbers > 0 (or both"
            + " 0), lyapunovWeight a finite number > 0, got: " + referencePriceS + ", " + lyapunovWeight + ", "
            + initialVirtualQueue);
      }
    }
  }

  static Pricing pricing(ControlModel model, Trace trace, double priceSteps) {
    int n = trace.drones();
    double sum = 0;
    int count = 0;
    for (double[] slot : trace.arrivalsTasks()) {
      for (double a : slot) {
        if (a > 0) {
          sum += a;
          count++;
        }
      }
    }
    double[] arrivals = new double[n];
    Arrays.fill(arrivals, count == 0 ? 1 : sum / count);
    double[] pi = model.channel().stationary();
    int likely = 0;
    for (int s = 1; s < pi.length; s++) {
      likely = pi[s] > pi[likely] ? s : likely;
    }
    int[] channels = new int[n];
    Arrays.fill(channels, likely);
    return pricing(model, new SlotState(new double[n], channels, arrivals, new double[1], new double[1]), priceSteps);
  }

  /**
   * The price rule on a given reference slot (its drones' tasks and channel states; its queues are
   * used as given, empty in both callers): mu0 the price at which its exact decision first holds the
   * target, V = priceSteps A_th / mu0, Z0 = V mu0. {@link #pricing(ControlModel, Trace, double)} gives
   * it the detect run's reference slot; the live fleet gives it the slot its planned flights describe
   * ({@link LiveFleetControl.Reference}).
   */
  static Pricing pricing(ControlModel model, SlotState reference, double priceSteps) {
    double mu0 = DriftPlusPenaltyController.referencePrice(new SlotDynamics(model), reference);
    if (mu0 == 0) { // the least-delay decision holds the target: nothing to scale
      return new Pricing(0, model.lyapunovWeight(), 0);
    }
    double v = priceSteps * model.services().get(0).accuracyTarget() / mu0;
    return new Pricing(mu0, v, v * mu0);
  }

  /** Halvings of the hindsight price's bisection. */
  static final int PRICE_BISECTIONS = 16;

  /**
   * Per-slot adaptivity at one price chosen with hindsight (a diagnosis, not a bound: with discrete
   * choices one price overshoots the target, where a moving virtual queue time-shares between two
   * decisions): the exact per-slot decision at one fixed price of accuracy, the least price
   * (doubling from mu0, then {@link #PRICE_BISECTIONS} halvings) whose replay on this very trace
   * holds the target; like the best fixed rate it is chosen knowing the whole trace. Above {@code
   * maxCandidates} joint decisions a slot is solved by coordinate ascent.
   */
  static CaptureControl.Figures hindsightPrice(SlotDynamics dynamics, Trace trace, int[][] channels, double mu0,
      int maxCandidates) {
    double target = dynamics.model().services().get(0).accuracyTarget();
    double v = dynamics.model().lyapunovWeight();
    double lo = 0;
    double hi = mu0;
    CaptureControl.Figures hiFigures = replay(new DriftPlusPenaltyController(dynamics, maxCandidates), dynamics,
        trace, channels, hi * v, true);
    for (int i = 0; i < 40 && hiFigures.slots() > 0 && hiFigures.longRunAccuracy() < target - ACCURACY_SLACK; i++) {
      lo = hi;
      hi *= 2;
      hiFigures = replay(new DriftPlusPenaltyController(dynamics, maxCandidates), dynamics, trace, channels, hi * v,
          true);
    }
    for (int i = 0; i < PRICE_BISECTIONS; i++) {
      double mid = (lo + hi) / 2;
      CaptureControl.Figures f = replay(new DriftPlusPenaltyController(dynamics, maxCandidates), dynamics, trace,
          channels, mid * v, true);
      if (f.slots() == 0 || f.longRunAccuracy() >= target - ACCURACY_SLACK) {
        hi = mid;
        hiFigures = f;
      } else {
        lo = mid;
      }
    }
    return hiFigures;
  }

  /**
   * The least mean delay any policy can reach on a trace's slots while holding the long-run accuracy
   * target (agents README, "What no controller can beat"), with the time-shared decisions that reach
   * it.
   *
   * @param lowerBoundS the Lagrangian dual's value: no sequence of decisions (the controller's, a fixed
   *     rate's, any other, even chosen with hindsight and randomised) whose long-run accuracy holds the
   *     target has a lower mean slot delay on these slots and channels, seconds
   * @param priceS the dual's price of accuracy lambda*, seconds of delay per unit of accuracy
   * @param figures the policy that reaches it up to the bisection's tolerance: with probability
   *     {@code lowerShare} the exact per-slot decisions just below lambda*, otherwise those at it, each
   *     slot from empty queues; its accuracy is the target (or above it when the least-delay decisions
   *     already hold it), its percentiles those of the mixture
   * @param lowerShare the mixture's weight of the decisions below lambda*, in [0, 1]
   */
  record Bound(double lowerBoundS, double priceS, CaptureControl.Figures figures, double lowerShare) {

    /** The report's row: the reaching policy's figures, named with the bound and its price. */
    CaptureControl.Alternative alternative() {
      return new CaptureControl.Alternative(String.format(Locale.ROOT, "bound %.4f s: least delay holding the"
          + " target (hindsight, time-shared, empty queues; lambda* %.4g s)", lowerBoundS, priceS), figures);
    }
  }

  /** Bisections of the bound's price (relative tolerance about 2^-50). */
  static final int BOUND_BISECTIONS = 50;

  /**
   * The bound (agents README, "What no controller can beat"): the time-shared relaxation of "least
   * mean delay subject to long-run accuracy at or above the target" over the trace's slots, solved by
   * its Lagrangian dual. Every slot is costed from empty queues: a backlog only adds delay (on board
   * (Q + zeta) / rate, at the edge through L_m) and never changes accuracy, so this under-prices every
   * policy that carries queues. For a price lambda each slot's exact least D - lambda A decision is
   * found by the exact drift-plus-penalty search (Z / V = lambda; the overflow penalty set to 0 so the
   * search minimises the delay itself); the dual g(lambda) = mean D - lambda (mean A - A_th) is a lower
   * bound on the mean delay of every policy holding the target, maximised where the mean accuracy of
   * the per-slot decisions crosses the target (bisection). Empty when a slot is above the exact search's
   * cap ({@link DriftPlusPenaltyController#DEFAULT_MAX_CANDIDATES}: coordinate ascent bounds nothing).
   */
  static java.util.Optional<Bound> bound(ControlModel model, Trace trace, int[][] channels) {
    SlotDynamics dynamics = new SlotDynamics(model.withOverflowPenaltyS(0));
    double target = model.services().get(0).accuracyTarget();
    PerSlot lo = PerSlot.at(dynamics, trace, channels, 0);
    if (lo == null) {
      return java.util.Optional.empty();
    }
    if (lo.slots() == 0 || lo.meanAccuracy() >= target - ACCURACY_SLACK) {
      return java.util.Optional.of(new Bound(lo.meanDelayS(), 0, lo.mix(lo, 0, 0), 0));
    }
    double loPrice = 0;
    double hiPrice = 1e-3;
    PerSlot hi = PerSlot.at(dynamics, trace, channels, hiPrice);
    for (int i = 0; i < 60 && hi != null && hi.meanAccuracy() < target - ACCURACY_SLACK; i++) {
      lo = hi;
      loPrice = hiPrice;
      hiPrice *= 2;
      hi = PerSlot.at(dynamics, trace, channels, hiPrice);
    }
    if (hi == null || hi.meanAccuracy() < target - ACCURACY_SLACK) {
      return java.util.Optional.empty();
    }
    for (int i = 0; i < BOUND_BISECTIONS && hiPrice - loPrice > 1e-12 * hiPrice; i++) {
      double mid = (loPrice + hiPrice) / 2;
      PerSlot m = PerSlot.at(dynamics, trace, channels, mid);
      if (m == null) {
        return java.util.Optional.empty();
      }
      if (m.meanAccuracy() < target - ACCURACY_SLACK) {
        lo = m;
        loPrice = mid;
      } else {
        hi = m;
        hiPrice = mid;
      }
    }
    double dual = Math.max(lo.meanDelayS() - loPrice * (lo.meanAccuracy() - target),
        hi.meanDelayS() - hiPrice * (hi.meanAccuracy() - target));
    double spread = hi.meanAccuracy() - lo.meanAccuracy();
    double share = spread > 0 ? Math.min(1, Math.max(0, (hi.meanAccuracy() - target) / spread)) : 0;
    return java.util.Optional.of(new Bound(dual, hiPrice, lo.mix(hi, share, hiPrice), share));
  }

  /**
   * Every measured slot's exact least D - price A decision, each from empty queues: the slot delays in
   * order, the running-violation count, and the sums the figures need.
   */
  private record Solved(SlotOutcome outcome, SlotDecision decision) {}

  private record PerSlot(Tally tally) {

    int slots() {
      return tally.delays.size();
    }

    double meanDelayS() {
      return slots() == 0 ? 0 : tally.delays.stream().mapToDouble(Double::doubleValue).sum() / slots();
    }

    double meanAccuracy() {
      return slots() == 0 ? Double.NaN : tally.accuracySum / slots();
    }

    /** Null when a slot needed coordinate ascent. Identical slots (drones' tasks and channels) are solved once. */
    static PerSlot at(SlotDynamics dynamics, Trace trace, int[][] channels, double price) {
      ControlModel m = dynamics.model();
      int n = trace.drones();
      DriftPlusPenaltyController exact = new DriftPlusPenaltyController(dynamics);
      java.util.Map<String, Solved> solved = new java.util.HashMap<>();
      Tally tally = new Tally(m.services().get(0).accuracyTarget(), m.channel().states());
      for (int t = 0; t < trace.slots(); t++) {
        double[] arrivals = trace.arrivalsTasks()[t];
        StringBuilder key = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < n; i++) {
          any |= arrivals[i] > 0;
          key.append(arrivals[i] > 0 ? channels[t][i] + ":" + arrivals[i] : "-").append(',');
        }
        if (!any) {
          continue;
        }
        Solved r = solved.get(key.toString());
        if (r == null) {
          SlotState state = new SlotState(new double[n], channels[t], arrivals, new double[1],
              new double[] {price * m.lyapunovWeight()});
          SlotDecision d = exact.decide(state);
          if (exact.fallbacks() > 0) {
            return null;
          }
          r = new Solved(dynamics.outcome(state, d, EdgeSplit.CLOSED_FORM), d);
          solved.put(key.toString(), r);
        }
        tally.add(r.outcome(), r.decision(), arrivals, channels[t], price);
      }
      return new PerSlot(tally);
    }

    /**
     * The figures of playing these decisions with probability {@code share} and {@code other}'s
     * otherwise (the same slots): means and counts mixed, percentiles of the mixed distribution.
     */
    CaptureControl.Figures mix(PerSlot other, double share, double price) {
      Tally a = tally;
      Tally b = other.tally;
      int slots = slots();
      double w = 1 - share;
      double[][] pairs = new double[2 * slots][];
      for (int t = 0; t < slots; t++) {
        pairs[t] = new double[] {a.delays.get(t), share};
        pairs[slots + t] = new double[] {b.delays.get(t), w};
      }
      Arrays.sort(pairs, (x, y) -> Double.compare(x[0], y[0]));
      List<Double> edgeShare = new ArrayList<>(a.hovering.length);
      for (int s = 0; s < a.hovering.length; s++) {
        edgeShare.add(a.hovering[s] == 0 ? Double.NaN : (share * a.atEdge[s] + w * b.atEdge[s]) / a.hovering[s]);
      }
      double per = slots == 0 ? 0 : 1.0 / slots;
      return new CaptureControl.Figures(share * meanDelayS() + w * other.meanDelayS(), weighted(pairs, 0.5, slots),
          weighted(pairs, 0.99, slots), slots == 0 ? Double.NaN : share * meanAccuracy() + w * other.meanAccuracy(),
          per * (share * a.violations + w * b.violations), Math.round((share * a.uploadedBits
              + w * b.uploadedBits) / 8), Math.round(share * a.overflows + w * b.overflows), slots,
          per * (share * a.uploadSum + w * b.uploadSum), per * (share * a.edgeSum + w * b.edgeSum),
          price > 0 && slots > 0 ? 1 : 0, edgeShare);
    }

    /** The q-quantile of (value, weight) pairs sorted by value, the weights summing to {@code slots}. */
    private static double weighted(double[][] pairs, double q, int slots) {
      double cumulative = 0;
      for (double[] p : pairs) {
        cumulative += p[1];
        if (cumulative >= q * slots - 1e-9) {
          return p[0];
        }
      }
      return pairs.length == 0 ? 0 : pairs[pairs.length - 1][0];
    }
  }

  /** A fixed rate and its figures. */
  record Fixed(SlotDecision decision, int level, int offloading, CaptureControl.Figures figures) {}

  /**
   * Every fixed rate: all drones at level k = 1..K, the first j = 0..N of them (by drone index)
   * offloading, replayed; the one with the least mean delay among those whose long-run accuracy
   * holds the target (the full rate at the edge always does: g(K) h_edge = 1).
   */
  static Fixed bestFixed(SlotDynamics dynamics, Trace trace, int[][] channels) {
    ControlModel m = dynamics.model();
    double target = m.services().get(0).accuracyTarget();
    int n = trace.drones();
    Fixed best = null;
    for (int k = 1; k <= m.levels(); k++) {
      for (int j = 0; j <= n; j++) {
        int[] levels = new int[n];
        boolean[] edge = new boolean[n];
        Arrays.fill(levels, k);
        for (int i = 0; i < j; i++) {
          edge[i] = true;
        }
        SlotDecision d = new SlotDecision(levels, edge);
        CaptureControl.Figures f = replay(new StaticController(d), dynamics, trace, channels);
        boolean holds = f.slots() == 0 || f.longRunAccuracy() >= target - ACCURACY_SLACK;
        if (holds && (best == null || f.meanDelayS() < best.figures().meanDelayS())) {
          best = new Fixed(d, k, j, f);
        }
      }
    }
    if (best == null) {
      throw new IllegalStateException("no fixed rate holds the accuracy target " + target + " (g(K) = "
          + m.samplingAccuracy().get(m.levels() - 1) + ")");
    }
    return best;
  }

  /** Joint decisions the hindsight price's replays search exactly per slot (it replays the trace about 20 times). */
  static final int HINDSIGHT_MAX_CANDIDATES = 5_000;

  /**
   * The controller (Lyapunov drift-plus-penalty solved exactly each slot over the joint level and
   * offloading choice, the edge CPU split in closed form, V and the virtual queue's start by {@link
   * #pricing}) against the best fixed rate; with, for the diagnosis, the earlier controller
   * (coordinate-ascent myopic, V of semantic-comm, empty virtual queue), the exact controller from an
   * empty virtual queue, and the exact per-slot decision at one price chosen with hindsight.
   *
   * @param strategy the strategy whose flights the trace holds, for the report
   * @param seed the channel realisation's seed
   */
  public static CaptureControl compare(String strategy, Trace trace, ControlModel radio,
      MissionDetectSettings.Control settings, long seed) {
    ControlModel base = model(trace, radio, settings);
    SlotDynamics baseDynamics = new SlotDynamics(base);
    int[][] channels = channels(base, trace.slots(), seed);
    Pricing pricing = pricing(base, trace, settings.priceSteps());
    ControlModel model = base.withLyapunovWeight(pricing.lyapunovWeight());
    SlotDynamics dynamics = new SlotDynamics(model);
    DriftPlusPenaltyController dpp = new DriftPlusPenaltyController(dynamics);
    CaptureControl.Figures controlled = replay(dpp, dynamics, trace, channels, pricing.initialVirtualQueue(), false);
    Fixed fixed = bestFixed(baseDynamics, trace, channels);
    List<CaptureControl.Alternative> alternatives = new ArrayList<>();
    alternatives.add(new CaptureControl.Alternative(String.format(Locale.ROOT,
        "earlier: myopic ascent, V %.3g, Z0 0", base.lyapunovWeight()),
        replay(new MyopicController(baseDynamics), baseDynamics, trace, channels)));
    alternatives.add(new CaptureControl.Alternative("exact d-p-p, Z0 0",
        replay(new DriftPlusPenaltyController(dynamics), dynamics, trace, channels, 0, false)));
    CaptureControl.Figures onePrice = hindsightPrice(dynamics, trace, channels, pricing.referencePriceS(),
        HINDSIGHT_MAX_CANDIDATES);
    alternatives.add(new CaptureControl.Alternative("hindsight: one price for the trace", onePrice));
    java.util.Optional<Bound> bound = bound(base, trace, channels);
    bound.ifPresent(b -> alternatives.add(b.alternative()));
    Verdict verdict = verdict(controlled, fixed, bound, settings, "the controller's long-run accuracy %.4f is below the"
        + " target %.2f (its virtual queue had not caught up by the window's end: %.1f %% of the slots below target)");
    double goalRatio = verdict.goalRatio();
    double target = settings.accuracyTarget();
    boolean met = verdict.met();
    String reason = verdict.reason();
    String description = String.format(Locale.ROOT, "%d drones, slot %.0f s, K = %d, g(k) = %s measured, frame %.0f"
        + " kbit measured; on board h = %.2f, %.2f Gcycles/frame at %.2f GHz; edge %.2f Gcycles/frame at %.2f GHz;"
        + " radio W = %.0f MHz shared, 3-state Markov channel seed %d; price rule mu0 = %.4g s, V = %.4g, Z0 = %.3g;"
        + " %d slots by coordinate ascent; %s", trace.drones(), model.slotS(),
        model.levels(), fmt(trace.samplingAccuracy()), trace.frameBits() / 1e3, settings.onBoardRelativeAccuracy(),
        settings.onBoardCyclesPerFrame() / 1e9, settings.onBoardCpuHz() / 1e9, settings.edgeCyclesPerFrame() / 1e9,
        settings.edgeCpuHz() / 1e9, model.bandwidthHz() / 1e6, seed, pricing.referencePriceS(),
        pricing.lyapunovWeight(), pricing.initialVirtualQueue(), dpp.fallbacks(), hoveringLine(trace));
    return new CaptureControl(strategy, "drift-plus-penalty, exact per slot (price rule)", controlled,
        "level " + fixed.level() + "/" + model.levels() + ", " + fixed.offloading() + " of "
            + trace.drones() + " drones at the edge", fixed.figures(), target, description, goalRatio, met, reason,
        alternatives);
  }

  /**
   * The goal's verdict on a controller's figures against the best fixed rate, the one rule of the
   * detect run and the live fleet: met when some slot was measured, the controller's long-run accuracy
   * holds the target and its mean delay is at least {@code 1 / (1 - goalDelayReduction)} times lower.
   *
   * @param accuracyShortfall the reason when the accuracy does not hold, formatted with the long-run
   *     accuracy, the target and the percentage of slots below target
   */
  static Verdict verdict(CaptureControl.Figures controlled, Fixed fixed, java.util.Optional<Bound> bound,
      MissionDetectSettings.Control settings, String accuracyShortfall) {
    double goalRatio = 1 / (1 - settings.goalDelayReduction());
    double target = settings.accuracyTarget();
    boolean measured = controlled.slots() > 0;
    double ratio = fixed.figures().meanDelayS() / controlled.meanDelayS();
    boolean holds = !measured || controlled.longRunAccuracy() >= target - ACCURACY_SLACK;
    String reason;
    if (!measured) {
      reason = "no drone hovered: nothing to control";
    } else if (!holds) {
      reason = String.format(Locale.ROOT, accuracyShortfall, controlled.longRunAccuracy(), target,
          100 * controlled.runningViolationShare());
    } else {
      double lower = 1 - 1 / ratio;
      reason = String.format(Locale.ROOT, "mean delay %.4f s against the best fixed rate's %.4f s: %.1f %% %s"
          + " (goal %.0f %% lower)", controlled.meanDelayS(), fixed.figures().meanDelayS(), 100 * Math.abs(lower),
          lower >= 0 ? "lower" : "higher", 100 * settings.goalDelayReduction());
    }
    if (measured && bound.isPresent()) {
      double best = fixed.figures().meanDelayS() / bound.get().lowerBoundS();
      reason += String.format(Locale.ROOT, "; no policy holding the target can go below %.4f s on these slots"
          + " (fixed/bound x%.3f): the goal is %s here", bound.get().lowerBoundS(), best,
          best >= goalRatio ? "within reach" : "out of reach for any controller");
    }
    return new Verdict(goalRatio, measured && holds && ratio >= goalRatio, reason);
  }

  /**
   * The hovering drones per measured slot (a slot in which at least one drone has frames), as a share of
   * the measured slots per count, and their mean: the diagnosis of the price rule's reference slot.
   */
  static String hoveringLine(Trace trace) {
    long[] counts = new long[trace.drones() + 1];
    long measured = 0;
    long droneSlots = 0;
    for (double[] slot : trace.arrivalsTasks()) {
      int c = 0;
      for (double a : slot) {
        c += a > 0 ? 1 : 0;
      }
      counts[c]++;
      measured += c > 0 ? 1 : 0;
      droneSlots += c;
    }
    StringBuilder b = new StringBuilder("hovering drones per measured slot:");
    for (int c = 1; c < counts.length; c++) {
      b.append(String.format(Locale.ROOT, " %d: %.1f %%", c, measured == 0 ? 0 : 100.0 * counts[c] / measured));
    }
    return b.append(String.format(Locale.ROOT, ", mean %.2f over %d measured slots",
        measured == 0 ? 0 : droneSlots / (double) measured, measured)).toString();
  }

  /** A verdict: the goal's ratio (best fixed / controlled mean delay), whether it is met, and why. */
  record Verdict(double goalRatio, boolean met, String reason) {}

  private static String fmt(double[] g) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < g.length; i++) {
      b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", g[i]));
    }
    return b.append(']').toString();
  }

  private static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
