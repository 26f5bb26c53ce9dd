package org.swarmsense.semantic.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlotDynamicsTest {

  /**
   * One service, two devices, task 1 Mbit, eta_c = 100, eta_u = 100, f_n = 1e8 Hz (local 1 Mbit/s),
   * f_b = 1e9 Hz (edge 10 Mbit/s), K = 2 with g = (0.5, 1), h = 0.5 local / 1 edge, one channel
   * channel state whose gain gives SNR 3 on W = 2 MHz over 2 devices: R = 1e6 log2(4) = 2 Mbit/s.
   */
  private static ControlModel tiny() {
    double shareHz = 1e6;
    double noiseMw = Math.pow(10, (-174 + 5) / 10.0) * shareHz;
    double gain = 3 * noiseMw / Math.pow(10, 20 / 10.0);
    return new ControlModel(List.of(new ServiceProfile("S", 2, 1e6, 100, 100, 0.9)), List.of(0.5, 1.0), 0.5, 1.0,
        1, 1, 0, 1e8, 1e9, 2e6, 20, -174, 5, new MarkovChannel(List.of(List.of(1.0)), List.of(gain)), 3e6, 4e6, 1,
        0.1, 1);
  }

  @Test
  void workedSlot() {
    SlotDynamics dyn = new SlotDynamics(tiny());
    assertEquals(2e6, dyn.model().uplinkRateBps(0), 1e-3);
    // Device 0: level 2 (1 Mbit), local, queue 0.5 Mbit: delay (0.5 + 1) Mbit / 1 Mbit/s = 1.5 s.
    // Device 1: level 1 (0.5 Mbit), edge, edge queue 2 Mbit: upload 0.5/2 = 0.25 s; no other offloader so
    // omega = 0; L = 100 (2e6 + 0.5e6) = 2.5e8 cycles, c = 1 -> 0.25 s. Delay 0.5 s.
    // D = (1.5 + 0.5) / 2 = 1.0. Accuracy = (1 * 0.5 + 0.5 * 1) / 2 = 0.5. Z = 2:
    // reward = -0.1 * 1.0 - 2 * (0.9 - 0.5) = -0.9.
    SlotState s = new SlotState(new double[] {0.5e6, 0}, new int[] {0, 0}, new double[] {1, 1}, new double[] {2e6},
        new double[] {2});
    SlotDecision d = new SlotDecision(new int[] {2, 1}, new boolean[] {false, true});
    SlotDynamics.Transition t = dyn.step(s, d, EdgeSplit.CLOSED_FORM);
    assertEquals(1.0, t.outcome().meanDelayS(), 1e-12);
    assertEquals(0.5, t.outcome().accuracy().get(0), 1e-12);
    assertEquals(-0.9, t.outcome().reward(), 1e-12);
    assertEquals(0.5e6, t.outcome().uploadedBits(), 1e-6);
    // edge part: 0.25 s of device 1, over 2 devices
    assertEquals(0.125, t.outcome().meanEdgeDelayS(), 1e-12);
    // upload part: 0.25 s of device 1, over 2 devices (the local 1.5 s is the rest)
    assertEquals(0.125, t.outcome().meanUploadDelayS(), 1e-12);
    // Next: local 0.5 + 1 - 1 = 0.5 Mbit; edge 2 + 0.5 - 10 -> 0; Z = 2 + 0.4 = 2.4.
    assertEquals(0.5e6, t.localQueueBits()[0], 1e-6);
    assertEquals(0, t.localQueueBits()[1], 1e-6);
    assertEquals(0, t.edgeQueueBits()[0], 1e-6);
    assertEquals(2.4, t.virtualQueues()[0], 1e-12);
    assertEquals(0, t.outcome().overflows());
  }

  @Test
  void waitingAmongArrivalsAndNoEdgeDelayForLocalTasks() {
    SlotDynamics dyn = new SlotDynamics(tiny());
    // Both at the edge at level 2 (1 Mbit each), edge queue 0: omega = 0.5 Mbit each;
    // L = 100 * 2 * (1 + 0.5) Mbit = 3e8 cycles -> 0.3 s summed; uploads 0.5 s each; D = (1.0 + 0.3) / 2 = 0.65.
    SlotState s = new SlotState(new double[] {0, 0}, new int[] {0, 0}, new double[] {1, 1}, new double[] {0},
        new double[] {0});
    assertEquals(0.65, dyn.outcome(s, SlotDecision.uniform(2, 2, true), EdgeSplit.CLOSED_FORM).meanDelayS(), 1e-12);
    // All local: a big edge queue changes nothing (README choice 2).
    SlotState busyEdge = new SlotState(new double[] {0, 0}, new int[] {0, 0}, new double[] {1, 1},
        new double[] {3.9e6}, new double[] {0});
    SlotDecision local = SlotDecision.uniform(2, 2, false);
    assertEquals(dyn.outcome(s, local, EdgeSplit.CLOSED_FORM).meanDelayS(),
        dyn.outcome(busyEdge, local, EdgeSplit.CLOSED_FORM).meanDelayS(), 0);
  }

  @Test
  void accuracyIsOverDevicesWithTasksAndAnIdleServiceIsNotMeasured() {
    SlotDynamics dyn = new SlotDynamics(tiny());
    // Device 0 has tasks (level 2 at the edge: g h = 1), device 1 none (level 1, local: would be 0.25):
    // A = 1, not (1 + 0.25) / 2. Z = 2 drops by 1 - 0.9 to 1.9; reward has +2 * 0.1.
    SlotState s = new SlotState(new double[] {0, 0}, new int[] {0, 0}, new double[] {1, 0}, new double[] {0},
        new double[] {2});
    SlotDynamics.Transition t = dyn.step(s, new SlotDecision(new int[] {2, 1}, new boolean[] {true, false}),
        EdgeSplit.CLOSED_FORM);
    assertEquals(1.0, t.outcome().accuracy().get(0), 1e-12);
    assertEquals(1.9, t.virtualQueues()[0], 1e-12);
    // D counts device 0 only: upload 1 Mbit / 2 Mbit/s = 0.5 s, edge 100 x 1e6 / 1e9 = 0.1 s -> 0.6 s.
    assertEquals(0.6, t.outcome().meanDelayS(), 1e-12);
    // The idle device "at the edge" puts no load there: same delay as with it on board.
    SlotDynamics.Transition both = dyn.step(s, new SlotDecision(new int[] {2, 1}, new boolean[] {true, true}),
        EdgeSplit.CLOSED_FORM);
    assertEquals(0.6, both.outcome().meanDelayS(), 1e-12);
    assertEquals(1e6, both.outcome().uploadedBits(), 0);
    // Nobody has tasks: A is NaN, Z stays 2 and adds nothing to the reward (which is then -V D only).
    SlotState idle = new SlotState(new double[] {0, 0}, new int[] {0, 0}, new double[] {0, 0}, new double[] {0},
        new double[] {2});
    t = dyn.step(idle, new SlotDecision(new int[] {1, 1}, new boolean[] {false, false}), EdgeSplit.CLOSED_FORM);
    assertTrue(Double.isNaN(t.outcome().accuracy().get(0)));
    assertEquals(2.0, t.virtualQueues()[0], 0);
    assertEquals(0, t.outcome().meanDelayS(), 0);
    assertEquals(0, t.outcome().reward(), 0);
  }

  @Test
  void overflowIsCountedAndPenalised() {
    SlotDynamics dyn = new SlotDynamics(tiny());
    // Local queue 2.9 Mbit + 1 Mbit - 1 Mbit served = 2.9 < 3: no overflow; 3.5 + 1 - 1 = 3.5 > 3: overflow.
    SlotState ok = new SlotState(new double[] {2.9e6, 0}, new int[] {0, 0}, new double[] {1, 0}, new double[] {0},
        new double[] {0});
    SlotState over = new SlotState(new double[] {3.5e6, 0}, new int[] {0, 0}, new double[] {1, 0}, new double[] {0},
        new double[] {0});
    SlotDecision d = SlotDecision.uniform(2, 2, false);
    assertEquals(0, dyn.step(ok, d, EdgeSplit.CLOSED_FORM).outcome().overflows());
    SlotDynamics.Transition t = dyn.step(over, d, EdgeSplit.CLOSED_FORM);
    assertEquals(1, t.outcome().overflows());
    assertEquals(3e6, t.localQueueBits()[0], 1e-6);
    // delay (3.5 + 1) / 1 = 4.5 s on device 0; device 1 has no tasks and does not count -> D = 4.5;
    // reward -0.1 (4.5 + 1) = -0.55
    assertEquals(4.5, t.outcome().meanDelayS(), 1e-12);
    assertEquals(-0.55, t.outcome().reward(), 1e-12);
  }

  @Test
  void badInputNamesTheField() {
    SlotDynamics dyn = new SlotDynamics(tiny());
    SlotState s = new SlotState(new double[] {0, 0}, new int[] {0, 0}, new double[] {1, 1}, new double[] {0},
        new double[] {0});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dyn.outcome(s, SlotDecision.uniform(2, 3, true), EdgeSplit.CLOSED_FORM));
    assertTrue(e.getMessage().contains("level") && e.getMessage().contains("3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SlotState(new double[] {-1}, new int[] {0},
        new double[] {1}, new double[] {0}, new double[] {0}));
    assertTrue(e.getMessage().contains("localQueueBits[0]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ControlModel.fromSettings().withBandwidthHz(-5));
    assertTrue(e.getMessage().contains("bandwidthHz") && e.getMessage().contains("-5"), e.getMessage());
  }
}
