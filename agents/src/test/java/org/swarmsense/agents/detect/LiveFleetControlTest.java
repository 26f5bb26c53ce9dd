package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.evaluation.CaptureControl;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.Controller;
import org.swarmsense.semantic.control.DriftPlusPenaltyController;
import org.swarmsense.semantic.control.SlotDecision;
import org.swarmsense.semantic.control.SlotDynamics;
import org.swarmsense.semantic.control.SlotState;

/**
 * The live fleet's control adapter: the same slots give the same decisions as the detect run's
 * controller (FleetControl's model, price rule and replay), the distance-to-state rule at its
 * boundaries, and the recorded comparison against the best fixed rate.
 */
class LiveFleetControlTest {

  private static final MissionDetectSettings.Control SETTINGS =
      org.swarmsense.agents.settings.AgentsSettings.defaults().missionDetect().control();

  /** Records what the detect run's controller saw and decided, slot by slot. */
  private static final class Recording implements Controller {
    final Controller inner;
    final List<SlotState> states = new ArrayList<>();
    final List<SlotDecision> decisions = new ArrayList<>();

    Recording(Controller inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public SlotDecision decide(SlotState state) {
      SlotDecision d = inner.decide(state);
      states.add(state);
      decisions.add(d);
      return d;
    }
  }

  @Test
  void theSameSlotsGiveTheDetectRunsDecisions() {
    long seed = 20261202L;
    System.out.println("LiveFleetControlTest hover seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    int drones = 4;
    int slots = 120;
    double full = 1.0; // one frame a slot at the full rate: the live drones' 1 Hz sampling in 1 s slots
    double frameBits = 400e3;
    double[][] a = new double[slots][drones];
    for (int t = 0; t < slots; t++) {
      for (int n = 0; n < drones; n++) {
        a[t][n] = r.nextDouble() < 0.6 ? full : 0;
      }
    }
    double[] g = SETTINGS.liveSamplingAccuracy().stream().mapToDouble(Double::doubleValue).toArray();
    FleetControl.Trace trace = new FleetControl.Trace(a, g, frameBits);
    ControlModel radio = ControlModel.fromSettings();
    // the detect run's controller, exactly as FleetControl.compare builds and replays it
    ControlModel base = FleetControl.model(trace, radio, SETTINGS);
    FleetControl.Pricing pricing = FleetControl.pricing(base, trace, SETTINGS.priceSteps());
    SlotDynamics dynamics = new SlotDynamics(base.withLyapunovWeight(pricing.lyapunovWeight()));
    int[][] channels = FleetControl.channels(base, slots, seed);
    Recording detect = new Recording(new DriftPlusPenaltyController(dynamics));
    FleetControl.replay(detect, dynamics, trace, channels, pricing.initialVirtualQueue(), false);
    assertEquals(slots, detect.decisions.size());

    LiveFleetControl live = LiveFleetControl.create(drones, full, frameBits, radio, SETTINGS);
    assertEquals(pricing.lyapunovWeight(), live.model().lyapunovWeight(), 0, "the same price rule");
    Set<SlotDecision> distinct = new HashSet<>();
    int atEdge = 0;
    int onBoard = 0;
    for (int t = 0; t < slots; t++) {
      // the live loop gets the edge queue measured; here the very queue the detect run's replay carried
      SlotDecision d = live.decide(a[t], channels[t], detect.states.get(t).edgeQueueBits(0));
      assertEquals(detect.decisions.get(t), d, "slot " + t);
      if (t + 1 < slots) {
        assertEquals(detect.states.get(t + 1).virtualQueue(0), live.virtualQueue(), 0, "virtual queue after slot " + t);
      }
      distinct.add(d);
      for (int n = 0; n < drones; n++) {
        if (a[t][n] > 0) {
          atEdge += d.atEdge(n) ? 1 : 0;
          onBoard += d.atEdge(n) ? 0 : 1;
        }
      }
    }
    assertEquals(slots, live.slots());
    // not a trivial policy: it changes its decision and uses both the edge and the on-board detector
    assertTrue(distinct.size() > 3, "distinct decisions " + distinct);
    assertTrue(atEdge > 0 && onBoard > 0, "edge " + atEdge + ", on board " + onBoard);
  }

  @Test
  void distanceToEdgeNodeMapsToTheNearestStateOnALogScale() {
    List<Double> d = List.of(50.0, 100.0, 200.0);
    assertEquals(0, LiveFleetControl.channelState(0, d));
    assertEquals(0, LiveFleetControl.channelState(70, d));
    assertEquals(1, LiveFleetControl.channelState(71, d)); // sqrt(50 x 100) = 70.7
    assertEquals(1, LiveFleetControl.channelState(141, d));
    assertEquals(2, LiveFleetControl.channelState(142, d)); // sqrt(100 x 200) = 141.4
    assertEquals(2, LiveFleetControl.channelState(5_000, d));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LiveFleetControl.channelState(Double.NaN, d));
    assertTrue(e.getMessage().contains("distanceM") && e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void recordedSlotsAreComparedWithTheBestFixedRateOverThoseSlots() {
    LiveFleetControl live = LiveFleetControl.create(3, 1, 400e3, ControlModel.fromSettings(), SETTINGS);
    assertNull(live.compare("none"), "no slot, no comparison");
    int[] ch = {0, 1, 2};
    for (int t = 0; t < 40; t++) {
      double[] a = t % 10 < 2 ? new double[3] : new double[] {1, t % 2, 1};
      live.decide(a, ch, 0);
    }
    CaptureControl c = live.compare("live fleet");
    assertNotNull(c);
    // slots with at least one hovering drone: 8 of every 10
    assertEquals(32, c.controlled().slots());
    assertEquals(32, c.fixed().slots());
    assertTrue(c.fixed().longRunAccuracy() >= SETTINGS.accuracyTarget() - 1e-9, c.toString());
    assertTrue(c.controlled().meanDelayS() > 0 && c.fixed().meanDelayS() > 0, c.toString());
    assertTrue(c.fixedDecision().contains("hindsight"), c.fixedDecision());
    assertEquals(c.fixed().meanDelayS() / c.controlled().meanDelayS(), c.delayRatio(), 1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> live.decide(new double[2], ch, 0));
    assertTrue(e.getMessage().contains("one entry per drone (3)"), e.getMessage());
  }
}
