package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.evaluation.CaptureControl;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.SlotDecision;
import org.swarmsense.semantic.control.SlotDynamics;
import org.swarmsense.semantic.control.StaticController;

/**
 * The fleet's control adapter: the fixed-rate search on cases whose answer follows by hand, the
 * controller holding the accuracy target over a long seeded trace, idle slots left unmeasured.
 */
class FleetControlTest {

  private static final double[] G = {0.5, 0.7, 0.9, 1.0};

  private static double[][] alwaysHovering(int slots, int drones) {
    double[][] a = new double[slots][drones];
    for (double[] row : a) {
      Arrays.fill(row, 1);
    }
    return a;
  }

  private static MissionDetectSettings.Control control(double onBoardHz, double onBoardCycles, double edgeHz,
      double edgeCycles) {
    return new MissionDetectSettings.Control(true, 4, 0.8, 0.8, onBoardHz, onBoardCycles, edgeHz, edgeCycles, 5,
        25, 0.2, 10, java.util.List.of(0.5, 0.7, 0.9, 1.0));
  }

  @Test
  void bestFixedRateIsTheLeastDelayThatHoldsTheTarget() {
    // Two drones always hovering, g = (0.5, 0.7, 0.9, 1), h = 0.8 on board and 1 at the edge, target 0.8.
    // Accuracy of "level k, j drones at the edge" = g_k (j + 0.8 (2 - j)) / 2; holding 0.8:
    // (4, 0) = 0.8, (4, 1) = 0.9, (4, 2) = 1, (3, 1) = 0.81, (3, 2) = 0.9; every other one is below.
    FleetControl.Trace trace = new FleetControl.Trace(alwaysHovering(50, 2), G, 1e6);
    ControlModel radio = ControlModel.fromSettings();
    // On board instant, edge hopelessly slow: the only choice without the edge, (4, 0).
    ControlModel m = FleetControl.model(trace, radio, control(1e12, 1e6, 1e6, 1e9));
    SlotDynamics dyn = new SlotDynamics(m);
    FleetControl.Fixed f = FleetControl.bestFixed(dyn, trace, FleetControl.channels(m, trace.slots(), 1));
    assertEquals(4, f.level());
    assertEquals(0, f.offloading());
    // Edge instant, on board hopelessly slow: all at the edge at the lowest level holding it, (3, 2).
    m = FleetControl.model(trace, radio, control(1e6, 1e9, 1e12, 1e6));
    dyn = new SlotDynamics(m);
    f = FleetControl.bestFixed(dyn, trace, FleetControl.channels(m, trace.slots(), 1));
    assertEquals(3, f.level());
    assertEquals(2, f.offloading());
    assertEquals(0.9, f.figures().longRunAccuracy(), 1e-9);
    assertEquals(50, f.figures().slots());
  }

