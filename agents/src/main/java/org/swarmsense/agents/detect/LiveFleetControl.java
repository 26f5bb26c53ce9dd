package org.swarmsense.agents.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.swarmsense.epos.sensing.evaluation.CaptureControl;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.Controller;
import org.swarmsense.semantic.control.DriftPlusPenaltyController;
import org.swarmsense.semantic.control.EdgeSplit;
import org.swarmsense.semantic.control.SlotDecision;
import org.swarmsense.semantic.control.SlotDynamics;
import org.swarmsense.semantic.control.SlotState;

/**
 * The live fleet's capture-rate and offloading control (issue 15 part 4, the live half; agents
 * README, "Capture-rate control of the live fleet"): the detect run's controller ({@link
 * FleetControl}'s model, price rule and semantic-comm's {@link DriftPlusPenaltyController}) driven
 * one slot at a time by what the fleet sees now instead of a recorded trace. Each slot the caller
 * gives every drone's new tasks (its full-rate frames in the slot while it hovers, 0 otherwise), its
 * channel state ({@link #channelState}: from its ground distance to its edge node) and the edge
 * node's queue as the nodes' telemetry reports it; {@link #decide} returns every drone's level and
 * on-board / edge choice and carries the drones' modelled on-board backlogs and the accuracy virtual
 * queue to the next slot with {@link SlotDynamics} (the one copy of the formulas). The edge queue is
 * not carried: it is measured each slot. Given the same slots, it decides exactly what the detect
 * run's controller decides ({@code LiveFleetControlTest}).
 *
 * <p>It records every slot, so that {@link #compare} can evaluate the live decisions against the
 * best fixed rate (the detect run's hindsight search, {@link FleetControl#bestFixed}) over the very
 * slots the fleet flew. Not thread-safe: one caller per fleet (the simulator's control thread).
 */
public final class LiveFleetControl {

  private final MissionDetectSettings.Control settings;
  private final FleetControl.Trace reference;
  private final ControlModel base;
  private final ControlModel model;
  private final SlotDynamics dynamics;
  private final DriftPlusPenaltyController controller;
  private final FleetControl.Pricing pricing;
  private final FleetControl.Pricing detectRulePricing;
  private final Reference planned;
  private final List<double[]> arrivals = new ArrayList<>();
  private final List<int[]> channels = new ArrayList<>();
  private final List<SlotDecision> decisions = new ArrayList<>();
  private double[] localQueueBits;
  private double[] virtualQueues;

  private LiveFleetControl(int drones, double fullRateTasksPerSlot, double frameBits, ControlModel radio,
      MissionDetectSettings.Control settings, Reference planned) {
    if (drones < 1) {
      throw new IllegalArgumentException("drones must be >= 1, got: " + drones);
    }
    if (!(fullRateTasksPerSlot > 0) || Double.isInfinite(fullRateTasksPerSlot)) {
      throw new IllegalArgumentException("fullRateTasksPerSlot must be a finite number > 0, got: "
          + fullRateTasksPerSlot);
    }
    if (planned != null && (planned.hoveringDrones() > drones || planned.channelState() >= radio.channel().states())) {
      throw new IllegalArgumentException("the reference slot must have at most " + drones + " hovering drones in"
          + " a state below " + radio.channel().states() + ", got: " + planned);
    }
    this.settings = settings;
    double[] g = settings.liveSamplingAccuracy().stream().mapToDouble(Double::doubleValue).toArray();
    double[][] slot = new double[1][drones];
    Arrays.fill(slot[0], fullRateTasksPerSlot);
    this.reference = new FleetControl.Trace(slot, g, frameBits);
    this.base = FleetControl.model(reference, radio, settings);
    // the detect run's price rule and reference slot: every drone hovering at the full rate, all in the Markov
    // chain's most likely state (choice 11); kept for the comparison row, and used when no plan is known
    this.detectRulePricing = FleetControl.pricing(base, reference, settings.priceSteps());
    this.planned = planned;
    if (planned == null) {
      this.pricing = detectRulePricing;
    } else {
      // the live fleet's reference slot (live choice 9): its planned hovering drones, in their planned state
      double[] arrivals = new double[drones];
      Arrays.fill(arrivals, 0, planned.hoveringDrones(), fullRateTasksPerSlot);
      int[] states = new int[drones];
      Arrays.fill(states, planned.channelState());
      this.pricing = FleetControl.pricing(base, new SlotState(new double[drones], states, arrivals, new double[1],
          new double[1]), settings.priceSteps());
    }
    this.model = base.withLyapunovWeight(pricing.lyapunovWeight());
    this.dynamics = new SlotDynamics(model);
    this.controller = new DriftPlusPenaltyController(dynamics);
    this.localQueueBits = new double[drones];
    this.virtualQueues = new double[] {pricing.initialVirtualQueue()};
  }

