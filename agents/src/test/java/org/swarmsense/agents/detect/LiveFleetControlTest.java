package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
    // the reference slot's check: the rule's price held over the recorded slots, the hindsight price, the bound
    List<String> names = c.alternatives().stream().map(CaptureControl.Alternative::name).toList();
    assertEquals(3, names.size(), names.toString());
    assertTrue(names.get(2).startsWith("bound"), names.toString());
    CaptureControl.Figures bound = c.alternatives().get(2).figures();
    assertTrue(bound.meanDelayS() <= c.fixed().meanDelayS() && bound.meanDelayS() <= c.controlled().meanDelayS()
        && bound.longRunAccuracy() >= SETTINGS.accuracyTarget() - 1e-6, bound.toString());
    assertTrue(names.get(0).startsWith(String.format(java.util.Locale.ROOT, "check: price mu0 %.4g s held",
        live.referencePriceS())), names.toString());
    CaptureControl.Figures held = c.alternatives().get(0).figures();
    CaptureControl.Figures hindsight = c.alternatives().get(1).figures();
    assertEquals(32, held.slots());
    assertTrue(held.virtualQueueBoundShare() == 1, "a held price binds in every slot");
    assertTrue(hindsight.longRunAccuracy() >= SETTINGS.accuracyTarget() - 1e-9, hindsight.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> live.decide(new double[2], ch, 0));
    assertTrue(e.getMessage().contains("one entry per drone (3)"), e.getMessage());
  }

  @Test
  void thePlannedReferenceSlotIsTheMeanHoveringCountInTheMostFrequentState() {
    List<int[]> slots = List.of(new int[0], new int[] {2}, new int[] {2, 2, 1}, new int[] {1, 2}, new int[0]);
    // 3 slots with a hovering drone, 6 hovering drone-slots: 2 drones; state 2 in 4 of them, state 1 in 2
    assertEquals(Optional.of(new LiveFleetControl.Reference(2, 2)), LiveFleetControl.plannedReference(slots, 3));
    // 5 drone-slots over 2 slots: 2.5 rounds to 3; states 0 and 1 tie (2 each): the lower one
    assertEquals(Optional.of(new LiveFleetControl.Reference(3, 0)),
        LiveFleetControl.plannedReference(List.of(new int[] {0, 1, 0}, new int[] {1, 2}), 3));
    assertEquals(Optional.empty(), LiveFleetControl.plannedReference(List.of(new int[0], new int[0]), 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LiveFleetControl.plannedReference(List.<int[]>of(new int[] {3}), 3));
    assertTrue(e.getMessage().contains("[0, 3)") && e.getMessage().contains("got: 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new LiveFleetControl.Reference(0, 1));
    assertTrue(e.getMessage().contains("hoveringDrones"), e.getMessage());
  }

  @Test
  void thePlannedReferenceSlotSetsThePrice() {
    ControlModel radio = ControlModel.fromSettings();
    double[] pi = radio.channel().stationary();
    int likely = 0;
    for (int s = 1; s < pi.length; s++) {
      likely = pi[s] > pi[likely] ? s : likely;
    }
    double bits = 400e3;
    LiveFleetControl detectRule = LiveFleetControl.create(4, 1, bits, radio, SETTINGS);
    // the detect run's reference slot given as a plan (every drone hovering in the chain's likeliest state)
    LiveFleetControl same = LiveFleetControl.create(4, 1, bits, radio, SETTINGS, new LiveFleetControl.Reference(4,
        likely));
    assertEquals(detectRule.referencePriceS(), same.referencePriceS(), 0);
    assertEquals(detectRule.model().lyapunovWeight(), same.model().lyapunovWeight(), 0);
    // one drone hovering in the worst state: the price at which that very slot's exact decision holds the target
    LiveFleetControl one = LiveFleetControl.create(4, 1, bits, radio, SETTINGS, new LiveFleetControl.Reference(1, 2));
    double[] g = SETTINGS.liveSamplingAccuracy().stream().mapToDouble(Double::doubleValue).toArray();
    ControlModel base = FleetControl.model(new FleetControl.Trace(new double[][] {{1, 1, 1, 1}}, g, bits), radio,
        SETTINGS);
    double mu0 = DriftPlusPenaltyController.referencePrice(new SlotDynamics(base), new SlotState(new double[4],
        new int[] {2, 2, 2, 2}, new double[] {1, 0, 0, 0}, new double[1], new double[1]));
    System.out.println("LiveFleetControlTest mu0: detect rule " + detectRule.referencePriceS() + " s, one drone in"
        + " state 2 " + mu0 + " s");
    assertEquals(mu0, one.referencePriceS(), 1e-12);
    assertTrue(Math.abs(mu0 - detectRule.referencePriceS()) > 1e-3 * mu0, "a different slot, a different price");
    assertEquals(SETTINGS.priceSteps() * SETTINGS.accuracyTarget() / mu0, one.model().lyapunovWeight(), 1e-9 * mu0);
    assertTrue(one.reference().isPresent() && detectRule.reference().isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LiveFleetControl.create(4, 1, bits, radio, SETTINGS, new LiveFleetControl.Reference(5, 0)));
    assertTrue(e.getMessage().contains("at most 4 hovering drones"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LiveFleetControl.create(4, 1, bits, radio, SETTINGS, new LiveFleetControl.Reference(2, 3)));
    assertTrue(e.getMessage().contains("state below 3"), e.getMessage());
  }
}
