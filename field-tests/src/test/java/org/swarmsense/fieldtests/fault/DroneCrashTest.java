package org.swarmsense.fieldtests.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.drone.Drone;
import org.swarmsense.agents.drone.DroneSetup;
import org.swarmsense.epos.sensing.flight.FlightPhase;
import org.swarmsense.agents.settings.AgentsSettings;
import org.swarmsense.epos.sensing.plans.CandidatePlan;

/**
 * A drone agent crashes mid-flight (an injected fault, three times): supervision restarts it from
 * its checkpoint each time, and it keeps its plan, its simulated clock (never going back), its
 * position along the plan, its battery (never recharged by a restart) and its subscribers (telemetry
 * keeps arriving without subscribing again), and it finishes the sortie. Prints the figures.
 */
class DroneCrashTest {
  static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString("""
      swarmsense.agents {
        telemetry-interval = 20ms
        simulation-speed = 60
      }
      pekko.loglevel = WARNING
      """).withFallback(ConfigFactory.load()));
  static final AgentsSettings SETTINGS = AgentsSettings.create(testKit.system());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** One sortie from base (0, 0): 694 m east, hover, 694 m north, hover, back; take-off at 0 s. */
  static CandidatePlan twoStops(double hoverS) {
    List<double[]> path = List.of(new double[] {0, 0}, new double[] {694, 0}, new double[] {694, 694},
        new double[] {0, 0});
    List<CandidatePlan.Stop> stops = List.of(new CandidatePlan.Stop(3, 694, 0, 100, hoverS),
        new CandidatePlan.Stop(5, 694, 694, 300 + hoverS, hoverS));
    CandidatePlan.Sortie s = new CandidatePlan.Sortie(path, stops, 0, 1000);
    return new CandidatePlan(0, 0, 0, new int[] {3, 5}, new double[] {hoverS, hoverS}, 1000, 0.01, List.of(s));
  }

  @Test
  void aCrashedDroneRestartsWithItsStateAndFinishesItsSortie() {
    ActorRef<Drone.Command> drone = testKit.spawn(Drone.create("d-crash-field", DroneSetup.at(0, 0), SETTINGS));
    TestProbe<Drone.Telemetry> telemetry = testKit.createTestProbe();
    TestProbe<Drone.PlanReply> reply = testKit.createTestProbe();
    TestProbe<Drone.Status> status = testKit.createTestProbe();
    drone.tell(new Drone.Subscribe(telemetry.getRef(), null));
    drone.tell(new Drone.FlyPlan(1, twoStops(120), 0, reply.getRef()));
    Drone.PlanAccepted accepted = assertInstanceOf(Drone.PlanAccepted.class, reply.receiveMessage());
    telemetry.fishForMessage(Duration.ofSeconds(10),
        t -> t.state().phase() != FlightPhase.IDLE && t.state().tS() > 60 ? FishingOutcomes.complete()
            : FishingOutcomes.continueAndIgnore());
    for (int crash = 1; crash <= 3; crash++) {
      drone.tell(new Drone.GetStatus(status.getRef()));
      Drone.Status before = status.receiveMessage();
      drone.tell(new Drone.InjectFault(Drone.Fault.CRASH));
      drone.tell(new Drone.GetStatus(status.getRef()));
      Drone.Status after = status.receiveMessage();
      System.out.printf("crash %d: restarts %d, plan kept %b, clock %.1f -> %.1f s, battery %.2f -> %.2f %%, phase %s -> %s,"
              + " position (%.0f, %.0f) -> (%.0f, %.0f) m%n", crash, after.restarts(), after.hasPlan(),
          before.state().tS(), after.state().tS(), before.state().batteryPercent(), after.state().batteryPercent(),
          before.state().phase(), after.state().phase(), before.state().xM(), before.state().yM(),
          after.state().xM(), after.state().yM());
      assertEquals(crash, after.restarts());
      assertTrue(after.hasPlan(), "plan kept");
      assertTrue(after.state().tS() >= before.state().tS(), "clock never goes back");
      assertTrue(after.state().batteryPercent() <= before.state().batteryPercent(), "a restart does not recharge");
      assertTrue(after.state().energyUsedJ() >= before.state().energyUsedJ(), "energy used kept");
      // still subscribed: telemetry keeps coming after the restart, with the clock moving on
      double t = after.state().tS();
      telemetry.fishForMessage(Duration.ofSeconds(5),
          m -> m.state().tS() > t ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    }
    // and the sortie is finished: back on the ground after its planned end
    Drone.Telemetry landed = telemetry.fishForMessage(Duration.ofSeconds(30),
        m -> m.state().tS() > accepted.endS() && m.state().flightsDone() >= 1 ? FishingOutcomes.complete()
            : FishingOutcomes.continueAndIgnore()).get(0);
    assertEquals(1, landed.state().flightsDone());
    System.out.printf("sortie done after 3 crashes: flights %d, energy used %.0f J (plan said %.0f J), at t = %.0f s%n",
        landed.state().flightsDone(), landed.state().energyUsedJ(), accepted.energyJ(), landed.state().tS());
  }
}