  /**
   * The control of a fleet of {@code drones} (fixed for the run; a drone that does not hover has no
   * tasks).
   *
   * @param fullRateTasksPerSlot frames a hovering drone captures in one slot at the full rate (the
   *     drones' sampling rate x the slot), &gt; 0
   * @param frameBits the fleet's encoded frame, bits, &gt; 0
   * @param radio semantic-comm's control model (uplink, channel, slot)
   * @param settings the agents' {@code mission-detect.control} (on-board and edge compute, target,
   *     price rule, the live g(k))
   */
  public static LiveFleetControl create(int drones, double fullRateTasksPerSlot, double frameBits,
      ControlModel radio, MissionDetectSettings.Control settings) {
    return new LiveFleetControl(drones, fullRateTasksPerSlot, frameBits, radio, settings, null);
  }

  /**
   * As {@link #create(int, double, double, ControlModel, MissionDetectSettings.Control)}, with the price
   * rule's reference slot the one the fleet's planned flights describe ({@link #plannedReference}; agents
   * README, live choice 9) instead of the detect run's (every drone hovering, in the Markov chain's most
   * likely state, which is not the process that gives the live drones their channel state).
   */
  public static LiveFleetControl create(int drones, double fullRateTasksPerSlot, double frameBits,
      ControlModel radio, MissionDetectSettings.Control settings, Reference planned) {
    if (planned == null) {
      throw new IllegalArgumentException("planned must be given (use the factory without it for the detect run's"
          + " reference slot)");
    }
    return new LiveFleetControl(drones, fullRateTasksPerSlot, frameBits, radio, settings, planned);
  }

  /**
   * The price rule's reference slot for the live fleet: {@code hoveringDrones} drones hovering at the full
   * rate, all in channel state {@code channelState}, empty queues (the other drones have no tasks).
   *
   * @param hoveringDrones &gt;= 1
   * @param channelState &gt;= 0
   */
  public record Reference(int hoveringDrones, int channelState) {

    /** Validates. */
    public Reference {
      if (hoveringDrones < 1 || channelState < 0) {
        throw new IllegalArgumentException("hoveringDrones must be >= 1 and channelState >= 0, got: "
            + hoveringDrones + ", " + channelState);
      }
    }
  }

  /**
   * The reference slot the planned flights describe (live choice 9, fixed before the goal run): given,
   * for each planned slot, the channel states of the drones planned to hover in it (an empty array when
   * none does), the number of hovering drones is the mean over the slots in which at least one hovers,
   * rounded to the nearest integer (at least 1), and their state the one most frequent among the planned
   * hovering drone-slots (the lower state on a tie) — the live counterparts of the detect rule's "the
   * trace's drones" and "the channel's most likely state". Empty when no drone is planned to hover.
   *
   * @param states the channel's number of states (each planned state below it)
   */
  public static java.util.Optional<Reference> plannedReference(List<int[]> plannedSlots, int states) {
    long[] count = new long[states];
    long slots = 0;
    long droneSlots = 0;
    for (int[] slot : plannedSlots) {
      for (int s : slot) {
        if (s < 0 || s >= states) {
          throw new IllegalArgumentException("a planned channel state must be in [0, " + states + "), got: " + s);
        }
        count[s]++;
      }
      slots += slot.length > 0 ? 1 : 0;
      droneSlots += slot.length;
    }
    if (slots == 0) {
      return java.util.Optional.empty();
    }
    int likely = 0;
    for (int s = 1; s < states; s++) {
      likely = count[s] > count[likely] ? s : likely;
    }
    int hovering = (int) Math.max(1, Math.round(droneSlots / (double) slots));
    return java.util.Optional.of(new Reference(hovering, likely));
  }

  /** The price rule's mu0, seconds of delay per unit of accuracy. */
  public double referencePriceS() {
    return pricing.referencePriceS();
  }

  /** The reference slot the price rule used: the planned one, or empty for the detect run's. */
  public java.util.Optional<Reference> reference() {
    return java.util.Optional.ofNullable(planned);
  }

