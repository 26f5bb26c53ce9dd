package org.swarmsense.epos.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-agent step API on a three-agent tree worked out by hand: root 2 with children 1 (child 0)
 * and 0 (child 1), VAR, INDEX, d = 2.
 */
class AgentStepTest {
  private static final EposConfig CONFIG = EposConfig.defaults();
  // agent 0: [0,3] or [1,0]; agent 1: [2,0] or [0,1]; agent 2 (root): [1,0] or [0,0]
  private static final AgentPlans A0 = plans(0, new double[] {0, 3, 1, 0});
  private static final AgentPlans A1 = plans(1, new double[] {2, 0, 0, 1});
  private static final AgentPlans A2 = plans(2, new double[] {1, 0, 0, 0});

  private static AgentPlans plans(int id, double[] v) {
    return AgentPlans.ofFlat(id, 2, new double[2], v);
  }

  @Test
  void firstIterationIsAGreedyBottomUpPass() {
    AgentStep s0 = new AgentStep(A0, CONFIG);
    AgentStep s1 = new AgentStep(A1, CONFIG);
    AgentStep s2 = new AgentStep(A2, CONFIG);
    // leaves: VAR([2,0]) = 1 > VAR([0,1]) = 0.25, VAR([0,3]) = 2.25 > VAR([1,0]) = 0.25
    AgentStep.Up up1 = s1.up(s1.initial(0, 0, 0), List.of());
    AgentStep.Up up0 = s0.up(s0.initial(0, 0, 0), List.of());
    assertEquals(1, up1.state().selected());
    assertArrayEquals(new double[] {0, 1}, up1.toParent().response());
    assertEquals(1.0, up1.toParent().sumLocalCost());
    assertEquals(1, up1.toParent().subtreeSize());
    // root: a = [1,1]; + [1,0] -> VAR 0.25, + [0,0] -> VAR 0: picks plan 1
    AgentStep.Up up2 = s2.up(s2.initial(2, 0, 0), List.of(up1.toParent(), up0.toParent()));
    assertEquals(1, up2.state().selected());
    assertArrayEquals(new double[] {1, 1}, up2.toParent().response());
    assertEquals(3, up2.toParent().subtreeSize());
    assertEquals(3.0, up2.toParent().sumLocalCost());
    AgentStep.Down down2 = s2.down(up2.state(), DownMessage.fromRoot(up2.toParent()));
    assertEquals(2, down2.toChildren().size());
    assertTrue(down2.toChildren().get(0).approved() && down2.toChildren().get(1).approved());
    assertArrayEquals(new double[] {1, 1}, down2.toChildren().get(1).global());
    assertEquals(3, down2.toChildren().get(0).numAgents());
    AgentStep.Down down1 = s1.down(up1.state(), down2.toChildren().get(0));
    assertEquals(0, down1.toChildren().size());
    assertArrayEquals(new double[] {1, 1}, down1.state().global());
  }

  @Test
  void aDisapprovedAgentRevertsToItsPreviousSelection() {
    AgentStep s1 = new AgentStep(A1, CONFIG);
    AgentState st = s1.up(s1.initial(0, 0, 0), List.of()).state();
    // the global response after iteration 0 makes plan 0 attractive: g = [0, 5] -> other = [0, 4]
    st = s1.down(st, new DownMessage(new double[] {0, 5}, 3, 5, 3, true)).state();
    AgentStep.Up up = s1.up(st, List.of());
    assertEquals(0, up.state().selected(), "other [0,4]: [2,4] VAR 1 beats [0,5] VAR 6.25");
    AgentState reverted = s1.down(up.state(), new DownMessage(new double[] {0, 5}, 3, 5, 3, false)).state();
    assertEquals(1, reverted.selected());
    assertArrayEquals(new double[] {0, 1}, reverted.response());
    assertFalse(reverted.approvedMask() != 0);
  }

  @Test
  void wrongMessagesAreRefused() {
    AgentStep s2 = new AgentStep(A2, CONFIG);
    AgentState st = s2.initial(2, 0, 0);
    String e = assertThrows(IllegalArgumentException.class, () -> s2.up(st, List.of())).getMessage();
    assertTrue(e.contains("expects 2 child messages, got 0"), e);
    UpMessage wide = new UpMessage(new double[3], 0, 0, 1);
    e = assertThrows(IllegalArgumentException.class, () -> s2.up(st, List.of(wide, wide))).getMessage();
    assertTrue(e.contains("dimension 3"), e);
  }
}
