package org.swarmsense.agents.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.swarmsense.epos.sensing.evaluation.CaptureControl;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.SlotDynamics;

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
        25, 0.2);
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
    int slots = 2000;
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