  /**
   * The channel state of a drone at {@code distanceM} (ground distance) from its edge node: the
   * state whose documented distance ({@code stateDistancesM}, semantic-comm's {@code
   * control.model.channel.states}, increasing) is nearest on a log scale, so the state's path-loss
   * gain is the one the model gives that distance's neighbourhood. The boundaries fall at the
   * geometric means of neighbouring distances (71 m and 141 m for 50 / 100 / 200 m).
   */
  public static int channelState(double distanceM, List<Double> stateDistancesM) {
    if (!(distanceM >= 0) || Double.isInfinite(distanceM)) {
      throw new IllegalArgumentException("distanceM must be a finite number >= 0, got: " + distanceM);
    }
    if (stateDistancesM.isEmpty()) {
      throw new IllegalArgumentException("stateDistancesM must not be empty");
    }
    for (int s = 0; s + 1 < stateDistancesM.size(); s++) {
      if (distanceM * distanceM < stateDistancesM.get(s) * stateDistancesM.get(s + 1)) {
        return s;
      }
    }
    return stateDistancesM.size() - 1;
  }

  /** Drones N. */
  public int drones() {
    return localQueueBits.length;
  }

  /** Levels K. */
  public int levels() {
    return model.levels();
  }

  /** The fleet's control model (V by the price rule). */
  public ControlModel model() {
    return model;
  }

  /** Slots decided so far. */
  public int slots() {
    return decisions.size();
  }

  /** Slots decided by coordinate ascent because the exact search was above its cap. */
  public long fallbacks() {
    return controller.fallbacks();
  }

  /**
   * The decision for the slot that starts now.
   *
   * @param arrivalsTasks per drone, its full-rate frames in this slot (0 when it does not hover), &gt;= 0
   * @param channelStates per drone, its channel state ({@link #channelState})
   * @param edgeQueueBits the edge node's backlog now (its telemetry's open tasks x the frame), bits, &gt;= 0
   */
  public SlotDecision decide(double[] arrivalsTasks, int[] channelStates, double edgeQueueBits) {
    if (arrivalsTasks.length != drones() || channelStates.length != drones()) {
      throw new IllegalArgumentException("arrivalsTasks and channelStates must have one entry per drone ("
          + drones() + "), got: " + arrivalsTasks.length + ", " + channelStates.length);
    }
    SlotState state = new SlotState(localQueueBits, channelStates, arrivalsTasks, new double[] {edgeQueueBits},
        virtualQueues);
    SlotDecision d = controller.decide(state);
    SlotDynamics.Transition tr = dynamics.step(state, d, EdgeSplit.CLOSED_FORM);
    localQueueBits = tr.localQueueBits();
    virtualQueues = tr.virtualQueues();
    arrivals.add(arrivalsTasks.clone());
    channels.add(channelStates.clone());
    decisions.add(d);
    return d;
  }

  /** The accuracy virtual queue Z now. */
  public double virtualQueue() {
    return virtualQueues[0];
  }

  /** Replays the recorded decisions slot by slot (for {@link FleetControl#replay}). */
  private static final class Recorded implements Controller {
    private final List<SlotDecision> decisions;
    private int next;

    Recorded(List<SlotDecision> decisions) {
      this.decisions = decisions;
    }

    @Override
    public String name() {
      return "recorded";
    }

    @Override
    public SlotDecision decide(SlotState state) {
      return decisions.get(next++);
    }
  }

