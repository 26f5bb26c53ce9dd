package org.swarmsense.gateway.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.swarmsense.agents.detect.LiveFleetControl;
import org.swarmsense.agents.detect.MissionDetectSettings;
import org.swarmsense.epos.sensing.evaluation.CaptureControl;
import org.swarmsense.gateway.offload.CaptureSteering;
import org.swarmsense.gateway.offload.EdgeDirectory;
import org.swarmsense.gateway.offload.FleetOffload;
import org.swarmsense.gateway.offload.FrameSource;
import org.swarmsense.gateway.simulator.WaypointFlight;
import org.swarmsense.gateway.wire.DeviceId;
import org.swarmsense.gateway.wire.EdgeTelemetry;
import org.swarmsense.semantic.SemanticCommSettings;
import org.swarmsense.semantic.channel.ConstantRateChannel;
import org.swarmsense.semantic.codec.EncodedFrame;
import org.swarmsense.semantic.codec.SemanticEncoder;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.SlotDecision;

/**
 * The live fleet's capture control as the simulator's {@link CaptureSteering} (issue 15 part 4;
 * agents README, "Capture-rate control of the live fleet"): a thin shell that turns what the fleet
 * sees into the inputs of the agents' {@link LiveFleetControl} and its decision back into captures.
 * Per slot and drone: new tasks = the sampling rate x the slot while it hovers (0 otherwise); channel
 * state from its ground distance to its nearest reachable edge node ({@link
 * LiveFleetControl#channelState}; no node heard: the worst state, and it stays on board); the edge
 * queue = the open tasks of the nodes the drones would use (their telemetry's {@code queue_length},
 * summed over distinct nodes) x the frame. Level k of K becomes a capture share k / K; "local"
 * becomes the drone's modelled on-board detector. The nodes' {@code load} is read and reported (the
 * mean over slots), not a state of the model: f_b is the fleet's share of the edge CPU. Thread-safe
 * (synchronized): the simulator's control thread decides, the caller reads the figures at the end.
 */
public final class LiveCaptureControl implements CaptureSteering {

  private final LiveFleetControl control;
  private final List<Double> stateDistancesM;
  private final double fullRateTasksPerSlot;
  private final double frameBits;
  private final Duration slot;
  private long droneSlotsWithoutEdge;
  private double edgeQueueTasksSum;
  private double edgeLoadSum;
  private long edgeSamples;
  private long hoveringDroneSlots;
  private long onBoardDroneSlots;

  private LiveCaptureControl(LiveFleetControl control, List<Double> stateDistancesM, double fullRateTasksPerSlot,
      double frameBits, Duration slot) {
    this.control = control;
    this.stateDistancesM = List.copyOf(stateDistancesM);
    this.fullRateTasksPerSlot = fullRateTasksPerSlot;
    this.frameBits = frameBits;
    this.slot = slot;
  }

  /**
   * The control of {@code drones} offloading drones sampling at {@code samplingHz} (the full rate)
   * with frames of {@code frameBits}; the model, price rule and live g(k) from this process's
   * settings (semantic-comm's {@code control.model}, the agents' {@code mission-detect.control}).
   */
  public static LiveCaptureControl create(int drones, double samplingHz, double frameBits) {
    return create(drones, samplingHz, frameBits, ControlModel.fromSettings(),
        org.swarmsense.agents.settings.AgentsSettings.defaults().missionDetect().control(),
        SemanticCommSettings.current().controlChannelDistancesM());
  }

  /** As {@link #create(int, double, double)} with the model, settings and state distances given. */
  public static LiveCaptureControl create(int drones, double samplingHz, double frameBits, ControlModel radio,
      MissionDetectSettings.Control settings, List<Double> stateDistancesM) {
    check(samplingHz, radio, stateDistancesM);
    double tasks = samplingHz * radio.slotS();
    return new LiveCaptureControl(LiveFleetControl.create(drones, tasks, frameBits, radio, settings), stateDistancesM,
        tasks, frameBits, Duration.ofNanos(Math.round(radio.slotS() * 1e9)));
  }

  /**
   * As {@link #create(int, double, double, ControlModel, MissionDetectSettings.Control, List)}, with the
   * price rule's reference slot the one the fleet's planned flights describe ({@link #plannedSlots},
   * {@link LiveFleetControl#plannedReference}; agents README, live choice 9); the detect run's reference
   * slot when the plans hover nowhere.
   */
  public static LiveCaptureControl create(int drones, double samplingHz, double frameBits, List<int[]> plannedSlots) {
    ControlModel radio = ControlModel.fromSettings();
    MissionDetectSettings.Control settings = org.swarmsense.agents.settings.AgentsSettings.defaults().missionDetect()
        .control();
    List<Double> distances = SemanticCommSettings.current().controlChannelDistancesM();
    java.util.Optional<LiveFleetControl.Reference> planned =
        LiveFleetControl.plannedReference(plannedSlots, radio.channel().states());
    return planned.isEmpty() ? create(drones, samplingHz, frameBits, radio, settings, distances)
        : create(drones, samplingHz, frameBits, radio, settings, distances, planned.get());
  }