  @Test
  void controllerHoldsTheAccuracyTargetInTheLongRunAndSkipsIdleSlots() {
    long seed = 20261201L;
    System.out.println("FleetControlTest hover seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    int slots = 600;
    double[][] a = new double[slots][4];
    int measured = 0;
    for (int t = 0; t < slots; t++) {
      boolean any = false;
      for (int n = 0; n < 4; n++) {
        a[t][n] = r.nextDouble() < 0.5 ? 0.1 : 0;
        any |= a[t][n] > 0;
      }
      measured += any ? 1 : 0;
    }
    FleetControl.Trace trace = new FleetControl.Trace(a, new double[] {0.4, 0.7, 0.9, 1.0}, 1e6);
    CaptureControl c = FleetControl.compare("test", trace, ControlModel.fromSettings(),
        org.swarmsense.agents.settings.AgentsSettings.defaults().missionDetect().control(), 7);
    assertEquals(measured, c.controlled().slots());
    assertEquals(measured, c.fixed().slots());
    assertTrue(c.controlled().longRunAccuracy() >= 0.8 - 0.01, "long-run accuracy "
        + c.controlled().longRunAccuracy());
    assertTrue(c.fixed().longRunAccuracy() >= 0.8 - 1e-9, "fixed " + c.fixed().longRunAccuracy());
    assertTrue(c.controlled().bytesSent() > 0 && c.controlled().meanDelayS() > 0, c.toString());
    // the diagnosis rows: the earlier controller, the exact one from an empty queue, the one price with hindsight,
    // the bound
    assertEquals(4, c.alternatives().size());
    assertTrue(c.alternatives().get(3).name().startsWith("bound"), c.alternatives().get(3).name());
    assertTrue(c.alternatives().get(3).figures().meanDelayS() <= c.fixed().meanDelayS(), c.toString());
    CaptureControl.Figures onePrice = c.alternatives().get(2).figures();
    assertTrue(c.alternatives().get(2).name().startsWith("hindsight"), c.alternatives().get(2).name());
    assertTrue(onePrice.longRunAccuracy() >= 0.8 - 1e-9, "one price " + onePrice.longRunAccuracy());
    assertEquals(1, onePrice.virtualQueueBoundShare(), 0);
  }

  @Test
  void priceRuleWorkedByHand() {
    // One drone always hovering, 1 task of 1 Mbit a slot; the edge instant (1e12 Hz, 1 cycle a bit),
    // on board hopeless (1e9 cycles a frame at 1 MHz): the choice is the level k at the edge, delay
    // (k / 4) 1 Mbit / R, accuracy g(k) = 0.5, 0.7, 0.9, 1. Level 3 is the least holding 0.8; it has the
    // least D - mu A once mu > (0.25 Mbit / R) / 0.2 = (0.5 Mbit / R) / 0.4 = 1.25 Mbit / R, R the
    // uplink of the channel's most likely state (the middle one of the settings' chain).
    FleetControl.Trace trace = new FleetControl.Trace(alwaysHovering(10, 1), G, 1e6);
    ControlModel m = FleetControl.model(trace, ControlModel.fromSettings(), control(1e6, 1e9, 1e12, 1e6));
    double[] pi = m.channel().stationary();
    assertTrue(pi[1] > pi[0] && pi[1] > pi[2], Arrays.toString(pi));
    double mu0 = 1.25e6 / m.uplinkRateBps(1);
    FleetControl.Pricing p = FleetControl.pricing(m, trace, 10);
    assertEquals(mu0, p.referencePriceS(), 1e-3 * mu0);
    // V = 10 A_th / mu0, Z0 = V mu0 = 10 A_th = 8
    assertEquals(10 * 0.8 / p.referencePriceS(), p.lyapunovWeight(), 1e-9 * p.lyapunovWeight());
    assertEquals(8, p.initialVirtualQueue(), 1e-9);
  }

  @Test
  void aTargetHeldAtNoPriceKeepsTheModelsWeightAndAnEmptyQueue() {
    // Edge instant, on board hopeless, g(1) = 0.9 already above the 0.8 target: the least-delay decision
    // (level 1 at the edge) holds it, so the reference price is 0 (the detect run's camera-view plans
    // measured g(1) = 0.92); the rule must not divide by it.
    double[] g = {0.9, 0.95, 1.0, 1.0};
    FleetControl.Trace trace = new FleetControl.Trace(alwaysHovering(20, 2), g, 1e6);
    MissionDetectSettings.Control settings = control(1e6, 1e9, 1e12, 1e6);
    ControlModel m = FleetControl.model(trace, ControlModel.fromSettings(), settings);
    FleetControl.Pricing p = FleetControl.pricing(m, trace, 10);
    assertEquals(0, p.referencePriceS(), 0);
    assertEquals(m.lyapunovWeight(), p.lyapunovWeight(), 0);
    assertEquals(0, p.initialVirtualQueue(), 0);
    CaptureControl c = FleetControl.compare("test", trace, ControlModel.fromSettings(), settings, 7);
    assertTrue(c.controlled().longRunAccuracy() >= 0.8 - 1e-9, "controlled " + c.controlled().longRunAccuracy());
    assertEquals(20, c.controlled().slots());
  }

  @Test
  void delayPartsAndEdgeSharesOfFixedDecisions() {
    // One drone always hovering, 1 task of 1 Mbit a slot. On board 0.1 s a frame (1e8 cycles at 1 GHz);
    // the edge 1e8 cycles a frame at 1e10 Hz: 0.01 s a frame.
    FleetControl.Trace trace = new FleetControl.Trace(alwaysHovering(40, 1), G, 1e6);
    ControlModel m = FleetControl.model(trace, ControlModel.fromSettings(), control(1e9, 1e8, 1e10, 1e8));
    SlotDynamics dyn = new SlotDynamics(m);
    int[][] ch = FleetControl.channels(m, trace.slots(), 3);
    CaptureControl.Figures local = FleetControl.replay(
        new StaticController(SlotDecision.uniform(1, 4, false)), dyn, trace, ch);
    assertEquals(0.1, local.meanDelayS(), 1e-12);
    assertEquals(0, local.meanUploadDelayS(), 0);
    assertEquals(0, local.meanEdgeDelayS(), 0);
    assertEquals(0.1, local.meanLocalDelayS(), 1e-12);
    assertEquals(0.8, local.longRunAccuracy(), 1e-12);
    // never positive: the virtual queue gains 0.8 - 0.8 = 0 a slot
    assertEquals(0, local.virtualQueueBoundShare(), 0);
    CaptureControl.Figures edge = FleetControl.replay(
        new StaticController(SlotDecision.uniform(1, 4, true)), dyn, trace, ch);
    double upload = 0;
    int[] seen = new int[3];
    for (int[] slot : ch) {
      upload += 1e6 / m.uplinkRateBps(slot[0]);
      seen[slot[0]]++;
    }
    assertEquals(upload / 40, edge.meanUploadDelayS(), 1e-12);
    assertEquals(0.01, edge.meanEdgeDelayS(), 1e-12);
    assertEquals(0, edge.meanLocalDelayS(), 1e-9);
    for (int s = 0; s < 3; s++) {
      assertEquals(seen[s] == 0 ? Double.NaN : 1.0, edge.edgeShareByChannelState().get(s), 0, "state " + s);
      assertEquals(seen[s] == 0 ? Double.NaN : 0.0, local.edgeShareByChannelState().get(s), 0, "state " + s);
    }
    // a pinned virtual queue stays positive every slot; unpinned from 3.1 it drains (accuracy 1 > 0.8)
    CaptureControl.Figures pinned = FleetControl.replay(
        new StaticController(SlotDecision.uniform(1, 4, true)), dyn, trace, ch, 3.1, true);
    assertEquals(1, pinned.virtualQueueBoundShare(), 0);
    CaptureControl.Figures draining = FleetControl.replay(
        new StaticController(SlotDecision.uniform(1, 4, true)), dyn, trace, ch, 3.1, false);
    // 3.1 -> 2.9 -> ... -> 0.1 (slot 15): positive in the first 16 slots, 0 from slot 16
    assertEquals(16 / 40.0, draining.virtualQueueBoundShare(), 1e-12);
  }

  private static MissionDetectSettings.Control control(double target, double onBoardHz, double onBoardCycles,
      double edgeHz, double edgeCycles) {
    return new MissionDetectSettings.Control(true, 4, target, 0.8, onBoardHz, onBoardCycles, edgeHz, edgeCycles, 5,
        25, 0.2, 10, java.util.List.of(0.5, 0.6, 0.7, 1.0));
  }

  @Test
  void theBoundTimeSharesTheCheapestLevelsThatHoldTheTargetWorkedByHand() {
    // One drone always hovering, frames of 1 Mbit; on board 0.3 Gcycles a frame at 1.5 GHz: level k costs
    // 0.05 k s at accuracy 0.8 g(k) = 0.40, 0.48, 0.56, 0.80; the edge hopeless (1e9 cycles at 1 MHz).
    // Target 0.7. The lower convex hull of (accuracy, delay) runs straight from level 1 (0.40, 0.05) to
    // level 4 (0.80, 0.20) (slope 0.375 s per unit, below levels 2 and 3's 0.625): at 0.7 it mixes level 1
    // a quarter of the time, 0.25 x 0.05 + 0.75 x 0.20 = 0.1625 s. The best fixed rate is level 4 on board,
    // 0.2 s (level 3 gives 0.56 < 0.7), so fixed / bound = 0.2 / 0.1625 = 1.2308 < 1.25.
    double[] g = {0.5, 0.6, 0.7, 1.0};
    FleetControl.Trace trace = new FleetControl.Trace(alwaysHovering(20, 1), g, 1e6);
    MissionDetectSettings.Control settings = control(0.7, 1.5e9, 0.3e9, 1e6, 1e9);
    ControlModel m = FleetControl.model(trace, ControlModel.fromSettings(), settings);
    FleetControl.Bound b = FleetControl.bound(m, trace, FleetControl.channels(m, trace.slots(), 5)).orElseThrow();
    assertEquals(0.1625, b.lowerBoundS(), 1e-9);
    assertEquals(0.1625, b.figures().meanDelayS(), 1e-9);
    assertEquals(0.7, b.figures().longRunAccuracy(), 1e-9);
    assertEquals(0.25, b.lowerShare(), 1e-9);
    // the price where levels 1 and 4 cost the same: 0.15 s / 0.4 = 0.375 s per unit of accuracy
    assertEquals(0.375, b.priceS(), 1e-6);
    assertEquals(0.2, b.figures().p50DelayS(), 1e-12);
    assertEquals(0, b.figures().meanUploadDelayS(), 0);
    CaptureControl c = FleetControl.compare("test", trace, ControlModel.fromSettings(), settings, 5);
    assertEquals(0.2, c.fixed().meanDelayS(), 1e-12);
    assertTrue(c.reason().contains("no policy holding the target can go below 0.1625 s")
        && c.reason().contains("x1.231") && c.reason().contains("out of reach for any controller"), c.reason());
    assertTrue(c.alternatives().stream().anyMatch(a -> a.name().startsWith("bound 0.1625 s")), c.alternatives()
        .toString());
  }

  @Test
  void noPolicyHoldingTheTargetBeatsTheBoundOnRandomTraces() {
    long seed = 20261203L;
    System.out.println("FleetControlTest bound seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    MissionDetectSettings.Control settings = org.swarmsense.agents.settings.AgentsSettings.defaults().missionDetect()
        .control();
    for (int run = 0; run < 6; run++) {
      int drones = 2 + r.nextInt(3);
      double[][] a = new double[120][drones];
      for (double[] slot : a) {
        for (int n = 0; n < drones; n++) {
          slot[n] = r.nextDouble() < 0.6 ? 1 : 0;
        }
      }
      FleetControl.Trace trace = new FleetControl.Trace(a, new double[] {0.4, 0.6, 0.78, 1.0}, 1e5 + 2e5 *
          r.nextDouble());
      CaptureControl c = FleetControl.compare("test", trace, ControlModel.fromSettings(), settings, 11 + run);
      ControlModel m = FleetControl.model(trace, ControlModel.fromSettings(), settings);
      int[][] ch = FleetControl.channels(m, trace.slots(), 11 + run);
      FleetControl.Bound b = FleetControl.bound(m, trace, ch).orElseThrow();
      String what = "run " + run + ": bound " + b.lowerBoundS();
      assertTrue(b.figures().longRunAccuracy() >= 0.8 - 1e-6, what + ", its accuracy "
          + b.figures().longRunAccuracy());
      assertTrue(b.lowerBoundS() <= c.fixed().meanDelayS() + 1e-12, what + ", fixed " + c.fixed().meanDelayS());
      if (c.controlled().longRunAccuracy() >= 0.8 - 1e-9) {
        assertTrue(b.lowerBoundS() <= c.controlled().meanDelayS() + 1e-12, what + ", controller "
            + c.controlled().meanDelayS());
      }
      // every uniform decision that holds the target, carrying its queues
      for (int k = 1; k <= 4; k++) {
        for (int j = 0; j <= drones; j++) {
          boolean[] edge = new boolean[drones];
          int[] levels = new int[drones];
          Arrays.fill(levels, k);
          for (int i = 0; i < drones; i++) {
            edge[i] = r.nextBoolean();
          }
          CaptureControl.Figures f = FleetControl.replay(new StaticController(new SlotDecision(levels, edge)),
              new SlotDynamics(m), trace, ch);
          if (f.longRunAccuracy() >= 0.8 - 1e-9) {
            assertTrue(b.lowerBoundS() <= f.meanDelayS() + 1e-12, what + ", static " + Arrays.toString(edge)
                + " level " + k + " " + f.meanDelayS());
          }
        }
      }
      // the reaching policy is (up to the bisection) the bound itself
      assertEquals(b.lowerBoundS(), b.figures().meanDelayS(), 1e-6 * b.lowerBoundS(), what);
    }
  }

  @Test
  void raggedOrEmptyTracesAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FleetControl.Trace(new double[][] {{1, 1}, {1}}, G, 1e6));
    assertTrue(e.getMessage().contains("arrivalsTasks[1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new FleetControl.Trace(alwaysHovering(2, 2), G, 0));
    assertTrue(e.getMessage().contains("frameBits"), e.getMessage());
  }
}