  /**
   * The live decisions against the best fixed rate over the recorded slots, both evaluated by the
   * same model replay from empty queues ({@link FleetControl#replay}: the edge queue modelled for
   * both, so they are compared on equal terms; the live decisions saw the measured queue). The best
   * fixed rate is the detect run's hindsight search ({@link FleetControl#bestFixed}: every level with
   * the first j drones at the edge, the best chosen after the fact). Null when no slot was recorded.
   *
   * @param strategy what flew, for the report
   */
  public CaptureControl compare(String strategy) {
    if (decisions.isEmpty()) {
      return null;
    }
    double[][] a = arrivals.toArray(new double[0][]);
    int[][] ch = channels.toArray(new int[0][]);
    FleetControl.Trace trace = new FleetControl.Trace(a, reference.samplingAccuracy(), reference.frameBits());
    CaptureControl.Figures controlled = FleetControl.replay(new Recorded(List.copyOf(decisions)), dynamics, trace, ch,
        pricing.initialVirtualQueue(), false);
    FleetControl.Fixed fixed = FleetControl.bestFixed(new SlotDynamics(base), trace, ch);
    // the check of the reference slot (agents README, live choice 8): the accuracy the rule's price mu0 buys in
    // the live slots when held fixed, and the least one price that holds the target on them (hindsight)
    List<CaptureControl.Alternative> alternatives = new ArrayList<>();
    alternatives.add(new CaptureControl.Alternative(String.format(Locale.ROOT, "check: price mu0 %.4g s held",
        pricing.referencePriceS()), FleetControl.replay(new DriftPlusPenaltyController(dynamics),
        dynamics, trace, ch, pricing.initialVirtualQueue(), true)));
    if (planned != null) {
      // the same controller with the detect run's reference slot, replayed on the same slots (edge queue modelled)
      ControlModel detectModel = base.withLyapunovWeight(detectRulePricing.lyapunovWeight());
      SlotDynamics detectDynamics = new SlotDynamics(detectModel);
      alternatives.add(new CaptureControl.Alternative(String.format(Locale.ROOT,
          "detect-run reference (mu0 %.4g s), replayed", detectRulePricing.referencePriceS()),
          FleetControl.replay(new DriftPlusPenaltyController(detectDynamics), detectDynamics, trace, ch,
              detectRulePricing.initialVirtualQueue(), false)));
      alternatives.add(new CaptureControl.Alternative(String.format(Locale.ROOT,
          "check: detect-run mu0 %.4g s held", detectRulePricing.referencePriceS()),
          FleetControl.replay(new DriftPlusPenaltyController(detectDynamics), detectDynamics,
              trace, ch, detectRulePricing.initialVirtualQueue(), true)));
    }
    alternatives.add(new CaptureControl.Alternative("hindsight: one price for the recorded slots",
        FleetControl.hindsightPrice(dynamics, trace, ch, pricing.referencePriceS(),
            FleetControl.HINDSIGHT_MAX_CANDIDATES)));
    java.util.Optional<FleetControl.Bound> bound = FleetControl.bound(base, trace, ch);
    bound.ifPresent(b -> alternatives.add(b.alternative()));
    FleetControl.Verdict verdict = FleetControl.verdict(controlled, fixed, bound, settings, "the live decisions' long-run"
        + " accuracy %.4f is below the target %.2f (%.1f %% of the slots below target)");
    double goalRatio = verdict.goalRatio();
    double target = settings.accuracyTarget();
    boolean met = verdict.met();
    String reason = verdict.reason();
    String description = String.format(Locale.ROOT, "live fleet: %d drones, %d slots of %.0f s recorded, K = %d,"
        + " g(k) = %s (the detect run's, not measured live), frame %.0f kbit measured; on board h = %.2f"
        + " (modelled, no on-board detector runs), %.2f Gcycles/frame at %.2f GHz; edge %.2f Gcycles/frame at"
        + " %.2f GHz, queue from the nodes' telemetry; radio W = %.0f MHz shared, channel state from each drone's"
        + " distance to its edge node; price rule mu0 = %.4g s, V = %.4g, Z0 = %.3g, reference slot %s;"
        + " %d slots by coordinate ascent",
        drones(), decisions.size(), model.slotS(), model.levels(), settings.liveSamplingAccuracy(),
        reference.frameBits() / 1e3, settings.onBoardRelativeAccuracy(), settings.onBoardCyclesPerFrame() / 1e9,
        settings.onBoardCpuHz() / 1e9, settings.edgeCyclesPerFrame() / 1e9, settings.edgeCpuHz() / 1e9,
        model.bandwidthHz() / 1e6, pricing.referencePriceS(), pricing.lyapunovWeight(),
        pricing.initialVirtualQueue(), planned == null ? "the detect run's (every drone hovering, the Markov"
            + " chain's most likely state)" : "planned: " + planned.hoveringDrones() + " drones hovering in state "
            + planned.channelState(), controller.fallbacks());
    return new CaptureControl(strategy, "drift-plus-penalty, live (decisions replayed)", controlled,
        "level " + fixed.level() + "/" + model.levels() + ", " + fixed.offloading() + " of " + drones()
            + " drones at the edge (hindsight search over the recorded slots)", fixed.figures(), target,
        description, goalRatio, met, reason, alternatives);
  }
}