  /**
   * As {@link #create(int, double, double, ControlModel, MissionDetectSettings.Control, List)}, with a
   * planned reference slot.
   */
  public static LiveCaptureControl create(int drones, double samplingHz, double frameBits, ControlModel radio,
      MissionDetectSettings.Control settings, List<Double> stateDistancesM, LiveFleetControl.Reference planned) {
    check(samplingHz, radio, stateDistancesM);
    double tasks = samplingHz * radio.slotS();
    return new LiveCaptureControl(LiveFleetControl.create(drones, tasks, frameBits, radio, settings, planned),
        stateDistancesM, tasks, frameBits, Duration.ofNanos(Math.round(radio.slotS() * 1e9)));
  }

  private static void check(double samplingHz, ControlModel radio, List<Double> stateDistancesM) {
    if (!(samplingHz > 0) || Double.isInfinite(samplingHz)) {
      throw new IllegalArgumentException("samplingHz must be a finite number > 0, got: " + samplingHz);
    }
    if (stateDistancesM.size() != radio.channel().states()) {
      throw new IllegalArgumentException("stateDistancesM must have one distance per channel state ("
          + radio.channel().states() + "), got: " + stateDistancesM);
    }
  }

  /**
   * The slots the fleet's planned flights describe, as the live control will see them: for each slot of
   * {@code missionSPerSlot} seconds of mission time (the control's slot times the time factor) from the
   * flights' start to the longest one's end, the channel states of the drones planned to hover at the
   * slot's start ({@link LiveFleetControl#channelState} of the hover point's ground distance to its
   * nearest node in {@code nodes}; no node: the worst state). The same flight model the simulated drones
   * fly ({@link WaypointFlight}).
   */
  public static List<int[]> plannedSlots(List<WaypointFlight> flights, EdgeDirectory nodes,
      List<Double> stateDistancesM, double missionSPerSlot) {
    if (!(missionSPerSlot > 0) || Double.isInfinite(missionSPerSlot)) {
      throw new IllegalArgumentException("missionSPerSlot must be a finite number > 0, got: " + missionSPerSlot);
    }
    double end = 0;
    for (WaypointFlight f : flights) {
      end = Math.max(end, f.durationS());
    }
    int worst = stateDistancesM.size() - 1;
    List<int[]> out = new ArrayList<>();
    for (long k = 0; k * missionSPerSlot < end; k++) {
      double t = k * missionSPerSlot;
      List<Integer> states = new ArrayList<>();
      for (WaypointFlight f : flights) {
        if (t >= f.durationS()) {
          continue; // done: landed, or left hovering where it ended, which no plan asks for
        }
        org.swarmsense.gateway.wire.Telemetry s = f.stateAt(t, 0);
        if (s.state().equals("hovering")) {
          states.add(nodes.nearest(s.latDeg(), s.lonDeg())
              .map(r -> LiveFleetControl.channelState(r.distanceM(), stateDistancesM)).orElse(worst));
        }
      }
      out.add(states.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /**
   * The fleet's frame in bits: one capture of {@code offload}'s camera over the given point, encoded
   * at its quality in its band order as its drones encode it (road-first only when the whole frame would not
   * fit the deadline's bytes; every packet, before the deadline's cut: the detect run's rule).
   */
  public static double frameBits(FleetOffload offload, double latDeg, double lonDeg) {
    FrameSource.Captured shot = offload.camera().capture(0, latDeg, lonDeg);
    long budget = new ConstantRateChannel(offload.settings().uplinkRateBytesPerS())
        .budgetBytes(offload.settings().deadline());
    EncodedFrame f = SemanticEncoder.encodeWithin(shot.image(), offload.settings().quality(), offload.order(), 0,
        shot.roads(), budget);
    return 8.0 * f.totalBytes();
  }

  @Override
  public Duration slot() {
    return slot;
  }

  @Override
  public synchronized List<Choice> decide(List<DroneView> drones) {
    int n = control.drones();
    if (drones.size() != n) {
      throw new IllegalArgumentException("the fleet has " + n + " drones, got views of " + drones.size());
    }
    double[] arrivals = new double[n];
    int[] channels = new int[n];
    Map<DeviceId, EdgeTelemetry> nodes = new LinkedHashMap<>();
    int worst = stateDistancesM.size() - 1;
    for (int i = 0; i < n; i++) {
      DroneView v = drones.get(i);
      arrivals[i] = v.hovering() ? fullRateTasksPerSlot : 0;
      if (v.edge().isPresent()) {
        EdgeDirectory.Reach r = v.edge().get();
        channels[i] = LiveFleetControl.channelState(r.distanceM(), stateDistancesM);
        nodes.put(r.edge(), r.telemetry());
      } else {
        channels[i] = worst;
      }
    }
    double queueTasks = 0;
    for (EdgeTelemetry t : nodes.values()) {
      queueTasks += t.queueLength();
      edgeLoadSum += t.load();
      edgeSamples++;
    }
    edgeQueueTasksSum += queueTasks;
    SlotDecision d = control.decide(arrivals, channels, queueTasks * frameBits);
    List<Choice> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean noEdge = drones.get(i).edge().isEmpty();
      boolean onBoard = !d.atEdge(i) || noEdge;
      if (drones.get(i).hovering()) {
        hoveringDroneSlots++;
        droneSlotsWithoutEdge += noEdge ? 1 : 0;
        onBoardDroneSlots += onBoard ? 1 : 0;
      }
      out.add(new Choice(d.level(i) / (double) control.levels(), onBoard));
    }
    return out;
  }

  /** The price rule in one line: mu0 and the reference slot it was set on. */
  public String priceLine() {
    return String.format(Locale.ROOT, "price rule mu0 %.4g s on the reference slot %s", control.referencePriceS(),
        control.reference().map(r -> "of the plans: " + r.hoveringDrones() + " drones hovering in channel state "
            + r.channelState()).orElse("of the detect run (every drone hovering, the Markov chain's most likely"
            + " state)"));
  }

  /** Slots decided so far. */
  public synchronized int slots() {
    return control.slots();
  }

  /**
   * The live decisions against the best fixed rate over the recorded slots ({@link
   * LiveFleetControl#compare}); null when no slot was decided.
   */
  public synchronized CaptureControl compare() {
    return control.compare("live fleet");
  }

  /** One line: slots, hovering drone-slots on board / at the edge / without a node, the edge's mean queue and load. */
  public synchronized String stateLine() {
    int slots = control.slots();
    return String.format(Locale.ROOT, "%d slots decided (%d by coordinate ascent); hovering drone-slots %d, on board"
        + " %d, at the edge %d, without an edge node %d; edge nodes' telemetry: mean queue %.2f tasks, mean load"
        + " %.2f; virtual queue now %.3g", slots, control.fallbacks(), hoveringDroneSlots, onBoardDroneSlots,
        hoveringDroneSlots - onBoardDroneSlots, droneSlotsWithoutEdge, slots == 0 ? 0 : edgeQueueTasksSum / slots,
        edgeSamples == 0 ? 0 : edgeLoadSum / edgeSamples, control.virtualQueue());
  }

  /**
   * One line of the figures: delay p50/p99, constraint violations and bytes of the live decisions and
   * of the best fixed rate (hindsight) over the same recorded slots, the model's figures.
   */
  public static String controlLine(CaptureControl c) {
    CaptureControl.Figures l = c.controlled();
    CaptureControl.Figures f = c.fixed();
    return String.format(Locale.ROOT, "control: %d slots with a hovering drone; controller (live decisions, model"
        + " delays): mean %.1f ms, p50 %.1f ms, p99 %.1f ms, accuracy %.3f, violations %.1f %% of slots, %,d bytes"
        + " to the edge; best fixed rate (%s): mean %.1f ms, p50 %.1f ms,"
        + " p99 %.1f ms, accuracy %.3f, violations %.1f %%, %,d bytes; fixed/controlled mean delay x%.3f, goal"
        + " (>= x%.2f at accuracy target %.2f): %s (%s)", l.slots(), 1e3 * l.meanDelayS(), 1e3 * l.p50DelayS(),
        1e3 * l.p99DelayS(), l.longRunAccuracy(), 100 * l.runningViolationShare(), l.bytesSent(), c.fixedDecision(),
        1e3 * f.meanDelayS(), 1e3 * f.p50DelayS(), 1e3 * f.p99DelayS(), f.longRunAccuracy(),
        100 * f.runningViolationShare(), f.bytesSent(), c.delayRatio(), c.goalRatio(), c.accuracyTarget(),
        c.goalMet() ? "MET" : "NOT MET", c.reason());
  }
}
