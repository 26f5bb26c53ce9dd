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
  private final List<double[]> arrivals = new ArrayList<>();
  private final List<int[]> channels = new ArrayList<>();
  private final List<SlotDecision> decisions = new ArrayList<>();
  private double[] localQueueBits;
  private double[] virtualQueues;

  private LiveFleetControl(int drones, double fullRateTasksPerSlot, double frameBits, ControlModel radio,
      MissionDetectSettings.Control settings) {
    if (drones < 1) {
      throw new IllegalArgumentException("drones must be >= 1, got: " + drones);
    }
    if (!(fullRateTasksPerSlot > 0) || Double.isInfinite(fullRateTasksPerSlot)) {
      throw new IllegalArgumentException("fullRateTasksPerSlot must be a finite number > 0, got: "
          + fullRateTasksPerSlot);
    }
    this.settings = settings;
    double[] g = settings.liveSamplingAccuracy().stream().mapToDouble(Double::doubleValue).toArray();
    double[][] slot = new double[1][drones];
    Arrays.fill(slot[0], fullRateTasksPerSlot);
    // the price rule's reference slot: every drone hovering at the full rate (choice 11, as in the detect run)
    this.reference = new FleetControl.Trace(slot, g, frameBits);
    this.base = FleetControl.model(reference, radio, settings);
    this.pricing = FleetControl.pricing(base, reference, settings.priceSteps());
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
    return new LiveFleetControl(drones, fullRateTasksPerSlot, frameBits, radio, settings);
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
    FleetControl.Verdict verdict = FleetControl.verdict(controlled, fixed, settings, "the live decisions' long-run"
        + " accuracy %.4f is below the target %.2f (%.1f %% of the slots below target)");
    double goalRatio = verdict.goalRatio();
    double target = settings.accuracyTarget();
    boolean met = verdict.met();
    String reason = verdict.reason();
    String description = String.format(Locale.ROOT, "live fleet: %d drones, %d slots of %.0f s recorded, K = %d,"
        + " g(k) = %s (the detect run's, not measured live), frame %.0f kbit measured; on board h = %.2f"
        + " (modelled, no on-board detector runs), %.2f Gcycles/frame at %.2f GHz; edge %.2f Gcycles/frame at"
        + " %.2f GHz, queue from the nodes' telemetry; radio W = %.0f MHz shared, channel state from each drone's"
        + " distance to its edge node; price rule mu0 = %.4g s, V = %.4g, Z0 = %.3g; %d slots by coordinate ascent",
        drones(), decisions.size(), model.slotS(), model.levels(), settings.liveSamplingAccuracy(),
        reference.frameBits() / 1e3, settings.onBoardRelativeAccuracy(), settings.onBoardCyclesPerFrame() / 1e9,
        settings.onBoardCpuHz() / 1e9, settings.edgeCyclesPerFrame() / 1e9, settings.edgeCpuHz() / 1e9,
        model.bandwidthHz() / 1e6, pricing.referencePriceS(), pricing.lyapunovWeight(),
        pricing.initialVirtualQueue(), controller.fallbacks());
    return new CaptureControl(strategy, "drift-plus-penalty, live (decisions replayed)", controlled,
        "level " + fixed.level() + "/" + model.levels() + ", " + fixed.offloading() + " of " + drones()
            + " drones at the edge (hindsight search over the recorded slots)", fixed.figures(), target,
        description, goalRatio, met, reason, List.of());
  }
}
