package org.swarmsense.agents.planning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.maps.SharedData;
import org.swarmsense.agents.testing.TestConfig;
import org.swarmsense.epos.core.AgentPlans;
import org.swarmsense.epos.core.Dataset;
import org.swarmsense.epos.core.Epos;
import org.swarmsense.epos.core.EposConfig;
import org.swarmsense.epos.core.EposResult;
import org.swarmsense.epos.core.GlobalCosts;
import org.swarmsense.epos.core.LocalCost;

/** The actor version selects exactly what the in-process engine selects, and survives faults. */
class DecentralizedEposTest {
  static final ActorTestKit testKit = ActorTestKit.create(TestConfig.fast());
  static final Duration GENEROUS = Duration.ofSeconds(10);

  @AfterAll
  static void cleanup() {
    testKit.shutdownTestKit();
  }

  static PlanningGroup.Outcome runActors(List<AgentPlans> plans, EposConfig config, Duration iterationTimeout,
      java.util.function.Consumer<List<ActorRef<PlanningAgent.Command>>> beforeRun) {
    ActorRef<PlanningGroup.Command> group = testKit.spawn(PlanningGroup.create(plans, config, iterationTimeout,
        Duration.ofSeconds(60)));
    TestProbe<PlanningGroup.Agents> agents = testKit.createTestProbe();
    group.tell(new PlanningGroup.GetAgents(agents.getRef()));
    beforeRun.accept(agents.receiveMessage().agents());
    TestProbe<PlanningGroup.Outcome> out = testKit.createTestProbe();
    group.tell(new PlanningGroup.Run(1, out.getRef()));
    PlanningGroup.Outcome o = out.receiveMessage(Duration.ofSeconds(90));
    testKit.stop(group);
    return o;
  }

  static void assertSame(EposResult expected, PlanningGroup.Outcome actual) {
    assertEquals(expected.repetitions(), actual.rounds().size());
    for (int r = 0; r < expected.repetitions(); r++) {
      RoundResult round = actual.rounds().get(r);
      assertTrue(round.complete(), "round " + r + " complete");
      assertEquals(0, round.missedChildren(), "no timeouts in round " + r);
      double[] g = round.globalCost();
      assertEquals(expected.iterations(), g.length);
      for (int t = 0; t < g.length; t++) {
        assertEquals(expected.globalCost(r, t), g[t], 0.0, "repetition " + r + " iteration " + t);
      }
      assertArrayEquals(expected.selectedPlans(r), round.selected(), "repetition " + r);
      assertArrayEquals(expected.finalGlobalResponse(r), round.finalGlobal(), 0.0, "repetition " + r);
    }
  }

  @Test
  void gaussianReferenceRunIsReproducedByTheActors() {
    List<AgentPlans> plans = Dataset.read(SharedData.folder("epos/gaussian"), 10).agents();
    EposConfig config = EposConfig.defaults().withRepetitions(5);
    PlanningGroup.Outcome o = runActors(plans, config, GENEROUS, a -> {});
    assertSame(Epos.run(plans, config), o);
    assertEquals(4.304425459580881, o.rounds().get(0).globalCost()[39], 1e-9 * 4.3);
  }

  @Test
  void randomPlansWithWeightsAndThreeChildrenMatchTheEngine() {
    long seed = new Random().nextLong();
    System.out.println("DecentralizedEposTest random seed: " + seed);
    Random rnd = new Random(seed);
    int n = 40 + rnd.nextInt(40);
    int k = 8;
    int d = 24;
    List<AgentPlans> plans = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] costs = new double[k];
      double[] values = new double[k * d];
      for (int j = 0; j < k; j++) {
        costs[j] = rnd.nextDouble();
      }
      for (int j = 0; j < values.length; j++) {
        values[j] = rnd.nextGaussian();
      }
      plans.add(AgentPlans.ofFlat(i, d, costs, values));
    }
    double[] goal = new double[d];
    for (int j = 0; j < d; j++) {
      goal[j] = 3 * Math.sin(j / 3.0);
    }
    EposConfig config = EposConfig.defaults().withRepetitions(2).withChildren(3).withIterations(25)
        .withWeights(0.1, 0.2).withLocalCost(LocalCost.DISC).withSeed(seed)
        .withGlobalCost(GlobalCosts.byName("SQR", goal, null));
    assertSame(Epos.run(plans, config), runActors(plans, config, GENEROUS, a -> {}));
  }

  @Test
  void crashedAgentsRestartWithTheirStateAndChangeNothing() {
    List<AgentPlans> plans = Dataset.read(SharedData.folder("epos/gaussian"), 10).agents();
    EposConfig config = EposConfig.defaults().withRepetitions(2);
    PlanningGroup.Outcome o = runActors(plans, config, GENEROUS, agents -> {
      for (int a : new int[] {0, 5, 10}) {
        agents.get(a).tell(new PlanningAgent.InjectFault(PlanningAgent.Fault.CRASH));
      }
    });
    assertSame(Epos.run(plans, config), o);
  }

  @Test
  void aSilentLeafKeepsItsLastPlanAndTheRoundFinishes() {
    List<AgentPlans> plans = Dataset.read(SharedData.folder("epos/gaussian"), 10).agents();
    EposConfig config = EposConfig.defaults().withRepetitions(1).withIterations(10);
    // repetition 0: agent 0 is a leaf (BFS position 10, parent agent 6)
    PlanningGroup.Outcome o = runActors(plans, config, Duration.ofMillis(300),
        agents -> agents.get(0).tell(new PlanningAgent.InjectFault(PlanningAgent.Fault.SILENT)));
    RoundResult r = o.rounds().get(0);
    assertEquals(10, r.iterationsDone());
    assertEquals(List.of(0), r.unresponsive());
    assertTrue(r.missedChildren() >= 10, "its parent missed it every iteration: " + r.missedChildren());
    // the global response is exactly the other agents' selected plans: the silent agent never
    // answered, so its parent counted it as an empty subtree
    double[] expected = new double[plans.get(0).dimension()];
    int[] sel = r.selected();
    for (int a = 1; a < plans.size(); a++) {
      for (int j = 0; j < expected.length; j++) {
        expected[j] += plans.get(a).value(sel[a], j);
      }
    }
    assertArrayEquals(expected, r.finalGlobal(), 1e-9);
  }

  @Test
  void aSilentInnerAgentFreezesItsSubtreeButNotTheRound() {
    List<AgentPlans> plans = Dataset.read(SharedData.folder("epos/gaussian"), 10).agents();
    EposConfig config = EposConfig.defaults().withRepetitions(1).withIterations(10);
    // repetition 0: agent 8 sits at position 2 with the subtree {8, 5, 4}
    PlanningGroup.Outcome o = runActors(plans, config, Duration.ofMillis(300),
        agents -> agents.get(8).tell(new PlanningAgent.InjectFault(PlanningAgent.Fault.SILENT)));
    RoundResult r = o.rounds().get(0);
    assertEquals(10, r.iterationsDone());
    assertEquals(List.of(4, 5, 8), r.unresponsive());
    assertTrue(r.missedChildren() >= 10, "root missed its child every iteration: " + r.missedChildren());
  }
}
