package org.swarmsense.semantic.control.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.semantic.control.ControlEnvironment;
import org.swarmsense.semantic.control.ControlModel;
import org.swarmsense.semantic.control.EdgeSplit;

class DdpgAgentTest {

  /** A one-step task: state s ~ U(-1, 1), reward -(a - s/2)^2; the best actor is a = s/2. */
  private static double[] trainBandit(DdpgSettings settings, long seed, int steps) {
    DdpgAgent agent = new DdpgAgent(1, 1, settings, seed, 10_000);
    SplittableRandom env = new SplittableRandom(seed + 1);
    for (int t = 0; t < steps; t++) {
      double[] s = {env.nextDouble(-1, 1)};
      double[] a = agent.explore(s);
      double r = -(a[0] - s[0] / 2) * (a[0] - s[0] / 2);
      agent.remember(s, a, r, new double[] {env.nextDouble(-1, 1)});
      agent.update();
    }
    return agent.actor().parameters();
  }

  private static final DdpgSettings BANDIT = new DdpgSettings(32, 16, 1e-3, 1e-3, 0.3, 0.0, 0.01, 32, 10_000, 1, 1,
      false, 1, 0, 0);

  @Test
  void sameSeedSameNumbersOtherSeedOtherNumbers() {
    double[] a = trainBandit(BANDIT, 1, 300);
    double[] b = trainBandit(BANDIT, 1, 300);
    double[] c = trainBandit(BANDIT, 2, 300);
    assertArrayEquals(a, b, 0);
    assertFalse(Arrays.equals(a, c));
    double[] t1 = trainBandit(BANDIT.withTwinDelayed(), 1, 300);
    assertArrayEquals(t1, trainBandit(BANDIT.withTwinDelayed(), 1, 300), 0);
  }

  @Test
  void learnsTheBandit() {
    for (DdpgSettings s : new DdpgSettings[] {BANDIT, BANDIT.withTwinDelayed()}) {
      DdpgAgent agent = new DdpgAgent(1, 1, s, 9, 10_000);
      SplittableRandom env = new SplittableRandom(10);
      System.out.println("DdpgAgentTest bandit seeds 9/10, td3 " + s.twinDelayed());
      for (int t = 0; t < 3000; t++) {
        double[] st = {env.nextDouble(-1, 1)};
        double[] a = agent.explore(st);
        agent.remember(st, a, -(a[0] - st[0] / 2) * (a[0] - st[0] / 2), new double[] {0});
        agent.update();
      }
      for (double st = -0.9; st <= 0.9; st += 0.3) {
        assertEquals(st / 2, agent.act(new double[] {st})[0], 0.1, "state " + st + " td3 " + s.twinDelayed());
      }
    }
  }

  @Test
  void trainingIsReproducibleAndThePolicyFileRoundTrips(@TempDir Path dir) {
    ControlModel model = ControlModel.fromSettings();
    DdpgSettings settings = DdpgSettings.fromSettings().withSchedule(2, 40);
    for (ActionMapping mapping : ActionMapping.values()) {
      var anchor = mapping == ActionMapping.ANCHOR_RESIDUAL
          ? org.swarmsense.semantic.control.StaticController.allAtEdge(model).decision() : null;
      Training.Result a = Training.train("x", model, 1, settings, mapping, anchor, 3, e -> { });
      Training.Result b = Training.train("x", model, 1, settings, mapping, anchor, 3, e -> { });
      Path file = dir.resolve(mapping + ".policy");
      a.controller().save(file);
      LearnedController loaded = LearnedController.load(file, model);
      ControlEnvironment env = new ControlEnvironment(model, 1, EdgeSplit.CLOSED_FORM);
      env.reset(77);
      for (int t = 0; t < 30; t++) {
        var d = a.controller().decide(env.state());
        assertEquals(d, b.controller().decide(env.state()), "slot " + t + " " + mapping);
        assertEquals(d, loaded.decide(env.state()), "slot " + t + " " + mapping);
        env.step(d);
      }
      assertEquals(mapping, loaded.mapping());
    }
  }

  @Test
  void aDamagedPolicyFileIsRefusedWithItsName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.policy");
    Files.writeString(file, "not a policy");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LearnedController.load(file, ControlModel.fromSettings()));
    assertTrue(e.getMessage().contains("bad.policy"), e.getMessage());
  }

  @Test
  void thresholdMappingAndEmbeddingAgree() {
    // K = 4: a in [-1,-0.5) -> 1, [-0.5,0) -> 2, [0,0.5) -> 3, [0.5,1] -> 4; edge iff a >= 0
    var d = ActionMapping.threshold(new double[] {-1, -0.5, 0.49, 1, -0.01, 0, 0.2, -1}, 4);
    assertEquals("SlotDecision[1L 2E 3E 4L]", d.toString());
    assertEquals(d, ActionMapping.threshold(ActionMapping.embed(d, 4), 4));
    // residual around 1L 2E 3E 4L: steps -1, 0, +1, +1 (clamped at 4); flips where a >= 1/3
    var r = ActionMapping.residual(new double[] {-0.5, 0.3, 0.34, 1, 0.4, 0.33, -1, 1}, d, 4);
    assertEquals("SlotDecision[1E 2E 4E 4E]", r.toString());
  }
}
